"""Information requests in Chromium: a stakeholder signed in to the portal asks for
information (no JavaScript needed), staff answer it, and the portal shows the answer — with
axe-core on each page and screenshots to look at."""

import pytest
from django.conf import settings
from django.core import mail

from heard.core.models import Role
from heard.requests.models import InformationRequest
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import (
    PASSWORD,
    EngagementFactory,
    MembershipFactory,
    ParticipationFactory,
    StakeholderFactory,
)
from tests.requests.conftest import portal_session_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal_page(browser, live_server):
    """A browser page signed in to the portal as a stakeholder: the session the magic link
    would leave, made through the portal's `sign_in` and copied in as the session cookie.
    JavaScript is off, as the portal must work without it."""

    def open_as(stakeholder):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1024, "height": 900},
            java_script_enabled=False,
        )
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": portal_session_key(stakeholder),
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    contexts = []
    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def setting():
    owner = MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")
    workspace = owner.workspace
    person = StakeholderFactory(workspace=workspace, name="Amina Yusuf", email="amina@example.org")
    engagement = EngagementFactory(workspace=workspace, title="Appeals roundtable")
    ParticipationFactory(workspace=workspace, engagement=engagement, stakeholder=person)
    return owner, person


def test_ask_answer_and_see_the_answer(page, portal_page, setting):
    owner, person = setting
    stakeholder = portal_page(person)

    stakeholder.goto("/portal/requests/ask/")
    stakeholder.get_by_label("What would you like to know?").fill(
        "Which languages do your appeal reviewers read?"
    )
    stakeholder.get_by_label("Why are you asking?").fill(
        "Our community writes in Swahili and appeals go unanswered."
    )
    stakeholder.get_by_label("What is it about?").select_option(label="Appeals roundtable")
    stakeholder.get_by_label("How would you like the answer?").select_option("meeting")
    screenshot(stakeholder, "requests_portal_form")
    # axe-core needs scripts; check on a second, script-enabled view of the same page below.
    stakeholder.get_by_role("button", name="Send the request").click()
    stakeholder.get_by_text("We received your request").wait_for()
    request = InformationRequest.objects.get()
    assert request.engagement.title == "Appeals roundtable"
    assert request.preferred_format == "meeting"

    log_in(page, owner.user.email, PASSWORD)
    page.goto(f"/w/{owner.workspace.slug}/requests/")
    page.get_by_role("link", name=f"#{request.pk}").click()
    page.get_by_text("Our community writes in Swahili").wait_for()
    assert_accessible(page)
    screenshot(page, "requests_staff_detail")
    # A refusal without reasons is refused with a clear message.
    page.get_by_text("Refuse in writing").click()
    page.get_by_label("Ground").select_option("confidential")
    page.get_by_role("button", name="Refuse the request").click()
    page.get_by_text("A refusal needs its reasons in writing").wait_for()
    # The answer (its form folded while the refusal's error shows).
    page.locator("summary").get_by_text("Answer", exact=True).click()
    page.get_by_label("Answer", exact=True).fill("Our reviewers read 12 languages, Swahili too.")
    page.get_by_role("button", name="Send the answer").click()
    page.get_by_text("Answer recorded.").wait_for()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["amina@example.org"]
    page.goto(f"/w/{owner.workspace.slug}/requests/")
    assert_accessible(page)
    screenshot(page, "requests_staff_list")

    stakeholder.goto(f"/portal/requests/{request.pk}/")
    stakeholder.get_by_text("Our reviewers read 12 languages, Swahili too.").wait_for()
    stakeholder.goto("/portal/requests/")
    stakeholder.get_by_text("Our reviewers read 12 languages, Swahili too.").wait_for()
    screenshot(stakeholder, "requests_portal_list")


def test_portal_request_pages_are_accessible_in_arabic(browser, live_server, setting):
    owner, person = setting
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": portal_session_key(person),
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url},
        ]
    )
    page = context.new_page()
    try:
        for path in ("/portal/requests/ask/", "/portal/requests/", "/portal/requests/data/"):
            page.goto(path)
            assert page.locator("html").get_attribute("dir") == "rtl"
            assert_accessible(page)
        screenshot(page, "requests_portal_data_ar")
        page.goto("/portal/requests/ask/")
        screenshot(page, "requests_portal_form_ar")
    finally:
        context.close()
