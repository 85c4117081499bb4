"""Each workspace's deadlines for answering stakeholders' requests."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_DAYS = 30
DEFAULT_DAILY_LIMIT = 10


class RequestSettings(models.Model):
    """Days to answer, per workspace; a workspace without a row uses the defaults."""

    workspace = models.OneToOneField(
        "core.Workspace",
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="request_settings",
    )
    information_days = models.PositiveSmallIntegerField(
        verbose_name=_("days to answer an information request"),
        default=DEFAULT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    data_days = models.PositiveSmallIntegerField(
        verbose_name=_("days to handle a data request"),
        default=DEFAULT_DAYS,
        # GDPR art. 12(3): one month, extendable; we cap at three months.
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    daily_limit = models.PositiveSmallIntegerField(
        verbose_name=_("requests a stakeholder may make per day"),
        default=DEFAULT_DAILY_LIMIT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("request settings")
        verbose_name_plural = _("request settings")

    def __str__(self) -> str:
        return str(_("Request settings"))


def settings_for(workspace) -> RequestSettings:
    """The workspace's settings, or unsaved defaults."""
    found = RequestSettings.objects.filter(workspace=workspace).first()
    return found or RequestSettings(workspace=workspace)
