"""Stakeholders: people and group representatives, with their most sensitive data protected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from heard.core.crypto import EncryptedTextField
from heard.core.models import WorkspaceScopedModel
from heard.stakeholders.models.choices import (
    Category,
    Relation,
    RiskGroup,
    SafetyLevel,
    StakeholderKind,
)


class Stakeholder(WorkspaceScopedModel):
    """A person or a representative of a group who may affect or be affected by the company."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=200,
    )
    # A stable pseudonym shown instead of the name of high-risk stakeholders to roles that may
    # not see identities ("Stakeholder K7Q2"); random, unique in the workspace.
    pseudonym = models.CharField(
        verbose_name=_("pseudonym"),
        max_length=12,
        editable=False,
    )
    kind = models.CharField(
        verbose_name=_("internal or external"),
        max_length=10,
        choices=StakeholderKind.choices,
        default=StakeholderKind.EXTERNAL,
    )
    category = models.CharField(
        verbose_name=_("category"),
        max_length=30,
        choices=Category.choices,
        default=Category.OTHER,
    )
    relation = models.CharField(
        verbose_name=_("relation to impacts"),
        max_length=30,
        choices=Relation.choices,
        default=Relation.OTHER_RELEVANT,
        help_text=_("UNGP 18: potentially affected, their legitimate representative, or expert."),
    )
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholders",
    )
    role_at_organisation = models.CharField(
        verbose_name=_("role at the organisation"),
        max_length=200,
        blank=True,
    )
    country = CountryField(
        verbose_name=_("country"),
        blank=True,
    )
    region = models.CharField(
        verbose_name=_("region"),
        max_length=40,
        blank=True,
        editable=False,
    )
    is_global_majority = models.BooleanField(
        verbose_name=_("Global Majority"),
        null=True,
        editable=False,
    )
    time_zone = models.CharField(
        verbose_name=_("time zone"),
        max_length=64,
        blank=True,
    )
    topics = models.ManyToManyField(
        "stakeholders.Topic",
        verbose_name=_("expertise topics"),
        blank=True,
        related_name="stakeholders",
    )
    lived_experience = models.TextField(
        verbose_name=_("lived experience"),
        blank=True,
    )
    safety_level = models.CharField(
        verbose_name=_("safety level"),
        max_length=20,
        choices=SafetyLevel.choices,
        default=SafetyLevel.STANDARD,
    )
    relationship_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relationship owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_stakeholders",
    )
    has_standing_agreement = models.BooleanField(
        verbose_name=_("standing agreement"),
        default=False,
    )
    is_compensation_eligible = models.BooleanField(
        verbose_name=_("eligible for compensation"),
        default=False,
    )
    is_key_relationship = models.BooleanField(
        verbose_name=_("key relationship"),
        default=False,
    )
    notes = models.TextField(
        verbose_name=_("notes"),
        blank=True,
    )
    tags = models.ManyToManyField(
        "stakeholders.Tag",
        verbose_name=_("tags"),
        blank=True,
        related_name="stakeholders",
    )
    # Contact details: encrypted at rest; the email's keyed hash finds duplicates.
    email = EncryptedTextField(
        verbose_name=_("email"),
        blank=True,
    )
    email_index = models.CharField(
        verbose_name=_("email lookup hash"),
        max_length=40,
        blank=True,
        editable=False,
    )
    phone = EncryptedTextField(
        verbose_name=_("phone"),
        blank=True,
    )
    messaging_handle = EncryptedTextField(
        verbose_name=_("messaging handle"),
        blank=True,
        help_text=_("Signal, WhatsApp, Telegram or similar."),
    )
    last_engaged_on = models.DateField(
        verbose_name=_("last engaged on"),
        null=True,
        blank=True,
        editable=False,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_from",
    )
    search_text = models.TextField(
        verbose_name=_("search text"),
        blank=True,
        editable=False,
    )

    audit_masked_fields = ("email", "phone", "messaging_handle", "email_index")

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "pseudonym"), name="%(app_label)s_%(class)s_unique_pseudonym"
            )
        ]
        indexes = [
            models.Index(fields=("workspace", "archived_at", "name"), name="sh_ws_name_idx"),
            # Lists sort by name case-insensitively: an index on the same expression lets the
            # database read the first page in order instead of sorting the whole workspace.
            models.Index("workspace", "archived_at", Lower("name"), "id", name="sh_ws_lname_idx"),
            models.Index(fields=("workspace", "kind"), name="sh_ws_kind_idx"),
            models.Index(fields=("workspace", "category"), name="sh_ws_category_idx"),
            models.Index(fields=("workspace", "relation"), name="sh_ws_relation_idx"),
            models.Index(fields=("workspace", "country"), name="sh_ws_country_idx"),
            models.Index(fields=("workspace", "region"), name="sh_ws_region_idx"),
            models.Index(fields=("workspace", "is_global_majority"), name="sh_ws_gm_idx"),
            models.Index(fields=("workspace", "safety_level"), name="sh_ws_safety_idx"),
            models.Index(fields=("workspace", "relationship_owner"), name="sh_ws_owner_idx"),
            models.Index(fields=("workspace", "last_engaged_on"), name="sh_ws_engaged_idx"),
            models.Index(fields=("workspace", "email_index"), name="sh_ws_email_idx"),
            models.Index(fields=("workspace", "is_key_relationship"), name="sh_ws_key_idx"),
            # Organisation pages count their active members and list them by name.
            models.Index(
                "organisation", "archived_at", Lower("name"), "id", name="sh_org_active_idx"
            ),
            # The fatigue check's alternatives: the least recently engaged active people of one
            # country and relation, read in index order (SQLite sorts NULLs first, as asked).
            # "relation IS NOT NULL" (always true) keeps it for queries that filter on relation:
            # list pages filtered by country alone read the (workspace, country) index, whose
            # rowid order makes their table reads sequential.
            models.Index(
                fields=("workspace", "country", "relation", "last_engaged_on", "id"),
                condition=models.Q(archived_at__isnull=True, relation__isnull=False),
                name="sh_alternatives_idx",
            ),
            # Each member's key relationships, for the to-do of those not contacted lately.
            models.Index(
                fields=("workspace", "relationship_owner", "last_engaged_on"),
                condition=models.Q(is_key_relationship=True, archived_at__isnull=True),
                name="sh_key_owner_idx",
            ),
            # The registry sorted by last contact, most recent first, without sorting the table.
            models.Index(
                fields=("workspace", "archived_at", "last_engaged_on", "id"),
                name="sh_ws_active_engaged_idx",
            ),
        ]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("stakeholders:stakeholder_detail", args=[self.workspace.slug, self.pk])

    def __str__(self) -> str:
        # Safe by default: anything that prints a stakeholder without asking gets the pseudonym
        # for high-risk people. Pages that may show the name use `display_name_for`.
        return self.pseudonym_label if self.is_high_risk else self.name

    @property
    def is_high_risk(self) -> bool:
        return self.safety_level == SafetyLevel.HIGH_RISK

    @property
    def pseudonym_label(self) -> str:
        return _("Stakeholder %(code)s") % {"code": self.pseudonym}

    def is_identity_hidden_for(self, membership) -> bool:
        """Whether `membership` must see the pseudonym instead of name and contacts."""
        return self.is_high_risk and not membership.can("view_identity")

    def display_name_for(self, membership) -> str:
        """The name, or the pseudonym for roles that may not see this person's identity."""
        return self.pseudonym_label if self.is_identity_hidden_for(membership) else self.name


class StakeholderLanguage(models.Model):
    """A language (ISO 639 code) a stakeholder works in; a row each, so filters use an index."""

    stakeholder = models.ForeignKey(
        Stakeholder,
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        related_name="language_links",
    )
    code = models.CharField(
        verbose_name=_("language"),
        max_length=12,
    )

    class Meta:
        verbose_name = _("stakeholder language")
        verbose_name_plural = _("stakeholder languages")
        constraints = [
            models.UniqueConstraint(
                fields=("stakeholder", "code"), name="%(app_label)s_%(class)s_unique_code"
            )
        ]
        indexes = [models.Index(fields=("code", "stakeholder"), name="sh_lang_code_idx")]

    def __str__(self) -> str:
        return self.code


class StakeholderRiskGroup(models.Model):
    """A group at heightened risk the stakeholder belongs to or represents."""

    stakeholder = models.ForeignKey(
        Stakeholder,
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        related_name="risk_group_links",
    )
    group = models.CharField(
        verbose_name=_("group"),
        max_length=30,
        choices=RiskGroup.choices,
    )

    class Meta:
        verbose_name = _("group at heightened risk")
        verbose_name_plural = _("groups at heightened risk")
        constraints = [
            models.UniqueConstraint(
                fields=("stakeholder", "group"), name="%(app_label)s_%(class)s_unique_group"
            )
        ]
        indexes = [models.Index(fields=("group", "stakeholder"), name="sh_riskgroup_idx")]

    def __str__(self) -> str:
        return self.get_group_display()
