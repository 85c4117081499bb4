"""The whole feedback loop in Chromium, as issue 5 tells it: record inputs in a session, decide
(a "not adopted" without a rationale is refused with a clear message), respond; the stakeholder
opens the magic link from the email and sees the decision; the loop shows closed; and the
public transparency centre shows the forum's minutes, redacted."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from heard.core.models import Role
from heard.engagements.models import AttributionRule
from heard.feedback.models import Input
from heard.policies import services as policies
from heard.stakeholders import services as registry
from heard.transparency import services as transparency
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import PASSWORD, ConsentFactory, MembershipFactory, ParticipationFactory
from tests.feedback.conftest import hold

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+/portal/\S+")


@pytest.fixture
def setting():
    from heard.engagements.services import engagements as engagement_services

    owner = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    manager = MembershipFactory(role=Role.MANAGER, workspace=owner.workspace)
    workspace = owner.workspace
    engagement = engagement_services.create_engagement(
        workspace=workspace,
        actor=None,
        title="Appeals roundtable",
        attribution_rule=AttributionRule.ATTRIBUTED_WITH_CONSENT,
    )
    engagement = hold(workspace, engagement, days_ago=2)
    amina = registry.create_stakeholder(
        workspace=workspace, actor=None, name="Amina Yusuf", email="amina@example.org"
    )
    ConsentFactory(stakeholder=amina, workspace=workspace, purpose="contact")
    ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=amina)
    return owner, manager, engagement, amina


def publish_forum_minutes(workspace, owner, manager, amina) -> str:
    """A policy forum whose internal meeting Amina observed; minutes naming her are recorded,
    redacted, approved by a second person and published; the centre is published too."""
    policy = policies.create_policy(
        workspace=workspace,
        actor=owner,
        title="Appeals policy",
        text="Anyone may appeal once.",
        owner=owner,
    )
    forum = policies.create_forum(
        workspace=workspace, actor=owner, policy=policy, owner=owner, title="Appeals forum"
    )
    meeting = policies.plan_meeting(
        workspace=workspace, actor=owner, forum=forum, stage="internal_meeting"
    )
    ParticipationFactory(workspace=workspace, engagement=meeting.engagement, stakeholder=amina)
    minutes = policies.record_minutes(
        workspace=workspace,
        actor=owner,
        forum=forum,
        text="Amina Yusuf asked for a human reviewer on every appeal.",
    )
    minutes = policies.redact_minutes(workspace=workspace, actor=owner, minutes=minutes)
    minutes = policies.approve_minutes(workspace=workspace, actor=manager, minutes=minutes)
    policies.publish_minutes(workspace=workspace, actor=manager, minutes=minutes)
    transparency.save_centre(
        workspace=workspace,
        actor=owner,
        title="Acme Social transparency centre",
        public_slug=workspace.slug,
        is_published=True,
    )
    return minutes.redacted_text


def test_the_whole_loop(page, browser, live_server, setting):
    owner, manager, engagement, amina = setting
    workspace = owner.workspace
    slug = workspace.slug
    log_in(page, owner.user.email, PASSWORD)

    # 1. Record two inputs during the session, with the keyboard only.
    page.goto(f"/w/{slug}/inputs/entry/{engagement.pk}/")
    said = ("Appeals take weeks and nobody answers.", "Add a human reviewer before suspensions.")
    for number, text in enumerate(said, 1):
        page.keyboard.type(text)
        page.keyboard.press("Alt+w")
        page.keyboard.type("Ami")
        page.keyboard.press("Alt+t")
        page.keyboard.press("Enter")
        page.locator("#entry-list li", has_text=text).wait_for()
        assert page.locator("#entry-list li[id^=input-]").count() == number
    first, second = Input.objects.order_by("pk")
    assert first.stakeholder_id == second.stakeholder_id == amina.pk

    # 2. Decide: "not adopted" without a rationale is refused, nothing is written.
    for row, outcome in ((first, "Not adopted"), (second, "Adopted")):
        page.goto(f"/w/{slug}/inputs/{row.pk}/")
        page.get_by_label(outcome, exact=True).check()
        if outcome == "Not adopted":
            page.get_by_role("button", name="Save decision").click()
            page.wait_for_load_state()
            assert page.get_by_text(
                "a rationale is required for every outcome other than adopted"
            ).is_visible()
            assert not row.decisions.exists()
            page.get_by_label("Rationale").fill("Suspensions must stay fast to stop abuse.")
            page.get_by_label("How the risk is still managed").fill(
                "Every suspension can be appealed to a person within 48 hours."
            )
        page.get_by_role("button", name="Save decision").click()
        page.wait_for_load_state()
        assert page.get_by_text("Decision saved (version 1).").is_visible()

    # 3. Respond: one message covering both inputs, emailed with a magic link.
    page.goto(f"/w/{slug}/responses/engagement/{engagement.pk}/")
    page.get_by_role("row", name="Amina Yusuf").get_by_role("link").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Send or record the response").click()
    page.wait_for_load_state()
    assert page.get_by_text("Response sent by email.").is_visible()
    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    link = LINK.search(message.body).group(0)

    # 4. The loop shows closed on the input's page.
    page.goto(f"/w/{slug}/inputs/{first.pk}/")
    assert page.get_by_text(re.compile(r"^Closed ")).is_visible()
    first.refresh_from_db()
    assert first.loop_closed_at is not None

    # 5. Amina opens the link in her own browser and sees the decision and its reason.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    amina_page = context.new_page()
    parts = urlsplit(link)
    amina_page.goto(f"{parts.path}?{parts.query}")
    amina_page.get_by_role("button", name="Continue to my portal").click()
    amina_page.wait_for_load_state()
    if "Appeals roundtable" not in amina_page.content():
        amina_page.get_by_role("link", name="Appeals roundtable").click()
        amina_page.wait_for_load_state()
    content = amina_page.content()
    assert "Appeals take weeks and nobody answers." in content
    assert "Suspensions must stay fast to stop abuse." in content
    assert "Every suspension can be appealed to a person within 48 hours." in content
    assert_accessible(amina_page)
    # The same link does not work twice.
    amina_page.goto(f"{parts.path}?{parts.query}")
    assert amina_page.get_by_role("heading", name="This link was already used").is_visible()
    context.close()

    # 6. The transparency centre shows the forum's minutes, redacted: no name, no source.
    redacted = publish_forum_minutes(workspace, owner.user, manager.user, amina)
    visitor_context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    visitor = visitor_context.new_page()
    visitor.goto(f"/t/{slug}/minutes/")
    visitor.get_by_role("link", name=re.compile("Appeals forum")).first.click()
    visitor.wait_for_load_state()
    public = visitor.content()
    assert "human reviewer on every appeal" in public
    assert redacted.split()[0] not in {"Amina", "Yusuf"}
    assert "Amina" not in public and "Yusuf" not in public
    assert_accessible(visitor)
    visitor_context.close()
