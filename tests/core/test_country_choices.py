"""The cached country list follows the active language."""

import pytest
from django.utils import translation
from django.utils.translation import override

from heard.core.countries import country_choices


def test_country_choices_are_translated_and_sorted_per_language():
    with override("en"):
        english = dict(country_choices())
        names = [name for _, name in country_choices()]
    with override("fr"):
        french = dict(country_choices())
    assert english["DE"] == "Germany"
    assert french["DE"] == "Allemagne"
    assert (names[0], names[-1]) == ("Afghanistan", "Zimbabwe")
    assert len(english) == len(french) >= 249


def test_country_choices_returns_a_fresh_list_each_time():
    first = country_choices()
    first.clear()
    assert country_choices()


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_country_name_matches_django_countries(language):
    from django_countries import countries
    from django_countries.fields import Country

    from heard.core.countries import country_name

    with translation.override(language):
        for code, _name in countries:
            assert country_name(code) == Country(code).name
        assert country_name("") == ""
        assert country_name("XX") == ""
