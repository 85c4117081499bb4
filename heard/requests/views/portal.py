"""The stakeholder's side, in the portal: their own requests, and forms to ask for information
or about their data. Every page works without JavaScript; another stakeholder's request is a
404 (the same answer as a request that does not exist)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heard.core.errors import DomainError
from heard.portal.session import portal_login_required
from heard.requests import queries, services
from heard.requests.models import settings_for
from heard.requests.portal_forms import DataRequestForm, InformationRequestForm

PER_PAGE = 20


def _date(value) -> str:
    return date_format(value, "DATE_FORMAT")


def _status(error: DomainError) -> int:
    return 429 if error.code == "throttled" else 400


def _own_request(stakeholder, pk: int):
    found = queries.requests_of_stakeholder(stakeholder).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@portal_login_required
def request_list(request):
    """The stakeholder's information and data requests, with their status and answers."""
    stakeholder = request.stakeholder
    return render(
        request,
        "requests/portal/list.html",
        {
            "stakeholder": stakeholder,
            # Paged so the page stays small however many requests a stakeholder made.
            "page": Paginator(queries.requests_of_stakeholder(stakeholder), PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "data_requests": queries.data_requests_of_stakeholder(stakeholder)[:PER_PAGE],
            "today": timezone.localdate(),
        },
    )


def _information_form(request, data=None):
    stakeholder = request.stakeholder
    choices = queries.portal_about_choices(stakeholder)
    languages = [link.code for link in stakeholder.language_links.all()]
    current = translation.get_language() or "en"
    return InformationRequestForm(
        data,
        initial={"language": current.split("-")[0]},
        engagements=choices["engagements"],
        policies=choices["policies"],
        languages=languages,
    )


@portal_login_required
def ask_information(request):
    """A reasoned request for information (CSDDD art. 13(2))."""
    stakeholder = request.stakeholder
    form = _information_form(request, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            about = {}
            if target := form.about_target():
                about[target[0]] = queries.portal_about_object(stakeholder, *target)
            try:
                created = services.ask_for_information(
                    workspace=stakeholder.workspace,
                    stakeholder=stakeholder,
                    question=form.cleaned_data["question"],
                    reasons=form.cleaned_data["reasons"],
                    preferred_format=form.cleaned_data["preferred_format"],
                    language=form.cleaned_data["language"],
                    **about,
                )
            except DomainError as error:
                form.add_domain_error(error)
                status = _status(error)
            else:
                messages.success(
                    request,
                    _("We received your request. We will answer by %(date)s.")
                    % {"date": _date(created.due_on)},
                )
                return redirect(reverse("requests_portal:detail", args=[created.pk]))
    return render(
        request,
        "requests/portal/ask.html",
        {"stakeholder": stakeholder, "form": form},
        status=status,
    )


@portal_login_required
def ask_about_data(request):
    """Ask for an export, erasure or correction of one's own data."""
    stakeholder = request.stakeholder
    form = DataRequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                created = services.ask_about_data(
                    workspace=stakeholder.workspace,
                    stakeholder=stakeholder,
                    kind=form.cleaned_data["kind"],
                    details=form.cleaned_data["details"],
                )
            except DomainError as error:
                form.add_domain_error(error)
                status = _status(error)
            else:
                messages.success(
                    request,
                    _("We received your request about your data. We will reply by %(date)s.")
                    % {"date": _date(created.due_on)},
                )
                return redirect(reverse("requests_portal:data"))
    return render(
        request,
        "requests/portal/data_form.html",
        {
            "stakeholder": stakeholder,
            "form": form,
            "data_days": settings_for(stakeholder.workspace).data_days,
            "data_requests": queries.data_requests_of_stakeholder(stakeholder)[:PER_PAGE],
        },
        status=status,
    )


@portal_login_required
def request_detail(request, pk: int):
    """One of the stakeholder's own information requests."""
    stakeholder = request.stakeholder
    return render(
        request,
        "requests/portal/detail.html",
        {
            "stakeholder": stakeholder,
            "info_request": _own_request(stakeholder, pk),
            "today": timezone.localdate(),
        },
    )


@require_POST
@portal_login_required
def withdraw(request, pk: int):
    """Withdraw one's own open request."""
    stakeholder = request.stakeholder
    found = _own_request(stakeholder, pk)
    try:
        services.withdraw_request(
            workspace=stakeholder.workspace, stakeholder=stakeholder, request=found
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect(reverse("requests_portal:detail", args=[pk]))
