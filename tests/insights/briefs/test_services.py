"""Insight request services: filing, the answering workflow, emails, audit."""

from __future__ import annotations

import pytest
from django.core import mail

from heard.core.errors import DomainError
from heard.core.models import AuditEntry
from heard.engagements.models import AttributionRule
from heard.insights.briefs import services
from heard.insights.briefs.models import RequestStatus
from tests.factories import PlanningCycleFactory, ThemeFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def test_filing_records_the_requester_and_an_audit_entry(workspace, file, requester):
    cycle = PlanningCycleFactory(workspace=workspace)
    found = file(context="We plan the appeal flow.", cycle=cycle)
    assert found.requester == requester.user
    assert found.status == RequestStatus.SUBMITTED
    assert found.cycle == cycle
    entry = AuditEntry.objects.get(workspace=workspace, object_id=str(found.pk))
    assert entry.action == "create" and entry.changes["question"][1].startswith("What have")


def test_a_request_needs_a_question_and_its_own_workspace(workspace, file):
    with pytest.raises(DomainError) as error:
        file(question="   ")
    assert error.value.field == "question"
    foreign = PlanningCycleFactory(workspace=WorkspaceFactory())
    with pytest.raises(DomainError):
        file(cycle=foreign)


def test_linking_starts_the_work_and_is_audited(workspace, file, editor, said):
    request = file()
    theme = ThemeFactory(workspace=workspace)
    row = said("Ana", rule=AttributionRule.CHATHAM_HOUSE)
    services.link_theme(workspace=workspace, actor=editor.user, request=request, theme=theme)
    services.link_input(workspace=workspace, actor=editor.user, request=request, input=row)
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS
    assert list(request.themes.all()) == [theme] and list(request.inputs.all()) == [row]
    last = AuditEntry.objects.filter(object_id=str(request.pk)).order_by("-sequence").first()
    assert last.changes["inputs"] == [[], [row.pk]]
    services.unlink_input(workspace=workspace, actor=editor.user, request=request, input=row)
    assert request.inputs.count() == 0


def test_an_input_of_another_workspace_cannot_be_linked(workspace, file, editor):
    from tests.factories import InputFactory

    foreign = InputFactory(workspace=WorkspaceFactory())
    with pytest.raises(DomainError):
        services.link_input(workspace=workspace, actor=editor.user, request=file(), input=foreign)


def test_answering_emails_the_requester_a_link_to_the_brief(
    workspace, file, editor, django_capture_on_commit_callbacks
):
    request = file()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_request(
            workspace=workspace, actor=editor.user, request=request, summary="They said X."
        )
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED
    assert request.answered_by == editor.user and request.requester_notified_at
    assert [m.to for m in mail.outbox] == [["pm@example.org"]]
    assert f"/insights/briefs/{request.pk}/brief/" in mail.outbox[0].body
    assert "answered" in mail.outbox[0].subject


def test_answering_needs_a_summary_and_an_open_request(workspace, file, editor):
    request = file()
    with pytest.raises(DomainError) as error:
        services.answer_request(workspace=workspace, actor=editor.user, request=request, summary="")
    assert error.value.field == "summary"
    services.answer_request(workspace=workspace, actor=editor.user, request=request, summary="S")
    with pytest.raises(DomainError):
        services.answer_request(
            workspace=workspace, actor=editor.user, request=request, summary="Again"
        )
    services.close_request(workspace=workspace, actor=editor.user, request=request)
    assert request.status == RequestStatus.CLOSED
    with pytest.raises(DomainError):  # a closed brief no longer changes
        services.link_theme(
            workspace=workspace,
            actor=editor.user,
            request=request,
            theme=ThemeFactory(workspace=workspace),
        )


def test_declining_needs_a_reason_and_tells_the_requester(
    workspace, file, editor, django_capture_on_commit_callbacks
):
    request = file()
    with pytest.raises(DomainError):
        services.decline_request(workspace=workspace, actor=editor.user, request=request, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_request(
            workspace=workspace, actor=editor.user, request=request, reason="Out of our remit."
        )
    assert request.status == RequestStatus.DECLINED
    assert "Out of our remit." in mail.outbox[0].body


def test_no_email_when_asked_not_to(workspace, file, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_request(
            workspace=workspace, actor=editor.user, request=file(), summary="S", notify=False
        )
    assert mail.outbox == []
