"""Data protection records: each workspace's retention rule, and each erasure done."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel

MAX_RETENTION_YEARS = 50


class ErasureReason(models.TextChoices):
    """Why a stakeholder's identity was erased."""

    REQUEST = "request", _("At the person's request")
    RETENTION = "retention", _("Retention rule (no contact for too long)")
    OTHER = "other", _("Other (no longer needed)")


class RetentionPolicy(models.Model):
    """A workspace's rule: pseudonymise stakeholders after N years without contact."""

    workspace = models.OneToOneField(
        "core.Workspace",
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="retention_policy",
    )
    pseudonymise_after_years = models.PositiveSmallIntegerField(
        verbose_name=_("pseudonymise stakeholders after (years without contact)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RETENTION_YEARS)],
        help_text=_("Leave empty to keep identities until someone erases them."),
    )
    updated_at = models.DateTimeField(
        verbose_name=_("updated at"),
        auto_now=True,
    )

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")

    def __str__(self) -> str:
        return str(_("Retention policy"))


class Erasure(WorkspaceScopedModel):
    """That a stakeholder's identity was erased: when, why, by whom, what was kept. No name."""

    stakeholder = models.OneToOneField(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        related_name="erasure",
    )
    reason = models.CharField(
        verbose_name=_("reason"),
        max_length=20,
        choices=ErasureReason.choices,
    )
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data_request = models.ForeignKey(
        "requests.DataRequest",
        verbose_name=_("data request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasures",
    )
    inputs_count = models.PositiveIntegerField(
        verbose_name=_("inputs kept as anonymous"),
        default=0,
    )
    responses_count = models.PositiveIntegerField(
        verbose_name=_("responses kept without recipient"),
        default=0,
    )
    audit_entries_count = models.PositiveIntegerField(
        verbose_name=_("audit entries redacted"),
        default=0,
    )

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("workspace", "created_at"), name="privacy_erasure_ws_idx"),
        ]

    def __str__(self) -> str:
        return str(_("Erasure #%(n)s") % {"n": self.pk})
