"""Forms of the council pages: they parse and check input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.councils.models import CouncilRole
from heard.stakeholders.filters import ANY, ARCHIVED_CHOICES, FilterForm
from heard.stakeholders.forms import DomainErrorMixin

COUNCIL_SORT_KEYS = ("name", "members", "meetings", "created")


class CouncilFilterForm(FilterForm):
    """The council list's filters."""

    q = forms.CharField(label=_("Search"), max_length=200)
    initiative = forms.TypedChoiceField(label=_("Initiative"), coerce=int)
    archived = forms.ChoiceField(label=_("Show"), choices=ARCHIVED_CHOICES)
    sort = forms.ChoiceField(
        label=_("Sort"),
        choices=[("", "")]
        + [(k, k) for k in COUNCIL_SORT_KEYS]
        + [(f"-{k}", f"-{k}") for k in COUNCIL_SORT_KEYS],
    )

    def __init__(self, data=None, *, initiatives=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["initiative"].choices = ANY + list(initiatives)


class CouncilForm(DomainErrorMixin, forms.Form):
    """A council's own fields."""

    name = forms.CharField(label=_("Name"), max_length=200)
    terms_of_reference = forms.CharField(
        label=_("Terms of reference"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Purpose, mandate, and what the company commits to do with the advice."),
    )
    initiative = forms.TypedChoiceField(
        label=_("Initiative"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Leave empty for a council that advises the whole company."),
    )
    convener = forms.TypedChoiceField(
        label=_("Convener"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Gets rotation reminders for members who have no relationship owner."),
    )
    reminder_days = forms.IntegerField(
        label=_("Remind before a term ends (days)"),
        min_value=1,
        max_value=365,
        initial=60,
    )

    def __init__(self, *args, initiatives=(), members=(), **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [("", "—")] + list(initiatives)
        self.fields["convener"].choices = [("", "—")] + list(members)


class MemberForm(DomainErrorMixin, forms.Form):
    """One term on a council; the stakeholder is picked from a search on the same page."""

    stakeholder = forms.IntegerField(
        label=_("Stakeholder"), widget=forms.HiddenInput, required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=CouncilRole.choices, initial="member")
    term_start = forms.DateField(
        label=_("Term starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    term_end = forms.DateField(
        label=_("Term ends on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, with_stakeholder: bool = True, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if not with_stakeholder:
            del self.fields["stakeholder"]

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("The term must end after it starts."))
        return data


class MeetingLinkForm(forms.Form):
    """Which council-meeting engagement to attach."""

    engagement = forms.IntegerField(label=_("Engagement"))
