"""Engagement planning in Chromium: plan, two sessions in different time zones, invite a
filtered registry list, check times across zones, send invitations, download the .ics —
with axe-core on each page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar

from heard.core.models import Role
from heard.engagements.models import Engagement, Participation, Session
from heard.stakeholders import services as registry
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(text: str) -> re.Pattern:
    """A form label as Django renders it, with or without its trailing colon."""
    return re.compile(rf"^{re.escape(text)}:?$")


@pytest.fixture
def owner():
    return MembershipFactory(role=Role.OWNER, workspace__name="Acme Social")


@pytest.fixture
def registry_people(owner):
    workspace = owner.workspace
    people = []
    for name, country, zone, lang in (
        ("Amina Njoroge", "KE", "Africa/Nairobi", ["sw", "en"]),
        ("Wanjiru Kamau", "KE", "Africa/Nairobi", ["en"]),
        ("Otieno Ouma", "KE", "Africa/Nairobi", ["sw"]),
        ("Camila Souza", "BR", "America/Sao_Paulo", ["pt"]),
        ("Jake Miller", "US", "America/Los_Angeles", ["en"]),
    ):
        person = registry.create_stakeholder(
            workspace=workspace,
            actor=None,
            name=name,
            country=country,
            time_zone=zone,
            languages=lang,
            email=f"{name.split()[0].lower()}@example.org",
        )
        if name != "Otieno Ouma":
            registry.record_consent(workspace=workspace, actor=None, stakeholder=person)
        people.append(person)
    return people


def test_plan_invite_schedule_and_download_the_calendar(page, owner, registry_people):
    slug = owner.workspace.slug
    log_in(page, owner.user.email, PASSWORD)

    page.goto(f"/w/{slug}/engagements/")
    assert page.get_by_text("No engagements yet").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Plan an engagement").click()
    page.get_by_label(field("Title")).fill("Gig workers and pay transparency")
    page.get_by_label(field("Format")).select_option("roundtable")
    page.get_by_label(field("Mode")).select_option("remote")
    page.get_by_label(field("Purpose")).fill("Hear riders before the pay algorithm changes.")
    page.get_by_label(field("What the company cannot share, and why")).fill(
        "The exact pay formula: a trade secret."
    )
    page.get_by_label("Identify & assess").check()
    page.get_by_label(field("Languages")).fill("en, sw")
    page.get_by_label(field("Plain-language glossary")).fill("Algorithm: rules a computer follows")
    screenshot(page, "engagement-form")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    engagement = Engagement.objects.get(workspace=owner.workspace)
    assert page.get_by_role("heading", name="Gig workers and pay transparency").is_visible()

    # Two sessions: the seed's 10:00 Paris and 09:00 Los Angeles.
    for label, start, end, zone in (
        ("Europe & Africa", "10:00", "11:30", "Europe/Paris"),
        ("Americas", "09:00", "10:30", "America/Los_Angeles"),
    ):
        page.get_by_role("button", name="Add a session").click()
        page.get_by_label(field("Label")).fill(label)
        page.get_by_label(field("Date")).fill("2026-03-10")
        page.get_by_label(field("Starts at (local time)")).fill(start)
        page.get_by_label(field("Ends at (local time)")).fill(end)
        page.get_by_label(field("Time zone")).fill(zone)
        if label == "Americas":
            assert_accessible(page)
        page.get_by_role("button", name="Save session").click()
        page.wait_for_load_state()
    sessions = Session.objects.filter(engagement=engagement)
    assert {s.time_zone for s in sessions} == {"Europe/Paris", "America/Los_Angeles"}

    # Invite the registry's Kenyans.
    page.get_by_role("button", name="Invite from the registry").click()
    page.get_by_label(field("Country")).select_option("KE")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert page.get_by_text("3 stakeholders match").is_visible()
    assert page.get_by_text("Camila Souza").count() == 0
    screenshot(page, "engagement-invite-filtered")
    assert_accessible(page)
    page.get_by_role("button", name="Add all 3 matches").click()
    page.wait_for_load_state()
    assert page.get_by_text("3 stakeholders added to the invitee list").is_visible()
    assert Participation.objects.filter(engagement=engagement).count() == 3

    # Check times across time zones.
    page.get_by_role("link", name="Check times across time zones").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Invitees' local times").is_visible()
    screenshot(page, "engagement-scheduling")
    assert_accessible(page)
    page.go_back()

    # Invitations: Otieno has no consent to be contacted, and the page says so.
    page.get_by_role("link", name="Send invitations…").click()
    page.wait_for_load_state()
    assert page.get_by_text("1 invitee cannot be emailed").is_visible()
    assert page.get_by_text("No valid consent to be contacted").is_visible()
    screenshot(page, "engagement-invitations")
    assert_accessible(page)
    page.get_by_role("button", name="Send 2 invitations").click()
    page.wait_for_load_state()
    assert page.get_by_text("2 invitations sent.").is_visible()
    screenshot(page, "engagement-detail")
    assert_accessible(page)
    engagement.refresh_from_db()
    assert engagement.status == "invitations_sent"

    # Download the Los Angeles session's calendar file.
    la = sessions.get(time_zone="America/Los_Angeles")
    row = page.locator(f"#session-{la.pk}")
    with page.expect_download() as info:
        row.get_by_role("link", name="Download .ics").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert "TZID=America/Los_Angeles" in event.to_ical().decode()
    assert event.decoded("DTSTART").hour == 9
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/Los_Angeles"
