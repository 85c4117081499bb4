"""The rights catalogue: stable codes, every instrument UNGP 12 names, translatable names."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise

from heard.impacts import rights


def test_codes_are_unique_and_well_formed():
    codes = [r.code for r in rights.RIGHTS]
    assert len(codes) == len(set(codes))
    assert all(c.split("-")[0] in rights.INSTRUMENTS for c in codes)


def test_catalogue_covers_the_international_bill_and_ilo_fundamental_conventions():
    by_instrument = {}
    for right in rights.RIGHTS:
        by_instrument.setdefault(right.instrument, set()).add(right.code)
    assert {f"udhr-{n}" for n in range(1, 29)} <= by_instrument["udhr"]
    assert {"iccpr-6", "iccpr-17", "iccpr-19", "iccpr-21", "iccpr-22", "iccpr-27"} <= by_instrument[
        "iccpr"
    ]
    assert {f"icescr-{n}" for n in range(6, 16)} <= by_instrument["icescr"]
    # The ten fundamental conventions (the 1998 Declaration as amended in 2022).
    assert by_instrument["ilo"] == {
        f"ilo-c{n}" for n in (29, 105, 87, 98, 100, 111, 138, 182, 155, 187)
    }


def test_names_are_translatable_and_labels_readable():
    right = rights.CATALOGUE["iccpr-17"]
    assert isinstance(right.name, Promise)
    with translation.override("en"):
        assert right.label == "ICCPR art. 17 — Privacy"
    assert rights.right_label("nope-1") == "nope-1"
    assert rights.is_known("ilo-c87") and not rights.is_known("udhr-99")


def test_grouped_choices_list_every_right_once():
    codes = [code for _group, options in rights.grouped_choices() for code, _label in options]
    assert sorted(codes) == sorted(rights.CATALOGUE)
