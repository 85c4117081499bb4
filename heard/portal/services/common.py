"""What portal services share: the portal as the actor of audit entries."""

from __future__ import annotations

from dataclasses import dataclass

from heard.stakeholders.models import Stakeholder


@dataclass(frozen=True)
class PortalActor:
    """A stakeholder acting through the portal. Not a user (no `pk`), so services record no
    `recorded_by`; the audit entry's actor label names the pseudonym, never the name."""

    stakeholder: Stakeholder
    pk = None
    email = ""

    def __str__(self) -> str:
        return f"stakeholder portal ({self.stakeholder.pseudonym})"
