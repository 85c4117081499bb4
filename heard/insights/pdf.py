"""HTML to PDF with WeasyPrint: the same templates as the pages, laid out for print.

Right-to-left scripts come out right when the template sets `dir` (and `lang`) on the elements
that hold them; fonts come from the system (DejaVu covers Latin, Cyrillic, Greek and Arabic).
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def print_stylesheet() -> str:
    """Path of the print stylesheet every PDF uses (pages, margins, chart colours)."""
    return finders.find("insights/print.css")


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render an HTML document to PDF bytes. No network: WeasyPrint may only read local
    static files, so a report can never fetch a URL a stakeholder wrote into an input."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    local_only = URLFetcher(allowed_protocols=("file", "data"), allow_redirects=False)
    stylesheets = [CSS(filename=print_stylesheet())]
    charts = finders.find("insights/charts.css")
    if charts:
        stylesheets.append(CSS(filename=charts))
    return HTML(string=html, base_url=base_url, url_fetcher=local_only).write_pdf(
        stylesheets=stylesheets
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template (which should extend `insights/print_base.html`) to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context))
