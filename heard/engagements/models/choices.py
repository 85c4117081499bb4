"""The vocabularies of engagement planning, in the words of DESIGN.md, the UNGPs and BSR."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EngagementStatus(models.TextChoices):
    """Where an engagement is in its life; moves forward through services only."""

    PLANNED = "planned", _("Planned")
    INVITATIONS_SENT = "invitations_sent", _("Invitations sent")
    HELD = "held", _("Held")
    DEBRIEFED = "debriefed", _("Debriefed")
    LOOP_CLOSED = "loop_closed", _("Loop closed")


# The one order statuses move in; services refuse to skip or go back except as listed.
STATUS_ORDER: tuple[str, ...] = tuple(EngagementStatus.values)


class EngagementFormat(models.TextChoices):
    """What kind of engagement it is."""

    INTERVIEW = "interview", _("1:1 interview")
    ROUNDTABLE = "roundtable", _("Roundtable")
    WORKSHOP = "workshop", _("Workshop")
    ADVISORY_COUNCIL = "advisory_council", _("Advisory council meeting")
    POLICY_FORUM = "policy_forum", _("Policy forum")
    SURVEY = "survey", _("Survey")
    UX_RESEARCH = "ux_research", _("UX research session")
    MULTI_COMPANY = "multi_company", _("Multi-company consultation")
    PUBLIC_COMMENT = "public_comment", _("Public comment")


class Mode(models.TextChoices):
    """Where people meet."""

    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remote")
    HYBRID = "hybrid", _("Hybrid")


class AttributionRule(models.TextChoices):
    """How what participants say may be attributed (Chatham House by default)."""

    CHATHAM_HOUSE = "chatham_house", _("Chatham House rule")
    ATTRIBUTED_WITH_CONSENT = "attributed_with_consent", _("Attributed with consent")
    ANONYMOUS = "anonymous", _("Anonymous")


class ParticipationRole(models.TextChoices):
    """What someone does at an engagement."""

    PARTICIPANT = "participant", _("Participant")
    OBSERVER = "observer", _("Observer")
    FACILITATOR = "facilitator", _("Facilitator")
    COMPANY_ATTENDEE = "company_attendee", _("Company attendee")


class Representation(models.TextChoices):
    """How the affected group is engaged through this person (UNGP 18 commentary)."""

    DIRECT = "direct", _("Directly (affected person)")
    LEGITIMATE_REPRESENTATIVE = "legitimate_representative", _("Legitimate representative")
    CREDIBLE_PROXY = "credible_proxy", _("Credible proxy")
    EXPERT = "expert", _("Expert")


class InvitationState(models.TextChoices):
    """Where an invitation stands."""

    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    NO_REPLY = "no_reply", _("No reply")


class CompensationStatus(models.TextChoices):
    """Where a participant's compensation stands; blank means none offered."""

    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    PAID = "paid", _("Paid")
