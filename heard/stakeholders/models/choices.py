"""The registry's vocabularies, in the words of DESIGN.md and the UNGPs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """What kind of body an organisation is."""

    CIVIL_SOCIETY = "civil_society", _("Civil society / NGO")
    ACADEMIC = "academic", _("Academic institution")
    COMMUNITY_GROUP = "community_group", _("Community group")
    TRADE_UNION = "trade_union", _("Trade union")
    REGULATOR = "regulator", _("Regulator / government body")
    INVESTOR = "investor", _("Investor")
    INDUSTRY_PEER = "industry_peer", _("Industry peer")
    MULTILATERAL = "multilateral", _("Multilateral")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class StakeholderKind(models.TextChoices):
    """Inside or outside the company."""

    INTERNAL = "internal", _("Internal")
    EXTERNAL = "external", _("External")


class Category(models.TextChoices):
    """Who the stakeholder is; the first three are internal, the rest external."""

    EMPLOYEE = "employee", _("Employee")
    CONTRACTOR = "contractor", _("Contractor")
    SUBCONTRACTOR_WORKER = "subcontractor_worker", _("Subcontractor worker")
    USER_CUSTOMER = "user_customer", _("User / customer")
    COMMUNITY_MEMBER = "community_member", _("Community member")
    CSO_REPRESENTATIVE = "cso_representative", _("Civil society representative")
    EXPERT_ACADEMIC = "expert_academic", _("Expert / academic")
    REGULATOR = "regulator", _("Regulator / government")
    INVESTOR = "investor", _("Investor")
    LIVED_EXPERIENCE = "lived_experience", _("Person with lived experience")
    HRD_JOURNALIST = "hrd_journalist", _("Human rights defender / journalist")
    OTHER = "other", _("Other")


INTERNAL_CATEGORIES = frozenset(
    {Category.EMPLOYEE, Category.CONTRACTOR, Category.SUBCONTRACTOR_WORKER}
)


class Relation(models.TextChoices):
    """Relation to impacts, in UNGP 18's terms."""

    POTENTIALLY_AFFECTED = "potentially_affected", _("Potentially affected")
    LEGITIMATE_REPRESENTATIVE = (
        "legitimate_representative",
        _("Legitimate representative of affected people"),
    )
    OTHER_RELEVANT = "other_relevant", _("Other relevant stakeholder / expert")


class RiskGroup(models.TextChoices):
    """Groups at heightened risk of vulnerability or marginalisation."""

    WOMEN_GIRLS = "women_girls", _("Women and girls")
    CHILDREN = "children", _("Children and young people")
    INDIGENOUS = "indigenous", _("Indigenous peoples")
    LGBTQI = "lgbtqi", _("LGBTQI+ people")
    DISABILITY = "disability", _("Persons with disabilities")
    MIGRANTS = "migrants", _("Migrants, refugees and displaced people")
    MINORITIES = "minorities", _("Ethnic, religious or linguistic minorities")
    OLDER = "older", _("Older persons")
    LOW_INCOME = "low_income", _("People living in poverty")
    HRD = "hrd", _("Human rights defenders")
    JOURNALISTS = "journalists", _("Journalists")
    WORKERS = "workers", _("Gig and platform workers")


class SafetyLevel(models.TextChoices):
    """How much harm could follow if the stakeholder's identity leaked."""

    STANDARD = "standard", _("Standard")
    ELEVATED = "elevated", _("Elevated")
    HIGH_RISK = "high_risk", _("High-risk")


class ConsentPurpose(models.TextChoices):
    """What a stakeholder consented to."""

    CONTACT = "contact", _("Being contacted")
    PARTICIPATION = "participation", _("Taking part in engagements")
    DATA_PROCESSING = "data_processing", _("Processing of personal data")
    ATTRIBUTION = "attribution", _("Being named as the source of input")
    RECORDING = "recording", _("Recording of sessions")


class ConsentMethod(models.TextChoices):
    """How consent was obtained."""

    WRITTEN = "written", _("Written form")
    EMAIL = "email", _("Email")
    VERBAL = "verbal", _("Verbal, recorded")
    PORTAL = "portal", _("Stakeholder portal")
    OTHER = "other", _("Other")
