"""Background work of the feedback loop, run by `heard worker`."""

from __future__ import annotations

from django_tasks import task


@task()
def send_overdue_loop_digests() -> int:
    """The daily digest of overdue loops to owners and the escalation to managers."""
    from heard.feedback.digests import send_loop_digests

    return send_loop_digests()
