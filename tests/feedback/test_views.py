"""The feedback pages over HTTP: entry, minutes, decisions, responses, commitments, to-do."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from heard.core.models import Role
from heard.engagements.models import AttributionRule
from heard.feedback import services
from heard.feedback.models import Commitment, Decision, Input, Response
from tests.conftest import member_client
from tests.factories import ImpactFactory, TopicFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "entry-form-slot"}


def url(name, workspace, *args):
    return reverse(f"feedback:{name}", args=[workspace.slug, *args])


# --- entry


def test_entry_records_many_inputs_without_reloading(workspace, make_engagement, make_person):
    engagement = make_engagement(rule=AttributionRule.ATTRIBUTED_WITH_CONSENT)
    person = make_person("Amina Yusuf", engagement=engagement)
    client = member_client(workspace, Role.CONTRIBUTOR)
    page = client.get(url("entry", workspace, engagement.pk))
    assert page.status_code == 200
    assert "Amina Yusuf" in page.content.decode()
    for n, kind in enumerate(["concern", "recommendation", "question"]):
        answer = client.post(
            url("entry", workspace, engagement.pk),
            {"text": f"Point {n}", "kind": kind, "stakeholder": person.pk},
            **HX,
        )
        body = answer.content.decode()
        assert answer.status_code == 200
        assert 'hx-swap-oob="afterbegin:#entry-list"' in body and f"Point {n}" in body
        assert 'name="text"' in body and "autofocus" in body  # a fresh form, focused
        assert f'<option value="{kind}" selected>' in body  # the kind carries over
    assert list(Input.objects.order_by("pk").values_list("kind", flat=True)) == [
        "concern",
        "recommendation",
        "question",
    ]
    assert set(Input.objects.values_list("stakeholder_id", flat=True)) == {person.pk}


def test_entry_error_comes_back_in_the_form_and_nothing_is_written(workspace, make_engagement):
    engagement = make_engagement()
    client = member_client(workspace, Role.CONTRIBUTOR)
    answer = client.post(
        url("entry", workspace, engagement.pk), {"text": "", "kind": "concern"}, **HX
    )
    assert answer.status_code == 200
    assert "This field is required" in answer.content.decode()
    assert "entry-list" not in answer.content.decode()
    assert Input.objects.count() == 0


def test_entry_without_javascript_posts_and_redirects(workspace, make_engagement):
    engagement = make_engagement()
    client = member_client(workspace, Role.CONTRIBUTOR)
    answer = client.post(
        url("entry", workspace, engagement.pk), {"text": "Plain post", "kind": "concern"}
    )
    assert answer.status_code == 302
    assert Input.objects.get().text == "Plain post"


def test_entry_on_anonymous_engagement_has_no_speaker_picker(
    workspace, make_engagement, make_person
):
    engagement = make_engagement(rule=AttributionRule.ANONYMOUS)
    person = make_person(engagement=engagement)
    client = member_client(workspace, Role.CONTRIBUTOR)
    assert (
        'name="stakeholder"'
        not in client.get(url("entry", workspace, engagement.pk)).content.decode()
    )
    client.post(
        url("entry", workspace, engagement.pk),
        {"text": "Quiet", "kind": "concern", "stakeholder": person.pk},
        **HX,
    )
    row = Input.objects.get()
    assert row.stakeholder_id is None and row.is_anonymous


def test_viewer_cannot_record(workspace, make_engagement):
    engagement = make_engagement()
    client = member_client(workspace, Role.VIEWER)
    assert client.post(url("entry", workspace, engagement.pk), {"text": "x"}).status_code == 403


def test_minutes_preview_then_save_all(workspace, make_engagement, make_person):
    engagement = make_engagement()
    person = make_person("Kofi Mensah", engagement=engagement)
    client = member_client(workspace, Role.CONTRIBUTOR)
    minutes = "- Kofi: Appeals are slow\n- Moderators lack context\n\nNot an input"
    preview = client.post(
        url("minutes", workspace, engagement.pk),
        {"minutes": minutes, "kind": "concern", "action": "preview"},
    )
    body = preview.content.decode()
    assert preview.status_code == 200 and Input.objects.count() == 0
    assert 'name="piece-2-text"' in body and f'<option value="{person.pk}" selected>' in body
    saved = client.post(
        url("minutes", workspace, engagement.pk),
        {
            "minutes": minutes,
            "kind": "concern",
            "action": "save",
            "piece_count": "3",
            "piece-0-include": "1",
            "piece-0-text": "Appeals are slow",
            "piece-0-kind": "concern",
            "piece-0-stakeholder": str(person.pk),
            "piece-1-include": "1",
            "piece-1-text": "Moderators lack local context",
            "piece-1-kind": "evidence",
            "piece-2-text": "Not an input",
            "piece-2-kind": "concern",
        },
    )
    assert saved.status_code == 302
    rows = list(
        Input.objects.order_by("pk").values_list("text", "kind", "stakeholder_id", "source")
    )
    assert rows == [
        ("Appeals are slow", "concern", person.pk, "minutes"),
        ("Moderators lack local context", "evidence", None, "minutes"),
    ]


def test_minutes_save_is_all_or_nothing(workspace, make_engagement):
    engagement = make_engagement()
    client = member_client(workspace, Role.CONTRIBUTOR)
    answer = client.post(
        url("minutes", workspace, engagement.pk),
        {
            "minutes": "a\n\nb",
            "kind": "concern",
            "action": "save",
            "piece_count": "2",
            "piece-0-include": "1",
            "piece-0-text": "Fine",
            "piece-1-include": "1",
            "piece-1-text": "x" * 10_001,
        },
    )
    assert answer.status_code == 400
    assert "Piece 2" in answer.content.decode()
    assert Input.objects.count() == 0


# --- decisions


def test_not_adopted_without_rationale_is_refused_with_field_errors(workspace, record):
    row = record()
    client = member_client(workspace, Role.EDITOR)
    answer = client.post(url("input_decide", workspace, row.pk), {"outcome": "not_adopted"})
    body = answer.content.decode()
    assert answer.status_code == 400
    assert "rationale is required" in body and "still managed" in body
    assert Decision.objects.count() == 0
    ok = client.post(
        url("input_decide", workspace, row.pk),
        {
            "outcome": "not_adopted",
            "rationale": "Legal limits",
            "risk_management": "Quarterly audit",
        },
    )
    assert ok.status_code == 302
    page = client.get(url("input_detail", workspace, row.pk)).content.decode()
    assert "Legal limits" in page and "Quarterly audit" in page


def test_contributor_cannot_decide(workspace, record):
    row = record()
    client = member_client(workspace, Role.CONTRIBUTOR)
    assert (
        client.post(url("input_decide", workspace, row.pk), {"outcome": "adopted"}).status_code
        == 403
    )


def test_decision_history_lists_every_version(workspace, record, decide):
    row = record()
    decide(row)
    decide(row, "deferred", rationale="Budget next year", risk_management="Interim guidance")
    page = (
        member_client(workspace, Role.VIEWER)
        .get(url("input_detail", workspace, row.pk))
        .content.decode()
    )
    assert "All 2 versions" in page and "v1" in page and "Budget next year" in page


def test_conflict_and_merge_pages(workspace, record):
    a, b, dup = record("More"), record("Less"), record("More again")
    client = member_client(workspace, Role.EDITOR)
    assert (
        client.post(
            url("conflict_link", workspace, a.pk), {"other": b.pk, "note": "Opposite"}
        ).status_code
        == 302
    )
    page = client.get(url("input_detail", workspace, a.pk)).content.decode()
    assert "conflict-pair" in page and "Less" in page
    bad = client.post(url("conflict_link", workspace, a.pk), {"other": 999999})
    assert bad.status_code == 400 and "no input with that number" in bad.content.decode()
    assert client.post(url("input_merge", workspace, dup.pk), {"keep": a.pk}).status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into_id == a.pk


# --- responses


def test_compose_and_send_a_response(
    workspace, make_engagement, make_person, record, decide, django_capture_on_commit_callbacks
):
    engagement = make_engagement(held_days_ago=2)
    person = make_person(engagement=engagement)
    decide(record("Slow appeals", engagement=engagement, stakeholder=person))
    client = member_client(workspace, Role.EDITOR)
    overview = client.get(url("engagement_responses", workspace, engagement.pk)).content.decode()
    assert "Amina Yusuf" in overview
    page = client.get(url("response_compose", workspace, engagement.pk, person.pk))
    assert "Slow appeals" in page.content.decode()
    body = page.context["form"].initial["body"]
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            url("response_compose", workspace, engagement.pk, person.pk),
            {"channel": "email", "language": "en", "subject": "Thanks", "body": body},
        )
    assert sent.status_code == 302
    assert len(mail.outbox) == 1 and "Slow appeals" in mail.outbox[0].body
    assert Input.objects.get().loop_closed_at is not None
    # Staff see where the link went, never the stakeholder's live link.
    assert "/portal/" not in page.content.decode() and "/portal/" in mail.outbox[0].body
    response = Response.objects.get()
    detail = client.get(url("response_detail", workspace, response.pk)).content.decode()
    assert "(personal portal link)" in detail and "[portal-link]" not in detail
    assert "/portal/" not in detail


def test_response_without_consent_shows_a_clear_message(
    workspace, make_engagement, make_person, record, decide
):
    engagement = make_engagement(held_days_ago=2)
    person = make_person(engagement=engagement, consent=False)
    decide(record(engagement=engagement, stakeholder=person))
    client = member_client(workspace, Role.EDITOR)
    answer = client.post(
        url("response_compose", workspace, engagement.pk, person.pk),
        {"channel": "email", "language": "en", "body": "Hello"},
    )
    assert answer.status_code == 400
    assert "no valid consent to be contacted" in answer.content.decode()
    assert Response.objects.count() == 0


def test_summary_page_publishes(workspace, make_engagement, record, decide):
    engagement = make_engagement(held_days_ago=2)
    decide(record("Unnamed", engagement=engagement))
    client = member_client(workspace, Role.EDITOR)
    page = client.get(url("summary_edit", workspace, engagement.pk))
    assert "Unnamed" in page.content.decode()  # the draft is prefilled
    answer = client.post(
        url("summary_edit", workspace, engagement.pk),
        {"what_we_heard": "Appeals", "what_we_did": "Review", "action": "publish"},
    )
    assert answer.status_code == 302
    assert Input.objects.get().loop_closed_at is not None


# --- lists, export, query counts


def _fill(workspace, engagement, person, n, offset=0):
    impact = ImpactFactory(workspace=workspace)
    topic = TopicFactory(workspace=workspace)
    for i in range(offset, offset + n):
        row = services.record_input(
            workspace=workspace,
            actor=None,
            text=f"Input number {i} about appeals",
            engagement=engagement,
            stakeholder=person if i % 2 else None,
            impacts=[impact],
            topics=[topic],
        )
        if i % 3 == 0:
            services.decide_input(workspace=workspace, actor=None, input=row, outcome="adopted")


def count(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_input_list_queries_do_not_grow(workspace, make_engagement, make_person):
    engagement = make_engagement(held_days_ago=90)
    person = make_person(engagement=engagement)
    client = member_client(workspace, Role.OWNER)
    path = url("input_list", workspace) + "?per_page=100"
    _fill(workspace, engagement, person, 3)
    small = count(client, path)
    filtered = (
        path
        + f"&q=appeals&kind=concern&loop=overdue&engagement={engagement.pk}"
        + f"&sort=-due&stakeholder={person.pk}"
    )
    small_filtered = count(client, filtered)
    _fill(workspace, engagement, person, 30, offset=3)
    assert count(client, path) == small
    assert count(client, filtered) == small_filtered


def test_list_filters(workspace, make_engagement, make_person, record, decide):
    engagement = make_engagement(held_days_ago=90)
    other = make_engagement("Other", held_days_ago=0)
    overdue = record("Overdue one", engagement=engagement)
    fresh = record("Fresh one", engagement=other, kind="question")
    decided = record("Decided one", engagement=engagement)
    decide(decided)
    client = member_client(workspace, Role.VIEWER)

    def texts(query):
        page = client.get(url("input_list", workspace) + query)
        return {i.text for i in page.context["page_obj"]}

    assert texts("?loop=overdue") == {"Overdue one", "Decided one"}
    assert texts("?kind=question") == {"Fresh one"}
    assert texts("?outcome=none") == {"Overdue one", "Fresh one"}
    assert texts("?outcome=adopted") == {"Decided one"}
    assert texts(f"?engagement={other.pk}") == {"Fresh one"}
    assert texts("?q=fresh") == {"Fresh one"}
    assert (
        "Ignored the filter"
        in client.get(url("input_list", workspace) + "?kind=nonsense").content.decode()
    )
    services.archive_input(workspace=workspace, actor=None, input=fresh)
    assert "Fresh one" not in texts("")
    assert texts("?show=archived") == {"Fresh one"}
    assert overdue.pk


def test_xlsx_export(workspace, record):
    record("Exported input")
    client = member_client(workspace, Role.EDITOR)
    response = client.get(url("input_export", workspace) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[1][1] == "Exported input"


def test_home_todo_lists_overdue_loops_of_the_engagement_lead(workspace, make_engagement, record):
    lead = member_client(workspace, Role.EDITOR)
    engagement = make_engagement("Late roundtable", held_days_ago=90, owner=lead.user)
    record(engagement=engagement)
    home = reverse("workspace_home", args=[workspace.slug])
    assert "Late roundtable" in lead.get(home).content.decode()
    other = member_client(workspace, Role.EDITOR)
    assert "Late roundtable" not in other.get(home).content.decode()


def test_home_todo_queries_do_not_grow(workspace, make_engagement, make_person):
    lead = member_client(workspace, Role.EDITOR)
    home = reverse("workspace_home", args=[workspace.slug])
    person = make_person()
    engagement = make_engagement(held_days_ago=90, owner=lead.user)
    _fill(workspace, engagement, person, 2)
    small = count(lead, home)
    for n in range(4):
        _fill(workspace, make_engagement(f"E{n}", held_days_ago=90, owner=lead.user), person, 5)
    assert count(lead, home) == small


def test_engagement_page_shows_its_inputs(workspace, make_engagement, record):
    engagement = make_engagement()
    record("Shown on the engagement", engagement=engagement)
    page = member_client(workspace, Role.VIEWER).get(
        reverse("engagements:engagement_detail", args=[workspace.slug, engagement.pk])
    )
    assert "Shown on the engagement" in page.content.decode()


# --- commitments


def test_commitment_pages(workspace, record, django_capture_on_commit_callbacks):
    row = record()
    client = member_client(workspace, Role.EDITOR)
    created = client.post(
        reverse("feedback:commitment_create", args=[workspace.slug]),
        {"title": "Human review", "status": "planned", "progress": "0", "inputs": f"#{row.pk}"},
    )
    assert created.status_code == 302
    commitment = Commitment.objects.get()
    assert list(commitment.inputs.all()) == [row]
    bad = client.post(
        reverse("feedback:commitment_create", args=[workspace.slug]),
        {"title": "x", "status": "planned", "progress": "0", "inputs": "999999"},
    )
    assert bad.status_code == 400 and "no input numbered 999999" in bad.content.decode()
    progress = client.post(
        url("commitment_progress", workspace, commitment.pk),
        {"status": "in_progress", "progress": "30", "note": "Started", "notify": "on"},
    )
    assert progress.status_code == 302
    page = client.get(url("commitment_detail", workspace, commitment.pk)).content.decode()
    assert "Started" in page
    listing = client.get(reverse("feedback:commitment_list", args=[workspace.slug]))
    assert "Human review" in listing.content.decode()


def test_commitment_list_queries_do_not_grow(workspace, record):
    client = member_client(workspace, Role.VIEWER)
    path = reverse("feedback:commitment_list", args=[workspace.slug]) + "?per_page=100"
    rows = [record(f"r{n}") for n in range(3)]

    def make(n):
        for i in range(n):
            services.create_commitment(workspace=workspace, actor=None, title=f"C{i}", inputs=rows)

    make(2)
    small = count(client, path)
    make(20)
    assert count(client, path) == small


def test_list_count_is_capped_beyond_the_cap(workspace, record, monkeypatch):
    from heard.feedback.views import inputs as input_views

    monkeypatch.setattr(input_views, "COUNT_CAP", 2)
    client = member_client(workspace, Role.VIEWER)
    record("One")
    record("Two")
    page = client.get(url("input_list", workspace)).content.decode()
    assert "2 inputs" in page and "More than" not in page
    record("Three")
    response = client.get(url("input_list", workspace))
    assert "More than 2 inputs" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 2


def test_filters_list_a_bounded_number_of_impacts_and_keep_the_chosen_one(workspace, monkeypatch):
    from heard.feedback import queries
    from tests.factories import ImpactFactory

    monkeypatch.setattr(queries, "FILTER_CHOICES", 2)
    impacts = [ImpactFactory(workspace=workspace, title=f"Impact {i}") for i in range(4)]
    form = queries.input_filter_form(workspace, {})
    assert len(form.fields["impact"].choices) == 1 + 2  # "any" and two impacts
    chosen = next(i for i in impacts if i.pk not in {pk for pk, _ in form.fields["impact"].choices})
    form = queries.input_filter_form(workspace, {"impact": str(chosen.pk)})
    assert chosen.pk in {pk for pk, _ in form.fields["impact"].choices}
    assert form.is_valid() and form.values()["impact"] == chosen.pk
