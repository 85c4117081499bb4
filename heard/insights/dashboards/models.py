"""Dashboard snapshots: the figures of one dashboard and period, computed once and kept.

At a million inputs the aggregates behind a dashboard take tens of seconds on SQLite; members
read the kept figures instead (one indexed row), which the worker refreshes in the background
when they are older than `STALE_AFTER` and every night for the usual periods.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel


class DashboardSnapshot(WorkspaceScopedModel):
    """The figures of the workspace's (or an initiative's) dashboard for one period."""

    initiative = models.ForeignKey(
        "impacts.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dashboard_snapshots",
    )
    starts_on = models.DateField(
        verbose_name=_("period starts on"),
    )
    ends_on = models.DateField(
        verbose_name=_("period ends on"),
    )
    # heard.insights.dashboards.page.Dashboard, pickled: plain values only (dates, numbers,
    # labels and ids — never a model instance), written and read by this app alone.
    figures = models.BinaryField(
        verbose_name=_("figures"),
        editable=False,
    )
    computed_at = models.DateTimeField(
        verbose_name=_("computed at"),
        default=timezone.now,
        editable=False,
    )
    refresh_queued_at = models.DateTimeField(
        verbose_name=_("refresh queued at"),
        null=True,
        blank=True,
        editable=False,
    )

    audit_ignored_fields = ("updated_at", "figures", "computed_at", "refresh_queued_at")

    class Meta:
        verbose_name = _("dashboard snapshot")
        verbose_name_plural = _("dashboard snapshots")
        ordering = ("-computed_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "starts_on", "ends_on"),
                condition=Q(initiative__isnull=True),
                name="%(app_label)s_%(class)s_one_per_workspace_period",
            ),
            models.UniqueConstraint(
                fields=("initiative", "starts_on", "ends_on"),
                condition=Q(initiative__isnull=False),
                name="%(app_label)s_%(class)s_one_per_initiative_period",
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "computed_at"), name="dash_snap_ws_computed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        query = f"?period=custom&from={self.starts_on}&to={self.ends_on}"
        if self.initiative_id:
            return (
                reverse("dashboards:initiative", args=[self.workspace.slug, self.initiative_id])
                + query
            )
        return reverse("dashboards:workspace", args=[self.workspace.slug]) + query
