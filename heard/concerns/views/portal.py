"""The portal's concern channel: a signed-in stakeholder's own concerns, and a form to raise
one in their name or anonymously. Another stakeholder's concern is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from heard.concerns import queries, services
from heard.concerns.forms import FeedbackForm, PortalConcernForm
from heard.concerns.models import ConcernChannel
from heard.concerns.references import normalise_reference
from heard.concerns.services.common import PORTAL_ACTOR
from heard.concerns.views.person import status_context
from heard.core.errors import DomainError
from heard.portal.session import portal_login_required

PER_PAGE = 25


def _context(request, **extra) -> dict:
    stakeholder = request.stakeholder
    return {
        "stakeholder": stakeholder,
        "channel": services.channel_settings(stakeholder.workspace),
        **extra,
    }


@portal_login_required
def concern_list(request):
    """The stakeholder's concerns, newest first, and the way to raise a new one."""
    page = Paginator(queries.stakeholder_concerns(request.stakeholder), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "concerns/portal/list.html", _context(request, concerns=page, page_obj=page)
    )


@portal_login_required
@require_http_methods(["GET", "POST"])
def concern_new(request):
    """Raise a concern through the portal."""
    stakeholder = request.stakeholder
    if request.method == "GET":
        form = PortalConcernForm(initial={"language": get_language()})
        return render(request, "concerns/portal/new.html", _context(request, form=form))
    form = PortalConcernForm(request.POST)
    if form.is_valid() and not form.is_bot:
        data = form.cleaned_data
        anonymous = data["is_anonymous"]
        try:
            concern = services.raise_concern(
                workspace=stakeholder.workspace,
                actor=PORTAL_ACTOR,
                description=data["description"],
                channel=ConcernChannel.PORTAL,
                product_named=data["product_named"],
                is_anonymous=anonymous,
                stakeholder=None if anonymous else stakeholder,
                language=data["language"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            if anonymous:
                messages.success(
                    request,
                    _(
                        "Your concern was received. Your reference code is %(code)s: keep it, "
                        "it is the only way to follow an anonymous concern."
                    )
                    % {"code": concern.reference_display},
                )
                return redirect("concerns_portal:list")
            messages.success(
                request,
                _("Your concern was received. Its reference code is %(code)s.")
                % {"code": concern.reference_display},
            )
            return redirect("concerns_portal:detail", reference=concern.reference)
    return render(request, "concerns/portal/new.html", _context(request, form=form), status=400)


def _own_concern(request, reference: str):
    code = normalise_reference(reference)
    concern = queries.concern_by_reference(request.stakeholder.workspace, code)
    if concern is None or concern.stakeholder_id != request.stakeholder.pk:
        raise Http404
    return concern


@portal_login_required
@require_http_methods(["GET", "POST"])
def concern_detail(request, reference: str):
    """One of the stakeholder's concerns: the steps, messages, outcome and remedy; and, once
    decided, "was this fair?"."""
    concern = _own_concern(request, reference)
    form = FeedbackForm(request.POST or None)
    thanks = False
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_feedback(
                    workspace=concern.workspace,
                    actor=PORTAL_ACTOR,
                    concern=concern,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as error:
                form.add_domain_error(error)
                status = 400
            else:
                concern, thanks = _own_concern(request, reference), True
        else:
            status = 400
    return render(
        request,
        "concerns/portal/detail.html",
        _context(
            request,
            feedback_form=None if thanks else form,
            feedback_thanks=thanks,
            **status_context(concern),
        ),
        status=status,
    )
