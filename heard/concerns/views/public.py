"""The public concern channel: a form anyone can use without an account, a page with the
reference code, and the status page where the code shows where the concern stands.

No `workspace_slug` here (that one means "members only"): the workspace comes from
`public_slug`, and only while its channel is open; otherwise every page is a 404."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from heard.concerns import queries, services
from heard.concerns.forms import FeedbackForm, RaiseConcernForm, StatusLookupForm
from heard.concerns.models import ConcernChannel
from heard.concerns.references import normalise_reference
from heard.concerns.services.common import PUBLIC_FORM_ACTOR
from heard.concerns.throttle import is_throttled
from heard.concerns.views.person import status_context
from heard.core.errors import DomainError

SUBMITTED_KEY = "heard_concern_submitted"


def _channel(public_slug: str):
    channel = queries.channel_for_public_slug(public_slug)
    if channel is None:
        raise Http404
    return channel


def _context(channel, **extra) -> dict:
    return {"channel": channel, "workspace_name": channel.workspace.name, **extra}


@require_http_methods(["GET", "POST"])
def raise_concern(request, public_slug: str):
    """The form: plain-language explanation, then what happened and (optionally) who you are."""
    channel = _channel(public_slug)
    if request.method == "GET":
        form = RaiseConcernForm(initial={"language": get_language()})
        return render(request, "concerns/public/new.html", _context(channel, form=form))
    if is_throttled(request, "raise"):
        return render(request, "concerns/public/throttled.html", _context(channel), status=429)
    form = RaiseConcernForm(request.POST)
    if form.is_bot:
        # Say nothing useful to a bot; write nothing.
        form.is_valid()
        form.add_error(None, _("Your concern could not be accepted. Please try again."))
        return render(request, "concerns/public/new.html", _context(channel, form=form), status=400)
    if form.is_valid():
        data = form.cleaned_data
        try:
            concern = services.raise_concern(
                workspace=channel.workspace,
                actor=PUBLIC_FORM_ACTOR,
                description=data["description"],
                channel=ConcernChannel.PUBLIC_FORM,
                product_named=data["product_named"],
                is_anonymous=data["is_anonymous"],
                contact_name="" if data["is_anonymous"] else data["contact_name"],
                contact_email=data["contact_email"],
                language=data["language"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            request.session[SUBMITTED_KEY] = {"slug": public_slug, "reference": concern.reference}
            return redirect("concerns_public:submitted", public_slug=public_slug)
    return render(request, "concerns/public/new.html", _context(channel, form=form), status=400)


def submitted(request, public_slug: str):
    """The reference code, once, right after submitting (kept in the session, not the URL)."""
    channel = _channel(public_slug)
    found = request.session.get(SUBMITTED_KEY) or {}
    if found.get("slug") != public_slug:
        return redirect("concerns_public:status", public_slug=public_slug)
    concern = queries.concern_by_reference(channel.workspace, found["reference"])
    if concern is None:
        return redirect("concerns_public:status", public_slug=public_slug)
    return render(request, "concerns/public/submitted.html", _context(channel, concern=concern))


def _lookup(channel, reference_text: str):
    """The concern for a typed code, or None (malformed codes never reach the database)."""
    return queries.concern_by_reference(channel.workspace, normalise_reference(reference_text))


@require_http_methods(["GET", "POST"])
def status(request, public_slug: str):
    """Ask for the code (POST, so it stays out of addresses and logs) and show the status."""
    channel = _channel(public_slug)
    if request.method == "GET":
        return render(
            request,
            "concerns/public/status.html",
            _context(channel, lookup_form=StatusLookupForm()),
        )
    if is_throttled(request, "lookup"):
        return render(request, "concerns/public/throttled.html", _context(channel), status=429)
    form = StatusLookupForm(request.POST)
    concern = _lookup(channel, request.POST.get("reference", "")) if form.is_valid() else None
    if concern is None:
        if form.is_valid():
            # The same words whether the code is malformed, unknown or another company's.
            form.add_error(
                "reference",
                _(
                    "We found no concern with this code here. Check the code (ten letters and "
                    "digits) and try again."
                ),
            )
        return render(
            request, "concerns/public/status.html", _context(channel, lookup_form=form), status=404
        )
    return render(
        request,
        "concerns/public/status.html",
        _context(
            channel,
            lookup_form=StatusLookupForm(initial={"reference": concern.reference_display}),
            feedback_form=FeedbackForm(),
            **status_context(concern),
        ),
    )


@require_http_methods(["POST"])
def feedback(request, public_slug: str):
    """The person's answer to "was this fair?" (the code proves it is theirs)."""
    channel = _channel(public_slug)
    if is_throttled(request, "lookup"):
        return render(request, "concerns/public/throttled.html", _context(channel), status=429)
    concern = _lookup(channel, request.POST.get("reference", ""))
    if concern is None:
        raise Http404
    form = FeedbackForm(request.POST)
    status_code = 400
    if form.is_valid():
        try:
            services.record_feedback(
                workspace=channel.workspace,
                actor=PUBLIC_FORM_ACTOR,
                concern=concern,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            concern = queries.concern_by_reference(channel.workspace, concern.reference)
            form, status_code = None, 200
    return render(
        request,
        "concerns/public/status.html",
        _context(
            channel,
            lookup_form=StatusLookupForm(initial={"reference": concern.reference_display}),
            feedback_form=form,
            feedback_thanks=form is None,
            **status_context(concern),
        ),
        status=status_code,
    )
