"""Severity and salience: the arithmetic the detail page shows, property-tested."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from heard.impacts import scoring

score = st.integers(min_value=1, max_value=5)


@given(score, score, score, score)
def test_potential_impact(scale, scope, irremediability, likelihood):
    found = scoring.compute(
        kind="potential",
        scale=scale,
        scope=scope,
        irremediability=irremediability,
        likelihood=likelihood,
    )
    assert found.severity == scale * scope * irremediability
    assert 1 <= found.severity <= scoring.MAX_SEVERITY
    assert found.salience == found.severity * likelihood
    assert 1 <= found.salience <= scoring.MAX_SALIENCE
    assert not found.is_likelihood_assumed


@given(score, score, score)
def test_actual_impact_counts_as_certain(scale, scope, irremediability):
    found = scoring.compute(
        kind="actual", scale=scale, scope=scope, irremediability=irremediability, likelihood=None
    )
    assert found.salience == found.severity * scoring.CERTAIN
    assert found.is_likelihood_assumed


@given(score, score, score, score, score)
def test_more_severe_never_ranks_lower(scale, scope, irremediability, likelihood, bump):
    """Raising any dimension never lowers severity or salience."""
    base = scoring.compute(
        kind="potential",
        scale=scale,
        scope=scope,
        irremediability=irremediability,
        likelihood=likelihood,
    )
    higher = scoring.compute(
        kind="potential",
        scale=max(scale, bump),
        scope=scope,
        irremediability=irremediability,
        likelihood=likelihood,
    )
    assert higher.severity >= base.severity and higher.salience >= base.salience


def test_explain_shows_the_numbers():
    found = scoring.compute(kind="potential", scale=4, scope=3, irremediability=5, likelihood=2)
    assert found.explain(4, 3, 5) == {"severity": "4 × 3 × 5 = 60", "salience": "60 × 2 = 120"}


def test_every_level_has_guidance():
    for levels in scoring.GUIDANCE.values():
        assert sorted(levels) == [1, 2, 3, 4, 5]
        assert all(str(text) for text in levels.values())
