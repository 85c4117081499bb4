"""Choices of the policies app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyArea(models.TextChoices):
    """What a policy governs."""

    CONTENT = "content", _("Content and community standards")
    PRIVACY = "privacy", _("Privacy and data protection")
    AI = "ai", _("AI and automated decisions")
    SAFETY = "safety", _("User safety")
    EXPRESSION = "expression", _("Free expression and government requests")
    ADVERTISING = "advertising", _("Advertising")
    LABOUR = "labour", _("Labour rights and supply chain")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    OTHER = "other", _("Other")


class VersionStatus(models.TextChoices):
    """Where a version stands: draft → in consultation → published → reopened."""

    DRAFT = "draft", _("Draft")
    IN_CONSULTATION = "in_consultation", _("In consultation")
    PUBLISHED = "published", _("Published")
    REOPENED = "reopened", _("Reopened")


# Versions whose text may still change; a policy has at most one at a time.
OPEN_STATUSES = (VersionStatus.DRAFT, VersionStatus.IN_CONSULTATION)


class ForumStage(models.TextChoices):
    """The meetings of the seed's three-step policy forum."""

    PRE_CONSULTATION = "pre_consultation", _("1. Pre-consultation meeting")
    BRIEFING = "briefing", _("2. Briefing before the internal meeting")
    INTERNAL_MEETING = "internal_meeting", _("2. Internal policy meeting (observers)")
    DEBRIEF = "debrief", _("2. Debrief after the internal meeting")
    POST_ENGAGEMENT = "post_engagement", _("3. Post-engagement meeting")


# The step (1, 2 or 3) each stage belongs to.
STAGE_STEP = {
    ForumStage.PRE_CONSULTATION: 1,
    ForumStage.BRIEFING: 2,
    ForumStage.INTERNAL_MEETING: 2,
    ForumStage.DEBRIEF: 2,
    ForumStage.POST_ENGAGEMENT: 3,
}


class MinutesStatus(models.TextChoices):
    """Minutes of the internal meeting: recorded → redacted → approved → published."""

    RECORDED = "recorded", _("Recorded")
    REDACTED = "redacted", _("Redacted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
