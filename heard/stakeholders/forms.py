"""Forms of the registry pages. They parse and check input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from heard.core.errors import DomainError
from heard.stakeholders.models import (
    Category,
    ConsentMethod,
    ConsentPurpose,
    Organisation,
    OrganisationType,
    Relation,
    RiskGroup,
    SafetyLevel,
    StakeholderKind,
)
from heard.stakeholders.vocab import available_time_zones, language_names


class DomainErrorMixin:
    """Show a service's DomainError on the field it names (or on the whole form); labels
    without the trailing colon, as every Heard form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_domain_error(self, error: DomainError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


def _country_field():
    return LazyTypedChoiceField(
        label=_("Country"), choices=[("", "—")] + list(countries), required=False
    )


def split_names(text: str) -> list[str]:
    """Comma-separated names, trimmed, blanks dropped."""
    return [n.strip() for n in (text or "").split(",") if n.strip()]


class StakeholderForm(DomainErrorMixin, forms.Form):
    """Every field of a stakeholder."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Internal or external"), choices=StakeholderKind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    relation = forms.ChoiceField(
        label=_("Relation to impacts"),
        choices=Relation.choices,
        help_text=_("UNGP 18: potentially affected, their legitimate representative, or expert."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    role_at_organisation = forms.CharField(
        label=_("Role at the organisation"), max_length=200, required=False
    )
    country = _country_field()
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("ISO 639-1 codes or names, separated by commas (e.g. en, fr, Swahili)."),
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        required=False,
        help_text=_("IANA name, e.g. Africa/Nairobi or America/Sao_Paulo."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )
    topics = forms.CharField(
        label=_("Expertise topics"),
        required=False,
        help_text=_("Separated by commas; new topics are created."),
    )
    lived_experience = forms.CharField(
        label=_("Lived experience"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    risk_groups = forms.MultipleChoiceField(
        label=_("Groups at heightened risk they belong to or represent"),
        choices=RiskGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    safety_level = forms.ChoiceField(
        label=_("Safety level"),
        choices=SafetyLevel.choices,
        help_text=_(
            "High-risk: only roles allowed to see identities see the name and contacts; "
            "everyone else sees a pseudonym."
        ),
    )
    relationship_owner = forms.TypedChoiceField(
        label=_("Relationship owner"), coerce=int, required=False, empty_value=None
    )
    has_standing_agreement = forms.BooleanField(label=_("Standing agreement"), required=False)
    is_compensation_eligible = forms.BooleanField(
        label=_("Eligible for compensation"), required=False
    )
    is_key_relationship = forms.BooleanField(label=_("Key relationship"), required=False)
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separated by commas; new tags are created.")
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    messaging_handle = forms.CharField(
        label=_("Messaging handle"),
        max_length=120,
        required=False,
        help_text=_("Signal, WhatsApp, Telegram or similar."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, workspace, organisations, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["organisation"].queryset = organisations
        self.fields["relationship_owner"].choices = [("", "—")] + [
            (pk, label) for pk, label in members
        ]

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"].strip()
        if value and value not in available_time_zones():
            raise forms.ValidationError(
                _("“%(zone)s” is not an IANA time zone (e.g. Africa/Nairobi)."),
                params={"zone": value},
            )
        return value

    def clean_languages(self) -> list[str]:
        names = language_names()
        by_name = {n.casefold(): c for c, n in names.items()}
        codes, unknown = [], []
        for item in split_names(self.cleaned_data["languages"]):
            code = item.lower() if item.lower() in names else by_name.get(item.casefold())
            (codes if code else unknown).append(code or item)
        if unknown:
            raise forms.ValidationError(
                _("Unknown language: %(items)s. Use ISO 639-1 codes such as en, fr, sw."),
                params={"items": ", ".join(unknown)},
            )
        return list(dict.fromkeys(codes))

    def service_fields(self) -> dict:
        """The cleaned data as keyword arguments of create/update_stakeholder (topics and tags
        still as text; the view turns them into rows)."""
        data = dict(self.cleaned_data)
        data["relationship_owner_id"] = data.pop("relationship_owner")
        data["country"] = data.get("country") or ""
        return data


def stakeholder_initial(stakeholder) -> dict:
    """A stakeholder's values as the form's initial data."""
    fields = [
        f
        for f in StakeholderForm.base_fields
        if f not in {"languages", "topics", "tags", "risk_groups", "relationship_owner"}
    ]
    initial = {f: getattr(stakeholder, f) for f in fields}
    initial.update(
        country=stakeholder.country.code or "",
        organisation=stakeholder.organisation_id,
        relationship_owner=stakeholder.relationship_owner_id,
        languages=", ".join(li.code for li in stakeholder.language_links.all()),
        topics=", ".join(t.name for t in stakeholder.topics.all()),
        tags=", ".join(t.name for t in stakeholder.tags.all()),
        risk_groups=[g.group for g in stakeholder.risk_group_links.all()],
    )
    return initial


class OrganisationForm(DomainErrorMixin, forms.ModelForm):
    """An organisation's fields."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ("name", "type", "country", "website", "description", "parent")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = OrganisationType.choices
        parents = organisations
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def _post_clean(self):
        # Model validation runs in the service (with the workspace set), not here.
        pass


class ConsentForm(DomainErrorMixin, forms.Form):
    """Record one consent."""

    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    given_at = forms.DateTimeField(
        label=_("Given at"),
        initial=timezone.now,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    expires_at = forms.DateTimeField(
        label=_("Expires at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    method = forms.ChoiceField(label=_("How obtained"), choices=ConsentMethod.choices)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IdListField(forms.Field):
    """Several integer ids from repeated query/form values (checked rows)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        try:
            return list(dict.fromkeys(int(v) for v in values))
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(_("Not a list of ids.")) from error

    def validate(self, value) -> None:
        if not value:
            raise forms.ValidationError(_("Tick at least one row first."))


class BulkForm(forms.Form):
    """A bulk action on checked rows."""

    ACTIONS = [
        ("tag", _("Add a tag")),
        ("owner", _("Assign relationship owner")),
        ("archive", _("Archive")),
        ("restore", _("Restore")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    ids = IdListField(label=_("Stakeholders"))
    tag = forms.CharField(label=_("Tag"), max_length=60, required=False)
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, required=False, empty_value=None)
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "—")] + list(members)

    def clean(self):
        data = super().clean()
        if data.get("action") == "tag" and not data.get("tag", "").strip():
            self.add_error("tag", _("Give the tag a name."))
        return data


class CountryOverrideForm(forms.Form):
    """A workspace's own Global Majority call for one country."""

    country = LazyTypedChoiceField(label=_("Country"), choices=[("", "—")] + list(countries))
    is_global_majority = forms.TypedChoiceField(
        label=_("Counts as Global Majority"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
    )
