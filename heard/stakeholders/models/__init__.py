"""The stakeholder registry."""

from heard.stakeholders.models.choices import (
    Category,
    ConsentMethod,
    ConsentPurpose,
    OrganisationType,
    Relation,
    RiskGroup,
    SafetyLevel,
    StakeholderKind,
)
from heard.stakeholders.models.consent import Consent
from heard.stakeholders.models.organisations import Organisation
from heard.stakeholders.models.stakeholders import (
    Stakeholder,
    StakeholderLanguage,
    StakeholderRiskGroup,
)
from heard.stakeholders.models.vocabulary import Tag, Topic

__all__ = [
    "Category",
    "Consent",
    "ConsentMethod",
    "ConsentPurpose",
    "Organisation",
    "OrganisationType",
    "Relation",
    "RiskGroup",
    "SafetyLevel",
    "Stakeholder",
    "StakeholderKind",
    "StakeholderLanguage",
    "StakeholderRiskGroup",
    "Tag",
    "Topic",
]
