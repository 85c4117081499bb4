"""Consent as records with history: given, expiring, withdrawn — never overwritten."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceQuerySet, WorkspaceScopedModel
from heard.stakeholders.models.choices import ConsentMethod, ConsentPurpose


class ConsentQuerySet(WorkspaceQuerySet):
    """Consent records, with the test for "valid now"."""

    def valid(self, at=None):
        """Given, not expired and not withdrawn at `at` (default: now)."""
        at = at or timezone.now()
        return self.filter(given_at__lte=at, withdrawn_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at)
        )


class Consent(WorkspaceScopedModel):
    """One act of consent by a stakeholder for one purpose."""

    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    purpose = models.CharField(
        verbose_name=_("purpose"),
        max_length=30,
        choices=ConsentPurpose.choices,
        default=ConsentPurpose.CONTACT,
    )
    given_at = models.DateTimeField(
        verbose_name=_("given at"),
        default=timezone.now,
    )
    expires_at = models.DateTimeField(
        verbose_name=_("expires at"),
        null=True,
        blank=True,
    )
    withdrawn_at = models.DateTimeField(
        verbose_name=_("withdrawn at"),
        null=True,
        blank=True,
    )
    method = models.CharField(
        verbose_name=_("how obtained"),
        max_length=20,
        choices=ConsentMethod.choices,
        default=ConsentMethod.WRITTEN,
    )
    notes = models.TextField(
        verbose_name=_("notes"),
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ("-given_at",)
        indexes = [
            models.Index(
                fields=("stakeholder", "purpose", "withdrawn_at", "expires_at"),
                name="consent_validity_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("given_at")),
                name="%(app_label)s_%(class)s_expires_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_at:%Y-%m-%d})"

    def is_valid(self, at=None) -> bool:
        """Whether this consent holds at `at` (default: now)."""
        at = at or timezone.now()
        return (
            self.given_at <= at
            and self.withdrawn_at is None
            and (self.expires_at is None or self.expires_at > at)
        )
