"""The report in French, Spanish and Arabic: translated headings in the page and the PDF, the
language choice limited to languages with a catalogue, and Arabic chart labels that the PDF
draws joined and right to left."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from heard.insights.charts import Chart, Series
from heard.insights.disclosure import services
from heard.insights.disclosure.forms import ReportForm, report_languages
from heard.insights.disclosure.models import Framework
from heard.insights.disclosure.sections import build_report
from heard.insights.svg_text import visual_text
from tests.insights.disclosure.conftest import YEAR

pytestmark = pytest.mark.django_db

ENGLISH_HEADINGS = (
    "How stakeholders are engaged",
    "Consultation at each stage of due diligence",
    "Stakeholder engagement on salient human rights issues",
    "Mechanisms for seeking advice and raising concerns",
    "Examples from the records",
)

HEADINGS = {
    "fr": (
        "Modalités du dialogue avec les parties prenantes",
        "Consultation à chaque étape du devoir de vigilance",
    ),
    "es": (
        "Cómo se colabora con las partes interesadas",
        "Consulta en cada fase de la diligencia debida",
    ),
    "ar": ("كيفية إشراك أصحاب المصلحة", "التشاور في كل مرحلة من مراحل العناية الواجبة"),
}


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    result.check_returncode()
    # pdftotext returns some Arabic letters as presentation forms and marks embeddings with
    # bidi controls; compare what a reader sees.
    text = unicodedata.normalize("NFKC", result.stdout)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_report_is_translated_in_html_and_pdf(workspace, dataset, tmp_path, language):
    with translation.override(language):
        content = build_report(workspace, YEAR, Framework.values)
        document = services.render_document(content)
        pdf = services.html_to_pdf(document)
    text = flat(pdf_text(pdf, tmp_path))
    for heading in HEADINGS[language]:
        assert f">{heading}</h3>" in document
        assert heading in text
    for english in ENGLISH_HEADINGS:
        assert english not in document
        assert english not in text
    # dates stay left to right after Arabic words (else "2025-01-01" reads "01-01-2025")
    assert "\u20662025-01-01\u2069" in document


def test_spanish_report_uses_the_spanish_name_of_the_esrs(workspace, dataset):
    with translation.override("es"):
        content = build_report(workspace, YEAR, ["esrs"])
    assert content.section("esrs_engagement").reference.startswith("NEIS S1-2, S2-2, S3-2, S4-2")


def test_report_languages_are_those_with_a_catalogue():
    codes = [code for code, _name in report_languages()]
    assert codes == ["en", "fr", "es", "ar"]
    form = ReportForm(data={"preset": "last_year", "frameworks": ["esrs"], "language": "de"})
    assert not form.is_valid()
    assert "language" in form.errors


def test_cli_refuses_a_language_without_catalogue(workspace, tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "report",
            "disclosure",
            "--workspace",
            workspace.slug,
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--language",
            "de",
            "--output",
            str(tmp_path / "r.pdf"),
        )


def test_arabic_chart_labels_are_printed_joined_and_right_to_left(tmp_path):
    """WeasyPrint draws SVG text one character at a time; the print SVG hands it the labels
    shaped and in visual order, so the PDF reads back as the logical Arabic text."""
    label = "حلقات التغذية الراجعة المغلقة"
    chart = Chart(
        title="t",
        description="d",
        kind="bar",
        labels=[label, "Loops (%)"],
        series=[Series("هذه الفترة", [40, 60]), Series("Previous", [50, 55])],
        slug="rtl",
    )
    # the page keeps the logical text (browsers shape it); the print SVG carries visual text
    assert f">{label}</text>" in chart.svg
    assert f">{label}</text>" not in chart.print_svg
    assert f">{visual_text(label)}</text>" in chart.print_svg
    assert ">Loops (%)</text>" in chart.print_svg
    document = (
        '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"></head>'
        f"<body><figure>{chart.print_svg}</figure></body></html>"
    )
    text = pdf_text(services.html_to_pdf(document), tmp_path)
    assert label in text
    assert "هذه الفترة" in text


@pytest.mark.parametrize(
    "logical,visual",
    [
        ("سلام", "\ufee1\ufefc\ufeb3"),  # seen, lam-alef ligature, final meem; drawn reversed
        ("Hello (world)", "Hello (world)"),
        ("نص (ESRS S1-2) نص", "\ufeba\ufee7 (ESRS S1-2) \ufeba\ufee7"),
        ("العدد 45%", "45% \ufea9\ufeaa\ufecc\ufedf\ufe8d"),
    ],
)
def test_visual_text(logical, visual):
    assert visual_text(logical) == visual


def test_every_choice_label_the_report_prints_is_translated_into_arabic():
    from heard.concerns.models import ConcernChannel, ConcernOutcome, ConcernStatus
    from heard.concerns.models.choices import RemedyKind, RemedyStatus
    from heard.engagements.models.choices import AttributionRule, EngagementFormat, Representation
    from heard.feedback.models.choices import CommitmentStatus, Outcome
    from heard.impacts.models.choices import ImpactStatus, LifecycleStage
    from heard.requests.models.choices import RefusalGround, RequestStatus
    from heard.stakeholders.models.choices import Category, Relation, RiskGroup, SafetyLevel

    choices = (
        AttributionRule,
        EngagementFormat,
        Representation,
        CommitmentStatus,
        Outcome,
        LifecycleStage,
        ImpactStatus,
        Category,
        Relation,
        RiskGroup,
        SafetyLevel,
        ConcernChannel,
        ConcernOutcome,
        ConcernStatus,
        RemedyKind,
        RemedyStatus,
        RefusalGround,
        RequestStatus,
    )
    untranslated = []
    for kind in choices:
        for _value, label in kind.choices:
            with translation.override("en"):
                english = str(label)
            with translation.override("ar"):
                if str(label) == english:
                    untranslated.append(f"{kind.__name__}: {english}")
    assert untranslated == []


def test_visual_text_leaves_out_vowel_marks_it_cannot_attach():
    # "مباشرةً": the tanween would be drawn on its own, on a dotted circle
    assert visual_text("مباشرةً") == visual_text("مباشرة")
