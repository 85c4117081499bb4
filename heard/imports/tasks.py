"""Background work: large imports are applied by `heard worker`."""

from __future__ import annotations

from django_tasks import task

from heard.core.errors import DomainError
from heard.core.models import User
from heard.imports.models import ImportJob, ImportStatus


@task()
def apply_import(job_id: int, match_mode: str, actor_id: int | None = None) -> str:
    """Apply a queued import; a failure leaves the job FAILED with its message."""
    from heard.imports import services

    job = ImportJob.objects.select_related("workspace").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.QUEUED:
        return "skipped"
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    try:
        services.apply(workspace=job.workspace, actor=actor, job=job, match_mode=match_mode)
    except DomainError:
        return ImportStatus.FAILED
    return ImportStatus.APPLIED
