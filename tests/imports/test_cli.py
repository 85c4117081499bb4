"""`heard import`: the same import from the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from heard.imports.models import ColumnMapping, ImportJob, ImportStatus
from heard.stakeholders.models import Organisation, Stakeholder
from tests.factories import StakeholderFactory


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("import", *[str(a) for a in args], stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Nom;Pays;Courriel\nAda;France;ada@example.org\nZoë;KE;zoe@example.org\n")
    return path


def test_import_with_guessed_mapping(workspace, importer, people):
    output = run("stakeholders", people, workspace=workspace.slug, actor=importer.email)
    assert "2 created" in output
    assert Stakeholder.objects.filter(workspace=workspace).count() == 2
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.APPLIED and job.created_by == importer


def test_dry_run_writes_nothing(workspace, people):
    output = run("stakeholders", people, workspace=workspace.slug, dry_run=True)
    assert "Dry run" in output
    assert not Stakeholder.objects.exists()


def test_problems_are_printed_and_exit_non_zero(workspace, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Name,Country,Email\nAda,KE,ada@example.org\nGrace,Atlantis,nope\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", "stakeholders", str(path), workspace=workspace.slug, stdout=out)
    assert "row 3, column Country:" in out.getvalue()
    assert "row 3, column Email:" in out.getvalue()
    assert not Stakeholder.objects.exists()


def test_bad_file_exits_non_zero(workspace, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="empty"):
        run("stakeholders", path, workspace=workspace.slug)
    assert not ImportJob.objects.exists()


def test_saved_mapping_and_match_update(workspace, tmp_path):
    ColumnMapping.objects.create(
        workspace=workspace,
        kind="stakeholders",
        name="CRM",
        mapping={"Who": "name", "Mail": "email"},
    )
    StakeholderFactory(
        workspace=workspace,
        name="Old",
        email="ada@example.org",
        email_index=__import__("heard.core.crypto", fromlist=["x"]).blind_index("ada@example.org"),
    )
    path = tmp_path / "crm.csv"
    path.write_text("Who,Mail\nAda Lovelace,ada@example.org\n")
    output = run("stakeholders", path, workspace=workspace.slug, mapping="CRM", match="update")
    assert "1 updated" in output
    assert Stakeholder.objects.get().name == "Ada Lovelace"


def test_unknown_mapping_workspace_or_actor(workspace, people):
    with pytest.raises(CommandError, match="No saved"):
        run("stakeholders", people, workspace=workspace.slug, mapping="nope")
    with pytest.raises(CommandError, match="No workspace"):
        run("stakeholders", people, workspace="nope")
    with pytest.raises(CommandError, match="not a member"):
        run("stakeholders", people, workspace=workspace.slug, actor="x@example.org")
    assert not Stakeholder.objects.exists()


def test_organisations(workspace, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("Name,Type,Country\nACME,Trade union,DE\n")
    run("organisations", path, workspace=workspace.slug)
    assert Organisation.objects.get().type == "trade_union"
