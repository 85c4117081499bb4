"""Commitments: what the company promised, with a history of progress."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.feedback.models.choices import CommitmentStatus


class Commitment(WorkspaceScopedModel):
    """Something the company promised in answer to inputs."""

    title = models.CharField(
        verbose_name=_("title"),
        max_length=200,
    )
    description = models.TextField(
        verbose_name=_("description"),
        blank=True,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_commitments",
    )
    due_on = models.DateField(
        verbose_name=_("due on"),
        null=True,
        blank=True,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    progress = models.PositiveSmallIntegerField(
        verbose_name=_("progress (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
    )
    evidence = models.TextField(
        verbose_name=_("evidence"),
        blank=True,
        help_text=_("What shows the progress: links, documents, figures."),
    )
    is_public = models.BooleanField(
        verbose_name=_("public"),
        default=False,
        help_text=_("Shown in the transparency centre (no personal data)."),
    )
    inputs = models.ManyToManyField(
        "feedback.Input",
        verbose_name=_("inputs"),
        blank=True,
        related_name="commitments",
    )
    decisions = models.ManyToManyField(
        "feedback.Decision",
        verbose_name=_("decisions"),
        blank=True,
        related_name="commitments",
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ("due_on", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="%(app_label)s_%(class)s_progress_max"
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "archived_at", "due_on"), name="com_ws_due_idx"),
            models.Index(fields=("workspace", "status"), name="com_ws_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("feedback:commitment_detail", args=[self.workspace.slug, self.pk])


class CommitmentUpdate(WorkspaceScopedModel):
    """One progress report on a commitment; the history is never rewritten."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=CommitmentStatus.choices,
    )
    progress = models.PositiveSmallIntegerField(
        verbose_name=_("progress (%)"),
        validators=[MaxValueValidator(100)],
    )
    note = models.TextField(
        verbose_name=_("what changed"),
    )
    evidence = models.TextField(
        verbose_name=_("evidence"),
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    notified_count = models.PositiveIntegerField(
        verbose_name=_("stakeholders notified"),
        default=0,
        editable=False,
    )

    class Meta:
        verbose_name = _("commitment update")
        verbose_name_plural = _("commitment updates")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.commitment} — {self.progress}%"

    def get_absolute_url(self) -> str:
        return self.commitment.get_absolute_url()
