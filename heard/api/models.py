"""Personal access tokens for the API: one user, one workspace, a scope, an expiry; only a
hash of the secret is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel


class TokenScope(models.TextChoices):
    """What a token may do, within what its owner's role allows."""

    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class AccessToken(WorkspaceScopedModel):
    """A personal access token. The secret is shown once, at creation; `token_hash` is its
    SHA-256, so a copy of the database cannot be used to call the API."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="access_tokens",
    )
    name = models.CharField(verbose_name=_("name"), max_length=100)
    scope = models.CharField(
        verbose_name=_("scope"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ
    )
    # The first characters of the secret, shown in lists so a person can tell tokens apart.
    prefix = models.CharField(verbose_name=_("prefix"), max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    last_used_at = models.DateTimeField(verbose_name=_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(verbose_name=_("revoked at"), null=True, blank=True)

    audit_ignored_fields = ("updated_at", "last_used_at", "token_hash")

    class Meta:
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")
        indexes = [
            models.Index(fields=("workspace", "user", "created_at"), name="api_token_user_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
