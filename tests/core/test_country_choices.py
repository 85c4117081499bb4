"""The cached country list follows the active language."""

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
