"""Writes the portal makes: links, preferences and consent, inputs, the survey.

Each function takes the stakeholder (whose workspace it acts in) explicitly, validates, writes
in one transaction and records the audit entry with the portal as actor.
"""

from heard.portal.services.common import PortalActor
from heard.portal.services.inputs import submit_engagement_input, submit_policy_input
from heard.portal.services.links import (
    queue_links_for_address,
    revoke_links,
    send_link,
    send_links_for_address,
)
from heard.portal.services.preferences import (
    decline_invitations,
    give_consent,
    resume_invitations,
    save_preferences,
    withdraw_consent,
)
from heard.portal.services.survey import save_survey

__all__ = [
    "PortalActor",
    "decline_invitations",
    "give_consent",
    "queue_links_for_address",
    "resume_invitations",
    "revoke_links",
    "save_preferences",
    "save_survey",
    "send_link",
    "send_links_for_address",
    "submit_engagement_input",
    "submit_policy_input",
    "withdraw_consent",
]
