"""Themes: groups of inputs found by clustering, named and curated by people.

A person's edits (a name, an input moved or pinned to a theme) are kept on the rows themselves,
so re-clustering leaves them alone and only re-groups what nobody touched.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel


class Theme(WorkspaceScopedModel):
    """A group of inputs about one subject, labelled with its top terms until someone names it."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to label the theme with its top terms."),
    )
    top_terms = models.JSONField(
        verbose_name=_("top terms"),
        default=list,
        blank=True,
        editable=False,
    )
    description = models.TextField(
        verbose_name=_("description"),
        blank=True,
    )
    # Kept by services: theme lists sort and show sizes without counting memberships per row.
    input_count = models.PositiveIntegerField(
        verbose_name=_("inputs"),
        default=0,
        editable=False,
    )
    # True once a person created, renamed, merged or split the theme: re-clustering keeps it.
    is_curated = models.BooleanField(
        verbose_name=_("curated"),
        default=False,
        editable=False,
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ("-input_count", "id")
        indexes = [
            models.Index(fields=("workspace", "input_count"), name="theme_ws_count_idx"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name or " · ".join(self.top_terms[:4]) or str(_("Unnamed theme"))

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("themes:theme_detail", args=[self.workspace.slug, self.pk])


class ThemeMembership(models.Model):
    """An input's place in a theme: one theme per input. `pinned` rows were placed by a person
    and survive re-clustering."""

    workspace = models.ForeignKey(
        "core.Workspace",
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    input = models.OneToOneField(
        "feedback.Input",
        verbose_name=_("input"),
        on_delete=models.CASCADE,
        related_name="theme_membership",
    )
    pinned = models.BooleanField(
        verbose_name=_("placed by a person"),
        default=False,
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("placed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    placed_at = models.DateTimeField(
        verbose_name=_("placed at"),
        auto_now=True,
    )

    class Meta:
        verbose_name = _("theme membership")
        verbose_name_plural = _("theme memberships")
        indexes = [
            models.Index(fields=("theme", "input"), name="theme_member_idx"),
            models.Index(
                fields=("workspace", "theme"),
                condition=Q(pinned=True),
                name="theme_pinned_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.input_id} → {self.theme_id}"
