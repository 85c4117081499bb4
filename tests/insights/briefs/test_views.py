"""Insight request pages: who files, who sees what, the answering workflow over HTTP, and
query counts that do not grow with the data."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.core.models import Role
from heard.engagements.models import AttributionRule
from heard.insights.briefs import services
from heard.insights.briefs.models import InsightRequest, RequestStatus
from tests.factories import MembershipFactory, PlanningCycleFactory, ThemeFactory
from tests.insights.briefs.conftest import client_for

pytestmark = pytest.mark.django_db


def url(workspace, name, *args):
    return reverse(f"briefs:{name}", args=[workspace.slug, *args])


# --- permissions (see docs/insight-cycle.md)


def test_contributor_files_a_request_and_sees_it(workspace, requester):
    client = client_for(requester)
    cycle = PlanningCycleFactory(workspace=workspace)
    response = client.post(
        url(workspace, "request_create"),
        {"question": "What about appeals?", "team": "policy", "cycle": cycle.pk},
    )
    found = InsightRequest.objects.get(workspace=workspace)
    assert response.status_code == 302 and response["Location"] == found.get_absolute_url()
    assert (found.requester, found.team, found.cycle) == (requester.user, "policy", cycle)
    assert client.get(found.get_absolute_url()).status_code == 200
    assert "What about appeals?" in client.get(url(workspace, "request_list")).content.decode()


def test_invalid_filing_shows_the_form_again(workspace, requester):
    response = client_for(requester).post(url(workspace, "request_create"), {"team": "product"})
    assert response.status_code == 400
    assert not InsightRequest.objects.exists()


def test_viewers_and_auditors_cannot_file(workspace):
    for role in (Role.VIEWER, Role.AUDITOR):
        client = client_for(MembershipFactory(workspace=workspace, role=role))
        response = client.post(url(workspace, "request_create"), {"question": "Q", "team": "x"})
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "sees_open", "sees_answered"),
    [
        (Role.CONTRIBUTOR, False, True),
        (Role.VIEWER, False, True),
        (Role.EDITOR, True, True),
        (Role.AUDITOR, True, True),
        (Role.MANAGER, True, True),
    ],
)
def test_who_sees_whose_requests(workspace, file, editor, role, sees_open, sees_answered):
    """Contributors and viewers: their own requests and every answered brief; the engagement
    team and auditors: everything. A request one may not see is a 404."""
    open_one = file("Open question")
    answered = file("Answered question")
    services.answer_request(workspace=workspace, actor=editor.user, request=answered, summary="S")
    client = client_for(MembershipFactory(workspace=workspace, role=role))
    assert (client.get(open_one.get_absolute_url()).status_code == 200) is sees_open
    assert (client.get(answered.get_absolute_url()).status_code == 200) is sees_answered
    listed = client.get(url(workspace, "request_list")).content.decode()
    assert ("Open question" in listed) is sees_open
    history = client.get(url(workspace, "request_history", open_one.pk)).status_code
    assert (history == 200) is sees_open


def test_my_requests_filter(workspace, file, requester, other_contributor, editor):
    mine = file("Mine")
    theirs = services.file_request(
        workspace=workspace, actor=other_contributor.user, question="Theirs", team="policy"
    )
    services.answer_request(workspace=workspace, actor=editor.user, request=theirs, summary="S")
    client = client_for(requester)
    everything = client.get(url(workspace, "request_list")).content.decode()
    assert "Mine" in everything and "Theirs" in everything
    only = client.get(url(workspace, "request_list") + "?mine=on").content.decode()
    assert "Mine" in only and "Theirs" not in only
    assert mine.pk


def test_list_filters_and_bad_values(workspace, file, editor):
    cycle = PlanningCycleFactory(workspace=workspace)
    file("In the cycle about appeals", cycle=cycle, team="trust_safety")
    file("Outside about labels")
    client = client_for(editor)
    base = url(workspace, "request_list")
    assert "Outside" not in client.get(f"{base}?cycle={cycle.pk}").content.decode()
    assert "In the cycle" not in client.get(f"{base}?cycle=none").content.decode()
    assert "Outside" not in client.get(f"{base}?team=trust_safety").content.decode()
    assert "In the cycle" not in client.get(f"{base}?q=labels").content.decode()
    assert "Outside" not in client.get(f"{base}?status=declined").content.decode()
    odd = client.get(f"{base}?status=nonsense&sort=-needed&cycle=999999")
    assert odd.status_code == 200 and "Ignored the filter" in odd.content.decode()


def test_empty_list_says_what_to_do(workspace, requester):
    page = client_for(requester).get(url(workspace, "request_list")).content.decode()
    assert "No insight requests yet" in page and "File the first request" in page


# --- the answering workflow over HTTP


def test_editor_answers_with_themes_inputs_and_summary(
    workspace, file, editor, said, django_capture_on_commit_callbacks
):
    request = file()
    row = said("Ana", "Appeals take months to be answered.", rule=AttributionRule.CHATHAM_HOUSE)
    theme = ThemeFactory(workspace=workspace, name="Slow appeals")
    client = client_for(editor)
    detail = client.get(request.get_absolute_url() + "?input_q=months&theme_q=slow")
    page = detail.content.decode()
    assert "Appeals take months" in page and "Slow appeals" in page
    links = url(workspace, "request_links", request.pk)
    client.post(links, {"kind": "theme", "op": "add", "pk": theme.pk})
    response = client.post(links, {"kind": "input", "op": "add", "pk": row.pk, "input_q": "m"})
    assert response["Location"].endswith("?input_q=m#answer")
    assert list(request.inputs.all()) == [row] and list(request.themes.all()) == [theme]
    summary = url(workspace, "request_summary", request.pk)
    client.post(summary, {"summary": "Draft", "save": "1"})
    request.refresh_from_db()
    assert (request.status, request.summary) == (RequestStatus.IN_PROGRESS, "Draft")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(summary, {"summary": "Final", "answer": "1", "notify": "on"})
    assert response["Location"] == url(workspace, "brief", request.pk)
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED
    assert [m.to for m in mail.outbox] == [["pm@example.org"]]


def test_answer_without_summary_is_refused(workspace, file, editor):
    request = file()
    response = client_for(editor).post(
        url(workspace, "request_summary", request.pk), {"summary": "", "answer": "1"}
    )
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


def test_contributor_cannot_answer_or_link(workspace, file, requester):
    request = file()
    client = client_for(requester)
    for name in ("request_summary", "request_links", "request_decline", "request_start"):
        assert client.post(url(workspace, name, request.pk), {"summary": "x"}).status_code == 403


def test_foreign_theme_cannot_be_linked(workspace, other_workspace, file, editor):
    request = file()
    foreign = ThemeFactory(workspace=other_workspace)
    response = client_for(editor).post(
        url(workspace, "request_links", request.pk),
        {"kind": "theme", "op": "add", "pk": foreign.pk},
    )
    assert response.status_code == 404
    assert request.themes.count() == 0


# --- cycles and settings pages


def test_next_cycle_button_and_settings(workspace, editor):
    owner = client_for(MembershipFactory(workspace=workspace, role=Role.OWNER))
    response = owner.post(
        url(workspace, "settings"),
        {"start_months": ["3", "9"], "request_days": "14", "opens_automatically": "on"},
    )
    assert response.status_code == 302
    assert client_for(editor).get(url(workspace, "settings")).status_code == 403
    response = client_for(editor).post(url(workspace, "cycle_next"))
    assert response.status_code == 302
    page = client_for(editor).get(url(workspace, "cycle_list")).content.decode()
    assert "March" in page and "September" in page


# --- query counts at two sizes


def _count(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _fill(workspace, editor, n: int) -> None:
    cycle = PlanningCycleFactory(workspace=workspace)
    for i in range(n):
        request = services.file_request(
            workspace=workspace, actor=editor.user, question=f"Q{i}", team="product", cycle=cycle
        )
        if i % 2:
            services.answer_request(
                workspace=workspace, actor=editor.user, request=request, summary="S"
            )


@pytest.mark.parametrize("name", ["request_list", "cycle_list", "reevaluate"])
def test_list_queries_do_not_grow(workspace, editor, requester, name):
    path = url(workspace, name) + "?per_page=100"
    _fill(workspace, editor, 2)
    small = {c: _count(c, path) for c in (client_for(editor), client_for(requester))}
    _fill(workspace, editor, 30)
    large = {c: _count(c, path) for c in small}
    assert list(large.values()) == list(small.values())
