"""Data protection services: export, erasure, retention."""

from heard.privacy.services.erasure import (
    ERASED,
    erase_stakeholder,
    erased_label,
    is_erased,
    purge_search_index,
    redact_audit,
)
from heard.privacy.services.export import (
    EXCLUDED_RELATIONS,
    EXPORTED_RELATIONS,
    record_export,
    stakeholder_export,
)
from heard.privacy.services.retention import (
    BATCH_LIMIT,
    RetentionResult,
    apply_all_retention,
    apply_retention,
    cutoff_for,
    policy_for,
    set_retention_policy,
    stale_stakeholders,
)

__all__ = [
    "BATCH_LIMIT",
    "ERASED",
    "EXCLUDED_RELATIONS",
    "EXPORTED_RELATIONS",
    "RetentionResult",
    "apply_all_retention",
    "apply_retention",
    "cutoff_for",
    "erase_stakeholder",
    "erased_label",
    "is_erased",
    "policy_for",
    "purge_search_index",
    "record_export",
    "redact_audit",
    "set_retention_policy",
    "stakeholder_export",
    "stale_stakeholders",
]
