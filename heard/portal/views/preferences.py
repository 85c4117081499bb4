"""Preferences, consent and invitations."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heard.core.errors import DomainError
from heard.portal import services
from heard.portal.forms import PreferencesForm
from heard.portal.links import access_for
from heard.portal.preferences import portal_language
from heard.portal.services.preferences import INVITATIONS, has_declined_invitations
from heard.portal.session import portal_login_required
from heard.stakeholders.models import Consent, ConsentPurpose, Topic

# Purposes a stakeholder manages themselves; taking part is managed as "invitations".
SELF_SERVICE_PURPOSES = [p for p in ConsentPurpose if p != INVITATIONS]


def _consent_rows(stakeholder) -> list[dict]:
    valid = set(
        Consent.objects.for_workspace(stakeholder.workspace_id)
        .valid()
        .filter(stakeholder=stakeholder)
        .values_list("purpose", flat=True)
    )
    return [
        {"purpose": p.value, "label": p.label, "is_given": p.value in valid}
        for p in SELF_SERVICE_PURPOSES
    ]


def _form(stakeholder, data=None) -> PreferencesForm:
    access = access_for(stakeholder)
    initial = {
        "language": portal_language(stakeholder),
        "contact_channel": access.contact_channel,
        "topics": list(stakeholder.topics.all()),
    }
    topics = Topic.objects.for_workspace(stakeholder.workspace_id).order_by("name")
    return PreferencesForm(data, initial=initial, topics=topics)


@portal_login_required
def preferences(request):
    """Language, contact channel, topics; consent; invitations."""
    stakeholder = request.stakeholder
    form = _form(stakeholder, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_preferences(stakeholder=stakeholder, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Your preferences were saved."))
            response = redirect("portal:preferences")
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                form.cleaned_data["language"],
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
            return response
    context = {
        "stakeholder": stakeholder,
        "form": form,
        "consents": _consent_rows(stakeholder),
        "has_declined_invitations": has_declined_invitations(stakeholder),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/preferences.html", context, status=status)


@require_POST
@portal_login_required
def consent(request):
    """Give or withdraw one consent."""
    stakeholder = request.stakeholder
    purpose = request.POST.get("purpose", "")
    if purpose not in {p.value for p in SELF_SERVICE_PURPOSES}:
        messages.error(request, _("Choose what you consent to."))
        return redirect("portal:preferences")
    if request.POST.get("action") == "withdraw":
        services.withdraw_consent(stakeholder=stakeholder, purpose=purpose)
        messages.success(request, _("Your consent was withdrawn. This is recorded."))
    else:
        services.give_consent(stakeholder=stakeholder, purpose=purpose)
        messages.success(request, _("Thank you: your consent was recorded."))
    return redirect(reverse("portal:preferences") + "#consent")


@require_POST
@portal_login_required
def invitations(request):
    """Decline future invitations, or accept them again."""
    stakeholder = request.stakeholder
    if request.POST.get("action") == "resume":
        services.resume_invitations(stakeholder=stakeholder)
        messages.success(request, _("We may invite you to engagements again."))
    else:
        services.decline_invitations(stakeholder=stakeholder)
        messages.success(request, _("We will not invite you to future engagements."))
    return redirect(reverse("portal:preferences") + "#invitations")
