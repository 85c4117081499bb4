"""Writes to initiatives, engagement plans, impacts and actions: every rule lives here.

Views, the CLI, the demo and tests call these functions. Each validates, writes in one
transaction and records the audit entry.
"""

from heard.impacts.services.common import archive, record_export, restore
from heard.impacts.services.impacts import (
    change_status,
    create_action,
    create_impact,
    impact_search_text,
    next_statuses,
    update_action,
    update_impact,
)
from heard.impacts.services.initiatives import (
    change_stage,
    create_initiative,
    initiative_search_text,
    save_plan,
    update_initiative,
)

__all__ = [
    "archive",
    "change_stage",
    "change_status",
    "create_action",
    "create_impact",
    "create_initiative",
    "impact_search_text",
    "initiative_search_text",
    "next_statuses",
    "record_export",
    "restore",
    "save_plan",
    "update_action",
    "update_impact",
    "update_initiative",
]
