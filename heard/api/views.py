"""API tokens page: members create and revoke their own tokens; owners and managers see and
revoke everyone's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from heard.api import tokens
from heard.api.forms import TokenForm
from heard.api.models import AccessToken
from heard.core import permissions
from heard.core.views.base import WorkspaceMixin, WorkspaceObjectMixin


def _can_write(membership) -> bool:
    return membership.can(permissions.CONTRIBUTE) or membership.can(permissions.EDIT)


class TokenListView(WorkspaceMixin, TemplateView):
    """Tokens, newest first, and the form to create one (its secret shown once)."""

    permission = permissions.VIEW
    own_credentials = True  # every role manages its own tokens (read-only roles: read tokens)
    template_name = "api/tokens.html"

    def visible(self):
        queryset = AccessToken.objects.for_workspace(self.workspace).select_related("user")
        if not self.can(permissions.MANAGE_MEMBERS):
            queryset = queryset.filter(user=self.request.user)
        return queryset.order_by("-created_at")[:200]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", TokenForm(can_write=_can_write(self.membership)))
        context.update(
            nav="tokens", tokens=self.visible(), sees_all=self.can(permissions.MANAGE_MEMBERS)
        )
        return context

    def post(self, request, *args, **kwargs):
        form = TokenForm(request.POST, can_write=_can_write(self.membership))
        if form.is_valid():
            try:
                token, secret = tokens.create_token(
                    workspace=self.workspace,
                    actor=request.user,
                    user=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                context = self.get_context_data(
                    form=TokenForm(can_write=_can_write(self.membership)),
                    new_token=token,
                    secret=secret,
                )
                response = self.render_to_response(context, status=201)
                response["Cache-Control"] = "no-store"
                return response
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TokenRevokeView(WorkspaceObjectMixin, TemplateView):
    """Revoke one token (POST): one's own, or anyone's for owners and managers."""

    permission = permissions.VIEW
    own_credentials = True
    model = AccessToken
    http_method_names = ["post"]

    def get_queryset(self):
        queryset = AccessToken.objects.for_workspace(self.workspace)
        if not self.can(permissions.MANAGE_MEMBERS):
            queryset = queryset.filter(user=self.request.user)
        return queryset

    def post(self, request, *args, **kwargs):
        token = self.get_object()
        tokens.revoke_token(workspace=self.workspace, actor=request.user, token=token)
        messages.success(
            request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name}
        )
        return redirect("api_tokens", workspace_slug=self.workspace.slug)


@csrf_exempt  # answers every method with the same 404 and changes nothing
def api_not_found(request, rest: str = ""):
    """Any other address under /api/v1/: the API's 404, in its error format, not a page."""
    from django.http import JsonResponse

    from heard.api.errors import body

    return JsonResponse(body("not_found", _("Not found.")), status=404)
