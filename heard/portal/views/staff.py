"""For the company's team, on the stakeholder page: send a portal link, revoke all links."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceObjectMixin
from heard.portal import services
from heard.stakeholders.models import Stakeholder


class _PortalLinkAction(WorkspaceObjectMixin, View):
    """POST only; editors and above (EDIT): sending and revoking change what a person can
    reach, like editing their record."""

    model = Stakeholder
    permission = permissions.EDIT

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def _back(self):
        url = reverse(
            "stakeholders:stakeholder_detail", args=[self.workspace.slug, self._object.pk]
        )
        return redirect(url + "#portal")


class SendLinkView(_PortalLinkAction):
    """Email the stakeholder a fresh portal link (to their own address only)."""

    def post(self, request, *args, **kwargs):
        try:
            services.send_link(
                workspace=self.workspace, actor=request.user, stakeholder=self._object
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("A portal link was emailed to the stakeholder."))
        return self._back()


class RevokeLinksView(_PortalLinkAction):
    """Make every portal link sent so far stop working, and end open portal sessions."""

    def post(self, request, *args, **kwargs):
        services.revoke_links(
            workspace=self.workspace, actor=request.user, stakeholder=self._object
        )
        messages.success(request, _("All portal links of this stakeholder were revoked."))
        return self._back()
