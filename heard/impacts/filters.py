"""List filters for initiatives and impacts (GET forms; invalid values are dropped with a note)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.impacts import rights
from heard.impacts.models import (
    ImpactKind,
    ImpactStatus,
    InitiativeKind,
    Involvement,
    LifecycleStage,
)
from heard.stakeholders.filters import ANY, ARCHIVED_CHOICES, FilterForm, _sort_choices
from heard.stakeholders.models import RiskGroup

INITIATIVE_SORTS = {
    "name": ("name", "pk"),
    "kind": ("kind", "name", "pk"),
    "stage": ("stage", "name", "pk"),
    "team": ("owning_team", "name", "pk"),
    "stage_changed": ("stage_changed_at", "pk"),
    "impacts": ("impact_count", "pk"),
}
IMPACT_SORTS = {
    "salience": ("salience", "severity", "pk"),
    "severity": ("severity", "salience", "pk"),
    "title": ("title", "pk"),
    "status": ("status", "pk"),
    "kind": ("kind", "pk"),
    "created": ("created_at", "pk"),
}
ACTION_SORTS = {
    "due": ("due_on", "pk"),
    "impact": ("impact__title", "pk"),
    "created": ("created_at", "pk"),
}
ACTION_DONE_CHOICES = [
    *ANY,
    ("open", _("Open")),
    ("overdue", _("Overdue")),
    ("done", _("Done")),
]
SCORE_CHOICES = [*ANY] + [(str(n), str(n)) for n in range(1, 6)]
ACTION_STATE_CHOICES = [
    *ANY,
    ("open", _("Has open actions")),
    ("overdue", _("Has overdue actions")),
    ("none", _("No actions yet")),
]


class InitiativeFilterForm(FilterForm):
    """Initiative list filters."""

    q = forms.CharField(label=_("Search"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + InitiativeKind.choices)
    stage = forms.ChoiceField(label=_("Lifecycle stage"), choices=ANY + LifecycleStage.choices)
    team = forms.ChoiceField(label=_("Owning team"))
    archived = forms.ChoiceField(label=_("Show"), choices=ARCHIVED_CHOICES)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(INITIATIVE_SORTS))

    def __init__(self, data=None, *, teams=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["team"].choices = ANY + [(t, t) for t in teams]


class ImpactFilterForm(FilterForm):
    """Impact list filters: every categorical field, scores and links."""

    q = forms.CharField(label=_("Search"), max_length=200)
    kind = forms.ChoiceField(label=_("Actual or potential"), choices=ANY + ImpactKind.choices)
    involvement = forms.ChoiceField(
        label=_("Company involvement"), choices=ANY + Involvement.choices
    )
    status = forms.ChoiceField(label=_("Status"), choices=ANY + ImpactStatus.choices)
    right = forms.ChoiceField(label=_("Right affected"))
    risk_group = forms.ChoiceField(
        label=_("Group at heightened risk"), choices=ANY + RiskGroup.choices
    )
    initiative = forms.TypedChoiceField(label=_("Initiative"), coerce=int)
    min_severity = forms.IntegerField(label=_("Severity at least"), min_value=1, max_value=125)
    scale = forms.ChoiceField(label=_("Scale"), choices=SCORE_CHOICES)
    scope = forms.ChoiceField(label=_("Scope"), choices=SCORE_CHOICES)
    irremediability = forms.ChoiceField(label=_("Irremediable character"), choices=SCORE_CHOICES)
    likelihood = forms.ChoiceField(label=_("Likelihood"), choices=SCORE_CHOICES)
    actions = forms.ChoiceField(label=_("Actions"), choices=ACTION_STATE_CHOICES)
    archived = forms.ChoiceField(label=_("Show"), choices=ARCHIVED_CHOICES)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(IMPACT_SORTS))

    def __init__(self, data=None, *, initiatives=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["right"].choices = ANY + rights.grouped_choices()
        self.fields["initiative"].choices = ANY + [(str(pk), name) for pk, name in initiatives]


class ActionFilterForm(FilterForm):
    """Action list filters: owner, state, the impact's status, search."""

    q = forms.CharField(label=_("Search"), max_length=200)
    state = forms.ChoiceField(label=_("State"), choices=ACTION_DONE_CHOICES)
    owner = forms.ChoiceField(label=_("Owner"))
    impact_status = forms.ChoiceField(label=_("Impact status"), choices=ANY + ImpactStatus.choices)
    archived = forms.ChoiceField(label=_("Show"), choices=ARCHIVED_CHOICES)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(ACTION_SORTS))

    def __init__(self, data=None, *, owners=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["owner"].choices = [*ANY, ("none", _("Nobody"))] + [
            (str(pk), label) for pk, label in owners
        ]
