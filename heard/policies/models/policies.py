"""Policies and their versions: every version keeps its text, what was considered and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.policies.models.choices import OPEN_STATUSES, PolicyArea, VersionStatus


class Policy(WorkspaceScopedModel):
    """A company policy (content rules, privacy, AI…) that stays open to new input."""

    title = models.CharField(
        verbose_name=_("title"),
        max_length=200,
    )
    area = models.CharField(
        verbose_name=_("area"),
        max_length=20,
        choices=PolicyArea.choices,
        default=PolicyArea.CONTENT,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_policies",
    )
    description = models.TextField(
        verbose_name=_("description"),
        blank=True,
        help_text=_("What the policy is for and whom it affects."),
    )
    related_inputs = models.ManyToManyField(
        "feedback.Input",
        verbose_name=_("inputs about this policy"),
        blank=True,
        related_name="related_policies",
    )
    # Copies of the latest version's number and status and of the last publication, kept in
    # sync by services so the list filters and sorts from one table.
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        editable=False,
    )
    current_number = models.PositiveIntegerField(
        verbose_name=_("current version"),
        default=1,
        editable=False,
    )
    published_at = models.DateTimeField(
        verbose_name=_("last published at"),
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ("title",)
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "title"), name="%(app_label)s_%(class)s_unique_title"
            ),
        ]
        indexes = [
            models.Index(
                "workspace", "archived_at", Lower("title"), "id", name="policy_ws_title_idx"
            ),
            models.Index(fields=("workspace", "status"), name="policy_ws_status_idx"),
            models.Index(fields=("workspace", "area"), name="policy_ws_area_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:policy_detail", args=[self.workspace.slug, self.pk])

    @property
    def is_open(self) -> bool:
        """Whether the current version's text may still change."""
        return self.status in OPEN_STATUSES


class PolicyVersion(WorkspaceScopedModel):
    """One numbered text of a policy, with what changed and, once published, when."""

    policy = models.ForeignKey(
        Policy,
        verbose_name=_("policy"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(
        verbose_name=_("number"),
    )
    text = models.TextField(
        verbose_name=_("text"),
        help_text=_(
            "Plain text. Blank lines separate paragraphs; lines starting with “# ” are "
            "headings and “- ” list items."
        ),
    )
    summary_of_changes = models.TextField(
        verbose_name=_("summary of changes"),
        blank=True,
        help_text=_("What changed from the previous version, and what we heard that led to it."),
    )
    considered_inputs = models.ManyToManyField(
        "feedback.Input",
        verbose_name=_("inputs considered"),
        blank=True,
        related_name="considered_in_versions",
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        editable=False,
    )
    consultation_started_at = models.DateTimeField(
        verbose_name=_("consultation started at"),
        null=True,
        blank=True,
        editable=False,
    )
    published_at = models.DateTimeField(
        verbose_name=_("published at"),
        null=True,
        blank=True,
        editable=False,
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reopened_at = models.DateTimeField(
        verbose_name=_("reopened at"),
        null=True,
        blank=True,
        editable=False,
    )
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reopen_reason = models.TextField(
        verbose_name=_("reason for reopening"),
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ("policy", "-number")
        constraints = [
            models.UniqueConstraint(
                fields=("policy", "number"), name="%(app_label)s_%(class)s_unique_number"
            ),
            # "Always a work in progress", but one draft at a time: the next round of changes
            # starts only when the last one is published.
            models.UniqueConstraint(
                fields=("policy",),
                condition=Q(status__in=OPEN_STATUSES),
                name="%(app_label)s_%(class)s_one_open",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=False) | Q(status__in=OPEN_STATUSES),
                name="%(app_label)s_%(class)s_published_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "status"), name="policy_version_ws_status_idx"),
        ]

    def __str__(self) -> str:
        return _("%(policy)s, version %(number)s") % {
            "policy": self.policy.title,
            "number": self.number,
        }

    def get_absolute_url(self) -> str:
        return reverse("policies:version_detail", args=[self.workspace.slug, self.pk])

    @property
    def is_open(self) -> bool:
        """Whether the text may still change."""
        return self.status in OPEN_STATUSES
