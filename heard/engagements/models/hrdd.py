"""The human rights due diligence steps an engagement can serve; each workspace adjusts its list."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel

# The default list: UNGPs 17–22 and the consultation stages of EU CSDDD art. 13(3).
# (code, name, reference): names are stored in English and translated when shown.
DEFAULT_HRDD_STEPS: tuple[tuple[str, str, str], ...] = (
    ("identify_assess", gettext_noop("Identify & assess"), "UNGP 17–18; CSDDD art. 13(3)(a)"),
    (
        "prevention_action_plans",
        gettext_noop("Prevention and action plans"),
        "UNGP 19; CSDDD art. 13(3)(b)",
    ),
    (
        "suspend_or_end",
        gettext_noop("Decisions to suspend or end a business relationship"),
        "UNGP 19 commentary; CSDDD art. 13(3)(c)",
    ),
    ("integrate_act", gettext_noop("Integrate & act"), "UNGP 19"),
    (
        "track_monitor",
        gettext_noop("Track and monitoring indicators"),
        "UNGP 20; CSDDD art. 13(3)(e)",
    ),
    ("communicate", gettext_noop("Communicate"), "UNGP 21"),
    ("remedy", gettext_noop("Remedy"), "UNGP 22; CSDDD art. 13(3)(d)"),
)


class HrddStep(WorkspaceScopedModel):
    """One step of due diligence, as the workspace names it; archived steps stay on old rows."""

    code = models.SlugField(
        verbose_name=_("code"),
        max_length=40,
        blank=True,
        help_text=_("Set for the default steps; blank for steps the workspace added."),
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=120,
    )
    reference = models.CharField(
        verbose_name=_("reference"),
        max_length=120,
        blank=True,
        help_text=_("Where the step comes from, e.g. “UNGP 18; CSDDD art. 13(3)(a)”."),
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=_("position"),
        default=0,
    )

    class Meta:
        verbose_name = _("HRDD step")
        verbose_name_plural = _("HRDD steps")
        ordering = ("position", "name")
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "name"), name="%(app_label)s_%(class)s_unique_name"
            ),
        ]
        indexes = [models.Index(fields=("workspace", "position"), name="eng_hrdd_ws_pos_idx")]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("engagements:hrdd_step_edit", args=[self.workspace.slug, self.pk])

    def __str__(self) -> str:
        # Default steps are stored in English and shown in the viewer's language.
        return gettext(self.name) if self.code else self.name
