"""GET filter forms of the input and commitment lists (invalid values dropped with a note)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.feedback.models import CommitmentStatus, InputKind, InputSource, LoopState, Outcome
from heard.impacts import rights
from heard.stakeholders.filters import ANY, GLOBAL_MAJORITY_CHOICES, FilterForm
from heard.stakeholders.vocab import language_choices

INPUT_SORTS = {
    "created": ("created_at", "id"),
    "kind": ("kind", "created_at", "id"),
    "due": ("loop_due_on", "id"),
    "decision": ("outcome", "created_at", "id"),
}
COMMITMENT_SORTS = {
    "due": ("due_on", "id"),
    "title": ("title", "id"),
    "progress": ("progress", "id"),
    "status": ("status", "due_on", "id"),
}
UNDECIDED = "none"
INPUT_SHOW = [
    ("", _("Active")),
    ("archived", _("Archived")),
    ("merged", _("Merged duplicates")),
    ("all", _("All")),
]
COMMITMENT_SHOW = [("", _("Active")), ("archived", _("Archived")), ("all", _("All"))]


def _sort_choices(sorts: dict) -> list[tuple[str, str]]:
    return [("", "")] + [(k, k) for k in sorts] + [(f"-{k}", f"-{k}") for k in sorts]


class InputFilterForm(FilterForm):
    """Search plus kind, engagement, decision, loop, source, links and language."""

    q = forms.CharField(label=_("Search"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + InputKind.choices)
    engagement = forms.TypedChoiceField(label=_("Engagement"), coerce=int)
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=[*ANY, (UNDECIDED, _("Not decided yet")), *Outcome.choices]
    )
    loop = forms.ChoiceField(label=_("Loop"), choices=ANY + LoopState.choices)
    stakeholder = forms.IntegerField(label=_("Stakeholder"), widget=forms.HiddenInput)
    impact = forms.TypedChoiceField(label=_("Impact"), coerce=int)
    initiative = forms.TypedChoiceField(label=_("Initiative"), coerce=int)
    topic = forms.TypedChoiceField(label=_("Topic"), coerce=int)
    source = forms.ChoiceField(label=_("Source"), choices=ANY + InputSource.choices)
    language = forms.ChoiceField(label=_("Language"))
    show = forms.ChoiceField(label=_("Show"), choices=INPUT_SHOW)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(INPUT_SORTS))
    # Drill-downs from the dashboards (heard.insights.dashboards): each figure links here.
    received_from = forms.DateField(
        label=_("Received on or after"), widget=forms.DateInput(attrs={"type": "date"})
    )
    received_until = forms.DateField(
        label=_("Received on or before"), widget=forms.DateInput(attrs={"type": "date"})
    )
    team = forms.CharField(label=_("Accountable team"), max_length=200)
    from_initiative = forms.TypedChoiceField(label=_("From engagements of initiative"), coerce=int)
    right = forms.ChoiceField(label=_("Right affected"))
    global_majority = forms.ChoiceField(
        label=_("Given by a Global Majority stakeholder"), choices=GLOBAL_MAJORITY_CHOICES
    )

    def __init__(self, data=None, *, engagements=(), impacts=(), initiatives=(), topics=(), **kw):
        super().__init__(data, **kw)
        self.fields["engagement"].choices = ANY + list(engagements)
        self.fields["impact"].choices = ANY + list(impacts)
        self.fields["initiative"].choices = ANY + list(initiatives)
        self.fields["topic"].choices = ANY + list(topics)
        self.fields["language"].choices = ANY + language_choices()
        self.fields["from_initiative"].choices = ANY + list(initiatives)
        self.fields["right"].choices = ANY + rights.grouped_choices()


class CommitmentFilterForm(FilterForm):
    """Search, status, owner, overdue."""

    q = forms.CharField(label=_("Search"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + CommitmentStatus.choices)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int)
    overdue = forms.BooleanField(label=_("Overdue only"))
    show = forms.ChoiceField(label=_("Show"), choices=COMMITMENT_SHOW)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sort_choices(COMMITMENT_SORTS))

    def __init__(self, data=None, *, owners=(), **kw):
        super().__init__(data, **kw)
        self.fields["owner"].choices = ANY + list(owners)
