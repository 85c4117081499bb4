"""Enumerates every API operation, so tenancy and permission tests cover new endpoints by
themselves, and builds a minimal body each operation's schema accepts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from heard.api.main import api

PARAM = re.compile(r"[{<](?:\w+:)?(\w+)[}>]")
# Every workspace object the walks create gets this id, so any id in any path names one.
OBJECT_ID = 900_001


@dataclass(frozen=True)
class Operation:
    method: str
    route: str  # e.g. /api/v1/stakeholders/{int:pk}
    name: str
    action: str | None
    body_schema: dict | None
    multipart: bool

    def path(self, value: int = OBJECT_ID) -> str:
        return PARAM.sub(str(value), self.route)

    @property
    def has_object(self) -> bool:
        return bool(PARAM.search(self.route))

    def __str__(self) -> str:
        return f"{self.method} {self.route}"


@cache
def _schema_document() -> dict:
    """The OpenAPI document, built once per test process (building it is slow)."""
    return api.get_openapi_schema(path_prefix="/api/v1")


def _resolve(schema: dict, document: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def example(schema: dict, document: dict):
    """The smallest value `schema` accepts (required properties only)."""
    schema = _resolve(schema, document)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return example(options[0], document)
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {
            name: example(prop, document)
            for name, prop in schema.get("properties", {}).items()
            if name in schema.get("required", ())
        }
    if kind == "array":
        return [example(schema.get("items", {}), document)] * schema.get("minItems", 0)
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2026-01-15"
    if schema.get("format") == "time":
        return "10:00:00"
    if schema.get("format") == "date-time":
        return "2026-01-15T10:00:00Z"
    return "x" * max(1, schema.get("minLength", 1))


def operations() -> list[Operation]:
    document = _schema_document()
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            route = "/api/v1" + prefix + path
            openapi_path = PARAM.sub(lambda m: "{" + m.group(1) + "}", route)
            for op in path_view.operations:
                actions = {getattr(a, "action", None) for a in op.auth_callbacks}
                for method in op.methods:
                    spec = document["paths"].get(openapi_path, {}).get(method.lower(), {})
                    content = spec.get("requestBody", {}).get("content", {})
                    body = content.get("application/json", {}).get("schema")
                    found.append(
                        Operation(
                            method=method,
                            route=route,
                            name=op.view_func.__name__,
                            action=next(iter(actions)) if len(actions) == 1 else None,
                            body_schema=body,
                            multipart="multipart/form-data" in content,
                        )
                    )
    return found


def call(client, operation: Operation, value: int = OBJECT_ID):
    """Request `operation` with a minimal valid body."""
    path = operation.path(value)
    method = operation.method.lower()
    if operation.body_schema is not None:
        body = example(operation.body_schema, _schema_document())
        return getattr(client, method)(path, body, content_type="application/json")
    if operation.multipart:
        return getattr(client, method)(path, {})
    if method == "get":
        return client.get(path)
    return getattr(client, method)(path, content_type="application/json")
