"""Workspace vocabularies: expertise topics and free tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel


class Topic(WorkspaceScopedModel):
    """An expertise or interest topic (e.g. "content moderation", "surveillance")."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "name"), name="%(app_label)s_%(class)s_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Tag(WorkspaceScopedModel):
    """A free label applied to stakeholders, e.g. from a bulk action."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=60,
    )

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "name"), name="%(app_label)s_%(class)s_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name
