"""The insight cycle in Chromium: a contributor files a request, an editor answers it with a
theme, an input and a summary, and the contributor reads the brief and downloads its PDF —
with axe-core on each page and screenshots to look at."""

import subprocess

import pytest
from django.core import mail

from heard.core.models import Role
from heard.engagements.models import AttributionRule
from heard.feedback import services as feedback_services
from heard.insights.briefs.models import InsightRequest
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import (
    PASSWORD,
    EngagementFactory,
    MembershipFactory,
    StakeholderFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting():
    editor = MembershipFactory(role=Role.EDITOR, workspace__name="Acme Social")
    workspace = editor.workspace
    contributor = MembershipFactory(
        workspace=workspace, role=Role.CONTRIBUTOR, user__email="pm@example.org"
    )
    engagement = EngagementFactory(
        workspace=workspace,
        title="Appeals roundtable",
        attribution_rule=AttributionRule.CHATHAM_HOUSE,
    )
    person = StakeholderFactory(workspace=workspace, name="Wanjiru Secret-Speaker")
    feedback_services.record_input(
        workspace=workspace,
        actor=None,
        text="Appeals in Swahili go unanswered for months.",
        engagement=engagement,
        stakeholder=person,
    )
    ThemeFactory(workspace=workspace, name="Unanswered appeals", input_count=12)
    return workspace, editor, contributor


def test_file_answer_and_read_the_brief(browser, live_server, setting, tmp_path):
    workspace, editor, contributor = setting
    base = f"/w/{workspace.slug}/insights/briefs/"
    pages = []

    def open_as(membership):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}, bypass_csp=True
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        pages.append(context)
        log_in(page, membership.user.email, PASSWORD)
        return page

    try:
        pm = open_as(contributor)
        pm.goto(base)
        pm.get_by_text("No insight requests yet").wait_for()
        pm.get_by_role("button", name="Ask for insight").click()
        pm.get_by_label("What do you want to know?").fill(
            "What have stakeholders said about appeals in Swahili?"
        )
        pm.get_by_label("Why you ask").fill("We plan the appeal flow for next half-year.")
        pm.get_by_label("Your team").select_option("trust_safety")
        assert_accessible(pm)
        screenshot(pm, "briefs_request_form")
        pm.get_by_role("button", name="File the request").click()
        pm.get_by_text("Request filed.").wait_for()
        request = InsightRequest.objects.get()
        assert request.requester == contributor.user

        ed = open_as(editor)
        ed.goto(base)
        ed.get_by_role("link", name=f"#{request.pk}").click()
        ed.get_by_label("Search inputs").fill("swahili")
        ed.get_by_label("Search inputs").press("Enter")
        ed.get_by_role("button", name="Add the theme Unanswered appeals").click()
        ed.get_by_text("Added to the answer.").wait_for()
        ed.get_by_label("Search inputs").fill("swahili")
        ed.get_by_label("Search inputs").press("Enter")
        ed.locator("button[aria-label^='Add input']").first.click()
        ed.get_by_text("Added to the answer.").wait_for()
        assert request.inputs.count() == 1 and request.themes.count() == 1
        ed.get_by_label("Summary for the requester").fill(
            "Stakeholders said appeals in Swahili are not answered; they ask for reviewers "
            "who read the language."
        )
        assert_accessible(ed)
        screenshot(ed, "briefs_answering")
        ed.get_by_role("button", name="Mark answered").click()
        ed.get_by_text("Answered. The requester can read the brief.").wait_for()
        assert [m.to for m in mail.outbox] == [["pm@example.org"]]
        assert f"/insights/briefs/{request.pk}/brief/" in mail.outbox[0].body

        pm.goto(base + f"{request.pk}/brief/")
        pm.get_by_text("Appeals in Swahili go unanswered for months.").wait_for()
        assert "Secret-Speaker" not in pm.content()
        assert "Not attributed (Chatham House rule)" in pm.content()
        assert_accessible(pm)
        screenshot(pm, "briefs_brief")
        with pm.expect_download() as info:
            pm.get_by_role("button", name="Download PDF").click()
        pdf = tmp_path / "brief.pdf"
        info.value.save_as(pdf)
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Appeals in Swahili go unanswered" in text
        assert "Secret-Speaker" not in text
    finally:
        for context in pages:
            context.close()
