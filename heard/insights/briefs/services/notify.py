"""Telling the requester that their request was answered (with the brief's link) or declined."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from heard.insights.briefs.models import InsightRequest


def brief_url(request: InsightRequest) -> str:
    """The absolute address of the request's brief."""
    path = reverse("briefs:brief", args=[request.workspace.slug, request.pk])
    return settings.HEARD_BASE_URL.rstrip("/") + path


def tell_requester(request: InsightRequest, template: str) -> bool:
    """Queue `briefs/email/<template>.txt` to the requester, sent once the transaction
    commits, in their language. Returns whether there was someone to tell."""
    user = request.requester
    if user is None or not user.email or not user.is_active:
        return False
    context = {
        "user": user,
        "request": request,
        "workspace": request.workspace,
        "brief_url": brief_url(request),
        "request_url": settings.HEARD_BASE_URL.rstrip("/") + request.get_absolute_url(),
    }
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"briefs/email/{template}_subject.txt", context)
        body = render_to_string(f"briefs/email/{template}.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, None, [user.email])
    transaction.on_commit(message.send, robust=True)
    return True
