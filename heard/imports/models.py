"""An import job's state, and the column mappings a workspace saves by name."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel


class ImportKind(models.TextChoices):
    """What the file holds."""

    STAKEHOLDERS = "stakeholders", _("Stakeholders")
    ORGANISATIONS = "organisations", _("Organisations")


class MatchMode(models.TextChoices):
    """What to do with a row that matches an existing record."""

    SKIP = "skip", _("Skip it")
    UPDATE = "update", _("Update the existing record")
    CREATE = "create", _("Create a new record anyway")


class ImportStatus(models.TextChoices):
    """Where an import stands."""

    UPLOADED = "uploaded", _("Uploaded")
    PREVIEWED = "previewed", _("Previewed")
    QUEUED = "queued", _("Queued")
    APPLYING = "applying", _("Applying")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ImportJob(WorkspaceScopedModel):
    """One uploaded file on its way into the registry."""

    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=ImportKind.choices,
        default=ImportKind.STAKEHOLDERS,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=ImportStatus.choices,
        default=ImportStatus.UPLOADED,
    )
    # Stored under a generated name in MEDIA_ROOT; the user's file name is only a label.
    file = models.FileField(
        verbose_name=_("file"),
        upload_to="imports/%Y/%m/",
    )
    original_name = models.CharField(
        verbose_name=_("file name"),
        max_length=255,
    )
    file_format = models.CharField(
        verbose_name=_("format"),
        max_length=10,
        blank=True,
    )
    encoding = models.CharField(
        verbose_name=_("encoding"),
        max_length=20,
        blank=True,
    )
    delimiter = models.CharField(
        verbose_name=_("delimiter"),
        max_length=2,
        blank=True,
    )
    headers = models.JSONField(
        verbose_name=_("columns"),
        default=list,
        blank=True,
    )
    mapping = models.JSONField(
        verbose_name=_("column mapping"),
        default=dict,
        blank=True,
        help_text=_("{column header: target field}."),
    )
    match_mode = models.CharField(
        verbose_name=_("existing matches"),
        max_length=10,
        choices=MatchMode.choices,
        default=MatchMode.SKIP,
    )
    total_rows = models.PositiveIntegerField(
        verbose_name=_("rows"),
        default=0,
    )
    processed_rows = models.PositiveIntegerField(
        verbose_name=_("rows processed"),
        default=0,
    )
    error_count = models.PositiveIntegerField(
        verbose_name=_("problems"),
        default=0,
    )
    problems = models.JSONField(
        verbose_name=_("problems"),
        default=list,
        blank=True,
        help_text=_("[{row, column, message}], the first few hundred."),
    )
    summary = models.JSONField(
        verbose_name=_("result"),
        default=dict,
        blank=True,
    )
    failure_message = models.TextField(
        verbose_name=_("failure"),
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    applied_at = models.DateTimeField(
        verbose_name=_("applied at"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ("-created_at",)
        indexes = [models.Index(fields=("workspace", "created_at"), name="import_ws_created_idx")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


class ColumnMapping(WorkspaceScopedModel):
    """A named, reusable column mapping ("Our CRM export")."""

    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=ImportKind.choices,
        default=ImportKind.STAKEHOLDERS,
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
    )
    mapping = models.JSONField(
        verbose_name=_("column mapping"),
        default=dict,
    )

    class Meta:
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "kind", "name"), name="%(app_label)s_%(class)s_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name
