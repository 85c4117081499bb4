"""The portal pages: home, engagement, giving input — own records only, small and quick."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from heard.engagements.models import AttributionRule
from heard.feedback import services as feedback
from heard.feedback.models import MAX_INPUT_LENGTH, Input
from heard.policies.models import Policy
from tests.factories import EngagementFactory, ParticipationFactory, ResponseFactory
from tests.portal.conftest import sign_in

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


def engagement_url(engagement):
    return reverse("portal:engagement", args=[engagement.pk])


def test_pages_need_a_portal_session(held_engagement):
    for url in (HOME, engagement_url(held_engagement), reverse("portal:preferences")):
        answer = Client().get(url)
        assert answer.status_code == 302 and answer["Location"] == reverse("portal:start")


def test_home_lists_engagements_and_open_consultations(
    portal_client, workspace, person, decided_input, policy_in_consultation
):
    open_one = EngagementFactory(workspace=workspace, title="Moderation survey", status="held")
    ParticipationFactory(engagement=open_one, workspace=workspace, stakeholder=person)
    body = portal_client.get(HOME).content.decode()
    assert "Appeals roundtable" in body and "1 input" in body
    assert "Moderation survey" in body
    assert (
        "Appeals policy" in body
        and reverse("portal:policy_input", args=[policy_in_consultation.pk]) in body
    )
    assert "Did you feel heard?" in body


def test_engagement_page_shows_decision_rationale_response_and_commitment(
    portal_client, held_engagement, decided_input
):
    body = portal_client.get(engagement_url(held_engagement)).content.decode()
    assert "Appeals need a human reviewer within 48 hours." in body
    assert "Partly adopted" in body
    assert "Human review is added for account suspensions first." in body
    assert "Automated appeals are audited monthly." in body
    assert "We told you in the follow-up call what we changed." in body
    assert "Human review of suspension appeals" in body and "40%" in body
    detail = portal_client.get(reverse("portal:input", args=[decided_input.pk]))
    assert "Human review is added for account suspensions first." in detail.content.decode()


def test_a_merged_input_is_still_shown_with_the_decision_that_covers_it(
    portal_client, workspace, person, make_stakeholder, held_engagement, decided_input
):
    """Nothing a stakeholder said is lost: merged into someone else's similar input, their
    words stay on their page, with that input's decision — and never its text."""
    other = make_stakeholder(name="Someone Else", email="else@example.org")
    keep = feedback.record_input(
        workspace=workspace,
        actor=None,
        text="Someone else's words about reviewers.",
        engagement=held_engagement,
        stakeholder=other,
        language="en",
    )
    feedback.decide_input(
        workspace=workspace,
        actor=None,
        input=keep,
        outcome="deferred",
        rationale="Reviewed again next quarter.",
        risk_management="Appeals are audited monthly.",
    )
    feedback.merge_inputs(workspace=workspace, actor=None, keep=keep, duplicate=decided_input)
    body = portal_client.get(engagement_url(held_engagement)).content.decode()
    assert "Appeals need a human reviewer within 48 hours." in body
    assert "We grouped this with a very similar input" in body
    assert "Reviewed again next quarter." in body
    assert "Someone else's words" not in body and "Someone Else" not in body
    detail = portal_client.get(reverse("portal:input", args=[decided_input.pk]))
    assert detail.status_code == 200 and "Reviewed again next quarter." in detail.content.decode()
    assert "1 input" in portal_client.get(HOME).content.decode()


def test_published_summary_is_shown(portal_client, workspace, held_engagement, decided_input):
    feedback.save_summary(
        workspace=workspace,
        actor=None,
        engagement=held_engagement,
        what_we_heard="Appeals are too slow.",
        what_we_did="We added reviewers.",
        publish=True,
    )
    body = portal_client.get(engagement_url(held_engagement)).content.decode()
    assert "We added reviewers." in body


def test_another_stakeholders_engagement_and_input_are_not_found(
    portal_client, workspace, make_stakeholder, other_workspace
):
    other = make_stakeholder("Bruno Costa", "bruno@example.org")
    theirs = EngagementFactory(workspace=workspace, title="Private interview", status="held")
    ParticipationFactory(engagement=theirs, workspace=workspace, stakeholder=other)
    secret = feedback.record_input(
        workspace=workspace, actor=None, text="Bruno's secret", engagement=theirs, stakeholder=other
    )
    response = ResponseFactory(workspace=workspace, stakeholder=other, engagement=theirs)
    assert portal_client.get(reverse("portal:input", args=[secret.pk])).status_code == 404
    assert portal_client.get(reverse("portal:response", args=[response.pk])).status_code == 404
    foreign = EngagementFactory(workspace=other_workspace, status="held")
    for engagement in (theirs, foreign):
        assert portal_client.get(engagement_url(engagement)).status_code == 404
        assert portal_client.get(reverse("portal:survey", args=[engagement.pk])).status_code == 404
        assert (
            portal_client.get(reverse("portal:engagement_input", args=[engagement.pk])).status_code
            == 404
        )
    assert "Bruno" not in portal_client.get(HOME).content.decode()


def test_chatham_house_page_shows_no_other_participant(
    portal_client, workspace, held_engagement, decided_input, make_stakeholder
):
    other = make_stakeholder("Zeynep Kaya-Distinct", "zeynep@example.org")
    ParticipationFactory(engagement=held_engagement, workspace=workspace, stakeholder=other)
    feedback.record_input(
        workspace=workspace,
        actor=None,
        text="Zeynep's own point about takedowns",
        engagement=held_engagement,
        stakeholder=other,
    )
    body = portal_client.get(engagement_url(held_engagement)).content.decode()
    assert "Appeals need a human reviewer" in body
    assert "Zeynep" not in body and "takedowns" not in body
    assert "zeynep@example.org" not in body
    assert "Chatham House" in body


def _fill(workspace, person, n: int):
    for i in range(n):
        engagement = EngagementFactory(workspace=workspace, title=f"Round {i}", status="held")
        ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=person)
        row = feedback.record_input(
            workspace=workspace,
            actor=None,
            text=f"Point {i}",
            engagement=engagement,
            stakeholder=person,
            language="en",
        )
        feedback.decide_input(
            workspace=workspace,
            actor=None,
            input=row,
            outcome="not_adopted",
            rationale="Not now.",
            risk_management="Monitored.",
        )


def _count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_home_query_count_does_not_grow(
    portal_client, workspace, person, django_assert_max_num_queries
):
    _fill(workspace, person, 2)
    small = _count(portal_client, HOME, django_assert_max_num_queries, 15)
    _fill(workspace, person, 25)
    assert _count(portal_client, HOME, django_assert_max_num_queries, 15) == small


def test_engagement_page_query_count_does_not_grow(
    portal_client, workspace, person, held_engagement, django_assert_max_num_queries
):
    def add(n, start):
        for i in range(start, start + n):
            row = feedback.record_input(
                workspace=workspace,
                actor=None,
                text=f"Point {i}",
                engagement=held_engagement,
                stakeholder=person,
                language="en",
            )
            decision = feedback.decide_input(
                workspace=workspace,
                actor=None,
                input=row,
                outcome="deferred",
                rationale="Later.",
                risk_management="Watched.",
            )
            feedback.create_commitment(
                workspace=workspace,
                actor=None,
                title=f"Promise {i}",
                inputs=[row],
                decisions=[decision],
            )

    add(2, 0)
    url = engagement_url(held_engagement)
    small = _count(portal_client, url, django_assert_max_num_queries, 20)
    add(30, 2)
    assert _count(portal_client, url, django_assert_max_num_queries, 20) == small


def test_pages_stay_under_50_kb(portal_client, workspace, person, held_engagement):
    long_text = "A long and careful account of what happened. " * 200  # ~9 KB
    for _ in range(40):
        row = feedback.record_input(
            workspace=workspace,
            actor=None,
            text=long_text,
            engagement=held_engagement,
            stakeholder=person,
            language="en",
        )
        feedback.decide_input(
            workspace=workspace,
            actor=None,
            input=row,
            outcome="not_adopted",
            rationale="Because. " * 100,
            risk_management="Monitored. " * 50,
        )
    _fill(workspace, person, 60)
    urls = [HOME, engagement_url(held_engagement), reverse("portal:preferences")]
    urls.append(reverse("portal:input", args=[row.pk]))
    for url in urls:
        size = len(portal_client.get(url).content)
        assert size < 50_000, (url, size)


# --- giving input


def test_give_input_to_an_open_engagement(portal_client, workspace, person):
    engagement = EngagementFactory(
        workspace=workspace,
        status="invitations_sent",
        attribution_rule=AttributionRule.ATTRIBUTED_WITH_CONSENT,
    )
    ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=person)
    url = reverse("portal:engagement_input", args=[engagement.pk])
    assert portal_client.get(url).status_code == 200
    answer = portal_client.post(
        url, {"kind": "recommendation", "text": "Publish the appeal rates."}
    )
    assert answer.status_code == 302
    row = Input.objects.get()
    assert (row.stakeholder, row.engagement, row.source, row.kind) == (
        person,
        engagement,
        "portal",
        "recommendation",
    )
    assert row.recorded_by is None
    assert "Publish the appeal rates." in portal_client.get(answer["Location"]).content.decode()


def test_input_to_an_anonymous_engagement_keeps_no_name(portal_client, workspace, person):
    engagement = EngagementFactory(
        workspace=workspace, status="held", attribution_rule=AttributionRule.ANONYMOUS
    )
    ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=person)
    url = reverse("portal:engagement_input", args=[engagement.pk])
    assert portal_client.post(url, {"kind": "concern", "text": "Unsafe."}).status_code == 302
    row = Input.objects.get()
    assert row.stakeholder is None and row.is_anonymous


@pytest.mark.parametrize(
    ("data", "field_label"),
    [
        ({"kind": "concern", "text": "x" * (MAX_INPUT_LENGTH + 1)}, "Your input"),
        ({"kind": "concern", "text": "   "}, "Your input"),
        ({"kind": "spam", "text": "Fine text"}, "What you are sharing"),
        ({"kind": "concern", "text": "nul \x00 byte"}, "Your input"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    portal_client, workspace, person, held_engagement, data, field_label
):
    url = reverse("portal:engagement_input", args=[held_engagement.pk])
    answer = portal_client.post(url, data)
    body = answer.content.decode()
    assert answer.status_code == 400
    assert "Nothing was saved" in body and field_label in body
    assert not Input.objects.exists()


def test_closed_engagement_takes_no_input(portal_client, workspace, person):
    engagement = EngagementFactory(workspace=workspace, status="debriefed")
    ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=person)
    url = reverse("portal:engagement_input", args=[engagement.pk])
    assert portal_client.post(url, {"kind": "concern", "text": "Late"}).status_code == 302
    assert not Input.objects.exists()


def test_comment_on_a_policy_in_consultation(portal_client, person, policy_in_consultation):
    url = reverse("portal:policy_input", args=[policy_in_consultation.pk])
    answer = portal_client.post(url, {"kind": "concern", "text": "Define 'harmful'."})
    assert answer.status_code == 302
    row = Input.objects.get()
    assert row.stakeholder == person and row.engagement is None
    assert list(Policy.objects.get().related_inputs.all()) == [row]
    page = portal_client.get(reverse("portal:other_inputs")).content.decode()
    assert "Define" in page and "Appeals policy" in page


def test_policy_not_in_consultation_is_not_found(portal_client, workspace):
    from tests.factories import PolicyFactory

    published = PolicyFactory(workspace=workspace, status="published", published_at=timezone.now())
    url = reverse("portal:policy_input", args=[published.pk])
    assert portal_client.get(url).status_code == 404


def test_signing_out_ends_the_session(person):
    client = sign_in(Client(), person)
    client.post(reverse("portal:sign_out"))
    assert client.get(HOME).status_code == 302
