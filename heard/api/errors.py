"""One error format for every 4xx of the API:

    {"code": "validation_error", "message": "…", "fields": {"name": ["This field is required."]}}

`code` is stable and meant for programs; `message` is for people (in the request's language);
`fields` maps a field name (or "__all__") to its messages, empty when no field is to blame.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from heard.core.concurrency import EditConflict
from heard.core.errors import DomainError


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class ConflictOut(ErrorOut):
    """A 409: someone else changed the record since `version` was read."""

    current: dict


class ApiError(Exception):
    """Raise in an endpoint to answer with the error format."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"code": code, "message": str(message), "fields": fields or {}}


def _field_name(loc: list) -> str:
    # ninja's locations start with where the value came from ("body", "query", "path") and
    # the parameter's name; the rest is the field.
    parts = [str(p) for p in loc[1:] if p not in ("payload", "filters", "data")] or [
        str(p) for p in loc
    ]
    return ".".join(parts) or "__all__"


def validation_fields(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_field_name(list(error.get("loc", ()))), []).append(
            str(error.get("msg", _("Invalid value.")))
        )
    return fields


def django_fields(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for e in errs for m in e.messages]
            for name, errs in error.error_dict.items()
        }
    return {"__all__": [str(m) for m in error.messages]}


ERROR_STATUSES = (400, 401, 403, 404, 409, 413, 422, 429)


def _is_list(annotation) -> bool:
    return "list[" in str(annotation).lower()


def query_parameters(operation) -> dict[str, bool]:
    """The query parameters an operation declares, each with whether it may repeat."""
    names: dict[str, bool] = {}
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) != "query":
            continue
        flat = getattr(model, "__ninja_flatten_map__", None) or {}
        for name, field in model.model_fields.items():
            inner = getattr(field.annotation, "model_fields", None)
            if inner:
                for key, path in flat.items():
                    if path[0] == name and len(path) == 2:
                        names[key] = _is_list(inner[path[1]].annotation)
            else:
                names[name] = _is_list(field.annotation)
    return names


def document(api: NinjaAPI) -> None:
    """Declare the error format for every error status of every operation, so the OpenAPI
    document tells clients (and schemathesis checks) what a 4xx looks like; and tell each
    operation's authentication which query parameters it accepts (others are a 422)."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                accepted = query_parameters(operation)
                for auth in operation.auth_callbacks:
                    auth.query_parameters = accepted
                for status in ERROR_STATUSES:
                    if status not in operation.response_models:
                        operation.response_models[status] = operation._create_response_model(
                            ErrorOut
                        )


def install(api: NinjaAPI) -> None:
    """Replace ninja's handlers so that every error answers in the one format."""

    def respond(request: HttpRequest, status: int, payload: dict) -> HttpResponse:
        return api.create_response(request, payload, status=status)

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return respond(request, exc.status, body(exc.code, exc.message, exc.fields))

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        return respond(
            request,
            422,
            body(
                "validation_error", _("Some values are not valid."), validation_fields(exc.errors)
            ),
        )

    @api.exception_handler(DjangoValidationError)
    def invalid_domain(request, exc: DjangoValidationError):
        return respond(
            request,
            422,
            body("validation_error", _("Some values are not valid."), django_fields(exc)),
        )

    @api.exception_handler(DomainError)
    def broken_rule(request, exc: DomainError):
        fields = {exc.field or "__all__": [str(exc.message)]}
        return respond(request, 422, body(exc.code or "invalid", exc.message, fields))

    @api.exception_handler(EditConflict)
    def conflict(request, exc: EditConflict):
        payload = body(
            "conflict",
            _(
                "Someone else changed this record after you read it. Read it again, apply your "
                "change to the current version and send it with the new version."
            ),
        )
        payload["current"] = getattr(exc, "current_data", None) or {"version": exc.version}
        return respond(request, 409, payload)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, body("not_found", _("Not found.")))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, 403, body("permission_denied", _("Your role does not allow this.")))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = respond(
            request,
            401,
            body(
                "not_authenticated",
                _("Send a valid personal access token: 'Authorization: Bearer <token>'."),
            ),
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def throttled(request, exc: Throttled):
        response = respond(
            request, 429, body("throttled", _("Too many requests; try again shortly."))
        )
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        return respond(request, 413, body("too_large", _("The request body is too large.")))

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):
        return respond(request, 400, body("bad_request", _("The request could not be read.")))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        codes = {400: "bad_request", 405: "method_not_allowed", 413: "too_large"}
        code = codes.get(exc.status_code, "error")
        message = _("The request could not be read.") if exc.status_code == 400 else str(exc)
        return respond(request, exc.status_code, body(code, message))
