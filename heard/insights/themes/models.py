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
    # Label, terms and description folded (lower case, no accents), kept by save(): the list
    # searches and sorts on it whatever the accents typed.
    search_text = models.TextField(
        verbose_name=_("search text"),
        blank=True,
        editable=False,
    )
    # Set when a person merged this theme into another: it is archived and points there.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_from",
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

    def refresh_search_text(self) -> None:
        """Fill `search_text` (bulk writes call this; save() does by itself)."""
        from heard.insights.themes.text import fold

        self.search_text = fold(" ".join([self.label, *self.top_terms, self.description]))

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "top_terms", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

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


class RunStatus(models.TextChoices):
    """Where a re-clustering run is."""

    QUEUED = "queued", _("Waiting for the background worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RunPhase(models.TextChoices):
    """The steps of a run, in order (the progress bar moves through them)."""

    READING = "reading", _("Reading inputs")
    VECTORISING = "vectorising", _("Weighing words")
    CLUSTERING = "clustering", _("Grouping inputs")
    LABELLING = "labelling", _("Labelling themes")
    WRITING = "writing", _("Saving themes")


class ThemeRun(WorkspaceScopedModel):
    """One re-clustering of a workspace's inputs: who asked, how far it got, what it found."""

    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=RunStatus.choices,
        default=RunStatus.QUEUED,
    )
    phase = models.CharField(
        verbose_name=_("phase"),
        max_length=12,
        choices=RunPhase.choices,
        blank=True,
    )
    backend = models.CharField(
        verbose_name=_("method"),
        max_length=12,
        blank=True,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(
        verbose_name=_("started at"),
        null=True,
        blank=True,
    )
    finished_at = models.DateTimeField(
        verbose_name=_("finished at"),
        null=True,
        blank=True,
    )
    input_count = models.PositiveIntegerField(
        verbose_name=_("inputs grouped"),
        default=0,
    )
    theme_count = models.PositiveIntegerField(
        verbose_name=_("themes"),
        default=0,
    )
    message = models.TextField(
        verbose_name=_("message"),
        blank=True,
    )

    class Meta:
        verbose_name = _("re-clustering run")
        verbose_name_plural = _("re-clustering runs")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("workspace", "created_at"), name="theme_run_ws_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)

    @property
    def progress_percent(self) -> int:
        """A rough share done, from the phase (the phases take similar times at scale)."""
        if self.status == RunStatus.DONE:
            return 100
        if self.status != RunStatus.RUNNING or not self.phase:
            return 0
        order = list(RunPhase.values)
        return round(100 * (order.index(self.phase) + 0.5) / len(order))

    @property
    def backend_label(self) -> str:
        """The method in words."""
        labels = {"tfidf": _("TF-IDF"), "embeddings": _("sentence embeddings")}
        return str(labels.get(self.backend, self.backend))

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
