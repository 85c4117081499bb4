"""Every API operation, walked: declared permission, tenancy 404s, the role matrix — new
endpoints are covered without anyone remembering to add them here."""

from __future__ import annotations

import pytest
from django.apps import apps

from heard.core import permissions
from heard.core.models import Role, WorkspaceScopedModel
from tests.api.conftest import api_client
from tests.api.walk import OBJECT_ID, call, operations
from tests.factories import FACTORIES, make

OPERATIONS = operations()
SAFE = {"GET", "HEAD", "OPTIONS"}
# Far from OBJECT_ID: rows created after OBJECT_ID take the ids just above it.
FOREIGN_ID = OBJECT_ID + 500_000


def objects_everywhere(workspace, pk: int = OBJECT_ID) -> None:
    """One row of every workspace model in `workspace`, each with the id `pk`."""
    for model in apps.get_models():
        if (
            issubclass(model, WorkspaceScopedModel)
            and model in FACTORIES
            and not model.objects.filter(pk=pk).exists()
        ):
            make(model, workspace, pk=pk)


def test_the_walk_finds_the_api():
    names = {op.name for op in OPERATIONS}
    assert {"list_stakeholders", "read_stakeholder", "update_organisation"} <= names


def test_every_operation_declares_the_permission_it_needs():
    missing = [str(op) for op in OPERATIONS if op.action not in permissions.ACTIONS]
    assert not missing, f"Give these operations auth=can(permissions.X): {missing}"


@pytest.mark.django_db
def test_another_workspaces_objects_are_404_everywhere(workspace, other_workspace):
    """A token of workspace B, on every operation naming an object of workspace A: 404."""
    objects_everywhere(workspace)
    outsider = api_client(other_workspace, Role.OWNER)
    wrong = {}
    for op in OPERATIONS:
        if op.has_object:
            status = call(outsider, op).status_code
            if status != 404:
                wrong[str(op)] = status
    assert not wrong, wrong


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_every_operation_enforces_its_permission(role, workspace):
    """403 exactly when the role (or a read-only token) lacks the operation's action."""
    objects_everywhere(workspace)
    client = api_client(workspace, role)
    read_only = client.token.scope == "read"
    wrong = {}
    for op in OPERATIONS:
        allowed = permissions.role_can(role, op.action) and (op.method in SAFE or not read_only)
        status = call(client, op).status_code
        if (status == 403) is allowed:
            wrong[str(op)] = status
        if status >= 500:
            wrong[str(op)] = status
    assert not wrong, f"{role}: {wrong}"


def _audit_and_rows(workspace) -> tuple[int, int]:
    from heard.core.models import AuditEntry

    rows = sum(
        m.objects.filter(workspace=workspace).count()
        for m in apps.get_models()
        if issubclass(m, WorkspaceScopedModel)
    )
    return AuditEntry.objects.filter(workspace=workspace).count(), rows


BODY_OPERATIONS = [op for op in OPERATIONS if op.body_schema is not None]
# Names of fields that hold ids of workspace objects (foreign keys and many-to-many).
ID_FIELDS = {
    field.name
    for model in apps.get_models()
    if issubclass(model, WorkspaceScopedModel)
    for field in model._meta.get_fields()
    if (field.many_to_one or field.many_to_many)
    and field.concrete
    and issubclass(field.related_model, WorkspaceScopedModel)
}


def _bad_bodies(op) -> dict[str, tuple[bytes, str]]:
    import json

    from tests.api.walk import _schema_document, example

    valid = example(op.body_schema, _schema_document())
    unknown = dict(valid, surely_not_a_field="x") if isinstance(valid, dict) else valid
    return {
        "invalid UTF-8": (b'{"name": "\xff\xfe"}', "application/json"),
        "not JSON": (b"{'name': ", "application/json"),
        "wrong type": (json.dumps([1, 2]).encode(), "application/json"),
        "unknown field": (json.dumps(unknown).encode(), "application/json"),
        "huge": (b'{"text": "' + b"x" * (6 * 1024 * 1024) + b'"}', "application/json"),
    }


@pytest.mark.django_db
def test_bad_bodies_are_4xx_in_the_error_format_and_write_nothing(workspace):
    objects_everywhere(workspace)
    client = api_client(workspace, Role.OWNER)
    before = _audit_and_rows(workspace)
    wrong = {}
    for op in BODY_OPERATIONS:
        for name, (body, content_type) in _bad_bodies(op).items():
            response = getattr(client, op.method.lower())(
                op.path(), body, content_type=content_type
            )
            ok = 400 <= response.status_code < 500
            if ok:
                payload = response.json()
                ok = {"code", "message", "fields"} <= set(payload)
            if not ok:
                wrong[f"{op} [{name}]"] = response.status_code
    assert not wrong, wrong
    assert _audit_and_rows(workspace) == before


@pytest.mark.django_db
def test_ids_of_another_workspace_in_a_body_are_refused(workspace, other_workspace):
    """Every id field of every body set to an object of another workspace: never a 2xx."""
    import json

    from tests.api.walk import _resolve, _schema_document, example

    objects_everywhere(workspace)
    objects_everywhere(other_workspace, pk=FOREIGN_ID)
    client = api_client(workspace, Role.OWNER)
    document = _schema_document()
    wrong = {}
    for op in BODY_OPERATIONS:
        schema = _resolve(op.body_schema, document)
        fields = [
            n for n in schema.get("properties", {}) if n in ID_FIELDS or n.rstrip("s") in ID_FIELDS
        ]
        for field in fields:
            body = example(op.body_schema, document)
            prop = _resolve(schema["properties"][field], document)
            is_list = prop.get("type") == "array" or any(
                o.get("type") == "array" for o in prop.get("anyOf", [])
            )
            body[field] = [FOREIGN_ID] if is_list else FOREIGN_ID
            response = getattr(client, op.method.lower())(
                op.path(), json.dumps(body), content_type="application/json"
            )
            if response.status_code < 400 or response.status_code >= 500:
                wrong[f"{op} [{field}]"] = response.status_code
    assert not wrong, wrong


def test_every_body_refuses_unknown_fields():
    """Bodies derive from heard.api.common.InSchema: a misspelt field is a 422, not ignored."""
    from tests.api.walk import _resolve, _schema_document

    document = _schema_document()
    lax = [
        str(op)
        for op in BODY_OPERATIONS
        if _resolve(op.body_schema, document).get("additionalProperties") is not False
    ]
    assert not lax, f"Make these bodies InSchema: {lax}"
