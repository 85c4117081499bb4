"""Forms of the policy pages: they parse and check input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from heard.engagements.forms import parse_glossary
from heard.policies.models import ForumStage, MinutesStatus, PolicyArea, VersionStatus
from heard.stakeholders.filters import ANY, ARCHIVED_CHOICES, YES_NO, FilterForm
from heard.stakeholders.forms import DomainErrorMixin

POLICY_SORT_KEYS = ("title", "area", "status", "published", "updated")
FORUM_SORT_KEYS = ("title", "policy", "created")
TEXT_HELP = _(
    "Plain text. Blank lines separate paragraphs; lines starting with “# ” are headings and "
    "“- ” list items."
)


def _sorts(keys) -> list[tuple[str, str]]:
    return [("", "")] + [(k, k) for k in keys] + [(f"-{k}", f"-{k}") for k in keys]


class PolicyFilterForm(FilterForm):
    """The policy list's filters."""

    q = forms.CharField(label=_("Search"), max_length=200)
    area = forms.ChoiceField(label=_("Area"), choices=ANY + PolicyArea.choices)
    status = forms.ChoiceField(label=_("Status"), choices=ANY + VersionStatus.choices)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int)
    new_input = forms.ChoiceField(label=_("New input since publication"), choices=YES_NO)
    archived = forms.ChoiceField(label=_("Show"), choices=ARCHIVED_CHOICES)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sorts(POLICY_SORT_KEYS))

    def __init__(self, data=None, *, owners=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["owner"].choices = ANY + list(owners)


MINUTES_FILTER = [*ANY, ("none", _("No minutes yet")), *MinutesStatus.choices]


class ForumFilterForm(FilterForm):
    """The forum list's filters."""

    q = forms.CharField(label=_("Search"), max_length=200)
    policy = forms.TypedChoiceField(label=_("Policy"), coerce=int)
    minutes = forms.ChoiceField(label=_("Minutes"), choices=MINUTES_FILTER)
    archived = forms.ChoiceField(label=_("Show"), choices=ARCHIVED_CHOICES)
    sort = forms.ChoiceField(label=_("Sort"), choices=_sorts(FORUM_SORT_KEYS))

    def __init__(self, data=None, *, policies=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["policy"].choices = ANY + list(policies)


class _Form(DomainErrorMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PolicyForm(_Form):
    """A policy's own fields; on creation also the first version's text."""

    title = forms.CharField(label=_("Title"), max_length=200)
    area = forms.ChoiceField(label=_("Area"), choices=PolicyArea.choices)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, required=False, empty_value=None)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text = forms.CharField(
        label=_("Text of version 1"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=TEXT_HELP,
        error_messages={"required": _("Write the policy text: a version cannot be empty.")},
    )

    def __init__(self, *args, members=(), with_text: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "—")] + list(members)
        if not with_text:
            del self.fields["text"]


class VersionForm(_Form):
    """The text of a version not yet published."""

    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=TEXT_HELP,
        error_messages={"required": _("Write the policy text: a version cannot be empty.")},
    )
    summary_of_changes = forms.CharField(
        label=_("Summary of changes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What changed, and what we heard that led to it (required to publish from "
            "version 2 on)."
        ),
    )


class ReopenForm(_Form):
    """Why a published policy is reopened."""

    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for reopening the policy.")},
        help_text=_("E.g. new input from a consultation, an incident, a change in the law."),
    )


class ForumForm(_Form):
    """A forum's own fields."""

    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    version = forms.TypedChoiceField(
        label=_("Version discussed"), coerce=int, required=False, empty_value=None
    )
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, required=False, empty_value=None)
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    glossary = forms.CharField(
        label=_("Glossary of legal and technical terms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One “term: plain-language definition” per line."),
    )

    def __init__(self, *args, versions=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [("", "—")] + list(versions)
        self.fields["owner"].choices = [("", "—")] + list(members)

    def clean_glossary(self) -> list[dict[str, str]]:
        return parse_glossary(self.cleaned_data["glossary"])


class MeetingLinkForm(_Form):
    """Attach an existing engagement to a forum step."""

    engagement = forms.TypedChoiceField(label=_("Engagement"), coerce=int)
    stage = forms.ChoiceField(label=_("Forum step"), choices=ForumStage.choices)

    def __init__(self, *args, engagements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].choices = [("", "—")] + list(engagements)


class MeetingPlanForm(_Form):
    """Plan a new engagement for a forum step."""

    stage = forms.ChoiceField(label=_("Forum step"), choices=ForumStage.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class MinutesForm(_Form):
    """The minutes as recorded."""

    recorded_text = forms.CharField(
        label=_("Minutes as recorded"),
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": _("Write the minutes first.")},
        help_text=_(
            "As taken in the room. Names stay inside the core team: the next step redacts them."
        ),
    )


class RedactForm(_Form):
    """The editor's redacted version, and which suggested name parts to redact too."""

    redacted_text = forms.CharField(
        label=_("Redacted minutes"),
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": _("The redacted minutes are empty.")},
    )
    name_parts = forms.MultipleChoiceField(
        label=_("Also redact these parts of names"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    extra_terms = forms.CharField(
        label=_("Other terms to redact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: nicknames, job titles, places that would identify someone."),
    )

    def __init__(self, *args, name_parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_parts"].choices = [(p, p) for p in name_parts]

    def clean_extra_terms(self) -> list[str]:
        lines = self.cleaned_data["extra_terms"].splitlines()
        return [line.strip() for line in lines if line.strip()]
