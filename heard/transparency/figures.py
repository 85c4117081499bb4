"""Aggregate engagement figures with small cells suppressed, so nobody can be singled out.

A count below `MIN_CELL` is never shown: such regions are pooled into "other regions", and if
the pool itself is small it is shown as "fewer than 5" and the total as "more than N" — an
exact total would let anyone subtract the shown cells and recover the hidden one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MIN_CELL = 5

# M49 region names as stored on stakeholders (English), translated for the page.
REGION_NAMES = {
    "Africa": _("Africa"),
    "Americas": _("Americas"),
    "Asia": _("Asia"),
    "Europe": _("Europe"),
    "Oceania": _("Oceania"),
    "Antarctica": _("Antarctica"),
}


OTHER = "__other__"


@dataclass
class Cell:
    """One row of a public table: a region and a count, or None when suppressed. Figures are
    cached across visitors, so the label is translated when shown, not when counted."""

    region: str
    count: int | None

    @property
    def label(self) -> str:
        if self.region == OTHER:
            return str(_("Other or unknown regions"))
        return str(REGION_NAMES.get(self.region, self.region))


@dataclass
class RegionFigures:
    """Stakeholders engaged per region, safe to publish."""

    rows: list[Cell] = field(default_factory=list)
    total: int = 0
    is_total_exact: bool = True
    shown_total: int = 0

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def suppress(counts: dict[str, int], threshold: int = MIN_CELL) -> RegionFigures:
    """Rows for `counts` (region → count) with every cell below `threshold` hidden."""
    rows: list[Cell] = []
    pooled = 0
    for region, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or "")):
        if count <= 0:
            continue
        if count >= threshold and region:
            rows.append(Cell(region, count))
        else:
            pooled += count
    shown = sum(c.count for c in rows)
    figures = RegionFigures(rows=rows, total=shown + pooled, shown_total=shown)
    if pooled >= threshold:
        rows.append(Cell(OTHER, pooled))
    elif pooled:
        rows.append(Cell(OTHER, None))
        figures.is_total_exact = False
    return figures


@dataclass
class LoopShare:
    """The share of inputs whose loop is closed; None when too few inputs to say."""

    closed: int
    total: int

    @property
    def percent(self) -> int | None:
        if self.total < MIN_CELL:
            return None
        return round(100 * self.closed / self.total)
