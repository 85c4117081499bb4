"""Preview, apply (all or nothing), match modes, audit, background work and progress."""

from __future__ import annotations

import pytest

from heard.core.audit import verify_chain
from heard.core.crypto import blind_index
from heard.core.errors import DomainError
from heard.core.models import AuditAction, AuditEntry
from heard.imports import progress, services, writers
from heard.imports.models import ImportJob, ImportStatus
from heard.stakeholders.models import Organisation, Stakeholder, Tag, Topic
from tests.factories import OrganisationFactory, StakeholderFactory

HEADER = (
    "Name,Email,Organisation,Country,Languages,Category,Relation,Time zone,Topics,"
    "Key relationship,Safety level,Relationship owner,Tags,Phone\n"
)


def good_rows(importer, count=3) -> str:
    return "".join(
        f"Person {n},p{n}@example.org,Org {n % 2},{['Kenya', 'BRA', 'fr'][n % 3]},"
        f'"sw, en",Expert / academic,potentially_affected,Africa/Nairobi,'
        f"privacy; surveillance,oui,standard,{importer.email},imported,+254 700 000 00{n}\n"
        for n in range(count)
    )


def apply(workspace, importer, job, match_mode="skip"):
    return services.request_apply(
        workspace=workspace, actor=importer, job=job, match_mode=match_mode
    )


def test_preview_counts_and_sample(workspace, importer, make_job):
    StakeholderFactory(
        workspace=workspace, email="p1@example.org", email_index=blind_index("p1@example.org")
    )
    job = make_job((HEADER + good_rows(importer)).encode())
    assert job.status == ImportStatus.PREVIEWED
    assert job.error_count == 0
    assert job.summary["preview"]["new"] == 2
    assert job.summary["preview"]["matching"] == 1
    sample = job.summary["preview"]["sample"][0]
    assert sample["country"] == "KE"
    assert sample["languages"] == "sw, en"
    assert sample["category"] == "expert_academic"
    assert sample["is_key_relationship"] is True
    assert sample["relationship_owner"] == importer.email
    assert not Stakeholder.objects.filter(name="Person 0").exists()


def test_preview_lists_problems_by_row_and_column(workspace, importer, make_job):
    data = (
        b"Name,Email,Country,Languages,Time zone,Key relationship,Category,Relationship owner\n"
        b"Ada,ada@example.org,KE,en,UTC,yes,employee,\n"
        b",not-an-email,Atlantis,xx,Mars/Base,maybe,wizard,nobody@example.org\n"
        b"Grace,ADA@example.org,KEN,fr;sw,europe/paris,no,EMPLOYEE,\n"
    )
    job = make_job(data)
    problems = {(p["row"], p["column"]) for p in job.problems}
    assert problems == {
        (3, "Name"),
        (3, "Email"),
        (3, "Country"),
        (3, "Languages"),
        (3, "Time zone"),
        (3, "Key relationship"),
        (3, "Category"),
        (3, "Relationship owner"),
        (4, "Email"),  # the same email as row 2, case aside
    }
    assert job.error_count == 9
    assert job.summary["preview"]["problem_rows"] == 2
    duplicate = next(p for p in job.problems if p["row"] == 4)
    assert "row 2" in duplicate["message"]


def test_problems_are_all_counted_but_only_500_stored(make_job):
    data = "Name,Country\n" + "".join(f"P{n},Nowhere\n" for n in range(600))
    job = make_job(data.encode())
    assert job.error_count == 600
    assert len(job.problems) == 500


def test_apply_creates_everything_with_derived_fields(workspace, importer, make_job):
    job = make_job((HEADER + good_rows(importer)).encode())
    apply(workspace, importer, job)
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert job.summary["result"]["created"] == 3
    person = Stakeholder.objects.get(name="Person 0")
    assert person.email == "p0@example.org"
    assert person.email_index == blind_index("p0@example.org")
    assert person.phone == "+254 700 000 000"
    assert str(person.country) == "KE" and person.region and person.is_global_majority is True
    assert person.organisation.name == "Org 0"
    assert person.relationship_owner == importer
    assert person.is_key_relationship is True
    assert sorted(person.language_links.values_list("code", flat=True)) == ["en", "sw"]
    assert sorted(person.topics.values_list("name", flat=True)) == ["privacy", "surveillance"]
    assert list(person.tags.values_list("name", flat=True)) == ["imported"]
    assert "person 0" in person.search_text and "privacy" in person.search_text
    assert Organisation.objects.filter(workspace=workspace).count() == 2
    assert Topic.objects.filter(workspace=workspace).count() == 2
    pseudonyms = set(Stakeholder.objects.values_list("pseudonym", flat=True))
    assert len(pseudonyms) == 3


def test_apply_records_audit_entries_and_keeps_the_chain(workspace, importer, make_job):
    job = make_job((HEADER + good_rows(importer)).encode())
    apply(workspace, importer, job)
    entries = AuditEntry.objects.filter(workspace=workspace, action=AuditAction.IMPORT)
    # 3 stakeholders, 2 organisations, 2 topics, 1 tag, and the summary on the job.
    assert entries.count() == 9
    summary = entries.get(object_id=str(job.pk), content_type__model="importjob")
    assert summary.changes["created"] == [None, 3]
    person = Stakeholder.objects.get(name="Person 0")
    entry = entries.get(object_id=str(person.pk), content_type__model="stakeholder")
    assert entry.changes["name"] == [None, "Person 0"]
    assert entry.changes["email"] == [None, "•••"]  # masked, never in clear
    workspace.refresh_from_db()
    assert verify_chain([workspace]) == []


def test_high_risk_audit_entry_shows_the_pseudonym(workspace, importer, make_job):
    job = make_job(b"Name,Safety level\nSecret Person,High-risk\n")
    apply(workspace, importer, job)
    person = Stakeholder.objects.get()
    entry = AuditEntry.objects.get(object_id=str(person.pk), content_type__model="stakeholder")
    assert "Secret" not in entry.object_repr
    assert "secret" not in person.search_text


def test_a_problem_on_the_last_row_writes_nothing(workspace, importer, make_job):
    data = HEADER + good_rows(importer, 5) + "Last,last@example.org,,Atlantis,,,,,,,,,,\n"
    job = make_job(data.encode())
    assert job.error_count == 1 and job.problems[0]["row"] == 7
    with pytest.raises(DomainError, match="problems"):
        apply(workspace, importer, job)
    with pytest.raises(DomainError):
        services.apply(workspace=workspace, actor=importer, job=job, match_mode="skip")
    assert not Stakeholder.objects.exists()
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.IMPORT).exists()


def test_a_failure_while_writing_rolls_everything_back(workspace, importer, make_job, monkeypatch):
    job = make_job((HEADER + good_rows(importer, 6)).encode())
    monkeypatch.setattr(writers, "BATCH", 2)
    original, calls = writers.StakeholderWriter.create, []

    def create_then_crash(self, rows):
        calls.append(len(rows))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(self, rows)

    monkeypatch.setattr(writers.StakeholderWriter, "create", create_then_crash)
    with pytest.raises(DomainError, match="disk full"):
        apply(workspace, importer, job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "nothing was written" in job.failure_message
    assert not Stakeholder.objects.exists()
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.IMPORT).exists()
    workspace.refresh_from_db()
    assert verify_chain([workspace]) == []


# --- existing matches


@pytest.fixture
def existing(workspace):
    org = OrganisationFactory(workspace=workspace, name="Org 0")
    by_email = StakeholderFactory(
        workspace=workspace,
        name="Old name",
        email="p0@example.org",
        email_index=blind_index("p0@example.org"),
        notes="keep me",
    )
    by_name = StakeholderFactory(workspace=workspace, name="Person 2", organisation=org)
    return by_email, by_name


def test_match_skip(workspace, importer, make_job, existing):
    job = make_job((HEADER + good_rows(importer)).encode())
    assert job.summary["preview"]["matching"] == 2
    apply(workspace, importer, job, "skip")
    assert job.summary["result"] == {**job.summary["result"], "created": 1, "skipped": 2}
    existing[0].refresh_from_db()
    assert existing[0].name == "Old name"
    assert Stakeholder.objects.count() == 3


def test_match_update(workspace, importer, make_job, existing):
    job = make_job((HEADER + good_rows(importer)).encode())
    apply(workspace, importer, job, "update")
    assert job.summary["result"]["updated"] == 2
    assert job.summary["result"]["created"] == 1
    by_email = Stakeholder.objects.get(pk=existing[0].pk)
    assert by_email.name == "Person 0"
    assert by_email.notes == "keep me"  # not in the file: left alone
    assert str(by_email.country) == "KE"
    assert sorted(by_email.language_links.values_list("code", flat=True)) == ["en", "sw"]
    assert "person 0" in by_email.search_text
    entry = AuditEntry.objects.get(
        object_id=str(by_email.pk), content_type__model="stakeholder", action=AuditAction.IMPORT
    )
    assert entry.changes["name"] == ["Old name", "Person 0"]
    assert Stakeholder.objects.count() == 3


def test_match_create(workspace, importer, make_job, existing):
    job = make_job((HEADER + good_rows(importer)).encode())
    apply(workspace, importer, job, "create")
    assert job.summary["result"]["created"] == 3
    assert Stakeholder.objects.count() == 5


def test_organisations_import(workspace, importer, make_job):
    OrganisationFactory(workspace=workspace, name="ACME", description="old")
    data = (
        "Nombre,Tipo,País,Sitio web,Descripción,Matriz\n"
        "acme,Trade union,DE,acme.example.org,new,\n"
        "Child,academic,KE,,,Parent Co\n"
        "Parent Co,Other,,https://parent.example.org,,\n"
    ).encode()
    job = make_job(data, kind="organisations")
    assert job.error_count == 0, job.problems
    assert job.summary["preview"]["matching"] == 1
    apply(workspace, importer, job, "update")
    acme = Organisation.objects.get(name__iexact="acme")
    assert (acme.type, str(acme.country), acme.description) == ("trade_union", "DE", "new")
    assert acme.website == "https://acme.example.org"
    child = Organisation.objects.get(name="Child")
    assert child.parent.name == "Parent Co"
    assert Organisation.objects.count() == 3


def test_organisation_cannot_be_its_own_parent(make_job):
    job = make_job(b"Name,Parent\nA,a\n", kind="organisations")
    assert [(p["row"], p["column"]) for p in job.problems] == [(2, "Parent")]


# --- background work and progress


def test_large_import_runs_as_a_task(
    workspace, importer, make_job, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 2)
    seen = []
    original = progress.report

    def spy(job, **kwargs):
        seen.append(kwargs["phase"])
        original(job, **kwargs)

    monkeypatch.setattr(progress, "report", spy)
    job = make_job((HEADER + good_rows(importer, 5)).encode())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        apply(workspace, importer, job)
    job.refresh_from_db()
    assert job.status == ImportStatus.QUEUED
    assert progress.read(job)["phase"] == "queued"
    assert not Stakeholder.objects.exists()
    for callback in callbacks:
        callback()  # the immediate task backend runs the task here
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert Stakeholder.objects.count() == 5
    assert {"queued", "writing"} <= set(seen)
    assert progress.read(job)["phase"] == ""  # cleared when finished


def test_failed_task_leaves_the_job_failed(
    workspace, importer, make_job, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 1)
    job = make_job((HEADER + good_rows(importer, 3)).encode())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        apply(workspace, importer, job)
    job.file.storage.delete(job.file.name)  # the file vanished before the worker ran
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.failure_message
    assert not Stakeholder.objects.exists()


def test_progress_percent():
    job = ImportJob(pk=1, total_rows=10)
    job.file.name = "imports/x.csv"
    progress.report(job, phase="checking", done=5, total=10)
    assert progress.read(job)["percent"] == 25
    progress.report(job, phase="writing", done=5, total=10)
    assert progress.read(job)["percent"] == 75
    progress.clear(job)


def test_cancel(workspace, importer, make_job):
    job = make_job(b"Name\nAda\n")
    path = job.file.path
    with pytest.raises(DomainError):
        services.request_apply(workspace=workspace, actor=importer, job=job, match_mode="x")
    services.cancel_import(workspace=workspace, actor=importer, job=job)
    assert job.status == ImportStatus.CANCELLED
    with pytest.raises(DomainError):
        apply(workspace, importer, job)
    assert not Stakeholder.objects.exists()
    import os

    assert os.path.exists(path)  # deleted on commit; the test transaction never commits


def test_tags_found_case_insensitively(workspace, importer, make_job):
    Tag.objects.create(workspace=workspace, name="Imported")
    job = make_job(b"Name,Tags\nAda,imported\n")
    apply(workspace, importer, job)
    assert Tag.objects.filter(workspace=workspace).count() == 1
    assert Stakeholder.objects.get().tags.get().name == "Imported"


@pytest.mark.parametrize(
    ("written", "code"),
    [("Sénégal", "SN"), ("Senegal", "SN"), ("Allemagne", "DE"), ("Alemania", "DE"), ("KEN", "KE")],
)
def test_country_names_in_the_mapping_languages_are_understood(written, code):
    from heard.imports.validation import RowValidator

    assert RowValidator._country(written) == code


def test_an_unknown_country_names_the_value():
    from django.core.exceptions import ValidationError

    from heard.imports.validation import RowValidator

    with pytest.raises(ValidationError, match="Atlantide"):
        RowValidator._country("Atlantide")
