"""The feedback loop in Chromium: record inputs in a session with the keyboard only, decide
(a "not adopted" without a rationale is refused with a clear message), respond — with axe-core
on each page and screenshots to look at."""

import pytest
from django.core import mail

from heard.core.models import Role
from heard.engagements.models import AttributionRule
from heard.feedback import services
from heard.feedback.models import Decision, Input
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import (
    PASSWORD,
    ConsentFactory,
    MembershipFactory,
    ParticipationFactory,
    StakeholderFactory,
)
from tests.feedback.conftest import hold

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting():
    from heard.engagements.services import engagements as engagement_services

    owner = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    workspace = owner.workspace
    engagement = engagement_services.create_engagement(
        workspace=workspace,
        actor=None,
        title="Appeals roundtable",
        attribution_rule=AttributionRule.ATTRIBUTED_WITH_CONSENT,
    )
    engagement = hold(workspace, engagement, days_ago=3)
    people = {}
    for name, email in (("Amina Yusuf", "amina@example.org"), ("Kofi Mensah", "kofi@example.org")):
        person = StakeholderFactory(workspace=workspace, name=name, email=email)
        ConsentFactory(stakeholder=person, workspace=workspace, purpose="contact")
        ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=person)
        people[name] = person
    return owner, engagement, people


def focused_name(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.name")


def test_record_decide_respond(page, setting):
    owner, engagement, people = setting
    slug = owner.workspace.slug
    log_in(page, owner.user.email, PASSWORD)

    page.goto(f"/w/{slug}/inputs/entry/{engagement.pk}/")
    assert focused_name(page) == "text"
    assert_accessible(page)
    said = [
        ("Appeals take weeks and nobody answers.", "1", "Ami"),  # concern
        ("Add a human reviewer before suspensions.", "2", "Ami"),  # recommendation
        ("Moderators do not read Swahili.", "4", "Kof"),  # evidence
    ]
    for number, (text, kind_key, who) in enumerate(said, 1):
        page.keyboard.type(text)
        page.keyboard.press(f"Alt+{kind_key}")
        page.keyboard.press("Alt+w")
        assert focused_name(page) == "stakeholder"
        page.keyboard.type(who)
        page.keyboard.press("Alt+t")
        page.keyboard.press("Enter")
        page.locator("#entry-list li", has_text=text).wait_for()
        assert page.locator("#entry-list li[id^=input-]").count() == number
        page.wait_for_function(
            "() => document.activeElement && document.activeElement.name === 'text'"
        )
        assert page.locator("textarea[name=text]").input_value() == ""
    rows = list(Input.objects.order_by("pk").values_list("text", "kind", "stakeholder__name"))
    assert rows == [
        ("Appeals take weeks and nobody answers.", "concern", "Amina Yusuf"),
        ("Add a human reviewer before suspensions.", "recommendation", "Amina Yusuf"),
        ("Moderators do not read Swahili.", "evidence", "Kofi Mensah"),
    ]
    screenshot(page, "feedback-entry")

    first, second, _third = Input.objects.order_by("pk")
    page.goto(f"/w/{slug}/inputs/{first.pk}/")
    page.get_by_label("Not adopted").check()
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_load_state()
    assert page.get_by_text("The decision was not saved").is_visible()
    assert page.get_by_text(
        "a rationale is required for every outcome other than adopted"
    ).is_visible()
    assert Decision.objects.count() == 0
    page.get_by_label("Rationale").fill("Local law requires removal within 24 hours.")
    page.get_by_label("How the risk is still managed").fill(
        "Monthly sampling by the human rights team."
    )
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_load_state()
    assert page.get_by_text("Decision saved (version 1).").is_visible()
    assert_accessible(page)
    screenshot(page, "feedback-input-detail")
    services.decide_input(workspace=owner.workspace, actor=None, input=second, outcome="adopted")

    page.goto(f"/w/{slug}/responses/engagement/{engagement.pk}/")
    assert_accessible(page)
    page.get_by_role("row", name="Amina Yusuf").get_by_role("link").click()
    page.wait_for_load_state()
    body = page.get_by_label("Message").input_value()
    assert "Local law requires removal within 24 hours." in body
    assert_accessible(page)
    screenshot(page, "feedback-response")
    page.get_by_role("button", name="Send or record the response").click()
    page.wait_for_load_state()
    assert page.get_by_text("Response sent by email.").is_visible()
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.loop_closed_at is not None and second.loop_closed_at is not None
