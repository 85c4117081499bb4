"""The insight brief, page and PDF: nobody is named unless the engagement was attributed
with consent; high-risk people never; Arabic right to left."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from heard.engagements.models import AttributionRule
from heard.insights.briefs import services
from tests.factories import ThemeFactory
from tests.insights.briefs.conftest import ARABIC, client_for

pytestmark = pytest.mark.django_db

CHATHAM = "Chiamaka Chatham-Speaker"
CONSENTED = "Consuelo Consented-Speaker"
HIGH_RISK = "Hamid High-Risk-Defender"


@pytest.fixture
def answered(workspace, file, editor, said):
    """A request answered with one input under each rule, and a theme."""
    request = file()
    rows = [
        said(CHATHAM, "Chatham House input about appeals.", rule=AttributionRule.CHATHAM_HOUSE),
        said(None, "Anonymous input about appeals.", rule=AttributionRule.ANONYMOUS),
        said(
            CONSENTED,
            "Consented input about appeals.",
            rule=AttributionRule.ATTRIBUTED_WITH_CONSENT,
        ),
        said(
            HIGH_RISK,
            "High-risk input about appeals.",
            rule=AttributionRule.ATTRIBUTED_WITH_CONSENT,
            high_risk=True,
        ),
        said("Arabic Speaker", ARABIC, rule=AttributionRule.CHATHAM_HOUSE, language="ar"),
    ]
    for row in rows:
        services.link_input(workspace=workspace, actor=editor.user, request=request, input=row)
    theme = ThemeFactory(workspace=workspace, name="Appeals", input_count=5)
    services.link_theme(workspace=workspace, actor=editor.user, request=request, theme=theme)
    services.answer_request(
        workspace=workspace, actor=editor.user, request=request, summary="People said X."
    )
    return request


def _urls(workspace, request):
    return (
        reverse("briefs:brief", args=[workspace.slug, request.pk]),
        reverse("briefs:brief_pdf", args=[workspace.slug, request.pk]),
    )


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "brief.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("reader", ["requester", "editor"])
def test_brief_names_only_consented_sources(
    reader, workspace, answered, requester, editor, tmp_path
):
    """Even the engagement team's own copy names nobody else: the brief is forwarded."""
    client = client_for(requester if reader == "requester" else editor)
    page_url, pdf_url = _urls(workspace, answered)
    page = client.get(page_url).content.decode()
    response = client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for shown in (page, text):
        assert "Chatham House input about appeals." in shown
        assert CHATHAM not in shown
        assert HIGH_RISK not in shown
        assert CONSENTED in shown
        assert "Arabic Speaker" not in shown
    assert "Not attributed (Chatham House rule)" in page
    assert "Anonymous" in page


def test_arabic_input_is_right_to_left(workspace, answered, requester, tmp_path):
    page_url, pdf_url = _urls(workspace, answered)
    client = client_for(requester)
    page = client.get(page_url).content.decode()
    assert f'lang="ar" dir="rtl" class="input-text">{ARABIC}' in page
    text = pdf_text(client.get(pdf_url).content, tmp_path)
    # pdftotext gives the words in reading order when the PDF laid them out right to left.
    assert "مراجعة بشرية" in text


def test_brief_shows_figures_and_themes(workspace, answered, requester):
    page = client_for(requester).get(_urls(workspace, answered)[0]).content.decode()
    assert "This brief stands on 5 inputs" in page
    assert "Appeals" in page and "5 inputs" in page
    assert "Inputs by region" in page and "Not decided yet" in page


def test_brief_of_an_unanswered_request(workspace, file, requester, editor, viewer):
    request = file()
    page_url, pdf_url = _urls(workspace, request)
    assert client_for(requester).get(page_url).status_code == 404
    assert client_for(viewer).get(pdf_url).status_code == 404
    preview = client_for(editor).get(page_url)
    assert preview.status_code == 200 and "Preview" in preview.content.decode()


def test_brief_examples_come_in_one_query_whatever_the_number_of_themes(
    workspace, file, editor, said, requester
):
    """Each linked theme shows its newest examples; adding themes adds no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from heard.insights.briefs.brief import EXAMPLES_PER_THEME, build_brief
    from heard.insights.themes.models import ThemeMembership

    request = file()

    def add_theme(n: int):
        theme = ThemeFactory(workspace=workspace, name=f"Theme {n}")
        for i in range(EXAMPLES_PER_THEME + 1):
            row = said(None, f"Theme {n} input {i}", rule=AttributionRule.ANONYMOUS)
            ThemeMembership.objects.create(workspace=workspace, theme=theme, input=row)
        services.link_theme(workspace=workspace, actor=editor.user, request=request, theme=theme)

    def queries() -> int:
        request.refresh_from_db()
        with CaptureQueriesContext(connection) as ctx:
            build_brief(request)
        return len(ctx.captured_queries)

    add_theme(1)
    one = queries()
    for n in (2, 3, 4):
        add_theme(n)
    assert queries() == one
    brief = build_brief(request)
    assert len(brief.themes) == 4
    for theme in brief.themes:
        texts = [example.text for example in theme.examples]
        n = theme.label.split()[-1]
        assert len(texts) == EXAMPLES_PER_THEME
        assert texts == [f"Theme {n} input {i}" for i in (3, 2, 1)]  # the newest, newest first
        assert all(text.startswith(f"Theme {n} ") for text in texts)
