"""Token authentication: the token names the user and the workspace, so an API request has
the same `request.workspace` and `request.membership` as a page under /w/<slug>/."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from heard.api.errors import ApiError
from heard.api.models import TokenScope
from heard.api.tokens import find_active

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer heard_…`. A read token may only read. With an `action` (see
    heard.core.permissions) the member's role must allow it — checked before the request body
    is read, so a role without the right gets a 403 whatever it sent."""

    # Set for each operation by heard.api.errors.document: name → may repeat.
    query_parameters: dict[str, bool] | None = None

    def __init__(self, action: str | None = None):
        super().__init__()
        self.action = action

    def check_query(self, request: HttpRequest) -> None:
        """An unknown query parameter, or a single-valued one given twice, is a 422: a
        misspelt filter must not silently return everything."""
        if self.query_parameters is None:
            return
        fields: dict[str, list[str]] = {}
        for name in request.GET:
            if name not in self.query_parameters:
                fields[name] = [_("Unknown parameter.")]
            elif not self.query_parameters[name] and len(request.GET.getlist(name)) > 1:
                fields[name] = [_("Give this parameter once.")]
        if fields:
            raise ApiError(422, "validation_error", _("Some values are not valid."), fields)

    def authenticate(self, request: HttpRequest, token: str):
        found = find_active(token.strip())
        if found is None:
            return None
        access_token, membership = found
        if request.method not in SAFE_METHODS and access_token.scope != TokenScope.WRITE:
            raise ApiError(
                403,
                "insufficient_scope",
                _("This token can only read; create a token with the write scope."),
            )
        request.user = access_token.user
        request.membership = membership
        request.workspace = membership.workspace
        request.api_token = access_token
        if self.action is not None and not membership.can(self.action):
            raise ApiError(403, "permission_denied", _("Your role does not allow this."))
        self.check_query(request)
        return access_token


def can(action: str) -> TokenAuth:
    """`auth=can(permissions.EDIT)` on an operation: the page's permission, for the API."""
    return TokenAuth(action)
