"""`get_<field>_display()` on workspace models: a per-field dict, labels still translated per
request, unknown values shown as stored."""

from django.db.models import Model
from django.utils import translation

from heard.feedback.models import Decision
from heard.stakeholders.models import Stakeholder


def test_labels_follow_the_active_language():
    decision = Decision(outcome="not_adopted")
    with translation.override("en"):
        assert decision.get_outcome_display() == "Not adopted"
    with translation.override("fr"):
        assert decision.get_outcome_display() == "Non adoptée"
    with translation.override("en"):  # the cached labels did not freeze into French
        assert decision.get_outcome_display() == "Not adopted"


def test_same_answers_as_django_for_every_choice():
    for field_name in ("category", "kind", "relation", "safety_level"):
        field = Stakeholder._meta.get_field(field_name)
        for value, _label in field.flatchoices:
            person = Stakeholder(**{field_name: value})
            ours = getattr(person, f"get_{field_name}_display")()
            assert ours == Model._get_FIELD_display(person, field)


def test_unknown_and_empty_values_are_shown_as_stored():
    assert Stakeholder(category="no-such-category").get_category_display() == "no-such-category"
    assert Stakeholder(category="").get_category_display() == ""
