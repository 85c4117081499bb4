"""Forms of the impacts pages. They parse and check input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.impacts import rights, scoring
from heard.impacts.models import (
    ImpactKind,
    InitiativeKind,
    Involvement,
    LifecycleStage,
    PlanTiming,
)
from heard.stakeholders.forms import DomainErrorMixin
from heard.stakeholders.models import Category, Relation, RiskGroup


class InitiativeForm(DomainErrorMixin, forms.Form):
    """An initiative's fields; the stage is set only when creating (later: “Change stage”)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=InitiativeKind.choices)
    owning_team = forms.CharField(label=_("Owning team"), max_length=200, required=False)
    stage = forms.ChoiceField(label=_("Current lifecycle stage"), choices=LifecycleStage.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["stage"]


class StageChangeForm(DomainErrorMixin, forms.Form):
    """Move an initiative to another stage, with a note on why."""

    stage = forms.ChoiceField(label=_("New stage"), choices=LifecycleStage.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What happened, e.g. “beta closed; launch approved by product council”."),
    )


class EngagementPlanForm(DomainErrorMixin, forms.Form):
    """Who should be engaged at one stage, when, and what may be shared."""

    categories = forms.MultipleChoiceField(
        label=_("Stakeholder categories"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    relations = forms.MultipleChoiceField(
        label=_("Relations to impacts"),
        choices=Relation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    risk_groups = forms.MultipleChoiceField(
        label=_("Groups at heightened risk"),
        choices=RiskGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stakeholders = forms.CharField(
        label=_("Named stakeholders"),
        required=False,
        help_text=_(
            "Their registry codes (shown on each stakeholder's page, e.g. K7Q2), separated by "
            "commas."
        ),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Named organisations"), queryset=None, required=False
    )
    timing = forms.ChoiceField(label=_("When"), choices=PlanTiming.choices)
    target_on = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    cleared_to_share = forms.CharField(
        label=_("Product details cleared to share"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    not_shareable = forms.CharField(
        label=_("What cannot be shared, and why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, stakeholders, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.stakeholder_queryset = stakeholders
        self.fields["organisations"].queryset = organisations

    def clean_stakeholders(self) -> list:
        codes = list(
            dict.fromkeys(c.strip().upper() for c in self.cleaned_data["stakeholders"].split(","))
        )
        codes = [c for c in codes if c]
        found = list(self.stakeholder_queryset.filter(pseudonym__in=codes))
        unknown = sorted(set(codes) - {s.pseudonym for s in found})
        if unknown:
            raise forms.ValidationError(
                _("No active stakeholder has the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return found

    def clean(self):
        data = super().clean()
        if data.get("timing") == PlanTiming.ON_DATE and not data.get("target_on"):
            self.add_error("target_on", _("Give the target date, or choose another “when”."))
        return data


class ScoreField(forms.TypedChoiceField):
    """A 1–5 score shown as radio buttons with the guidance for each level."""

    def __init__(self, *, name: str, required: bool = True, **kwargs):
        choices = [(n, f"{n} — {scoring.GUIDANCE[name][n]}") for n in scoring.SCORES]
        if not required:
            choices = [("", _("Not assessed"))] + choices
        super().__init__(
            choices=choices,
            coerce=int,
            empty_value=None,
            required=required,
            widget=forms.RadioSelect,
            error_messages={
                "invalid_choice": _("Choose a score from 1 to 5 (“%(value)s” is not one)."),
                "required": _("Choose a score from 1 to 5."),
            },
            **kwargs,
        )


class ImpactForm(DomainErrorMixin, forms.Form):
    """Every field of an impact, with guidance for each score level."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(
        label=_("Actual or potential"), choices=ImpactKind.choices, widget=forms.RadioSelect
    )
    involvement = forms.ChoiceField(
        label=_("Company involvement"),
        choices=Involvement.choices,
        help_text=_(
            "UNGP 13: does the company cause it, contribute to it, or is it directly "
            "linked through a business relationship?"
        ),
    )
    rights = forms.MultipleChoiceField(
        label=_("Rights affected"),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    affected_groups = forms.CharField(
        label=_("Affected groups"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    risk_groups = forms.MultipleChoiceField(
        label=_("Groups at heightened risk among them"),
        choices=RiskGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives"), queryset=None, required=False
    )
    scale = ScoreField(name="scale", label=_("Scale — how grave"))
    scope = ScoreField(name="scope", label=_("Scope — how many people"))
    irremediability = ScoreField(
        name="irremediability", label=_("Irremediable character — how hard to put right")
    )
    likelihood = ScoreField(
        name="likelihood",
        required=False,
        label=_("Likelihood — potential impacts only"),
        help_text=_("Leave “Not assessed” for an actual impact; it has happened."),
    )

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rights"].choices = rights.grouped_choices()
        self.fields["initiatives"].queryset = initiatives

    def clean(self):
        data = super().clean()
        if data.get("kind") == ImpactKind.ACTUAL and data.get("likelihood") is not None:
            self.add_error(
                "likelihood",
                _("Likelihood applies only to potential impacts: an actual impact has happened."),
            )
        return data


class StatusChangeForm(DomainErrorMixin, forms.Form):
    """Move an impact to its next status."""

    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


class ActionForm(DomainErrorMixin, forms.Form):
    """An action on an impact."""

    description = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    is_done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "—")] + [(pk, label) for pk, label in members]
