"""Initiatives: what due diligence is about, its lifecycle stage and engagement plans."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.impacts.models.choices import InitiativeKind, LifecycleStage, PlanTiming


class Initiative(WorkspaceScopedModel):
    """A product, feature, AI system, content policy or market entry under due diligence."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=200,
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=InitiativeKind.choices,
        default=InitiativeKind.PRODUCT,
    )
    owning_team = models.CharField(
        verbose_name=_("owning team"),
        max_length=200,
        blank=True,
    )
    description = models.TextField(
        verbose_name=_("description"),
        blank=True,
    )
    stage = models.CharField(
        verbose_name=_("lifecycle stage"),
        max_length=20,
        choices=LifecycleStage.choices,
        default=LifecycleStage.RESEARCH_DESIGN,
    )
    stage_changed_at = models.DateTimeField(
        verbose_name=_("stage changed at"),
        default=timezone.now,
        editable=False,
    )
    search_text = models.TextField(
        verbose_name=_("search text"),
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ("name",)
        indexes = [
            models.Index("workspace", "archived_at", Lower("name"), "id", name="ini_ws_lname_idx"),
            models.Index(fields=("workspace", "kind"), name="ini_ws_kind_idx"),
            models.Index(fields=("workspace", "stage"), name="ini_ws_stage_idx"),
            models.Index(fields=("workspace", "owning_team"), name="ini_ws_team_idx"),
            models.Index(fields=("workspace", "stage_changed_at"), name="ini_ws_changed_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("impacts:initiative_detail", args=[self.workspace.slug, self.pk])


class StageChange(models.Model):
    """One move of an initiative between lifecycle stages: who, when, from → to, and why."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="stage_changes",
    )
    from_stage = models.CharField(
        verbose_name=_("from stage"),
        max_length=20,
        choices=LifecycleStage.choices,
        blank=True,
    )
    to_stage = models.CharField(
        verbose_name=_("to stage"),
        max_length=20,
        choices=LifecycleStage.choices,
    )
    changed_at = models.DateTimeField(
        verbose_name=_("changed at"),
        default=timezone.now,
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(
        verbose_name=_("note"),
        blank=True,
    )

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ("-changed_at", "-id")
        indexes = [
            models.Index(fields=("initiative", "changed_at"), name="ini_stagechange_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display() or '—'} → {self.get_to_stage_display()}"


class EngagementPlan(WorkspaceScopedModel):
    """Who should be engaged at one lifecycle stage of an initiative, when, and what can be
    shared — planned in advance so that engagement keeps pace with the product."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="plans",
    )
    stage = models.CharField(
        verbose_name=_("lifecycle stage"),
        max_length=20,
        choices=LifecycleStage.choices,
    )
    # Who: kinds of stakeholders (codes of heard.stakeholders.models.choices) and named ones.
    categories = models.JSONField(
        verbose_name=_("stakeholder categories"),
        default=list,
        blank=True,
    )
    relations = models.JSONField(
        verbose_name=_("relations to impacts"),
        default=list,
        blank=True,
    )
    risk_groups = models.JSONField(
        verbose_name=_("groups at heightened risk"),
        default=list,
        blank=True,
    )
    stakeholders = models.ManyToManyField(
        "stakeholders.Stakeholder",
        verbose_name=_("named stakeholders"),
        blank=True,
        related_name="engagement_plans",
    )
    organisations = models.ManyToManyField(
        "stakeholders.Organisation",
        verbose_name=_("named organisations"),
        blank=True,
        related_name="engagement_plans",
    )
    # When.
    timing = models.CharField(
        verbose_name=_("when"),
        max_length=20,
        choices=PlanTiming.choices,
        default=PlanTiming.DURING_STAGE,
    )
    target_on = models.DateField(
        verbose_name=_("target date"),
        null=True,
        blank=True,
    )
    # What may be shared.
    cleared_to_share = models.TextField(
        verbose_name=_("product details cleared to share"),
        blank=True,
        help_text=_("What the product team has cleared for discussion with stakeholders."),
    )
    not_shareable = models.TextField(
        verbose_name=_("what cannot be shared, and why"),
        blank=True,
    )
    notes = models.TextField(
        verbose_name=_("notes"),
        blank=True,
    )

    class Meta:
        verbose_name = _("engagement plan")
        verbose_name_plural = _("engagement plans")
        ordering = ("initiative", "stage")
        constraints = [
            models.UniqueConstraint(
                fields=("initiative", "stage"), name="%(app_label)s_%(class)s_one_per_stage"
            )
        ]
        indexes = [
            models.Index(fields=("workspace", "stage", "target_on"), name="plan_ws_stage_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} — {self.get_stage_display()}"

    def get_absolute_url(self) -> str:
        return (
            reverse("impacts:initiative_detail", args=[self.workspace.slug, self.initiative_id])
            + f"#plan-{self.stage}"
        )
