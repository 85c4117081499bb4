"""The vocabularies of the feedback loop."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InputKind(models.TextChoices):
    """What kind of feedback an input is."""

    CONCERN = "concern", _("Concern")
    RECOMMENDATION = "recommendation", _("Recommendation")
    QUESTION = "question", _("Question")
    EVIDENCE = "evidence", _("Evidence")
    LIVED_EXPERIENCE = "lived_experience", _("Lived experience")
    GRIEVANCE = "grievance", _("Grievance")


class InputSource(models.TextChoices):
    """How the input reached the company."""

    SESSION = "session", _("Said in a session")
    MINUTES = "minutes", _("From the minutes")
    PORTAL = "portal", _("Stakeholder portal")
    EMAIL = "email", _("Email")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    """What was done with an input."""

    ADOPTED = "adopted", _("Adopted")
    PARTLY_ADOPTED = "partly_adopted", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    DEFERRED = "deferred", _("Deferred")
    REFERRED = "referred", _("Referred to a team")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")


# Outcomes where the input is not followed (fully): the rationale must also say how the risk
# the input points at is still managed.
NOT_FOLLOWED: frozenset[str] = frozenset(
    {Outcome.PARTLY_ADOPTED, Outcome.NOT_ADOPTED, Outcome.DEFERRED, Outcome.OUT_OF_SCOPE}
)


class ResponseChannel(models.TextChoices):
    """How the stakeholder was told."""

    EMAIL = "email", _("Email")
    PORTAL = "portal", _("Portal")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")


class CommitmentStatus(models.TextChoices):
    """Where a commitment stands."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class LoopState(models.TextChoices):
    """Filter values for an input's loop."""

    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    OVERDUE = "overdue", _("Overdue")
