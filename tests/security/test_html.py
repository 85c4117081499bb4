"""Text people write is never executed by a browser: Heard accepts no HTML (everything is
escaped on output), the few places that mark HTML safe are reviewed below, and the nh3
sanitiser cleans any rich text that a future feature accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from heard.core.models import Role
from heard.core.security import sanitise_html
from heard.policies.text import render_policy_text
from tests.conftest import member_client
from tests.factories import EngagementFactory, InputFactory, StakeholderFactory

HEARD = Path(__file__).resolve().parents[2] / "heard"
ATTACK = '<script>alert(1)</script><a href="javascript:alert(2)">x</a><img src=x onerror=alert(3)>'

# Every place that marks HTML as safe, and why that is fine. A new one fails the test below
# until someone has checked it and added it here.
REVIEWED_SAFE = {
    "heard/policies/text.py": "policy text: every piece escaped before it is joined",
    "heard/core/widgets.py": "select widget: options built with escape()",
    "heard/stakeholders/rows.py": "registry rows: format_html escapes each value",
    "heard/stakeholders/templatetags/registry.py": "joins rows.py's format_html output",
    "heard/insights/charts.py": "pygal SVG: the XML serialiser escapes labels",
    "heard/insights/disclosure/views.py": "report body rendered by our own autoescaped template",
    "heard/core/templates/core/two_factor_setup.html": "QR code SVG made on the server",
}
SAFE_MARKERS = re.compile(r"mark_safe\(|\|safe\b|autoescape off|SafeString\(")


def test_every_place_that_marks_html_safe_is_reviewed():
    found = set()
    for path in HEARD.rglob("*"):
        if path.suffix not in {".py", ".html"} or "migrations" in path.parts:
            continue
        if SAFE_MARKERS.search(path.read_text(errors="ignore")):
            found.add(str(path.relative_to(HEARD.parent)))
    assert found <= set(REVIEWED_SAFE), sorted(found - set(REVIEWED_SAFE))


def test_autoescape_is_off_only_in_plain_text_templates():
    """Plain-text emails (.txt, sent as text/plain) turn escaping off; HTML templates never."""
    for path in HEARD.rglob("templates/**/*.*"):
        if "autoescape off" in path.read_text(errors="ignore"):
            assert path.suffix == ".txt", path


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>hello",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<img src="x" onerror="alert(1)">',
        '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
        "<iframe src='https://evil.example'></iframe><svg onload=alert(1)>",
    ],
)
def test_sanitise_html_removes_scripts_and_script_links(html):
    clean = sanitise_html(html).lower()
    for bad in ("<script", "javascript:", "data:", "onerror", "onclick", "onload", "<iframe"):
        assert bad not in clean
    assert "style=" not in clean


def test_sanitise_html_keeps_formatting_and_safe_links():
    clean = sanitise_html('<p><strong>Hi</strong> <a href="https://example.org">there</a></p>')
    assert "<strong>Hi</strong>" in clean
    assert 'href="https://example.org"' in clean and 'rel="noopener noreferrer"' in clean


def test_policy_text_escapes_html():
    html = render_policy_text(f"# Title\n\n{ATTACK}\n\n- item <b>bold</b>")
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_pages_escape_what_people_wrote(workspace):
    client = member_client(workspace, Role.OWNER)
    stakeholder = StakeholderFactory(workspace=workspace, name=ATTACK, notes=ATTACK)
    engagement = EngagementFactory(
        workspace=workspace, purpose=ATTACK, briefing_materials="javascript:alert(9) " + ATTACK
    )
    item = InputFactory(workspace=workspace, text=ATTACK)
    for url in (
        stakeholder.get_absolute_url(),
        engagement.get_absolute_url(),
        item.get_absolute_url(),
        f"/w/{workspace.slug}/stakeholders/",
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert 'href="javascript:' not in body.lower(), url
        assert "<img src=x onerror" not in body, url
