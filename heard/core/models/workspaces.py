"""Workspaces (one company each), memberships with roles, invitations, country overrides."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Role(models.TextChoices):
    """A member's role in a workspace; what each may do is in heard.core.permissions."""

    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")
    EDITOR = "editor", _("Editor")
    CONTRIBUTOR = "contributor", _("Contributor")
    VIEWER = "viewer", _("Viewer")
    AUDITOR = "auditor", _("Auditor")


def _default_languages() -> list[str]:
    return ["en"]


class TenantQuerySet(models.QuerySet):
    """Rows that belong to a workspace without being workspace-scoped records."""

    def for_workspace(self, workspace) -> "TenantQuerySet":
        """Rows of one workspace: the door views use, as for scoped models."""
        return self.filter(workspace=workspace)


class Workspace(models.Model):
    """One company using Heard: the tenant every record belongs to."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=200,
    )
    slug = models.SlugField(
        verbose_name=_("slug"),
        max_length=60,
        unique=True,
    )
    languages = models.JSONField(
        verbose_name=_("working languages"),
        default=_default_languages,
        help_text=_("Languages (ISO 639-1 codes) the workspace engages in."),
    )
    time_zone = models.CharField(
        verbose_name=_("time zone"),
        max_length=64,
        default="UTC",
    )
    loop_closure_days = models.PositiveSmallIntegerField(
        verbose_name=_("loop-closure deadline (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Days after an engagement within which every participant must be told."),
    )
    fatigue_window_days = models.PositiveSmallIntegerField(
        verbose_name=_("fatigue window (days)"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
    )
    fatigue_threshold = models.PositiveSmallIntegerField(
        verbose_name=_("fatigue threshold (engagements in the window)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    key_relationship_months = models.PositiveSmallIntegerField(
        verbose_name=_("key relationships: contact at least every (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    is_two_factor_required = models.BooleanField(
        verbose_name=_("require two-factor authentication"),
        default=False,
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        default=timezone.now,
    )
    # Head of the audit chain: lets `heard audit verify` notice entries deleted from the end.
    audit_head_sequence = models.PositiveBigIntegerField(
        verbose_name=_("last audit sequence"),
        default=0,
        editable=False,
    )
    audit_head_hash = models.CharField(
        verbose_name=_("last audit hash"),
        max_length=64,
        blank=True,
        editable=False,
    )

    # The audit log records settings changes, never its own bookkeeping.
    audit_ignored_fields = ("audit_head_sequence", "audit_head_hash", "created_at")
    # Only these are ever saved by the settings page (a full save() would overwrite the audit
    # head that `heard.core.audit.record` moves with an UPDATE).
    settings_fields = (
        "name",
        "languages",
        "time_zone",
        "loop_closure_days",
        "fatigue_window_days",
        "fatigue_threshold",
        "key_relationship_months",
        "is_two_factor_required",
    )

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one workspace."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    workspace = models.ForeignKey(
        Workspace,
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        verbose_name=_("role"),
        max_length=20,
        choices=Role.choices,
        default=Role.VIEWER,
    )
    created_at = models.DateTimeField(
        verbose_name=_("joined at"),
        default=timezone.now,
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "user"), name="%(app_label)s_%(class)s_unique_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.email} ({self.get_role_display()})"

    def can(self, action: str) -> bool:
        """Whether this member's role allows `action` (see heard.core.permissions)."""
        from heard.core.permissions import role_can

        return role_can(self.role, action)


class Invitation(models.Model):
    """An expiring, single-use invitation to join a workspace; only the token's hash is stored."""

    workspace = models.ForeignKey(
        Workspace,
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(
        verbose_name=_("email"),
    )
    role = models.CharField(
        verbose_name=_("role"),
        max_length=20,
        choices=Role.choices,
        default=Role.VIEWER,
    )
    token_hash = models.CharField(
        verbose_name=_("token hash"),
        max_length=64,
        unique=True,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        default=timezone.now,
    )
    expires_at = models.DateTimeField(
        verbose_name=_("expires at"),
    )
    accepted_at = models.DateTimeField(
        verbose_name=_("accepted at"),
        null=True,
        blank=True,
    )
    revoked_at = models.DateTimeField(
        verbose_name=_("revoked at"),
        null=True,
        blank=True,
    )

    objects = TenantQuerySet.as_manager()

    # The token's hash is a secret's stand-in: never copied into the audit log.
    audit_ignored_fields = ("token_hash",)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.email

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        """Not accepted, not revoked and not expired."""
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class CountryClassificationOverride(models.Model):
    """A workspace's own call on whether a country counts as Global Majority."""

    workspace = models.ForeignKey(
        Workspace,
        verbose_name=_("workspace"),
        on_delete=models.CASCADE,
        related_name="country_overrides",
    )
    country = CountryField(
        verbose_name=_("country"),
    )
    is_global_majority = models.BooleanField(
        verbose_name=_("counts as Global Majority"),
    )

    class Meta:
        verbose_name = _("country classification override")
        verbose_name_plural = _("country classification overrides")
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "country"), name="%(app_label)s_%(class)s_unique_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country.name}: {self.is_global_majority}"
