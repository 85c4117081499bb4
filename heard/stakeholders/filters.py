"""List filters as GET forms: each field validates on its own, and an invalid value is dropped
with a note the page shows — a hand-edited URL never causes a 500."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.core.countries import country_choices, region_names
from heard.core.widgets import speed_up_selects
from heard.stakeholders.models import (
    Category,
    OrganisationType,
    Relation,
    RiskGroup,
    SafetyLevel,
    StakeholderKind,
)
from heard.stakeholders.vocab import language_choices

ANY = [("", _("Any"))]
YES_NO = [*ANY, ("yes", _("Yes")), ("no", _("No"))]


class ConsentState:
    """The consent-state filter's values (contact consent)."""

    VALID = "valid"
    NONE = "none"
    WITHDRAWN = "withdrawn"
    CHOICES = [
        *ANY,
        (VALID, _("Valid consent to contact")),
        (NONE, _("No consent, or expired")),
        (WITHDRAWN, _("Consent withdrawn")),
    ]


ARCHIVED_CHOICES = [("", _("Active")), ("archived", _("Archived")), ("all", _("All"))]
GLOBAL_MAJORITY_CHOICES = [*YES_NO, ("unknown", _("Unknown (no country)"))]

STAKEHOLDER_SORTS = {
    "name": ("name", "pk"),
    "country": ("country", "name", "pk"),
    "category": ("category", "name", "pk"),
    "last_engaged": ("last_engaged_on", "pk"),
    "created": ("created_at", "pk"),
}
ORGANISATION_SORTS = {
    "name": ("name", "pk"),
    "type": ("type", "name", "pk"),
    "country": ("country", "name", "pk"),
    "last_engaged": ("last_engaged_on", "pk"),
    "stakeholders": ("stakeholder_count", "pk"),
}


def _sort_choices(sorts: dict) -> list[tuple[str, str]]:
    return [("", "")] + [(k, k) for k in sorts] + [(f"-{k}", f"-{k}") for k in sorts]


class FilterForm(forms.Form):
    """A GET filter form whose invalid fields are ignored (and reported), not fatal."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        for field in self.fields.values():
            field.required = False
        speed_up_selects(self)

    def values(self) -> dict:
        """The valid, non-empty filter values."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None, False, [])}

    def notes(self) -> list[str]:
        """One line per ignored value, naming the filter."""
        self.is_valid()
        return [
            _("Ignored the filter “%(label)s”: %(value)s is not a valid value.")
            % {"label": self.fields[name].label, "value": str(self.data.get(name))[:60]}
            for name in self.errors
        ]


class StakeholderFilterForm(FilterForm):
    """Every categorical field of the registry, plus search, consent and engagement."""

    q = forms.CharField(label=_("Search"), max_length=200)
    kind = forms.ChoiceField(label=_("Internal or external"), choices=ANY + StakeholderKind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=ANY + Category.choices)
    relation = forms.ChoiceField(label=_("Relation to impacts"), choices=ANY + Relation.choices)
    organisation = forms.IntegerField(label=_("Organisation"), widget=forms.HiddenInput)
    country = forms.ChoiceField(label=_("Country"))
    region = forms.ChoiceField(label=_("Region"))
    global_majority = forms.ChoiceField(label=_("Global Majority"), choices=GLOBAL_MAJORITY_CHOICES)
    language = forms.ChoiceField(label=_("Language"))
    topic = forms.TypedChoiceField(label=_("Topic"), coerce=int)
    tag = forms.TypedChoiceField(label=_("Tag"), coerce=int)
    risk_group = forms.ChoiceField(
        label=_("Group at heightened risk"), choices=ANY + RiskGroup.choices
    )
    safety_level = forms.ChoiceField(label=_("Safety level"), choices=ANY + SafetyLevel.choices)
    owner = forms.ChoiceField(label=_("Relationship owner"))
    standing_agreement = forms.ChoiceField(label=_("Standing agreement"), choices=YES_NO)
    compensation = forms.ChoiceField(label=_("Eligible for compensation"), choices=YES_NO)
    key_relationship = forms.ChoiceField(label=_("Key relationship"), choices=YES_NO)
    consent = forms.ChoiceField(label=_("Consent to contact"), choices=ConsentState.CHOICES)
    engaged_since = forms.DateField(
        label=_("Last engaged since"), widget=forms.DateInput(attrs={"type": "date"})
    )
    never_engaged = forms.BooleanField(label=_("Never engaged"))
    archived = forms.ChoiceField(label=_("Show"), choices=ARCHIVED_CHOICES)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(STAKEHOLDER_SORTS))

    def __init__(self, data=None, *, topics=(), tags=(), owners=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["country"].choices = ANY + country_choices()
        self.fields["region"].choices = ANY + [(r, r) for r in region_names()]
        self.fields["language"].choices = ANY + language_choices()
        self.fields["topic"].choices = ANY + list(topics)
        self.fields["tag"].choices = ANY + list(tags)
        self.fields["owner"].choices = [*ANY, ("none", _("Nobody"))] + [
            (str(pk), label) for pk, label in owners
        ]


class OrganisationFilterForm(FilterForm):
    """Organisation list filters."""

    q = forms.CharField(label=_("Search"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=ANY + OrganisationType.choices)
    country = forms.ChoiceField(label=_("Country"))
    region = forms.ChoiceField(label=_("Region"))
    global_majority = forms.ChoiceField(label=_("Global Majority"), choices=GLOBAL_MAJORITY_CHOICES)
    archived = forms.ChoiceField(label=_("Show"), choices=ARCHIVED_CHOICES)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(ORGANISATION_SORTS))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["country"].choices = ANY + country_choices()
        self.fields["region"].choices = ANY + [(r, r) for r in region_names()]
