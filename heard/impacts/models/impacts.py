"""Human rights impacts, the rights and groups they touch, and the actions taken on them."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel
from heard.impacts.models.choices import ImpactKind, ImpactStatus, Involvement
from heard.stakeholders.models.choices import RiskGroup

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Impact(WorkspaceScopedModel):
    """An actual or potential adverse human rights impact, scored for severity and salience."""

    title = models.CharField(
        verbose_name=_("title"),
        max_length=200,
    )
    description = models.TextField(
        verbose_name=_("description"),
        blank=True,
    )
    kind = models.CharField(
        verbose_name=_("actual or potential"),
        max_length=10,
        choices=ImpactKind.choices,
        default=ImpactKind.POTENTIAL,
    )
    involvement = models.CharField(
        verbose_name=_("company involvement"),
        max_length=20,
        choices=Involvement.choices,
        default=Involvement.CONTRIBUTE,
    )
    initiatives = models.ManyToManyField(
        "impacts.Initiative",
        verbose_name=_("initiatives"),
        blank=True,
        related_name="impacts",
    )
    affected_groups = models.TextField(
        verbose_name=_("affected groups"),
        blank=True,
        help_text=_("Who is or could be affected, e.g. “content moderators employed by vendors”."),
    )
    scale = models.PositiveSmallIntegerField(
        verbose_name=_("scale"),
        validators=SCORE_VALIDATORS,
        default=1,
    )
    scope = models.PositiveSmallIntegerField(
        verbose_name=_("scope"),
        validators=SCORE_VALIDATORS,
        default=1,
    )
    irremediability = models.PositiveSmallIntegerField(
        verbose_name=_("irremediable character"),
        validators=SCORE_VALIDATORS,
        default=1,
    )
    likelihood = models.PositiveSmallIntegerField(
        verbose_name=_("likelihood"),
        validators=SCORE_VALIDATORS,
        null=True,
        blank=True,
    )
    # Derived from the scores by heard.impacts.scoring; stored and indexed so lists rank on them.
    severity = models.PositiveSmallIntegerField(
        verbose_name=_("severity"),
        default=1,
        editable=False,
    )
    salience = models.PositiveIntegerField(
        verbose_name=_("salience"),
        default=1,
        editable=False,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=ImpactStatus.choices,
        default=ImpactStatus.IDENTIFIED,
    )
    status_changed_at = models.DateTimeField(
        verbose_name=_("status changed at"),
        null=True,
        blank=True,
        editable=False,
    )
    search_text = models.TextField(
        verbose_name=_("search text"),
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("impact")
        verbose_name_plural = _("impacts")
        ordering = ("-salience", "-severity", "id")
        indexes = [
            models.Index(
                fields=("workspace", "archived_at", "-salience", "-severity", "id"),
                name="imp_ws_salience_idx",
            ),
            models.Index(fields=("workspace", "severity"), name="imp_ws_severity_idx"),
            models.Index(fields=("workspace", "kind"), name="imp_ws_kind_idx"),
            models.Index(fields=("workspace", "involvement"), name="imp_ws_involvement_idx"),
            models.Index(fields=("workspace", "status"), name="imp_ws_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("impacts:impact_detail", args=[self.workspace.slug, self.pk])

    @property
    def is_potential(self) -> bool:
        return self.kind == ImpactKind.POTENTIAL


class ImpactRight(models.Model):
    """A right (code from heard.impacts.rights) an impact affects; a row each, for filters."""

    impact = models.ForeignKey(
        Impact,
        verbose_name=_("impact"),
        on_delete=models.CASCADE,
        related_name="right_links",
    )
    code = models.CharField(
        verbose_name=_("right"),
        max_length=20,
    )

    class Meta:
        verbose_name = _("right affected")
        verbose_name_plural = _("rights affected")
        constraints = [
            models.UniqueConstraint(
                fields=("impact", "code"), name="%(app_label)s_%(class)s_unique_code"
            )
        ]
        indexes = [models.Index(fields=("code", "impact"), name="imp_right_code_idx")]

    def __str__(self) -> str:
        from heard.impacts.rights import right_label

        return right_label(self.code)


class ImpactRiskGroup(models.Model):
    """A group at heightened risk named among an impact's affected groups."""

    impact = models.ForeignKey(
        Impact,
        verbose_name=_("impact"),
        on_delete=models.CASCADE,
        related_name="risk_group_links",
    )
    group = models.CharField(
        verbose_name=_("group"),
        max_length=30,
        choices=RiskGroup.choices,
    )

    class Meta:
        verbose_name = _("group at heightened risk")
        verbose_name_plural = _("groups at heightened risk")
        constraints = [
            models.UniqueConstraint(
                fields=("impact", "group"), name="%(app_label)s_%(class)s_unique_group"
            )
        ]
        indexes = [models.Index(fields=("group", "impact"), name="imp_riskgroup_idx")]

    def __str__(self) -> str:
        return self.get_group_display()


def risk_groups_of(impacts: Iterable[Impact] | models.QuerySet) -> set[str]:
    """The RiskGroup codes named by `impacts` (a queryset or objects), in one query."""
    if isinstance(impacts, models.QuerySet):
        selector = {"impact__in": impacts.values("pk")}
    else:
        selector = {"impact_id__in": [impact.pk for impact in impacts]}
    return set(ImpactRiskGroup.objects.filter(**selector).values_list("group", flat=True))


class ImpactAction(WorkspaceScopedModel):
    """A step taken to prevent, mitigate or remedy an impact, with an owner and a due date."""

    impact = models.ForeignKey(
        Impact,
        verbose_name=_("impact"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    description = models.CharField(
        verbose_name=_("action"),
        max_length=500,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impact_actions",
    )
    due_on = models.DateField(
        verbose_name=_("due on"),
        null=True,
        blank=True,
    )
    is_done = models.BooleanField(
        verbose_name=_("done"),
        default=False,
    )
    done_at = models.DateTimeField(
        verbose_name=_("done at"),
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ("is_done", "due_on", "id")
        indexes = [
            models.Index(fields=("workspace", "is_done", "due_on"), name="impact_action_due_idx"),
            models.Index(fields=("workspace", "owner", "is_done"), name="impact_action_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("impacts:impact_detail", args=[self.workspace.slug, self.impact_id])
