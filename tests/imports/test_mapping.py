"""Guessing the column mapping from headers (EN/FR/ES) and saved, reusable mappings."""

from __future__ import annotations

import pytest

from heard.core.errors import DomainError
from heard.imports import queries, services
from heard.imports.mapping import fold, guess_mapping
from heard.imports.models import ColumnMapping


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Name", "E-mail", "Organization", "Country", "Languages", "Time zone", "Tags"],
            ["name", "email", "organisation", "country", "languages", "time_zone", "tags"],
        ),
        (
            ["Nom", "Courriel", "Organisme", "Pays", "Langues", "Fuseau horaire", "Téléphone"],
            ["name", "email", "organisation", "country", "languages", "time_zone", "phone"],
        ),
        (
            [
                "Nombre",
                "Correo electrónico",
                "Organización",
                "País",
                "Idiomas",
                "Teléfono",
                "Notas",
            ],
            ["name", "email", "organisation", "country", "languages", "phone", "notes"],
        ),
        (
            ["NOM", "PAYS", "Catégorie", "Niveau de sécurité", "Relation clé"],
            ["name", "country", "category", "safety_level", "is_key_relationship"],
        ),
        (["Work email", "Pays de résidence", "Mystery"], ["email", "country", ""]),
    ],
)
def test_guess_stakeholder_headers(headers, expected):
    assert list(guess_mapping("stakeholders", headers).values()) == expected


def test_guess_organisation_headers():
    mapping = guess_mapping("organisations", ["Nombre", "Tipo", "Sitio web", "Matriz", "Pays"])
    assert mapping == {
        "Nombre": "name",
        "Tipo": "type",
        "Sitio web": "website",
        "Matriz": "parent",
        "Pays": "country",
    }


def test_each_target_is_guessed_once():
    assert list(guess_mapping("stakeholders", ["Email", "Courriel"]).values()) == ["email", ""]


def test_fold():
    assert fold("  Correo Electrónico ") == "correo electronico"


def test_mapping_is_guessed_on_upload(make_job):
    job = make_job("Nom;Pays;Correo electrónico\nAda;France;ada@example.org\n".encode())
    assert job.mapping == {"Nom": "name", "Pays": "country", "Correo electrónico": "email"}
    assert job.delimiter == ";"


def test_set_mapping_needs_a_name_column(workspace, importer, make_job):
    job = make_job(b"Full,Mail\nAda,a@x.org\n")
    with pytest.raises(DomainError, match="Name"):
        services.set_mapping(
            workspace=workspace, actor=importer, job=job, mapping={"Full": "", "Mail": "email"}
        )


def test_saved_mapping_is_reused(workspace, importer, make_job):
    first = make_job(b"Full,Mail,Land\nAda,a@x.org,KE\n")
    services.set_mapping(
        workspace=workspace,
        actor=importer,
        job=first,
        mapping={"Full": "name", "Mail": "email", "Land": "country"},
        save_as="Our CRM",
    )
    saved = ColumnMapping.objects.get(workspace=workspace, name="Our CRM")
    assert saved.mapping == {"Full": "name", "Mail": "email", "Land": "country"}

    second = make_job(b"FULL,land,Other\nGrace,GH,x\n")
    found = queries.saved_mapping(workspace, "stakeholders", name="our crm")
    assert services.apply_saved_mapping(second, found) == {
        "FULL": "name",
        "land": "country",
        "Other": "",
    }


def test_saving_again_replaces(workspace, importer, make_job):
    job = make_job(b"Name,Email\nAda,a@x.org\n")
    for mapping in ({"Name": "name", "Email": "email"}, {"Name": "name", "Email": ""}):
        services.set_mapping(
            workspace=workspace, actor=importer, job=job, mapping=mapping, save_as="Mine"
        )
    assert ColumnMapping.objects.get(workspace=workspace, name="Mine").mapping == {"Name": "name"}


def test_mapping_ignores_unknown_targets_and_headers(workspace, importer, make_job):
    job = make_job(b"Name,Email\nAda,a@x.org\n")
    services.set_mapping(
        workspace=workspace,
        actor=importer,
        job=job,
        mapping={"Name": "name", "Email": "password", "Ghost": "email"},
    )
    assert job.mapping == {"Name": "name", "Email": ""}
