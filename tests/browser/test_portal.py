"""The stakeholder portal in Chromium: open a magic link, see a decision and its rationale,
answer the survey, switch to Arabic — with axe-core on each page and screenshots."""

import pytest

from heard.engagements.models import AttributionRule
from heard.feedback import services as feedback
from heard.portal.models import SurveyAnswer
from heard.stakeholders import services as registry
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import (
    ConsentFactory,
    EngagementFactory,
    ParticipationFactory,
    PolicyFactory,
    WorkspaceFactory,
)
from tests.portal.conftest import magic_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def stakeholder_with_outcome():
    from django.utils import timezone

    workspace = WorkspaceFactory(name="Acme Social")
    person = registry.create_stakeholder(
        workspace=workspace, actor=None, name="Amina Yusuf", email="amina@example.org"
    )
    ConsentFactory(stakeholder=person, workspace=workspace, purpose="contact")
    engagement = EngagementFactory(
        workspace=workspace,
        title="Appeals roundtable",
        status="held",
        held_at=timezone.now(),
        starts_on=timezone.localdate(),
        attribution_rule=AttributionRule.CHATHAM_HOUSE,
    )
    ParticipationFactory(engagement=engagement, workspace=workspace, stakeholder=person)
    row = feedback.record_input(
        workspace=workspace,
        actor=None,
        text="Appeals need a human reviewer within 48 hours.",
        engagement=engagement,
        stakeholder=person,
        language="en",
    )
    feedback.decide_input(
        workspace=workspace,
        actor=None,
        input=row,
        outcome="partly_adopted",
        rationale="Human review is added for account suspensions first.",
        risk_management="Automated appeals are audited monthly.",
    )
    feedback.create_commitment(
        workspace=workspace,
        actor=None,
        title="Human review of suspension appeals",
        status="in_progress",
        progress=40,
        inputs=[row],
    )
    PolicyFactory(workspace=workspace, title="Appeals policy", status="in_consultation")
    return person, engagement


def test_open_link_see_decision_answer_survey_switch_to_arabic(page, stakeholder_with_outcome):
    person, engagement = stakeholder_with_outcome
    link = magic_path(person, engagement)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Continue to my portal").click()
    page.wait_for_load_state()

    # The engagement page: the decision and its rationale.
    assert page.get_by_role("heading", name="Appeals roundtable").is_visible()
    assert page.get_by_text("Partly adopted").is_visible()
    assert page.get_by_text("Human review is added for account suspensions first.").is_visible()
    assert page.get_by_text("Human review of suspension appeals").is_visible()
    assert_accessible(page)
    screenshot(page, "portal-engagement")

    # The survey.
    page.get_by_role("link", name="Answer the survey").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("group", name="I felt heard").get_by_label("4").check()
    page.get_by_role("group", name="I understand what was done with my input").get_by_label(
        "5"
    ).check()
    page.get_by_role("group", name="I would take part again").get_by_label("5").check()
    page.get_by_label("Anything else you want to tell us (optional)").fill("Clear answers.")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert page.get_by_text("You answered 4 out of 5").is_visible()
    answer = SurveyAnswer.objects.get()
    assert (answer.felt_heard, answer.comment) == (4, "Clear answers.")

    # Home.
    page.get_by_role("link", name="My engagements").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Appeals policy").is_visible()
    assert_accessible(page)
    screenshot(page, "portal-home")

    # Preferences and consent.
    page.get_by_role("link", name="Preferences and consent").click()
    page.wait_for_load_state()
    assert_accessible(page)
    screenshot(page, "portal-preferences")
    page.get_by_role("link", name="My engagements").first.click()
    page.wait_for_load_state()

    # Switch to Arabic: right to left, translated.
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.get_by_role("heading", name="مشاركاتي").is_visible()
    page.get_by_role("link", name="Appeals roundtable").click()
    page.wait_for_load_state()
    assert page.get_by_text("اعتُمدت جزئيًا").is_visible()
    assert_accessible(page)
    screenshot(page, "portal-engagement-ar")

    # The link was used: opening it again says so (in Arabic now) and offers a fresh one.
    page.goto(link)
    assert page.get_by_role("heading", name="تم استخدام هذا الرابط من قبل").is_visible()
    assert page.get_by_role("button", name="أرسل لي رابطًا جديدًا بالبريد الإلكتروني").is_visible()
    assert_accessible(page)
    screenshot(page, "portal-link-used-ar")
