"""The team's concern pages: list (filters, query counts), export, detail with each step,
figures and settings."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from heard.concerns import queries, services
from heard.concerns.models import Concern
from heard.core.models import AuditEntry, Role
from tests.concerns.conftest import raise_one, walk_to
from tests.conftest import member_client
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def url(workspace, name, *args):
    return reverse(f"concerns:{name}", args=[workspace.slug, *args])


def count(client, path) -> int:
    client.get(path)  # warm per-process caches outside the count
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def fill(workspace, n: int, handler) -> None:
    initiative = InitiativeFactory(workspace=workspace)
    for i in range(n):
        concern = raise_one(workspace, contact_email=f"p{i}@example.org")
        if i % 2:
            services.acknowledge(workspace=workspace, actor=handler, concern=concern)
            services.assess(
                workspace=workspace, actor=handler, concern=concern, initiative=initiative
            )


@pytest.mark.parametrize("params", ["", "?status=open&sort=due", "?overdue=on&channel=portal"])
def test_list_queries_do_not_grow(workspace, channel, handler, handler_client, params):
    fill(workspace, 3, handler)
    small = count(handler_client, url(workspace, "concern_list") + params)
    fill(workspace, 30, handler)
    assert count(handler_client, url(workspace, "concern_list") + params) <= small


def test_list_queries_bounded(
    workspace, channel, handler, handler_client, django_assert_max_num_queries
):
    fill(workspace, 20, handler)
    handler_client.get(url(workspace, "concern_list"))
    with django_assert_max_num_queries(12):
        handler_client.get(url(workspace, "concern_list"))


def test_list_filters_search_and_overdue(workspace, channel, handler, handler_client):
    late = raise_one(workspace, description="Facial recognition misidentified me.")
    Concern.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    fresh = raise_one(workspace, description="Captions missing for deaf users.")
    portal = raise_one(workspace, channel="portal", actor="stakeholder portal")
    page = handler_client.get(url(workspace, "concern_list") + "?overdue=on").content.decode()
    assert late.reference_display in page and fresh.reference_display not in page
    page = handler_client.get(url(workspace, "concern_list") + "?q=captions").content.decode()
    assert fresh.reference_display in page and late.reference_display not in page
    page = handler_client.get(
        url(workspace, "concern_list") + f"?q={portal.reference}"
    ).content.decode()
    assert portal.reference_display in page and fresh.reference_display not in page
    page = handler_client.get(url(workspace, "concern_list") + "?channel=portal").content.decode()
    assert portal.reference_display in page and late.reference_display not in page
    page = handler_client.get(url(workspace, "concern_list") + "?status=bogus").content.decode()
    assert "Ignored the filter" in page


def test_list_paginates(workspace, channel, handler_client):
    for _ in range(27):
        raise_one(workspace)
    page = handler_client.get(url(workspace, "concern_list")).content.decode()
    assert "27 concerns" in page
    assert page.count("/concerns/") >= 25
    second = handler_client.get(url(workspace, "concern_list") + "?page=2").content.decode()
    assert second.count('class="badge">Received') == 2


def test_viewers_and_contributors_cannot_read_concerns(workspace, channel):
    concern = raise_one(workspace)
    for role in (Role.VIEWER, Role.CONTRIBUTOR):
        client = member_client(workspace, role)
        assert client.get(url(workspace, "concern_list")).status_code == 403
        assert client.get(url(workspace, "concern_detail", concern.pk)).status_code == 403
        assert client.get(url(workspace, "channel_figures")).status_code == 200


def test_export_neutralises_formulas_and_leaves_contacts_out(workspace, channel, handler_client):
    raise_one(workspace, description='=HYPERLINK("http://evil")', contact_email="x@example.org")
    response = handler_client.get(url(workspace, "concern_export"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Reference"
    assert rows[1][4].startswith("'=HYPERLINK")
    assert "x@example.org" not in body
    assert AuditEntry.objects.filter(workspace=workspace, action="export").exists()


def test_detail_walks_every_step(workspace, channel, handler, handler_client):
    concern = raise_one(workspace, contact_email="amina@example.org")
    page = handler_client.get(url(workspace, "concern_detail", concern.pk)).content.decode()
    assert "amina@example.org" in page and "Acknowledge" in page
    assert url(workspace, "concern_history", concern.pk) in page

    assert (
        handler_client.post(url(workspace, "concern_acknowledge", concern.pk), {}).status_code
        == 302
    )
    initiative = InitiativeFactory(workspace=workspace)
    response = handler_client.post(
        url(workspace, "concern_assess", concern.pk),
        {"notes": "Logs checked.", "initiative": initiative.pk, "right_codes": ["iccpr-17"]},
    )
    assert response.status_code == 302
    response = handler_client.post(
        url(workspace, "concern_outcome", concern.pk), {"outcome": "upheld", "reasons": ""}
    )
    assert response.status_code == 400
    assert "Reasons" in response.content.decode()
    response = handler_client.post(
        url(workspace, "concern_outcome", concern.pk),
        {"outcome": "upheld", "reasons": "It happened."},
    )
    assert response.status_code == 302
    response = handler_client.post(
        url(workspace, "remedy_add", concern.pk), {"kind": "apology", "description": "A letter."}
    )
    assert response.status_code == 302
    remedy = concern.remedies.get()
    response = handler_client.post(
        url(workspace, "remedy_update", remedy.pk), {f"r{remedy.pk}-status": "provided"}
    )
    assert response.status_code == 302
    assert handler_client.post(url(workspace, "concern_close", concern.pk), {}).status_code == 302
    concern.refresh_from_db()
    assert concern.status == "closed" and concern.initiative == initiative
    page = handler_client.get(url(workspace, "concern_detail", concern.pk)).content.decode()
    for label in (
        "Concern received",
        "Acknowledged",
        "Assessment started",
        "Outcome decided",
        "Remedy planned",
        "Closed",
    ):
        assert label in page
    history = handler_client.get(url(workspace, "concern_history", concern.pk))
    assert history.status_code == 200


def test_record_a_concern_received_by_phone(workspace, channel, handler_client):
    response = handler_client.post(
        url(workspace, "concern_create"),
        {"description": "Called about data sold.", "channel": "phone", "language": "sw"},
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert (concern.channel, concern.language) == ("phone", "sw")
    bad = handler_client.post(
        url(workspace, "concern_create"), {"description": "", "channel": "fax", "language": "en"}
    )
    assert bad.status_code == 400
    assert Concern.objects.count() == 1


def test_channel_settings_open_the_public_form(workspace):
    client = member_client(workspace, Role.OWNER)
    public = reverse("concerns_public:new", args=[workspace.slug])
    assert client.get(public).status_code == 404
    response = client.post(
        url(workspace, "channel_settings"),
        {"is_enabled": "on", "acknowledgement_days": 3, "assessment_days": 9, "outcome_days": 40},
    )
    assert response.status_code == 302
    assert client.get(public).status_code == 200
    bad = client.post(
        url(workspace, "channel_settings"),
        {"is_enabled": "on", "acknowledgement_days": 30, "assessment_days": 9, "outcome_days": 40},
    )
    assert bad.status_code == 400
    assert services.channel_settings(workspace).acknowledgement_days == 3


def test_channel_figures(workspace, channel, handler):
    a = walk_to(raise_one(workspace), "outcome_decided", handler)
    services.add_remedy(
        workspace=workspace, actor=handler, concern=a, kind="compensation", description="Paid."
    )
    services.record_feedback(workspace=workspace, actor="public form", concern=a, rating=4)
    b = raise_one(workspace, channel="email", actor=handler)
    services.acknowledge(workspace=workspace, actor=handler, concern=b)
    raise_one(workspace, channel="email", actor=handler)
    old = raise_one(workspace, raised_at=timezone.now() - datetime.timedelta(days=400))
    today = timezone.localdate()
    figures = queries.channel_figures(workspace, today - datetime.timedelta(days=30), today)
    assert figures.received == 3
    assert dict(figures.by_channel)["Email"] == 2
    assert dict(figures.by_status)["Received"] == 1
    assert figures.acknowledged_count == 2 and figures.acknowledged_in_time_share == 100.0
    assert figures.decided_count == 1 and figures.median_days_to_outcome == 0.0
    assert dict(figures.outcomes)["Upheld"] == 1
    assert dict(figures.remedies_by_kind)["Compensation"] == 1
    assert (figures.satisfaction_count, figures.satisfaction_average) == (1, 4.0)
    assert old.pk not in [
        c.pk
        for c in Concern.objects.filter(raised_at__date__gte=today - datetime.timedelta(days=30))
    ]
    client = member_client(workspace, Role.VIEWER)
    page = client.get(url(workspace, "channel_figures")).content.decode()
    assert "Median days to acknowledgement" in page
    assert a.description not in page
