"""Background work of the councils: the daily rotation reminders."""

from __future__ import annotations

from django_tasks import task


@task()
def send_rotation_reminders() -> int:
    """Email relationship owners about council terms ending soon (idempotent: run it daily;
    a term is reminded once)."""
    from heard.councils.reminders import send_term_reminders

    return send_term_reminders()
