"""Imports in the API: upload a CSV or XLSX file and get the preview (every problem named by
row and column), then apply it — all rows or none — through the import pages' services."""

from __future__ import annotations

import datetime
import json

from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from heard.api.auth import can
from heard.api.common import InSchema, get_in_workspace, valid
from heard.api.errors import ApiError
from heard.api.pagination import PageParams, page_schema, paginate
from heard.core import permissions
from heard.core.errors import DomainError
from heard.imports import progress, queries, services
from heard.imports.forms import ApplyForm, MappingForm, UploadForm
from heard.imports.models import ImportJob, MatchMode

imports = Router(tags=["imports"])

MAX_COLUMNS = 500


class ProblemOut(Schema):
    row: int = Field(description="The spreadsheet's row number (the header is row 1).")
    column: str = Field(description="The column's header, as in the file.")
    message: str


class PreviewOut(Schema):
    new: int = Field(description="Rows that would create a record.")
    matching: int = Field(description="Rows that match an existing record (see match_mode).")
    problem_rows: int
    sample: list[dict[str, str | int | bool | None]] = Field(
        description="The first rows as they would be imported."
    )


class ResultOut(Schema):
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    tag_ids: list[int] = []


class ProgressOut(Schema):
    phase: str
    done: int
    total: int
    percent: int


class ImportListItemOut(Schema):
    id: int
    kind: str
    status: str
    original_name: str
    total_rows: int
    error_count: int
    created_by: int | None
    created_at: datetime.datetime
    applied_at: datetime.datetime | None


class ImportOut(ImportListItemOut):
    file_format: str
    headers: list[str]
    mapping: dict[str, str] = Field(description="{column header: target field} ('' = ignored).")
    match_mode: str
    processed_rows: int
    problems: list[ProblemOut] = Field(description="The first few hundred problems.")
    preview: PreviewOut | None
    result: ResultOut | None
    progress: ProgressOut | None = Field(description="While queued or applying.")
    failure_message: str


class MappingIn(InSchema):
    mapping: dict[str, str] = Field(
        ..., max_length=MAX_COLUMNS, description="{column header: target field}; '' ignores it."
    )
    save_as: str = Field("", max_length=100, description="Save the mapping under this name.")


class ApplyIn(InSchema):
    match_mode: str = Field(
        MatchMode.SKIP,
        max_length=10,
        description="Rows matching an existing record: skip, update or create.",
    )


class UploadIn(Schema):
    kind: str = Field(..., max_length=20, description="stakeholders or organisations")
    mapping: str = Field(
        "",
        max_length=50_000,
        description="Optional JSON {column header: target field}; guessed from the headers "
        "when empty.",
    )
    saved_mapping: str = Field(
        "", max_length=100, description="Optional: the name of a saved mapping to use."
    )


ImportPage = page_schema(ImportListItemOut, "ImportPage")


def _sample_value(value):
    return value if isinstance(value, str | int | bool) or value is None else str(value)


def list_item_out(job: ImportJob) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "original_name": job.original_name,
        "total_rows": job.total_rows,
        "error_count": job.error_count,
        "created_by": job.created_by_id,
        "created_at": job.created_at,
        "applied_at": job.applied_at,
    }


def import_out(job: ImportJob) -> dict:
    preview = job.summary.get("preview")
    result = job.summary.get("result")
    running = job.status in ("queued", "applying")
    return {
        **list_item_out(job),
        "file_format": job.file_format,
        "headers": list(job.headers),
        "mapping": dict(job.mapping),
        "match_mode": job.match_mode,
        "processed_rows": job.processed_rows,
        "problems": [
            {"row": p.get("row") or 0, "column": p.get("column") or "", "message": p["message"]}
            for p in job.problems
        ],
        "preview": {
            **preview,
            "sample": [
                {k: _sample_value(v) for k, v in row.items()} for row in preview.get("sample", [])
            ],
        }
        if preview
        else None,
        "result": result or None,
        "progress": progress.read(job) if running else None,
        "failure_message": job.failure_message,
    }


def _job(request, pk: int) -> ImportJob:
    return get_in_workspace(ImportJob.objects.for_workspace(request.workspace), pk)


def _checked_mapping(job: ImportJob, mapping: dict[str, str]) -> dict[str, str]:
    """`mapping` checked by the mapping page's form: every header of the file, every target
    one the kind knows; a 422 naming `mapping.<header>` otherwise."""
    unknown = [h for h in mapping if h not in job.headers]
    if unknown:
        raise ApiError(
            422,
            "validation_error",
            _("Some values are not valid."),
            {
                f"mapping.{h}"[:200]: [_("The file has no column with this header.")]
                for h in unknown
            },
        )
    form = MappingForm(
        {f"column_{i}": mapping.get(h, job.mapping.get(h, "")) for i, h in enumerate(job.headers)},
        job=job,
        initial_mapping=job.mapping,
    )
    if not form.is_valid():
        names = {name: header for header, name in form.columns}
        raise ApiError(
            422,
            "validation_error",
            _("Some values are not valid."),
            {
                f"mapping.{names.get(name, name)}": [str(m) for m in messages]
                for name, messages in form.errors.items()
            },
        )
    return form.mapping()


def _map_and_preview(request, job: ImportJob, mapping: dict[str, str], save_as: str = ""):
    services.set_mapping(
        workspace=request.workspace, actor=request.user, job=job, mapping=mapping, save_as=save_as
    )
    return services.preview(workspace=request.workspace, actor=request.user, job=job)


@imports.get("", response=ImportPage, summary="List imports", auth=can(permissions.IMPORT))
def list_imports(request, page: Query[PageParams]):
    return paginate(queries.import_list(request.workspace), page, list_item_out)


@imports.get(
    "/{int:pk}", response=ImportOut, summary="Read an import", auth=can(permissions.IMPORT)
)
def read_import(request, pk: int):
    """An import with its preview, its problems and, once applied, what it did."""
    return import_out(_job(request, pk))


@imports.post(
    "",
    response={201: ImportOut},
    summary="Upload a file and preview it",
    auth=can(permissions.IMPORT),
)
def create_import(
    request,
    file: File[UploadedFile],  # noqa: ARG001 (read through the upload page's form)
    fields: Form[UploadIn],
):
    """Multipart upload (`file`, `kind`): the file is checked, its columns mapped (guessed,
    or as given) and every row checked; nothing is written to the registry. The answer is
    the preview: counts, a sample and every problem with its row and column. Then POST
    `/imports/{id}/apply`. A file whose columns cannot be mapped is not kept."""
    upload = valid(UploadForm({"kind": fields.kind}, request.FILES))
    mapping, saved_mapping = fields.mapping, fields.saved_mapping
    proposed = None
    if mapping.strip():
        try:
            proposed = json.loads(mapping)
        except ValueError:
            proposed = None
        if not isinstance(proposed, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in proposed.items()
        ):
            raise ApiError(
                422,
                "validation_error",
                _("Some values are not valid."),
                {"mapping": [_("Send a JSON object of column header to target field.")]},
            )
    saved = None
    if saved_mapping.strip():
        saved = queries.saved_mapping(request.workspace, upload["kind"], name=saved_mapping)
        if saved is None:
            raise ApiError(
                422,
                "validation_error",
                _("Some values are not valid."),
                {"saved_mapping": [_("There is no saved mapping with this name.")]},
            )
    try:
        job = services.create_import(
            workspace=request.workspace,
            actor=request.user,
            upload=upload["file"],
            kind=upload["kind"],
        )
    except DomainError as error:
        field = error.field if error.field in ("kind", "file") else "file"
        raise ApiError(
            422, "invalid_file", _("The file cannot be imported."), {field: [str(error.message)]}
        ) from error
    try:
        chosen = services.apply_saved_mapping(job, saved) if saved else job.mapping
        if proposed is not None:
            chosen = _checked_mapping(job, {**chosen, **proposed})
        _map_and_preview(request, job, chosen)
    except (DomainError, ApiError):
        services.cancel_import(workspace=request.workspace, actor=request.user, job=job)
        raise
    return Status(201, import_out(_job(request, job.pk)))


@imports.put(
    "/{int:pk}/mapping",
    response=ImportOut,
    summary="Change the column mapping",
    auth=can(permissions.IMPORT),
)
def map_import(request, pk: int, payload: MappingIn):
    """Choose which column goes into which field (headers left out keep their target), then
    every row is checked again: the answer is the new preview."""
    job = _job(request, pk)
    if job.status not in services.OPEN_STATUSES:
        raise DomainError(
            _("This import is %(status)s; it cannot be changed now.")
            % {"status": job.get_status_display().lower()}
        )
    mapping = _checked_mapping(job, {**job.mapping, **payload.mapping})
    _map_and_preview(request, job, mapping, payload.save_as)
    return import_out(_job(request, pk))


@imports.post(
    "/{int:pk}/apply", response=ImportOut, summary="Apply an import", auth=can(permissions.IMPORT)
)
def apply_import(request, pk: int, payload: ApplyIn):
    """Write every row in one transaction, or none: refused (422) while any row has a
    problem. Large files are queued for the worker (`status: queued`); read the import to
    follow its progress."""
    job = _job(request, pk)
    data = valid(ApplyForm(payload.dict()))
    services.request_apply(
        workspace=request.workspace, actor=request.user, job=job, match_mode=data["match_mode"]
    )
    return import_out(_job(request, pk))


@imports.post(
    "/{int:pk}/cancel", response=ImportOut, summary="Cancel an import", auth=can(permissions.IMPORT)
)
def cancel_import(request, pk: int):
    """Give up an import before it is applied; its stored file is deleted."""
    services.cancel_import(workspace=request.workspace, actor=request.user, job=_job(request, pk))
    return import_out(_job(request, pk))
