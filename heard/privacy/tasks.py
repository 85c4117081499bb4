"""Background work of data protection: the daily retention run."""

from __future__ import annotations

from django_tasks import task

from heard.privacy.services import apply_all_retention


@task()
def apply_retention_rules() -> int:
    """Pseudonymise, in every workspace with a retention rule, the people past it."""
    return apply_all_retention()
