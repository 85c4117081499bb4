"""Server-rendered SVG charts (pygal): readable without JavaScript, printable into PDFs.

Every chart carries a title, a description and its data as a table, which the
`insights/_chart.html` include shows beside the picture for screen readers and print. pygal's
inline style, script and tooltips are stripped: the page's Content Security Policy allows no
inline style or script, so the look comes from `static/insights/charts.css` instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

import pygal
from django.contrib.staticfiles import finders
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from heard.insights.svg_text import has_rtl, visual_text

_STRIP = [
    re.compile(r"<style[^>]*>.*?</style>", re.S),
    re.compile(r"<script[^>]*>.*?</script>", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r'\sstyle="[^"]*"'),
    re.compile(r"<title>Pygal</title>"),
    re.compile(r'\sid=""'),
]


@dataclass(frozen=True)
class Point:
    """One bar or slice: its label, value and the page listing the records behind it."""

    label: str
    value: float | None
    url: str = ""


@dataclass(frozen=True)
class Series:
    """A named line or group of bars over the chart's labels (for trends and comparisons)."""

    name: str
    values: Sequence[float | None]


@dataclass
class Chart:
    """A chart and the table that says the same thing."""

    title: str
    description: str
    kind: str = "hbar"  # hbar, bar or line
    points: Sequence[Point] = ()
    labels: Sequence[str] = ()
    series: Sequence[Series] = ()
    unit: str = ""
    slug: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        if self.points:
            return not any(p.value for p in self.points)
        return not any(v for s in self.series for v in s.values if v)

    @property
    def table_headers(self) -> list[str]:
        if self.points:
            return ["", self.unit or ""]
        return ["", *[s.name for s in self.series]]

    @property
    def table_rows(self) -> list[tuple[str, str, list]]:
        """(label, url, values) per row of the data table."""
        if self.points:
            return [(p.label, p.url, [p.value]) for p in self.points]
        return [
            (label, "", [s.values[i] if i < len(s.values) else None for s in self.series])
            for i, label in enumerate(self.labels)
        ]

    @cached_property
    def svg(self) -> SafeString:
        return render_svg(self)

    @property
    def print_svg(self) -> SafeString:
        """The SVG with the chart stylesheet inside it, for PDFs: WeasyPrint styles an SVG
        only from its own <style>, and a PDF has no Content Security Policy to respect."""
        head, _, rest = self.svg.partition(">")
        rest = _TEXT_CONTENT.sub(_visual_label, rest)
        return mark_safe(f"{head}><style>{_chart_css()}</style>{rest}")


# The text of a <text> element, which WeasyPrint draws one character at a time: right-to-left
# labels (Arabic…) go to it already shaped and in visual order (see svg_text.py).
_TEXT_CONTENT = re.compile(r"(<text\b[^>]*>)([^<]+)(</text>)")


def _visual_label(match: re.Match) -> str:
    text = html.unescape(match[2])
    if not has_rtl(text):
        return match[0]
    return match[1] + escape(visual_text(text)) + match[3]


@cache
def _chart_css() -> str:
    path = finders.find("insights/charts.css")
    with open(path, encoding="utf-8") as fh:
        css = fh.read()
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S).replace("</", "")


MAX_X_LABELS = 8  # more category labels than this overlap at the chart's width


def _values(chart: Chart) -> list[float]:
    if chart.points:
        return [p.value for p in chart.points if p.value is not None]
    return [v for s in chart.series for v in s.values if v is not None]


def _axis(chart: Chart) -> dict:
    """Axis options: whole-number ticks for counts (pygal would label 0.1, 0.2… for small
    counts), and only every n-th label of a long time axis."""
    options: dict = {}
    values = _values(chart)
    if values and all(float(v).is_integer() for v in values):
        top = int(max(max(values), 1))
        step = max(1, -(-top // 8))  # at most about eight ticks
        options["y_labels"] = list(range(0, top + step, step))
    if chart.kind == "line" and len(chart.labels) > MAX_X_LABELS:
        options["show_minor_x_labels"] = False
        options["x_labels_major_every"] = -(-len(chart.labels) // MAX_X_LABELS)
    return options


def _config(chart: Chart, **kwargs) -> dict:
    height = 80 + 34 * max(len(chart.points), 1) if chart.kind == "hbar" else 360
    return {
        **_axis(chart),
        "no_prefix": True,
        "js": [],
        "disable_xml_declaration": True,
        "show_legend": bool(chart.series) and len(chart.series) > 1,
        "legend_at_bottom": True,
        "width": 720,
        "height": min(height, 900),
        "explicit_size": False,
        "print_values": chart.kind != "line",
        "tooltip_fancy_mode": False,
        "show_y_guides": chart.kind != "hbar",
        "show_x_guides": chart.kind == "hbar",
        "truncate_label": 40,
        "margin": 16,
        **kwargs,
    }


def render_svg(chart: Chart) -> SafeString:
    """The chart as inline SVG markup, with a <title> and <desc> for assistive technology."""
    if chart.kind == "line":
        graph = pygal.Line(**_config(chart, x_label_rotation=0, dots_size=3))
        graph.x_labels = [str(label) for label in chart.labels]
        for series in chart.series:
            graph.add(str(series.name), list(series.values))
    else:
        kind = pygal.HorizontalBar if chart.kind == "hbar" else pygal.Bar
        graph = kind(**_config(chart))
        if chart.points:
            # pygal draws horizontal bars bottom-up; reversed, they read top-down as listed.
            points = list(reversed(chart.points)) if chart.kind == "hbar" else chart.points
            graph.x_labels = [str(p.label) for p in points]
            graph.add(
                str(chart.unit or chart.title),
                [
                    {"value": p.value, "xlink": {"href": p.url}} if p.url else p.value
                    for p in points
                ],
            )
        else:
            graph.x_labels = [str(label) for label in chart.labels]
            for series in chart.series:
                graph.add(str(series.name), list(series.values))
    markup = graph.render(is_unicode=True)
    for pattern in _STRIP:
        markup = pattern.sub("", markup)
    label_id = f"chart-{chart.slug or abs(hash(chart.title))}"
    markup = markup.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{label_id}-t {label_id}-d" ', 1
    )
    return mark_safe(_insert_title(markup, label_id, chart))


def _insert_title(markup: str, label_id: str, chart: Chart) -> str:
    head, _, rest = markup.partition(">")
    return (
        f"{head}>"
        f'<title id="{label_id}-t">{escape(chart.title)}</title>'
        f'<desc id="{label_id}-d">{escape(chart.description)}</desc>'
        f"{rest}"
    )
