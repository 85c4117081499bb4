"""Render-time redaction and small-cell suppression."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heard.transparency.figures import MIN_CELL, LoopShare, suppress
from heard.transparency.scrub import Scrubber
from tests.factories import OrganisationFactory, StakeholderFactory


@pytest.mark.django_db
def test_scrubber_replaces_registry_names_participants_and_contacts(workspace):
    StakeholderFactory(workspace=workspace, name="Amina Yusuf", pseudonym="K7Q2")
    OrganisationFactory(workspace=workspace, name="Lagos Digital Rights")
    text = (
        "Amina Yusuf of Lagos Digital Rights (amina@example.org, +234 803 555 0101) and "
        "Stakeholder K7Q2 spoke; Amina asked again. José García agreed. On 2026-12-01 we "
        "counted 1,000,000 posts. Banana."
    )
    scrubber = Scrubber(workspace.pk, [text], people=[("Jose Garcia", "")])
    clean = scrubber.clean(text)
    for secret in ("Amina", "Yusuf", "Lagos Digital", "amina@", "803", "K7Q2", "José", "García"):
        assert secret not in clean, secret
    assert "[participant]" in clean and "[organisation]" in clean
    assert "[email]" in clean and "[phone]" in clean
    assert "2026-12-01" in clean and "1,000,000" in clean and "Banana" in clean


@pytest.mark.django_db
def test_scrubber_leaves_other_workspaces_names_alone(workspace, other_workspace):
    StakeholderFactory(workspace=other_workspace, name="Ordinary Words")
    assert Scrubber(workspace.pk, ["Ordinary Words"]).clean("Ordinary Words") == "Ordinary Words"


@pytest.mark.django_db
def test_scrubber_queries_do_not_grow_with_the_registry(workspace, django_assert_max_num_queries):
    for i in range(30):
        StakeholderFactory(workspace=workspace, name=f"Person Number{i}")
    text = " ".join(f"Person Number{i} said hello." for i in range(30))
    with django_assert_max_num_queries(3):
        scrubber = Scrubber(workspace.pk, [text])
    assert "Number" not in scrubber.clean(text)


def test_small_cells_are_pooled_and_the_total_hides_them():
    figures = suppress({"Africa": 7, "Europe": 3, "Asia": 5, "": 1})
    shown = {c.label: c.count for c in figures.rows}
    assert shown["Africa"] == 7 and shown["Asia"] == 5
    assert "Europe" not in shown
    assert shown["Other or unknown regions"] is None
    assert not figures.is_total_exact and figures.shown_total == 12


def test_a_large_enough_pool_is_shown():
    figures = suppress({"Africa": 7, "Europe": 3, "Oceania": 2})
    assert [(c.label, c.count) for c in figures.rows][-1] == ("Other or unknown regions", 5)
    assert figures.is_total_exact and figures.total == 12


@given(
    st.dictionaries(
        st.sampled_from(["Africa", "Americas", "Asia", "Europe", "Oceania", ""]),
        st.integers(min_value=0, max_value=40),
    )
)
def test_no_published_count_is_below_the_threshold_or_recoverable(counts):
    figures = suppress(counts)
    for cell in figures.rows:
        assert cell.count is None or cell.count >= MIN_CELL
    hidden = sum(v for v in counts.values() if v > 0) - sum(c.count or 0 for c in figures.rows)
    if hidden:
        # Something is hidden: the exact total must not be published.
        assert not figures.is_total_exact or hidden >= MIN_CELL


def test_loop_share_needs_enough_inputs():
    assert LoopShare(closed=1, total=4).percent is None
    assert LoopShare(closed=2, total=8).percent == 25
