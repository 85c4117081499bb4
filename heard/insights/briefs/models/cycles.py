"""Planning cycles: the six-monthly moments when internal teams ask what stakeholders said."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel

# The seed: "every six months, during our work planning periods" — January and July.
DEFAULT_START_MONTHS = [1, 7]
DEFAULT_REQUEST_DAYS = 21


def _default_start_months() -> list[int]:
    return list(DEFAULT_START_MONTHS)


class CycleSettings(models.Model):
    """A workspace's cycle cadence; a workspace without a row uses the defaults."""

    workspace = models.OneToOneField(
        "core.Workspace",
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="insight_cycle_settings",
    )
    start_months = models.JSONField(
        verbose_name=_("months in which a cycle starts"),
        default=_default_start_months,
        help_text=_("Months 1–12; January and July make a six-monthly cycle."),
    )
    request_days = models.PositiveSmallIntegerField(
        verbose_name=_("days to file requests after a cycle opens"),
        default=DEFAULT_REQUEST_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    opens_automatically = models.BooleanField(
        verbose_name=_("open each cycle automatically"),
        default=True,
        help_text=_(
            "The daily job creates the cycle when its month starts and emails contributors."
        ),
    )

    class Meta:
        verbose_name = _("insight cycle settings")
        verbose_name_plural = _("insight cycle settings")

    def __str__(self) -> str:
        return str(_("Insight cycle settings"))

    def months(self) -> list[int]:
        """The start months, sorted and valid (defaults when none are)."""
        found = sorted({int(m) for m in self.start_months or [] if 1 <= int(m) <= 12})
        return found or list(DEFAULT_START_MONTHS)


def cycle_settings_for(workspace) -> CycleSettings:
    """The workspace's cycle settings, or unsaved defaults."""
    found = CycleSettings.objects.filter(workspace=workspace).first()
    return found or CycleSettings(workspace=workspace)


class PlanningCycle(WorkspaceScopedModel):
    """One planning period: it opens, takes requests until a date, and closes."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
        help_text=_("For example “H1 2027”."),
    )
    opens_on = models.DateField(
        verbose_name=_("opens on"),
    )
    requests_due_on = models.DateField(
        verbose_name=_("requests due on"),
    )
    closes_on = models.DateField(
        verbose_name=_("closes on"),
    )
    # Set once contributors were told the cycle is open: the daily job tells them only once.
    announced_at = models.DateTimeField(
        verbose_name=_("contributors told at"),
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("planning cycle")
        verbose_name_plural = _("planning cycles")
        ordering = ("-opens_on", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "name"), name="%(app_label)s_%(class)s_unique_name"
            ),
            models.UniqueConstraint(
                fields=("workspace", "opens_on"), name="%(app_label)s_%(class)s_unique_opens"
            ),
            models.CheckConstraint(
                condition=Q(requests_due_on__gte=F("opens_on"))
                & Q(closes_on__gte=F("requests_due_on")),
                name="%(app_label)s_%(class)s_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("briefs:cycle_detail", args=[self.workspace.slug, self.pk])

    def state(self, today) -> str:
        """upcoming, taking requests, open (requests past due) or closed, on `today`."""
        if today < self.opens_on:
            return "upcoming"
        if today <= self.requests_due_on:
            return "taking_requests"
        if today <= self.closes_on:
            return "open"
        return "closed"
