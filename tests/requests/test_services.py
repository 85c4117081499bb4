"""Request services: deadlines, the daily limit, answers, written refusals, data requests —
each write validated, atomic, audited, and the stakeholder told."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from heard.core.errors import DomainError
from heard.core.models import AuditEntry
from heard.requests import services
from heard.requests.models import DataRequest, InformationRequest, RequestSettings
from heard.stakeholders.models import StakeholderLanguage
from tests.factories import EngagementFactory, StakeholderFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def entries(workspace) -> int:
    return AuditEntry.objects.filter(workspace=workspace).count()


# --- asking


def test_a_request_is_due_in_the_workspace_days_and_audited(workspace, ask):
    request = ask(preferred_format="meeting", language="fr")
    assert request.status == "open"
    assert request.due_on == timezone.localdate() + datetime.timedelta(days=30)
    entry = AuditEntry.objects.get(workspace=workspace, object_id=str(request.pk))
    assert entry.action == "create" and entry.actor_label == "stakeholder portal"
    assert entry.changes["question"] == [None, "How do you review appeals?"]


def test_the_workspace_setting_sets_the_deadline(workspace, ask, editor):
    services.update_request_settings(
        workspace=workspace, actor=editor.user, information_days=10, data_days=20, daily_limit=3
    )
    assert ask().due_on == timezone.localdate() + datetime.timedelta(days=10)
    assert AuditEntry.objects.filter(
        workspace=workspace, content_type__model="requestsettings"
    ).exists()


@pytest.mark.parametrize(
    ("field", "fields"),
    [("question", {"question": "  "}), ("reasons", {"reasons": ""})],
)
def test_a_request_needs_a_question_and_reasons(workspace, ask, field, fields):
    before = entries(workspace)
    with pytest.raises(DomainError) as error:
        ask(**fields)
    assert error.value.field == field
    assert InformationRequest.objects.count() == 0 and entries(workspace) == before


def test_an_oversized_question_is_refused_naming_the_field(ask):
    with pytest.raises(DomainError) as error:
        ask(question="x" * 5001)
    assert error.value.field == "question"
    assert InformationRequest.objects.count() == 0


def test_records_of_another_workspace_are_refused(workspace, ask):
    other = WorkspaceFactory()
    with pytest.raises(DomainError):
        ask(engagement=EngagementFactory(workspace=other))
    with pytest.raises(DomainError):
        ask(stakeholder=StakeholderFactory(workspace=other))
    assert InformationRequest.objects.count() == 0


def test_the_daily_limit_counts_both_kinds_and_only_the_last_day(workspace, ask, ask_data):
    RequestSettings.objects.create(workspace=workspace, daily_limit=3)
    old = ask()
    InformationRequest.objects.filter(pk=old.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=2)
    )
    ask()
    ask_data()
    ask()
    with pytest.raises(DomainError) as error:
        ask()
    assert error.value.code == "throttled" and "24 hours" in error.value.message
    with pytest.raises(DomainError):
        ask_data(kind="erasure")
    assert InformationRequest.objects.count() == 3 and DataRequest.objects.count() == 1
    # Another stakeholder is not affected.
    ask(stakeholder=StakeholderFactory(workspace=workspace))


# --- answering and refusing


def test_answer_tells_the_stakeholder_in_their_language(
    workspace, ask, editor, django_capture_on_commit_callbacks
):
    request = ask(language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_request(
            workspace=workspace,
            actor=editor.user,
            request=request,
            answer="Every appeal is read by a person within 7 days.",
            answer_format="written",
        )
    request.refresh_from_db()
    assert request.status == "answered" and request.answered_by == editor.user
    assert request.answered_at is not None and request.notified_at is not None
    [message] = mail.outbox
    assert message.to == ["amina@example.org"]
    assert "demande d’information" in message.subject.lower()
    assert "Every appeal is read by a person within 7 days." in message.body
    assert "/portal/" in message.body
    entry = AuditEntry.objects.filter(object_id=str(request.pk), action="update").get()
    assert entry.changes["status"] == ["open", "answered"]


def test_the_stakeholders_own_language_when_the_request_has_none(
    workspace, ask, editor, person, django_capture_on_commit_callbacks
):
    StakeholderLanguage.objects.create(stakeholder=person, code="es")
    request = ask(language="")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_request(
            workspace=workspace, actor=editor.user, request=request, answer="Sí."
        )
    assert "solicitud de información" in mail.outbox[0].subject.lower()


def test_no_email_when_asked_not_to_or_without_an_address(
    workspace, ask, editor, django_capture_on_commit_callbacks
):
    quiet = StakeholderFactory(workspace=workspace, email="")
    first, second = ask(), ask(stakeholder=quiet)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_request(
            workspace=workspace, actor=editor.user, request=first, answer="A.", notify=False
        )
        services.answer_request(workspace=workspace, actor=editor.user, request=second, answer="B.")
    assert mail.outbox == []
    second.refresh_from_db()
    assert second.status == "answered" and second.notified_at is None


def test_a_refusal_without_reasons_is_refused_and_nothing_changes(workspace, ask, editor):
    request = ask()
    before = entries(workspace)
    with pytest.raises(DomainError) as error:
        services.refuse_request(
            workspace=workspace,
            actor=editor.user,
            request=request,
            ground="confidential",
            reasons="   ",
        )
    assert error.value.field == "refusal_reasons"
    assert "reasons in writing" in error.value.message
    with pytest.raises(DomainError) as error:
        services.refuse_request(
            workspace=workspace, actor=editor.user, request=request, ground="", reasons="Why."
        )
    assert error.value.field == "refusal_ground"
    request.refresh_from_db()
    assert request.status == "open" and entries(workspace) == before


def test_a_refusal_in_writing_reaches_the_stakeholder(
    workspace, ask, editor, django_capture_on_commit_callbacks
):
    request = ask()
    with django_capture_on_commit_callbacks(execute=True):
        services.refuse_request(
            workspace=workspace,
            actor=editor.user,
            request=request,
            ground="confidential",
            reasons="The review rota names our contractors.",
        )
    request.refresh_from_db()
    assert (request.status, request.refusal_ground) == ("refused", "confidential")
    body = mail.outbox[0].body
    assert "The review rota names our contractors." in body
    assert "Confidential business information" in body


def test_a_closed_request_cannot_be_answered_again(workspace, ask, editor):
    request = ask()
    services.answer_request(workspace=workspace, actor=editor.user, request=request, answer="A.")
    with pytest.raises(DomainError) as error:
        services.refuse_request(
            workspace=workspace, actor=editor.user, request=request, ground="other", reasons="R."
        )
    assert error.value.code == "closed"


def test_withdrawal_is_the_stakeholders_own(workspace, ask):
    request = ask()
    stranger = StakeholderFactory(workspace=workspace)
    with pytest.raises(DomainError):
        services.withdraw_request(workspace=workspace, stakeholder=stranger, request=request)
    services.withdraw_request(workspace=workspace, stakeholder=request.stakeholder, request=request)
    request.refresh_from_db()
    assert request.status == "withdrawn" and request.withdrawn_at is not None


def test_the_database_refuses_an_answer_or_refusal_without_text(workspace, ask):
    request = ask()
    with pytest.raises(IntegrityError), transaction.atomic():
        InformationRequest.objects.filter(pk=request.pk).update(status="answered")
    with pytest.raises(IntegrityError), transaction.atomic():
        InformationRequest.objects.filter(pk=request.pk).update(
            status="refused", refusal_ground="other"
        )


def test_a_service_refuses_another_workspaces_request(ask, editor):
    request = ask()
    with pytest.raises(DomainError):
        services.answer_request(
            workspace=WorkspaceFactory(), actor=editor.user, request=request, answer="A."
        )


# --- data requests


def test_a_correction_needs_details(workspace, ask_data):
    with pytest.raises(DomainError) as error:
        ask_data(kind="correction", details=" ")
    assert error.value.field == "details"
    with pytest.raises(DomainError) as error:
        ask_data(kind="teleport")
    assert error.value.field == "kind"
    assert DataRequest.objects.count() == 0


def test_data_request_done_and_declined(
    workspace, ask_data, editor, django_capture_on_commit_callbacks
):
    export = ask_data()
    assert export.due_on == timezone.localdate() + datetime.timedelta(days=30)
    erasure = ask_data(kind="erasure")
    with pytest.raises(DomainError) as error:
        services.decline_data_request(
            workspace=workspace, actor=editor.user, request=erasure, reasons=""
        )
    assert error.value.field == "note"
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_data_request(
            workspace=workspace, actor=editor.user, request=export, note="Sent by email."
        )
        services.decline_data_request(
            workspace=workspace,
            actor=editor.user,
            request=erasure,
            reasons="We must keep payment records for 6 years.",
        )
    export.refresh_from_db()
    erasure.refresh_from_db()
    assert (export.status, export.handled_by) == ("done", editor.user)
    assert erasure.status == "declined"
    assert len(mail.outbox) == 2
    assert "We must keep payment records for 6 years." in mail.outbox[1].body
    assert AuditEntry.objects.filter(object_id=str(erasure.pk), action="update").exists()
