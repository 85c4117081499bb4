"""Template filters of the disclosure report."""

from __future__ import annotations

import unicodedata

from django import template

from heard.insights.disclosure.report import text_direction

register = template.Library()


@register.filter
def text_dir(value) -> str:
    """ "rtl" or "ltr" by the first strong character of a table cell, "" when it has none
    (numbers). The report wraps text cells in <bdi dir="…">: WeasyPrint does not resolve
    dir="auto", and an English reference such as "CSDDD art. 13(3)(c)" inside an Arabic report
    would otherwise wrap with its punctuation on the wrong side."""
    text = str(value)
    if not any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in text):
        return ""
    return text_direction(text)


@register.filter
def ltr_isolate(value) -> str:
    """A date or code kept left to right inside a sentence of any direction (U+2066 LEFT-TO-
    RIGHT ISOLATE … U+2069 POP DIRECTIONAL ISOLATE). After Arabic words the digits of
    "2026-01-01" are Arabic numbers that the hyphens separate, and would read "01-01-2026";
    the isolate keeps them in order. Plain characters, so they pass through {% blocktranslate %}
    (which escapes markup such as <bdi>)."""
    return f"\u2066{value}\u2069"
