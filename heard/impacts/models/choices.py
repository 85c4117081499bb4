"""The impacts vocabularies, in the words of DESIGN.md and the UNGPs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeKind(models.TextChoices):
    """What due diligence is about."""

    PRODUCT = "product", _("Product")
    FEATURE = "feature", _("Feature")
    AI_SYSTEM = "ai_system", _("AI system")
    CONTENT_POLICY = "content_policy", _("Content policy")
    MARKET_ENTRY = "market_entry", _("Market entry")
    OTHER = "other", _("Other")


class LifecycleStage(models.TextChoices):
    """The product-lifecycle stage; engagement belongs across all of them, not at one point."""

    RESEARCH_DESIGN = "research_design", _("Research & design")
    DEVELOPMENT = "development", _("Development")
    TESTING = "testing", _("Testing")
    LAUNCH = "launch", _("Launch")
    IN_USE = "in_use", _("In use")
    RETIREMENT = "retirement", _("Retirement")


class PlanTiming(models.TextChoices):
    """When the engagement planned for a stage should happen."""

    ON_DATE = "on_date", _("By a target date")
    STAGE_START = "stage_start", _("At the start of the stage")
    DURING_STAGE = "during_stage", _("During the stage")
    BEFORE_NEXT_STAGE = "before_next_stage", _("Before moving to the next stage")
    BEFORE_LAUNCH = "before_launch", _("Before launch")
    ONGOING = "ongoing", _("Ongoing, at regular intervals")


class ImpactKind(models.TextChoices):
    """Whether the impact has happened (actual) or may happen (potential)."""

    ACTUAL = "actual", _("Actual")
    POTENTIAL = "potential", _("Potential")


class Involvement(models.TextChoices):
    """The company's involvement in the impact (UNGP 13 and 19)."""

    CAUSE = "cause", _("Causes")
    CONTRIBUTE = "contribute", _("Contributes to")
    DIRECTLY_LINKED = "directly_linked", _("Directly linked to")


class ImpactStatus(models.TextChoices):
    """Where the impact is in due diligence, from identification to remedy."""

    IDENTIFIED = "identified", _("Identified")
    ASSESSED = "assessed", _("Assessed")
    ACTION_PLANNED = "action_planned", _("Action planned")
    MITIGATING = "mitigating", _("Mitigating")
    REMEDIATED = "remediated", _("Remediated")
    CLOSED = "closed", _("Closed")


# Allowed status moves. Forward along due diligence, one step back to correct a mistake, and
# closing at any point (an impact found not to exist, or merged into another).
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    ImpactStatus.IDENTIFIED: frozenset({ImpactStatus.ASSESSED, ImpactStatus.CLOSED}),
    ImpactStatus.ASSESSED: frozenset(
        {ImpactStatus.IDENTIFIED, ImpactStatus.ACTION_PLANNED, ImpactStatus.CLOSED}
    ),
    ImpactStatus.ACTION_PLANNED: frozenset(
        {ImpactStatus.ASSESSED, ImpactStatus.MITIGATING, ImpactStatus.CLOSED}
    ),
    ImpactStatus.MITIGATING: frozenset(
        {ImpactStatus.ACTION_PLANNED, ImpactStatus.REMEDIATED, ImpactStatus.CLOSED}
    ),
    ImpactStatus.REMEDIATED: frozenset({ImpactStatus.MITIGATING, ImpactStatus.CLOSED}),
    ImpactStatus.CLOSED: frozenset({ImpactStatus.IDENTIFIED}),
}
