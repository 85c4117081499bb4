"""The procedure's rules: reference codes, deadlines, order of steps, reasons, notifications,
encryption of contact details, the audit trail."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone, translation

from heard.concerns import services
from heard.concerns.models import Concern, ConcernEvent, EventKind
from heard.concerns.references import ALPHABET, normalise_reference
from heard.core.audit import verify_chain
from heard.core.errors import DomainError
from heard.core.models import AuditEntry
from tests.concerns.conftest import raise_one, walk_to
from tests.factories import InitiativeFactory, StakeholderFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def test_reference_is_random_readable_and_unique(workspace, channel):
    codes = {raise_one(workspace).reference for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == 10 and set(code) <= set(ALPHABET)
    code = next(iter(codes))
    assert normalise_reference(f" {code[:5].lower()}-{code[5:]} ") == code
    assert normalise_reference("DROP TABLE") == ""


def test_deadlines_come_from_the_workspace_settings(workspace, channel):
    concern = raise_one(workspace)
    day = timezone.localdate(concern.raised_at)
    assert concern.acknowledge_due_on == day + datetime.timedelta(days=5)
    assert concern.assessment_due_on == day + datetime.timedelta(days=10)
    assert concern.outcome_due_on == day + datetime.timedelta(days=30)
    assert concern.due_on == concern.acknowledge_due_on
    assert concern.status == "received"


def test_each_step_moves_the_due_date_and_records_who(workspace, channel, handler):
    concern = raise_one(workspace)
    services.acknowledge(workspace=workspace, actor=handler, concern=concern)
    assert (concern.status, concern.due_on) == ("acknowledged", concern.assessment_due_on)
    assert concern.handler == handler
    services.assess(workspace=workspace, actor=handler, concern=concern, notes="Checked.")
    assert (concern.status, concern.due_on) == ("assessing", concern.outcome_due_on)
    services.decide_outcome(
        workspace=workspace, actor=handler, concern=concern, outcome="not_upheld", reasons="No."
    )
    assert concern.due_on is None
    events = list(concern.events.values_list("kind", "actor_id"))
    assert events == [
        ("received", None),
        ("acknowledged", handler.pk),
        ("assessing", handler.pk),
        ("outcome", handler.pk),
    ]
    workspace.refresh_from_db()
    assert not verify_chain([workspace])


@pytest.mark.parametrize("reasons", ["", "   "])
def test_outcome_needs_reasons(workspace, channel, handler, reasons):
    concern = walk_to(raise_one(workspace), "assessing", handler)
    with pytest.raises(DomainError) as error:
        services.decide_outcome(
            workspace=workspace, actor=handler, concern=concern, outcome="upheld", reasons=reasons
        )
    assert error.value.field == "outcome_reasons"
    assert "Reasons" in error.value.message
    assert Concern.objects.get(pk=concern.pk).status == "assessing"


def test_not_admissible_needs_reasons_and_ends_the_procedure(workspace, channel, handler):
    concern = raise_one(workspace)
    with pytest.raises(DomainError) as error:
        services.declare_not_admissible(
            workspace=workspace, actor=handler, concern=concern, reasons=""
        )
    assert error.value.field == "inadmissible_reasons"
    services.declare_not_admissible(
        workspace=workspace, actor=handler, concern=concern, reasons="About another company."
    )
    assert concern.status == "not_admissible" and concern.due_on is None
    with pytest.raises(DomainError):
        services.acknowledge(workspace=workspace, actor=handler, concern=concern)


def test_steps_keep_their_order(workspace, channel, handler):
    concern = raise_one(workspace)
    with pytest.raises(DomainError):
        services.decide_outcome(
            workspace=workspace, actor=handler, concern=concern, outcome="upheld", reasons="x"
        )
    with pytest.raises(DomainError):
        services.assess(workspace=workspace, actor=handler, concern=concern)
    with pytest.raises(DomainError):
        services.close_concern(workspace=workspace, actor=handler, concern=concern)
    assert Concern.objects.get(pk=concern.pk).status == "received"


def test_remedy_only_for_upheld_and_close_waits_for_it(workspace, channel, handler):
    concern = walk_to(raise_one(workspace), "outcome_decided", handler)
    remedy = services.add_remedy(
        workspace=workspace,
        actor=handler,
        concern=concern,
        kind="product_change",
        description="Location sharing off by default.",
        due_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    assert concern.status == "remedy_in_progress"
    assert concern.due_on == remedy.due_on
    with pytest.raises(DomainError, match="still planned or in progress"):
        services.close_concern(workspace=workspace, actor=handler, concern=concern)
    services.update_remedy(workspace=workspace, actor=handler, remedy=remedy, status="provided")
    assert remedy.provided_at is not None
    services.close_concern(workspace=workspace, actor=handler, concern=concern)
    assert concern.status == "closed" and concern.closed_at is not None

    other = walk_to(raise_one(workspace), "assessing", handler)
    services.decide_outcome(
        workspace=workspace, actor=handler, concern=other, outcome="not_upheld", reasons="No."
    )
    with pytest.raises(DomainError, match="upheld"):
        services.add_remedy(
            workspace=workspace, actor=handler, concern=other, kind="apology", description="x"
        )


def test_person_with_contact_is_emailed_at_every_step(
    workspace, channel, handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        concern = raise_one(workspace, contact_email="amina@example.org", language="fr")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]
    assert concern.reference_display in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge(workspace=workspace, actor=handler, concern=concern, message="Merci.")
    assert len(mail.outbox) == 2
    body = mail.outbox[1].body
    assert "Merci." in body
    with translation.override("fr"):
        assert translation.gettext("Update on your concern") in mail.outbox[1].subject
    assert mail.outbox[1].subject.startswith("Suivi")  # in French: the person's language
    assert ConcernEvent.objects.filter(concern=concern, is_person_emailed=True).count() == 2


def test_outcome_email_carries_the_reasons(
    workspace, channel, handler, django_capture_on_commit_callbacks
):
    concern = raise_one(workspace, contact_email="li@example.org")
    walk_to(concern, "assessing", handler)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_outcome(
            workspace=workspace,
            actor=handler,
            concern=concern,
            outcome="partly_upheld",
            reasons="The default was wrong; the data was not sold.",
        )
    assert "The default was wrong; the data was not sold." in mail.outbox[0].body


def test_linked_stakeholder_is_emailed(
    workspace, channel, handler, django_capture_on_commit_callbacks
):
    person = StakeholderFactory(workspace=workspace, email="kofi@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        concern = raise_one(
            workspace, channel="portal", actor="stakeholder portal", stakeholder=person
        )
    assert mail.outbox[-1].to == ["kofi@example.org"]
    assert "/portal/concerns/" in mail.outbox[-1].body
    assert concern.stakeholder == person


def test_anonymous_without_contact_gets_no_email_but_the_timeline_shows_progress(
    workspace, channel, handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        concern = raise_one(workspace, is_anonymous=True)
        services.acknowledge(workspace=workspace, actor=handler, concern=concern, message="Seen.")
    assert mail.outbox == []
    assert list(concern.events.values_list("kind", "is_person_emailed")) == [
        (EventKind.RECEIVED, False),
        (EventKind.ACKNOWLEDGED, False),
    ]


def test_anonymous_concern_cannot_carry_a_name(workspace, channel):
    with pytest.raises(DomainError) as error:
        raise_one(workspace, is_anonymous=True, contact_name="Amina")
    assert error.value.field == "contact_name"
    assert not Concern.objects.exists()


def test_bad_email_is_refused_naming_the_field(workspace, channel):
    with pytest.raises(DomainError) as error:
        raise_one(workspace, contact_email="not-an-address")
    assert error.value.field == "contact_email"
    assert "Email" in error.value.message
    assert not Concern.objects.exists()


def test_contact_details_are_encrypted_at_rest_and_masked_in_the_audit_log(workspace, channel):
    concern = raise_one(workspace, contact_name="Amina Diallo", contact_email="amina.d@example.org")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contact_name, contact_email FROM concerns_concern WHERE id = %s", [concern.pk]
        )
        name, email = cursor.fetchone()
    assert "amina" not in (name + email).lower()
    assert "example.org" not in email
    assert Concern.objects.get(pk=concern.pk).contact_email == "amina.d@example.org"
    entry = AuditEntry.objects.get(
        workspace=workspace,
        object_id=str(concern.pk),
        content_type__model="concern",
        action="create",
    )
    assert entry.changes["contact_email"] == [None, "•••"]
    assert "amina" not in str(entry.changes).lower()


def test_feedback_only_after_the_outcome_and_rated_1_to_5(workspace, channel, handler):
    concern = raise_one(workspace)
    with pytest.raises(DomainError):
        services.record_feedback(
            workspace=workspace, actor="public form", concern=concern, rating=4
        )
    walk_to(concern, "outcome_decided", handler)
    with pytest.raises(DomainError) as error:
        services.record_feedback(
            workspace=workspace, actor="public form", concern=concern, rating=9
        )
    assert error.value.field == "rating"
    services.record_feedback(
        workspace=workspace, actor="public form", concern=concern, rating=4, comment="Quick."
    )
    concern.refresh_from_db()
    assert (concern.satisfaction_rating, concern.satisfaction_comment) == (4, "Quick.")


def test_services_refuse_another_workspaces_records(workspace, channel, handler):
    concern = raise_one(workspace)
    other = WorkspaceFactory()
    with pytest.raises(DomainError):
        services.acknowledge(workspace=other, actor=handler, concern=concern)
    foreign_initiative = InitiativeFactory(workspace=other)
    walk_to(concern, "acknowledged", handler)
    with pytest.raises(DomainError):
        services.assess(
            workspace=workspace, actor=handler, concern=concern, initiative=foreign_initiative
        )


def test_assessment_links_initiative_and_rights(workspace, channel, handler):
    concern = walk_to(raise_one(workspace), "acknowledged", handler)
    initiative = InitiativeFactory(workspace=workspace)
    services.assess(
        workspace=workspace,
        actor=handler,
        concern=concern,
        initiative=initiative,
        right_codes=["iccpr-17"],
    )
    assert concern.initiative == initiative and concern.right_codes == ["iccpr-17"]
    with pytest.raises(DomainError) as error:
        services.assess(workspace=workspace, actor=handler, concern=concern, right_codes=["x-1"])
    assert error.value.field == "right_codes"


def test_overdue_concerns_are_on_the_handlers_todo(workspace, channel, handler):
    from heard.core.todo import collect

    concern = raise_one(workspace)
    assert not [g for g in collect(workspace, handler) if g["key"] == "overdue_concerns"]
    Concern.objects.filter(pk=concern.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    groups = [g for g in collect(workspace, handler) if g["key"] == "overdue_concerns"]
    assert [c.pk for c in groups[0]["items"]] == [concern.pk]
