"""Signal receivers of the engagements app."""

from __future__ import annotations


def seed_new_workspace(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """Give a newly created workspace the default HRDD steps."""
    if created and not raw:
        from heard.engagements.services.hrdd import ensure_default_hrdd_steps

        ensure_default_hrdd_steps(instance)
