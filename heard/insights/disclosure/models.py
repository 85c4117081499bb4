"""Disclosure reports: one generated stakeholder-engagement report for a period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel


class Framework(models.TextChoices):
    """The reporting frameworks a report answers."""

    ESRS = "esrs", _("ESRS (S1–S4)")
    CSDDD = "csddd", _("EU CSDDD (art. 13 and 14)")
    UNGP = "ungp", _("UNGP Reporting Framework (C2, C6)")
    GRI = "gri", _("GRI (2-25, 2-26, 2-29, 3-3-f)")


def all_frameworks() -> list[str]:
    """Every framework: the default choice."""
    return list(Framework.values)


class ReportStatus(models.TextChoices):
    """Where a report's generation stands."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


def report_file_path(report: DisclosureReport, filename: str) -> str:
    """Files live under MEDIA_ROOT/<workspace id>/reports/, named by the report, never by a
    user: downloads go through a view that checks the workspace, not through MEDIA_URL."""
    return f"{report.workspace_id}/reports/{report.pk}/{filename}"


class DisclosureReport(WorkspaceScopedModel):
    """A stakeholder-engagement report for a period, as a page, a PDF and a workbook."""

    starts_on = models.DateField(
        verbose_name=_("from"),
    )
    ends_on = models.DateField(
        verbose_name=_("to"),
    )
    frameworks = models.JSONField(
        verbose_name=_("frameworks"),
        default=all_frameworks,
    )
    language = models.CharField(
        verbose_name=_("language"),
        max_length=12,
        default="en",
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.QUEUED,
        editable=False,
    )
    progress = models.PositiveSmallIntegerField(
        verbose_name=_("progress (%)"),
        default=0,
        editable=False,
    )
    current_step = models.CharField(
        verbose_name=_("current step"),
        max_length=200,
        blank=True,
        editable=False,
    )
    body_html = models.TextField(
        verbose_name=_("report (HTML snapshot)"),
        blank=True,
        editable=False,
    )
    html_file = models.FileField(
        verbose_name=_("HTML file"),
        upload_to=report_file_path,
        blank=True,
        editable=False,
    )
    pdf_file = models.FileField(
        verbose_name=_("PDF file"),
        upload_to=report_file_path,
        blank=True,
        editable=False,
    )
    xlsx_file = models.FileField(
        verbose_name=_("XLSX file"),
        upload_to=report_file_path,
        blank=True,
        editable=False,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    started_at = models.DateTimeField(
        verbose_name=_("started at"),
        null=True,
        blank=True,
        editable=False,
    )
    finished_at = models.DateTimeField(
        verbose_name=_("finished at"),
        null=True,
        blank=True,
        editable=False,
    )
    error_message = models.TextField(
        verbose_name=_("error"),
        blank=True,
        editable=False,
    )

    # Generated output and bookkeeping: the audit log records who asked for which period.
    audit_ignored_fields = (
        "updated_at",
        "body_html",
        "progress",
        "current_step",
        "html_file",
        "pdf_file",
        "xlsx_file",
    )

    class Meta:
        verbose_name = _("disclosure report")
        verbose_name_plural = _("disclosure reports")
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="%(app_label)s_%(class)s_progress_max"
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "created_at", "id"), name="disc_ws_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("disclosure:report_detail", args=[self.workspace.slug, self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)

    def framework_labels(self) -> list[str]:
        """The chosen frameworks' names, in the listed order."""
        labels = dict(Framework.choices)
        return [str(labels[f]) for f in Framework.values if f in self.frameworks]
