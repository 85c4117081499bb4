"""Giving input to an open consultation: an engagement or a policy in consultation."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from heard.core.errors import DomainError
from heard.engagements.models import AttributionRule
from heard.portal import queries, services
from heard.portal.forms import InputForm
from heard.portal.session import portal_login_required


def _give(request, *, subject, submit, done_url, context):
    form = InputForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                submit(
                    stakeholder=request.stakeholder,
                    text=form.cleaned_data["text"],
                    kind=form.cleaned_data["kind"],
                    **subject,
                )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Thank you: your input was recorded."))
            return redirect(done_url)
    status = 400 if request.method == "POST" else 200
    context = {"stakeholder": request.stakeholder, "form": form, **context}
    return render(request, "portal/give_input.html", context, status=status)


@portal_login_required
def engagement_input(request, pk: int):
    """Write input to an engagement that still takes it."""
    engagement = queries.engagement_for(request.stakeholder, pk)
    if not queries.open_engagements(request.stakeholder).filter(pk=pk).exists():
        messages.error(request, _("This engagement no longer takes input."))
        return redirect("portal:engagement", pk=pk)
    return _give(
        request,
        subject={"engagement": engagement},
        submit=services.submit_engagement_input,
        done_url=reverse("portal:engagement", args=[engagement.pk]) + "#my-input"
        if engagement.attribution_rule != AttributionRule.ANONYMOUS
        else reverse("portal:home"),
        context={
            "title": engagement.title,
            "engagement": engagement,
            "is_anonymous": engagement.attribution_rule == AttributionRule.ANONYMOUS,
            "is_chatham_house": engagement.attribution_rule == AttributionRule.CHATHAM_HOUSE,
        },
    )


@portal_login_required
def policy_input(request, pk: int):
    """Write input on a policy in consultation."""
    policy = queries.policy_for(request.stakeholder, pk)
    return _give(
        request,
        subject={"policy": policy},
        submit=services.submit_policy_input,
        done_url=reverse("portal:other_inputs"),
        context={"title": policy.title, "policy": policy},
    )
