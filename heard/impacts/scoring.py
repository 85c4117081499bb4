"""Severity and salience of an impact, and the guidance shown for each score.

UNGP 14 and its commentary judge severity by an impact's scale (how grave), scope (how many
people) and irremediable character (how hard to put right); UNGP 24 asks companies to act first
on the most severe impacts, and the UN Guiding Principles Reporting Framework calls the impacts
that are most severe *and* most likely the company's *salient* human rights issues.

- severity = scale × scope × irremediable character (each 1–5, so 1–125). A product rather than a
  sum, as DESIGN.md states: an impact that is grave, widespread *and* irreversible ranks far
  above one that is extreme on one dimension only.
- salience = severity × likelihood (1–625). An actual impact has happened, so its likelihood
  counts as certain (5). Ties are ranked by severity, because UNGP 24 puts severity first: a very
  severe, unlikely impact outranks a mild, likely one of the same salience.

docs/impacts.md explains the method to users; the detail page shows each impact's arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from heard.impacts.models.choices import ImpactKind

SCORES = (1, 2, 3, 4, 5)
CERTAIN = 5
MAX_SEVERITY = 125
MAX_SALIENCE = 625

GUIDANCE: dict[str, dict[int, Promise]] = {
    "scale": {
        1: _("Minimal: a minor, short-lived inconvenience to the enjoyment of a right."),
        2: _("Limited: a noticeable restriction that people can work around."),
        3: _("Moderate: a real restriction of a right, e.g. loss of access or income."),
        4: _("Serious: grave harm, e.g. to safety, liberty, health or livelihood."),
        5: _(
            "Very serious: threat to life or physical integrity, or a fundamental freedom denied."
        ),
    },
    "scope": {
        1: _("Very few people: a handful of individuals."),
        2: _("A small group: tens of people, or one team or community."),
        3: _("Many people: hundreds to thousands, or one user segment in one market."),
        4: _("A large population: a whole market, or most users of a product."),
        5: _("Very large or global: millions, or every user across markets."),
    },
    "irremediability": {
        1: _("Fully remediable, quickly and easily."),
        2: _("Remediable with some effort or delay."),
        3: _("Remediable only in part, or with great effort."),
        4: _("Difficult to remediate: lasting harm remains."),
        5: _("Irreversible: e.g. loss of life, or exposure that cannot be undone."),
    },
    "likelihood": {
        1: _("Rare: could happen only in exceptional circumstances."),
        2: _("Unlikely: could happen, but has not been seen in similar contexts."),
        3: _("Possible: has happened in similar products or markets."),
        4: _("Likely: expected to happen in some cases."),
        5: _("Almost certain: expected to happen, or already signalled."),
    },
}


@dataclass(frozen=True)
class Scores:
    """An impact's computed scores and the arithmetic behind them."""

    severity: int
    salience: int
    effective_likelihood: int
    is_likelihood_assumed: bool

    def explain(self, scale: int, scope: int, irremediability: int) -> dict[str, str]:
        """The two formulas with the numbers filled in, for the detail page."""
        return {
            "severity": f"{scale} × {scope} × {irremediability} = {self.severity}",
            "salience": f"{self.severity} × {self.effective_likelihood} = {self.salience}",
        }


def compute(
    *, kind: str, scale: int, scope: int, irremediability: int, likelihood: int | None
) -> Scores:
    """Severity and salience from the four scores (which must already be valid, 1–5)."""
    severity = scale * scope * irremediability
    assumed = kind == ImpactKind.ACTUAL or likelihood is None
    effective = CERTAIN if kind == ImpactKind.ACTUAL else (likelihood or CERTAIN)
    return Scores(
        severity=severity,
        salience=severity * effective,
        effective_likelihood=effective,
        is_likelihood_assumed=assumed,
    )


def severity_band(severity: int) -> Promise:
    """A word for a severity, for badges (never colour alone)."""
    if severity >= 64:
        return _("Very high")
    if severity >= 27:
        return _("High")
    if severity >= 8:
        return _("Medium")
    return _("Low")
