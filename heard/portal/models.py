"""The portal's own records: a stakeholder's access (the key behind their magic links and their
preferences), the links already used, and the "did you feel heard" survey."""

from __future__ import annotations

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.core.models import WorkspaceScopedModel


def new_portal_key() -> str:
    """A fresh random key: changing it revokes every link made with the old one."""
    return secrets.token_urlsafe(32)


class ContactChannel(models.TextChoices):
    """How a stakeholder prefers to be contacted."""

    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    MESSAGING = "messaging", _("Messaging app")
    IN_PERSON = "in_person", _("In person, through my organisation")


class PortalAccess(WorkspaceScopedModel):
    """One stakeholder's door to the portal and their portal preferences.

    django-sesame signs tokens with a user's `password` as revocation key: `password` here is
    derived from `key`, so rotating `key` revokes every link at once. No name is ever put in a
    link: the token carries this row's id, a timestamp and a signature.
    """

    stakeholder = models.OneToOneField(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        related_name="portal_access",
    )
    key = models.CharField(
        verbose_name=_("link key"),
        max_length=64,
        default=new_portal_key,
        editable=False,
    )
    links_revoked_at = models.DateTimeField(
        verbose_name=_("links revoked at"),
        null=True,
        blank=True,
        editable=False,
    )
    last_link_sent_at = models.DateTimeField(
        verbose_name=_("last link sent at"),
        null=True,
        blank=True,
        editable=False,
    )
    last_signed_in_at = models.DateTimeField(
        verbose_name=_("last signed in at"),
        null=True,
        blank=True,
        editable=False,
    )
    language = models.CharField(
        verbose_name=_("portal language"),
        max_length=12,
        blank=True,
    )
    contact_channel = models.CharField(
        verbose_name=_("preferred contact channel"),
        max_length=20,
        choices=ContactChannel.choices,
        blank=True,
    )

    audit_masked_fields = ("key",)

    class Meta:
        verbose_name = _("portal access")
        verbose_name_plural = _("portal accesses")

    def __str__(self) -> str:
        return str(_("Portal access of %(who)s") % {"who": self.stakeholder})

    # --- what django-sesame reads from a "user"

    @property
    def password(self) -> str:
        # No "$" in it, so sesame uses the whole string as the revocation key.
        return f"heard-portal-{self.key}"

    last_login = None


class PortalLinkUse(models.Model):
    """A magic link that was opened: a link works once (the digest, never the token, is kept)."""

    access = models.ForeignKey(
        PortalAccess,
        verbose_name=_("portal access"),
        on_delete=models.CASCADE,
        related_name="link_uses",
    )
    token_digest = models.CharField(
        verbose_name=_("link fingerprint"),
        max_length=64,
        unique=True,
    )
    used_at = models.DateTimeField(
        verbose_name=_("used at"),
    )

    class Meta:
        verbose_name = _("used portal link")
        verbose_name_plural = _("used portal links")
        indexes = [models.Index(fields=("used_at",), name="portal_linkuse_used_idx")]

    def __str__(self) -> str:
        return f"{self.access_id} @ {self.used_at:%Y-%m-%d %H:%M}"


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class SurveyAnswer(WorkspaceScopedModel):
    """A stakeholder's answer to "did you feel heard" after an engagement (one each, editable)."""

    engagement = models.ForeignKey(
        "engagements.Engagement",
        verbose_name=_("engagement"),
        on_delete=models.CASCADE,
        related_name="portal_survey_answers",
    )
    stakeholder = models.ForeignKey(
        "stakeholders.Stakeholder",
        verbose_name=_("stakeholder"),
        on_delete=models.CASCADE,
        related_name="portal_survey_answers",
    )
    felt_heard = models.PositiveSmallIntegerField(
        verbose_name=_("felt heard"),
        validators=SCORE_VALIDATORS,
    )
    understood_outcome = models.PositiveSmallIntegerField(
        verbose_name=_("understood what was done with the input"),
        validators=SCORE_VALIDATORS,
    )
    would_take_part_again = models.PositiveSmallIntegerField(
        verbose_name=_("would take part again"),
        validators=SCORE_VALIDATORS,
    )
    comment = models.TextField(
        verbose_name=_("comment"),
        max_length=2000,
        blank=True,
    )

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("engagement", "stakeholder"),
                name="%(app_label)s_%(class)s_one_per_stakeholder",
            ),
            models.CheckConstraint(
                condition=models.Q(felt_heard__gte=1, felt_heard__lte=5)
                & models.Q(understood_outcome__gte=1, understood_outcome__lte=5)
                & models.Q(would_take_part_again__gte=1, would_take_part_again__lte=5),
                name="%(app_label)s_%(class)s_scores_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=("workspace", "engagement"), name="portal_survey_ws_eng_idx"),
            models.Index(fields=("stakeholder", "engagement"), name="portal_survey_sh_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.engagement} — {self.felt_heard}/5"
