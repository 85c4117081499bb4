"""Input given through the portal, recorded by the feedback services like any other input:
the engagement's attribution rule applies (anonymous engagements store no name)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from heard.core.errors import DomainError
from heard.engagements.models import AttributionRule, Engagement
from heard.feedback import services as feedback
from heard.feedback.models import Input, InputSource
from heard.policies.models import Policy
from heard.policies.services.inputs import link_inputs
from heard.portal import queries
from heard.portal.services.common import PortalActor
from heard.stakeholders.models import Stakeholder


@transaction.atomic
def submit_engagement_input(
    *, stakeholder: Stakeholder, engagement: Engagement, text: str, kind: str, language: str = ""
) -> Input:
    """Record input to an engagement that is open to the stakeholder's input."""
    if not queries.open_engagements(stakeholder).filter(pk=engagement.pk).exists():
        raise DomainError(_("This engagement no longer takes input."), code="closed")
    anonymous = engagement.attribution_rule == AttributionRule.ANONYMOUS
    return feedback.record_input(
        workspace=stakeholder.workspace,
        actor=PortalActor(stakeholder),
        text=text,
        kind=kind,
        engagement=engagement,
        stakeholder=None if anonymous else stakeholder,
        is_anonymous=anonymous,
        language=language,
        source=InputSource.PORTAL,
    )


@transaction.atomic
def submit_policy_input(
    *, stakeholder: Stakeholder, policy: Policy, text: str, kind: str, language: str = ""
) -> Input:
    """Record input on a policy in consultation and list it as being about that policy."""
    if not queries.open_policies(stakeholder).filter(pk=policy.pk).exists():
        raise DomainError(_("This policy is no longer in consultation."), code="closed")
    actor = PortalActor(stakeholder)
    row = feedback.record_input(
        workspace=stakeholder.workspace,
        actor=actor,
        text=text,
        kind=kind,
        stakeholder=stakeholder,
        language=language,
        source=InputSource.PORTAL,
    )
    link_inputs(workspace=stakeholder.workspace, actor=actor, policy=policy, inputs=[row])
    return row
