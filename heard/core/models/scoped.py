"""The one base every workspace-owned model inherits: tenancy lives in its queryset."""

from __future__ import annotations

from functools import cache

from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class WorkspaceQuerySet(models.QuerySet):
    """Querysets of workspace-owned rows; views reach rows only through `for_workspace`."""

    def for_workspace(self, workspace) -> WorkspaceQuerySet:
        """Rows of one workspace: the only door views and the API use."""
        return self.filter(workspace=workspace)

    def active(self) -> WorkspaceQuerySet:
        """Rows not archived."""
        return self.filter(archived_at__isnull=True)

    def archived(self) -> WorkspaceQuerySet:
        """Archived rows only."""
        return self.filter(archived_at__isnull=False)


@cache
def choice_labels(field: models.Field) -> dict:
    """A field's choices as {value: label}, built once per field. Labels stay lazy, so they
    are translated into the language of each request."""
    return dict(field.flatchoices)


class WorkspaceScopedModel(models.Model):
    """Abstract base of every workspace-owned model: workspace, timestamps, archiving."""

    workspace = models.ForeignKey(
        "core.Workspace",
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        default=timezone.now,
        editable=False,
    )
    updated_at = models.DateTimeField(
        verbose_name=_("updated at"),
        auto_now=True,
    )
    archived_at = models.DateTimeField(
        verbose_name=_("archived at"),
        null=True,
        blank=True,
        editable=False,
    )

    objects = WorkspaceQuerySet.as_manager()

    # Fields the audit log never records in clear (encrypted contact details and the like).
    audit_masked_fields: tuple[str, ...] = ()
    # Fields the audit log ignores entirely (derived or bookkeeping columns).
    audit_ignored_fields: tuple[str, ...] = ("updated_at", "search_text")

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        """`get_<field>_display()` from a per-field dict: Django's own rebuilds and hashes
        every choice (translating each label) on each call, which long lists pay per row."""
        value = getattr(self, field.attname)
        try:
            label = choice_labels(field).get(value, value)
        except TypeError:  # an unhashable value (a list): Django's way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
