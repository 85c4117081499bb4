"""Cursor pagination for API lists: stable under inserts, one query per page, no count.

Lists are ordered newest first by id; `cursor` is the opaque position after the last item
of the previous page and `limit` the page size (1–200).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, create_model

from heard.api.errors import ApiError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PageParams(Schema):
    cursor: str | None = Field(None, max_length=64, description="`next` of the previous page.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")


def encode(pk: int) -> str:
    return base64.urlsafe_b64encode(f"id:{pk}".encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        kind, _sep, value = raw.partition(":")
        if kind != "id" or not value.isdigit():
            raise ValueError
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(
            422,
            "validation_error",
            _("Some values are not valid."),
            {"cursor": [_("Not a cursor this API gave out.")]},
        ) from None


def page_schema(item: type[Schema], name: str) -> type[Schema]:
    """`{"results": [item…], "next": cursor|null}` for the OpenAPI document."""
    return create_model(name, __base__=Schema, results=(list[item], ...), next=(str | None, None))


def paginate(queryset: QuerySet, params: PageParams, serialize=None) -> dict[str, Any]:
    """One page of `queryset` (newest first), `serialize` applied to each row."""
    queryset = queryset.order_by("-pk")
    if params.cursor:
        queryset = queryset.filter(pk__lt=decode(params.cursor))
    rows = list(queryset[: params.limit + 1])
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    return {
        "results": [serialize(row) for row in rows] if serialize else rows,
        "next": encode(rows[-1].pk) if more else None,
    }


def filter_params(request: HttpRequest, reserved=("cursor", "limit")) -> QueryDict:
    """The request's query string minus pagination: the same parameters the list page reads."""
    params = request.GET.copy()
    for name in reserved:
        params.pop(name, None)
    return params
