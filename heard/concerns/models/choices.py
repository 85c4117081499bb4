"""The vocabularies of concerns and remedy."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcernChannel(models.TextChoices):
    """How a concern reached the company (UNGP 31 "accessible": several ways in)."""

    PUBLIC_FORM = "public_form", _("Public form")
    PORTAL = "portal", _("Stakeholder portal")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    PARTNER = "partner", _("Partner organisation")


class ConcernStatus(models.TextChoices):
    """The steps of the procedure, in order; "not admissible" ends it early with reasons."""

    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSESSING = "assessing", _("Being assessed")
    OUTCOME_DECIDED = "outcome_decided", _("Outcome decided")
    REMEDY_IN_PROGRESS = "remedy_in_progress", _("Remedy in progress")
    CLOSED = "closed", _("Closed")
    NOT_ADMISSIBLE = "not_admissible", _("Not admissible")


# Steps shown as a timeline, in order (not admissible is shown instead of the rest).
STEPS: tuple[str, ...] = (
    ConcernStatus.RECEIVED,
    ConcernStatus.ACKNOWLEDGED,
    ConcernStatus.ASSESSING,
    ConcernStatus.OUTCOME_DECIDED,
    ConcernStatus.REMEDY_IN_PROGRESS,
    ConcernStatus.CLOSED,
)
OPEN_STATUSES: frozenset[str] = frozenset(
    {
        ConcernStatus.RECEIVED,
        ConcernStatus.ACKNOWLEDGED,
        ConcernStatus.ASSESSING,
        ConcernStatus.OUTCOME_DECIDED,
        ConcernStatus.REMEDY_IN_PROGRESS,
    }
)


class ConcernOutcome(models.TextChoices):
    """What the assessment concluded; every outcome carries its reasons."""

    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    REFERRED = "referred", _("Referred elsewhere")


# Outcomes after which a remedy may follow.
REMEDIABLE: frozenset[str] = frozenset({ConcernOutcome.UPHELD, ConcernOutcome.PARTLY_UPHELD})


class RemedyKind(models.TextChoices):
    """Forms of remedy (UNGP 25 commentary: apologies, restitution, rehabilitation,
    compensation, guarantees of non-repetition)."""

    APOLOGY = "apology", _("Apology")
    RESTITUTION = "restitution", _("Restitution")
    COMPENSATION = "compensation", _("Compensation")
    PRODUCT_CHANGE = "product_change", _("Product change")
    POLICY_CHANGE = "policy_change", _("Policy change")
    NON_REPETITION = "non_repetition", _("Guarantee of non-repetition")
    OTHER = "other", _("Other")


class RemedyStatus(models.TextChoices):
    """Where a remedy stands."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    PROVIDED = "provided", _("Provided")
    DECLINED = "declined", _("Declined by the person")


OPEN_REMEDY_STATUSES: frozenset[str] = frozenset({RemedyStatus.PLANNED, RemedyStatus.IN_PROGRESS})


class EventKind(models.TextChoices):
    """One entry of a concern's timeline."""

    RECEIVED = "received", _("Concern received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSESSING = "assessing", _("Assessment started")
    OUTCOME = "outcome", _("Outcome decided")
    NOT_ADMISSIBLE = "not_admissible", _("Found not admissible")
    REMEDY = "remedy", _("Remedy planned")
    REMEDY_UPDATE = "remedy_update", _("Remedy updated")
    MESSAGE = "message", _("Message to the person")
    CLOSED = "closed", _("Closed")
    FEEDBACK = "feedback", _("Feedback on the process")
