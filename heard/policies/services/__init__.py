"""Writes to policies, versions, forums and minutes: every rule lives here.

Views, the demo and tests all call these functions. Each validates, writes in one transaction
and records the audit entry.
"""

from heard.policies.services.common import set_archived
from heard.policies.services.forums import (
    create_forum,
    link_meeting,
    plan_meeting,
    unlink_meeting,
    update_forum,
)
from heard.policies.services.inputs import (
    consider_inputs,
    link_inputs,
    unconsider_input,
    unlink_input,
)
from heard.policies.services.minutes import (
    approve_minutes,
    participant_terms,
    publish_minutes,
    record_minutes,
    redact_minutes,
    withdraw_minutes,
)
from heard.policies.services.policies import (
    create_policy,
    publish_version,
    reopen_policy,
    start_consultation,
    update_policy,
    update_version,
)

__all__ = [
    "approve_minutes",
    "consider_inputs",
    "link_inputs",
    "unconsider_input",
    "unlink_input",
    "create_forum",
    "create_policy",
    "link_meeting",
    "participant_terms",
    "plan_meeting",
    "publish_minutes",
    "publish_version",
    "record_minutes",
    "redact_minutes",
    "reopen_policy",
    "set_archived",
    "start_consultation",
    "unlink_meeting",
    "update_forum",
    "update_policy",
    "update_version",
    "withdraw_minutes",
]
