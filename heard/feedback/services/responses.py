"""Telling stakeholders what was done with their input: one response per stakeholder and
engagement (sent by email or recorded as given in a call or meeting), and the engagement's
published "what we heard, what we did" summary for inputs nobody can be told about in person.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import User, Workspace
from heard.engagements.models import Engagement
from heard.feedback.attribution import needs_summary
from heard.feedback.models import (
    Decision,
    EngagementSummary,
    Input,
    Response,
    ResponseChannel,
)
from heard.feedback.portal import PORTAL_LINK_MARKER, with_portal_link
from heard.feedback.services.common import check_same_workspace, validate
from heard.feedback.services.loops import audit_loop_changes, refresh_loops
from heard.stakeholders import consent as consent_gate
from heard.stakeholders.models import Stakeholder

MAX_BODY = 20_000


@cache
def template_languages() -> list[str]:
    """Languages the response message is translated into: the default, and each interface
    language whose catalogue translates it (others would come out in English)."""
    probe = "What we did with your input"
    codes = [settings.LANGUAGE_CODE]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if code not in codes and translation.gettext(probe) != probe:
                codes.append(code)
    return codes


def response_language(stakeholder: Stakeholder, inputs=()) -> str:
    """The stakeholder's first language that has a template, else the language their inputs
    were given in, else the site's default."""
    available = template_languages()
    codes = [link.code for link in stakeholder.language_links.all()]
    codes += [i.language for i in inputs if i.language]
    return next((c for c in codes if c in available), settings.LANGUAGE_CODE)


def has_contact_consent(stakeholder: Stakeholder) -> bool:
    """Whether `stakeholder` holds a valid consent to be contacted, now (the one gate)."""
    return consent_gate.has_contact_consent(stakeholder)


def inputs_to_answer(
    workspace: Workspace, stakeholder: Stakeholder, engagement: Engagement | None
) -> QuerySet[Input]:
    """The stakeholder's inputs from the engagement a response covers (active, not merged),
    with their current decision and commitments."""
    from heard.feedback.models import Commitment

    return (
        Input.objects.for_workspace(workspace)
        .active()
        .filter(stakeholder=stakeholder, engagement=engagement, merged_into__isnull=True)
        .select_related("engagement")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.filter(is_current=True),
                to_attr="current_decisions",
            ),
            Prefetch("commitments", queryset=Commitment.objects.active().order_by("due_on")),
        )
        .order_by("created_at", "pk")
    )


@dataclass
class Draft:
    """A composed response the user reviews before sending."""

    subject: str
    body: str
    language: str
    inputs: list[Input]
    undecided: list[Input] = field(default_factory=list)


def compose_response(
    *,
    workspace: Workspace,
    stakeholder: Stakeholder,
    engagement: Engagement | None,
    language: str | None = None,
) -> Draft:
    """The message covering all the stakeholder's inputs from the engagement, written from
    the current decisions in their language (where a translation exists)."""
    check_same_workspace(workspace, stakeholder, engagement)
    inputs = list(inputs_to_answer(workspace, stakeholder, engagement))
    language = language if language in template_languages() else None
    language = language or response_language(stakeholder, inputs)
    items = [
        {
            "text": i.text,
            "decision": i.current_decisions[0] if i.current_decisions else None,
            "commitments": list(i.commitments.all()),
        }
        for i in inputs
    ]
    context = {
        "stakeholder_name": stakeholder.name,
        "workspace_name": workspace.name,
        "engagement": engagement,
        "items": items,
        "portal_url": PORTAL_LINK_MARKER,
    }
    with translation.override(language):
        subject = render_to_string("feedback/email/response_subject.txt", context)
        body = render_to_string("feedback/email/response.txt", context)
    return Draft(
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        language=language,
        inputs=inputs,
        undecided=[i for i in inputs if not i.current_decisions],
    )


def _check_can_email(stakeholder: Stakeholder) -> None:
    if not stakeholder.email:
        raise DomainError(
            _(
                "%(name)s has no email address: record the response as given in a call or "
                "meeting instead."
            )
            % {"name": stakeholder},
            field="channel",
            code="no_email",
        )
    if not has_contact_consent(stakeholder):
        raise DomainError(
            _(
                "%(name)s has no valid consent to be contacted (never given, expired or "
                "withdrawn): nothing was sent. Record their consent first, or tell them in a "
                "way they agreed to and record that."
            )
            % {"name": stakeholder},
            field="channel",
            code="no_consent",
        )


@transaction.atomic
def send_response(
    *,
    workspace: Workspace,
    actor: User | None,
    stakeholder: Stakeholder,
    engagement: Engagement | None,
    channel: str,
    body: str,
    subject: str = "",
    language: str = "",
    sent_at: datetime.datetime | None = None,
) -> Response:
    """Send (email) or record (portal, call, meeting) the response covering all the
    stakeholder's inputs from the engagement; their loops close. Every input must have a
    decision first; emails need a valid consent to contact."""
    check_same_workspace(workspace, stakeholder, engagement)
    if channel not in ResponseChannel.values:
        raise DomainError(_("Choose how the stakeholder was told."), field="channel")
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write the message."), field="body")
    if len(body) > MAX_BODY:
        raise DomainError(
            _("The message can be at most %(max)d characters.") % {"max": MAX_BODY}, field="body"
        )
    inputs = list(inputs_to_answer(workspace, stakeholder, engagement))
    if not inputs:
        raise DomainError(_("This stakeholder has no inputs from this engagement to answer."))
    if undecided := [i for i in inputs if not i.current_decisions]:
        raise DomainError(
            _("Decide on every input before responding: %(n)d without a decision.")
            % {"n": len(undecided)},
            code="undecided",
        )
    if channel == ResponseChannel.EMAIL:
        _check_can_email(stakeholder)
    now = timezone.now()
    sent_at = sent_at or now
    if sent_at > now + datetime.timedelta(minutes=5):
        raise DomainError(_("A response cannot be dated in the future."), field="sent_at")
    response = Response(
        workspace=workspace,
        stakeholder=stakeholder,
        engagement=engagement,
        channel=channel,
        subject=(subject or "").strip()[:200],
        body=body,
        language=language or response_language(stakeholder, inputs),
        sent_at=sent_at,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    validate(response)
    response.save()
    response.inputs.set(inputs)
    audit.record_create(workspace=workspace, actor=actor, obj=response)
    audit_loop_changes(workspace, actor, refresh_loops(workspace, inputs))
    if channel == ResponseChannel.EMAIL:
        message = EmailMessage(
            response.subject or _("What we did with your input"),
            with_portal_link(body, stakeholder, engagement=engagement),
            None,
            [stakeholder.email],
        )
        # Not robust: if the mail server refuses, the user must see it was not sent.
        transaction.on_commit(message.send)
    return response


# --- engagement summaries


def summary_of(workspace: Workspace, engagement: Engagement) -> EngagementSummary | None:
    """The engagement's "what we heard, what we did" summary, if written."""
    return EngagementSummary.objects.for_workspace(workspace).filter(engagement=engagement).first()


@transaction.atomic
def save_summary(
    *,
    workspace: Workspace,
    actor: User | None,
    engagement: Engagement,
    what_we_heard: str,
    what_we_did: str,
    publish: bool = False,
    version: str | None = None,
) -> EngagementSummary:
    """Write (or rewrite) the summary; publishing it closes the loops of the engagement's
    anonymous and Chatham House inputs that have a decision. A stale `version` (NEW_VERSION:
    the editor saw no summary yet) raises EditConflict."""
    check_same_workspace(workspace, engagement)
    summary = summary_of(workspace, engagement)
    if summary is not None:
        summary = check_version(EngagementSummary, summary.pk, version) or summary
    before = audit.snapshot(summary) if summary else None
    summary = summary or EngagementSummary(workspace=workspace, engagement=engagement)
    summary.what_we_heard = (what_we_heard or "").strip()
    summary.what_we_did = (what_we_did or "").strip()
    if publish:
        summary.published_at = timezone.now()
        summary.published_by = actor if getattr(actor, "pk", None) else None
    validate(summary, exclude=("workspace", "engagement"))
    summary.save()
    if before is None:
        audit.record_create(workspace=workspace, actor=actor, obj=summary)
    else:
        audit.record_update(workspace=workspace, actor=actor, obj=summary, before=before)
    if publish:
        candidates = (
            Input.objects.for_workspace(workspace)
            .filter(engagement=engagement, merged_into__isnull=True)
            .select_related("engagement")
        )
        ids = [i.pk for i in candidates.iterator(chunk_size=2000) if needs_summary(i)]
        audit_loop_changes(workspace, actor, refresh_loops(workspace, ids))
    return summary
