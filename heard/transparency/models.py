"""The transparency centre's settings: one per workspace, off until someone publishes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel


class TransparencyCentre(WorkspaceScopedModel):
    """Whether a workspace's public pages exist, and what they say about the company.

    Opt-in: without a row, or with `is_published` off, every public URL is a 404."""

    is_published = models.BooleanField(
        verbose_name=_("published"),
        default=False,
        help_text=_("When on, anyone with the link can read the public pages; no login."),
    )
    public_slug = models.SlugField(
        verbose_name=_("public address"),
        max_length=60,
        unique=True,
        help_text=_("The last part of the public address, after /t/: letters, digits and hyphens."),
    )
    title = models.CharField(
        verbose_name=_("public title"),
        max_length=200,
    )
    introduction = models.TextField(
        verbose_name=_("introduction"),
        blank=True,
        max_length=5000,
        help_text=_("Plain text shown on the public home page. Blank lines separate paragraphs."),
    )
    contact = models.CharField(
        verbose_name=_("contact for questions"),
        max_length=254,
        blank=True,
        help_text=_("A team address or web form, never a person's own email."),
    )
    are_summaries_public = models.BooleanField(
        verbose_name=_("show engagement summaries"),
        default=True,
        help_text=_(
            "Show the “what we heard, what we did” summaries published to participants. "
            "Summaries of engagements with fewer than five participants are never shown."
        ),
    )
    published_at = models.DateTimeField(
        verbose_name=_("published at"),
        null=True,
        blank=True,
        editable=False,
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    audit_ignored_fields = ("updated_at", "created_at")

    class Meta:
        verbose_name = _("transparency centre")
        verbose_name_plural = _("transparency centres")
        constraints = [
            models.UniqueConstraint(
                fields=("workspace",), name="%(app_label)s_%(class)s_one_per_workspace"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transparency_manage:settings", args=[self.workspace.slug])

    def get_public_url(self) -> str:
        return reverse("transparency:home", args=[self.public_slug])
