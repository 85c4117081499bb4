"""An import's life: upload → mapping → preview → apply (all or nothing) or cancel.

Views, the CLI, the background task and tests all call these functions.
"""

from __future__ import annotations

import gc
import logging
import tempfile
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.core.models import AuditAction, Membership, User, Workspace
from heard.imports import progress as progress_store
from heard.imports.mapping import IGNORE, clean_mapping, guess_mapping, targets_for
from heard.imports.models import ColumnMapping, ImportJob, ImportKind, ImportStatus, MatchMode
from heard.imports.parsing import Table, check_size, open_table
from heard.imports.validation import RowResult, validate_table
from heard.imports.writers import Matcher, write_rows

logger = logging.getLogger(__name__)

# Files with more rows than this are applied by the background worker.
BACKGROUND_ROWS = 2000
PROBLEMS_STORED = 500
SAMPLE_ROWS = 10
OPEN_STATUSES = frozenset({ImportStatus.UPLOADED, ImportStatus.PREVIEWED, ImportStatus.FAILED})

Progress = Callable[[str, int, int], None]


@contextmanager
def _bulk_work():
    """Pause the cyclic garbage collector during a large import: with 100,000 rows of model
    instances alive, its repeated full passes cost about a fifth of the time (measured).
    Nothing is lost: the collector runs once at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect()


def _check_job(workspace: Workspace, job: ImportJob, statuses=OPEN_STATUSES) -> None:
    if job.workspace_id != workspace.pk:
        raise DomainError(_("That import belongs to another workspace."))
    if job.status not in statuses:
        raise DomainError(
            _("This import is %(status)s; it cannot be changed now.")
            % {"status": job.get_status_display().lower()}
        )


def table_of(job: ImportJob) -> Table:
    """The job's stored file, parsed."""
    return open_table(job.file.path)


# --- upload


def create_import(*, workspace: Workspace, actor: User | None, upload, kind: str) -> ImportJob:
    """Check an uploaded file and store it as a new import; a bad file writes nothing."""
    if kind not in ImportKind.values:
        raise DomainError(_("Choose what the file holds."), field="kind")
    size = getattr(upload, "size", None)
    if size is not None:
        check_size(size)
    scratch = Path(settings.VAR_DIR) / "tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=scratch, suffix=".upload") as handle:
        for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
            handle.write(chunk)
        handle.flush()
        table = open_table(handle.name)
        handle.seek(0)
        job = ImportJob(
            workspace=workspace,
            kind=kind,
            original_name=Path(getattr(upload, "name", "") or "upload").name[:255],
            file_format=table.format,
            encoding=table.encoding,
            delimiter=table.delimiter,
            headers=table.headers,
            mapping=guess_mapping(kind, table.headers),
            total_rows=table.count_rows(),
            # The first data row, shortened: shown beside each column on the mapping page.
            summary={"example": [cell[:80] for cell in next(table.rows())[1]]},
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        # A generated name: the user's file name is only a label, never a path.
        job.file.save(f"{uuid.uuid4().hex}.{table.format}", File(handle), save=False)
    try:
        with transaction.atomic():
            job.save()
    except Exception:
        job.file.delete(save=False)
        raise
    return job


# --- mapping


@transaction.atomic
def set_mapping(
    *,
    workspace: Workspace,
    actor: User | None,
    job: ImportJob,
    mapping: dict[str, str],
    save_as: str = "",
) -> ImportJob:
    """Choose which column goes into which field; optionally save it under a name."""
    _check_job(workspace, job)
    cleaned = clean_mapping(job.kind, job.headers, mapping)
    required = [t for t in targets_for(job.kind) if t.required and t.key not in cleaned.values()]
    if required:
        raise DomainError(
            _("Choose the column that holds “%(field)s”.") % {"field": required[0].label},
            field="mapping",
        )
    job.mapping = cleaned
    job.status = ImportStatus.UPLOADED
    job.save(update_fields=["mapping", "status", "updated_at"])
    if save_as.strip():
        save_mapping(workspace=workspace, actor=actor, kind=job.kind, name=save_as, mapping=cleaned)
    return job


@transaction.atomic
def save_mapping(
    *, workspace: Workspace, actor: User | None, kind: str, name: str, mapping: dict[str, str]
) -> ColumnMapping:
    """Save (or replace) a named mapping for later files."""
    name = name.strip()
    if not name or len(name) > 100:
        raise DomainError(_("Give the mapping a name of at most 100 characters."), field="save_as")
    kept = {header: target for header, target in mapping.items() if target != IGNORE}
    saved, created = ColumnMapping.objects.update_or_create(
        workspace=workspace, kind=kind, name=name, defaults={"mapping": kept}
    )
    if created:
        audit.record_create(workspace=workspace, actor=actor, obj=saved)
    return saved


def apply_saved_mapping(job: ImportJob, saved: ColumnMapping) -> dict[str, str]:
    """A saved mapping fitted to this job's headers (case-insensitive header match)."""
    by_folded = {header.casefold(): target for header, target in saved.mapping.items()}
    proposed = {h: by_folded.get(h.casefold(), IGNORE) for h in job.headers}
    return clean_mapping(job.kind, job.headers, proposed)


# --- preview


def _sample_row(result: RowResult, owners: dict[int, str]) -> dict:
    """A row's cleaned values as text for the preview table."""
    row = {}
    for key, value in result.values.items():
        if key == "relationship_owner":
            value = owners.get(value, "")
        row[key] = ", ".join(value) if isinstance(value, list) else value
    return row


def _check_rows(
    job: ImportJob, workspace: Workspace, progress: Progress | None
) -> tuple[list[RowResult], list[dict], int, int]:
    """Every row checked: (good rows, the first problems, problem count, rows with problems)."""
    table = table_of(job)
    total = job.total_rows or table.count_rows()

    def report(done: int) -> None:
        if progress:
            progress("checking", done, total)

    good, problems, problem_count, bad_rows = [], [], 0, 0
    for result in validate_table(
        workspace=workspace, kind=job.kind, table=table, mapping=job.mapping, progress=report
    ):
        if result.problems:
            problem_count += len(result.problems)
            bad_rows += 1
            problems.extend(result.problems[: max(0, PROBLEMS_STORED - len(problems))])
        else:
            good.append(result)
    return good, problems, problem_count, bad_rows


def preview(*, workspace: Workspace, actor: User | None, job: ImportJob) -> ImportJob:
    """Check every row and count what applying would do; nothing is written but the job."""
    _check_job(workspace, job)
    with _bulk_work():
        good, problems, problem_count, bad_rows = _check_rows(job, workspace, None)
    matcher = Matcher(workspace, job.kind)
    matching = sum(1 for r in good if matcher.find(r.values))
    owners = dict(
        Membership.objects.filter(workspace=workspace).values_list("user_id", "user__email")
    )
    job.total_rows = len(good) + bad_rows
    job.error_count = problem_count
    job.problems = problems
    job.summary = {
        "preview": {
            "new": len(good) - matching,
            "matching": matching,
            "problem_rows": bad_rows,
            "sample": [_sample_row(r, owners) for r in good[:SAMPLE_ROWS]],
        }
    }
    job.status = ImportStatus.PREVIEWED
    job.save(
        update_fields=["total_rows", "error_count", "problems", "summary", "status", "updated_at"]
    )
    return job


# --- apply


def request_apply(
    *, workspace: Workspace, actor: User | None, job: ImportJob, match_mode: str
) -> ImportJob:
    """Apply now, or queue it for the worker when the file is large."""
    _check_job(workspace, job, {ImportStatus.PREVIEWED, ImportStatus.FAILED})
    if match_mode not in MatchMode.values:
        raise DomainError(_("Choose what to do with existing matches."), field="match_mode")
    if job.error_count:
        raise DomainError(
            _("Fix the problems in the file first: nothing is imported while any row has one.")
        )
    if job.total_rows <= BACKGROUND_ROWS:
        return apply(workspace=workspace, actor=actor, job=job, match_mode=match_mode)
    from heard.imports.tasks import apply_import

    job.status = ImportStatus.QUEUED
    job.match_mode = match_mode
    job.processed_rows = 0
    job.save(update_fields=["status", "match_mode", "processed_rows", "updated_at"])
    progress_store.report(job, phase="queued", done=0, total=job.total_rows)
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    transaction.on_commit(
        lambda: apply_import.enqueue(job_id=job.pk, match_mode=match_mode, actor_id=actor_id)
    )
    return job


def apply(
    *,
    workspace: Workspace,
    actor: User | None,
    job: ImportJob,
    match_mode: str,
    progress: Progress | None = None,
) -> ImportJob:
    """Check every row again, then write them all in one transaction — or nothing.

    Checking runs outside the transaction and progress goes to the cache, so a page can
    follow a long import while the write phase holds its lock.
    """
    _check_job(
        workspace,
        job,
        {ImportStatus.UPLOADED, ImportStatus.PREVIEWED, ImportStatus.QUEUED, ImportStatus.FAILED},
    )

    def report(phase: str, done: int, total: int) -> None:
        progress_store.report(job, phase=phase, done=done, total=total)
        if progress:
            progress(phase, done, total)

    job.status, job.match_mode, job.failure_message = ImportStatus.APPLYING, match_mode, ""
    job.save(update_fields=["status", "match_mode", "failure_message", "updated_at"])
    try:
        with _bulk_work():
            _check_and_write(job, workspace, actor, match_mode, report)
    except Exception as error:
        _fail(job, error)
        raise DomainError(job.failure_message) from error
    finally:
        progress_store.clear(job)
    return job


def _check_and_write(job: ImportJob, workspace: Workspace, actor, match_mode: str, report):
    """The two phases of apply: check every row (no transaction), then write them all."""
    good, problems, problem_count, _bad = _check_rows(job, workspace, report)
    if problem_count:
        job.problems, job.error_count = problems, problem_count
        raise DomainError(
            _("%(count)s problems were found; nothing was imported.") % {"count": problem_count}
        )
    with transaction.atomic():
        summary = write_rows(
            workspace=workspace,
            actor=actor,
            kind=job.kind,
            rows=good,
            mapped={t for t in job.mapping.values() if t},
            match_mode=match_mode,
            progress=lambda done: report("writing", done, len(good)),
        )
        job.status = ImportStatus.APPLIED
        job.summary = {**job.summary, "result": summary}
        job.processed_rows = job.total_rows = len(good)
        job.applied_at = timezone.now()
        job.save()
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.IMPORT,
            obj=job,
            changes={key: [None, value] for key, value in summary.items()},
        )


def _fail(job: ImportJob, error: Exception) -> None:
    """Mark a job failed (after its transaction rolled back: nothing was written)."""
    if isinstance(error, DomainError):
        message = error.message
    else:
        logger.exception("Import %s failed", job.pk)
        message = _("The import failed and nothing was written: %(error)s") % {"error": error}
    job.status, job.failure_message = ImportStatus.FAILED, message
    job.applied_at = None
    job.save(
        update_fields=[
            "status",
            "failure_message",
            "problems",
            "error_count",
            "applied_at",
            "updated_at",
        ]
    )


@transaction.atomic
def cancel_import(*, workspace: Workspace, actor: User | None, job: ImportJob) -> ImportJob:
    """Give up an import before it is applied; its stored file is deleted."""
    _check_job(workspace, job)
    job.status = ImportStatus.CANCELLED
    job.save(update_fields=["status", "updated_at"])
    name = job.file.name
    transaction.on_commit(lambda: job.file.storage.delete(name))
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=job,
        changes={"status": [ImportStatus.PREVIEWED, ImportStatus.CANCELLED]},
    )
    return job
