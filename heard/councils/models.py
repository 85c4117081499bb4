"""Advisory councils: a standing group of stakeholders with terms, terms of reference and
meetings held as engagements of format "advisory council meeting"."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel


class CouncilRole(models.TextChoices):
    """What a member does on the council."""

    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class Council(WorkspaceScopedModel):
    """A standing advisory council: who sits on it, for how long, and under which terms."""

    name = models.CharField(
        verbose_name=_("name"),
        max_length=200,
    )
    terms_of_reference = models.TextField(
        verbose_name=_("terms of reference"),
        blank=True,
        help_text=_("Purpose, mandate, what the company commits to do with the council's advice."),
    )
    initiative = models.ForeignKey(
        "impacts.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="councils",
        help_text=_("Leave empty for a council that advises the whole company."),
    )
    convener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("convener"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="convened_councils",
        help_text=_("Runs the council; gets rotation reminders for members without an owner."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        verbose_name=_("remind before a term ends (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("advisory council")
        verbose_name_plural = _("advisory councils")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("workspace", "name"), name="%(app_label)s_%(class)s_unique_name"
            ),
        ]
        indexes = [
            models.Index(
                "workspace", "archived_at", Lower("name"), "id", name="council_ws_name_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils:council_detail", args=[self.workspace.slug, self.pk])


class CouncilMember(WorkspaceScopedModel):
    """One term of one stakeholder on a council; a second term is a second row."""

    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        related_name="council_terms",
    )
    role = models.CharField(
        verbose_name=_("role"),
        max_length=20,
        choices=CouncilRole.choices,
        default=CouncilRole.MEMBER,
    )
    term_start = models.DateField(
        verbose_name=_("term starts on"),
    )
    term_end = models.DateField(
        verbose_name=_("term ends on"),
    )
    notes = models.TextField(
        verbose_name=_("notes"),
        blank=True,
    )
    # Set when the rotation reminder went out, so the daily task never sends it twice; cleared
    # when the term's end moves.
    reminded_on = models.DateField(
        verbose_name=_("rotation reminder sent on"),
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ("term_start", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=F("term_start")),
                name="%(app_label)s_%(class)s_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=("council", "term_end"), name="council_member_term_idx"),
            models.Index(
                fields=("workspace", "archived_at", "term_end"), name="council_member_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("councils:council_detail", args=[self.workspace.slug, self.council_id])

    def is_current_on(self, day) -> bool:
        """Whether the term covers `day`."""
        return self.term_start <= day <= self.term_end


class CouncilMeeting(models.Model):
    """An engagement held as a meeting of a council (one council per engagement)."""

    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.CASCADE,
        related_name="meeting_links",
    )
    engagement = models.OneToOneField(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="council_meeting",
    )

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        indexes = [models.Index(fields=("council", "engagement"), name="council_meeting_idx")]

    def __str__(self) -> str:
        return str(self.engagement)
