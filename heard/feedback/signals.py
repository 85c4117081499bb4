"""Signal receivers of the feedback app."""

from __future__ import annotations


def engagement_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """When an engagement is held (or its held date changes), its inputs' loops fall due."""
    if raw or created:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "held_at" not in update_fields:
        return
    from heard.feedback.services.loops import refresh_due_dates

    refresh_due_dates(instance.workspace, instance)


def workspace_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A changed loop-closure deadline moves every due date of the workspace."""
    if raw or created:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "loop_closure_days" not in update_fields:
        return
    from heard.feedback.services.loops import refresh_workspace_due_dates

    refresh_workspace_due_dates(instance)
