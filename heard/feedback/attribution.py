"""Who may see who said what: the one place every page, export and email asks.

The engagement's attribution rule decides (Chatham House by default):

- Chatham House: only the core team — members whose role may see identities
  (`view_identity`: owners, managers, editors, auditors) — sees who said what. Contributors,
  viewers, the portal's other users and the public never do.
- Anonymous engagement, or an input recorded as anonymous: nobody sees a source; none is stored.
- Attributed with consent (and inputs outside any engagement): every member sees the source,
  with high-risk stakeholders pseudonymised for roles that may not see identities.

Outside the workspace (membership None: the portal, the transparency centre, public exports)
no source is ever shown.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from heard.core import permissions
from heard.engagements.models import AttributionRule


def attribution_rule(input) -> str:
    """The rule that governs `input` (its engagement's, else attributed)."""
    if input.is_anonymous:
        return AttributionRule.ANONYMOUS
    if input.engagement_id is None:
        return AttributionRule.ATTRIBUTED_WITH_CONSENT
    return input.engagement.attribution_rule


def is_core_team(membership) -> bool:
    """Whether `membership` belongs to the core team that may see who said what."""
    return membership is not None and membership.can(permissions.VIEW_IDENTITY)


def attribution_visible(input, membership) -> bool:
    """Whether `membership` may see who gave `input`."""
    if membership is None or (input.stakeholder_id is None and input.organisation_id is None):
        return False
    rule = attribution_rule(input)
    if rule == AttributionRule.ANONYMOUS:
        return False
    if rule == AttributionRule.CHATHAM_HOUSE:
        return is_core_team(membership)
    return True


def source_label(input, membership) -> str:
    """Who gave `input`, as `membership` may see it ("Not attributed" otherwise)."""
    if input.is_anonymous:
        return _("Anonymous")
    if not attribution_visible(input, membership):
        if attribution_rule(input) == AttributionRule.CHATHAM_HOUSE:
            return _("Not attributed (Chatham House rule)")
        return _("Not attributed")
    if input.stakeholder_id:
        name = input.stakeholder.display_name_for(membership)
        if input.organisation_id and not input.stakeholder.is_identity_hidden_for(membership):
            return f"{name} ({input.organisation.name})"
        return name
    return input.organisation.name


def needs_summary(input) -> bool:
    """Whether the loop of `input` closes by publishing the engagement summary: nobody can be
    told personally (anonymous, no named source) or attribution is withheld (Chatham House)."""
    if input.engagement_id is None:
        return False
    return input.stakeholder_id is None or attribution_rule(input) in (
        AttributionRule.ANONYMOUS,
        AttributionRule.CHATHAM_HOUSE,
    )


def visible_attribution_q(membership) -> Q:
    """The inputs whose source `membership` may see, as a filter: lists filtering by who gave
    an input apply it, so a filter cannot reveal what the page would hide."""
    attributed = Q(is_anonymous=False) & ~Q(engagement__attribution_rule=AttributionRule.ANONYMOUS)
    if is_core_team(membership):
        return attributed
    return attributed & (
        Q(engagement__isnull=True)
        | Q(engagement__attribution_rule=AttributionRule.ATTRIBUTED_WITH_CONSENT)
    )
