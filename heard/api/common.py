"""What every API endpoint uses: the role check, workspace lookups, forms as validators."""

from __future__ import annotations

from django import forms
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, create_model

from heard.api.errors import ApiError


class InSchema(Schema):
    """Base of every request body: an unknown field is a 422, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


def require(request: HttpRequest, action: str) -> None:
    """The page rule, for the API: heard.core.permissions decides, through the membership."""
    if not request.membership.can(action):
        raise ApiError(403, "permission_denied", _("Your role does not allow this."))


def get_in_workspace(queryset: QuerySet, pk: int) -> Model:
    """One row of the current workspace's `queryset`, or 404 — also for another workspace's."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


def valid(form: forms.Form) -> dict:
    """The form's cleaned data, or a 422 naming each field — the pages' rules, not a copy."""
    if not form.is_valid():
        raise ApiError(422, "validation_error", _("Some values are not valid."), form_errors(form))
    return form.cleaned_data


def check_filters(found) -> None:
    """A list filter the page would drop with a note is a 422 in the API."""
    form = found.form
    if form.is_bound and form.errors:
        raise ApiError(422, "validation_error", _("Some filters are not valid."), form_errors(form))


def filter_schema(form_class: type[forms.Form], name: str) -> type[Schema]:
    """Query parameters for the OpenAPI document, from a list page's filter form: the API
    reads the same parameters through the same form."""
    fields = {}
    for field_name, field in form_class.base_fields.items():
        kind = list[str] if isinstance(field, forms.MultipleChoiceField) else str
        fields[field_name] = (kind | None, None)
    return create_model(name, __base__=Schema, **fields)
