from heard.core import audit
from heard.imports.bulk import bulk_insert
from heard.imports.writers import Snapshot, created_changes
from heard.stakeholders.models import Stakeholder
from tests.factories import OrganisationFactory, StakeholderFactory, WorkspaceFactory


def test_same(db):
    for o in (StakeholderFactory(email="a@b.c", phone=""), OrganisationFactory()):
        o = type(o).objects.get(pk=o.pk)
        assert Snapshot(type(o))(o) == audit.snapshot(o)
        assert created_changes(audit.snapshot(o)) == {
            k: v for k, v in audit.diff({}, audit.snapshot(o)).items() if v[1] not in ("", [])
        }


def test_bulk(db):
    ws = WorkspaceFactory()
    a = [
        Stakeholder(
            workspace=ws,
            name=f"n{i}",
            pseudonym=f"A{i}",
            email="x@y.z",
            country="KE",
            is_global_majority=True,
        )
        for i in range(3)
    ]
    b = [
        Stakeholder(
            workspace=ws,
            name=f"n{i}",
            pseudonym=f"B{i}",
            email="x@y.z",
            country="KE",
            is_global_majority=True,
        )
        for i in range(3)
    ]
    Stakeholder.objects.bulk_create(a)
    bulk_insert(Stakeholder, b)
    assert all(x.pk for x in b)
    for x, y in zip(a, b, strict=True):
        x = Stakeholder.objects.values().get(pk=x.pk)
        y = Stakeholder.objects.values().get(pk=y.pk)
        for k in ("id", "pseudonym", "created_at", "updated_at"):
            x.pop(k)
            y.pop(k)
        assert x == y
    assert Stakeholder.objects.get(pk=b[0].pk).email == "x@y.z"
