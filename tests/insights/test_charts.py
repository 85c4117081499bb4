"""Server-rendered charts: accessible, no inline style or script (the CSP allows none), links
to the records, readable axes, and a print variant that carries its own style."""

from __future__ import annotations

import re

from heard.insights.charts import Chart, Point, Series


def bar(**kwargs) -> Chart:
    return Chart(
        title="Decisions <outcomes>",
        description="Inputs per decision",
        kind="bar",
        points=[Point("Adopted", 3, "/w/acme/inputs/?outcome=adopted"), Point("Deferred", 1)],
        slug="decisions",
        **kwargs,
    )


def test_svg_is_accessible_and_has_no_inline_style_or_script():
    svg = str(bar().svg)
    assert svg.startswith('<svg role="img" aria-labelledby="chart-decisions-t chart-decisions-d"')
    assert '<title id="chart-decisions-t">Decisions &lt;outcomes&gt;</title>' in svg
    assert '<desc id="chart-decisions-d">Inputs per decision</desc>' in svg
    assert "<style" not in svg and "<script" not in svg and 'style="' not in svg
    assert 'href="/w/acme/inputs/?outcome=adopted"' in svg  # the bar links to its records


def test_the_data_table_says_what_the_picture_shows():
    assert bar().table_rows == [
        ("Adopted", "/w/acme/inputs/?outcome=adopted", [3]),
        ("Deferred", "", [1]),
    ]
    trend = Chart(
        title="t",
        description="d",
        kind="line",
        labels=["Jan", "Feb"],
        series=[Series("Inputs", [4, 5]), Series("Closed", [1, None])],
    )
    assert trend.table_headers == ["", "Inputs", "Closed"]
    assert trend.table_rows == [("Jan", "", [4, 1]), ("Feb", "", [5, None])]


def test_counts_get_whole_number_ticks():
    ticks = re.findall(r'<g class="guides"><path[^>]*/><text[^>]*>([0-9.,]+)</text>', bar().svg)
    assert ticks and all("." not in t for t in ticks)


def test_a_long_time_axis_shows_every_other_label():
    labels = [f"W{i:02d}" for i in range(13)]
    svg = Chart(
        title="t", description="d", kind="line", labels=labels, series=[Series("a", range(13))]
    ).svg
    shown = re.findall(r">(W\d\d)</text>", svg)
    assert shown == labels[::2]


def test_print_variant_carries_the_chart_style():
    printed = str(bar().print_svg)
    assert "<style>" in printed and ".pygal-chart" in printed
    assert "<style" not in str(bar().svg)


def test_an_empty_chart_says_so():
    assert Chart(title="t", description="d", points=[Point("a", 0)]).is_empty
    assert not bar().is_empty
