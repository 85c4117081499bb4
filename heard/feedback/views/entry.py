"""Fast entry during or after a session: a keyboard-first page that records many inputs in a
row without reloading (HTMX, and a plain form without JavaScript), and pasted minutes split
into inputs, previewed, edited and saved in one transaction."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceObjectMixin
from heard.engagements.models import AttributionRule, Engagement, Session
from heard.feedback import queries, services
from heard.feedback.forms import MinutesForm, QuickInputForm
from heard.feedback.minutes import Piece, split_minutes
from heard.feedback.models import InputKind, InputSource
from heard.feedback.views.common import session_choices
from heard.stakeholders.models import Stakeholder

RECENT = 50


class EntryMixin(WorkspaceObjectMixin):
    """An engagement's entry pages: who may be attributed, its sessions."""

    parent_models = {"engagement_pk": Engagement}
    permission = permissions.CONTRIBUTE

    @property
    def engagement(self) -> Engagement:
        return self.parents["engagement_pk"]

    @property
    def allows_speakers(self) -> bool:
        return self.engagement.attribution_rule != AttributionRule.ANONYMOUS

    def speakers(self) -> list[tuple[int, str]]:
        if not self.allows_speakers:
            return []
        if not hasattr(self, "_speakers"):
            self._speakers = [
                (p.stakeholder_id, p.stakeholder.display_name_for(self.membership))
                for p in queries.entry_participants(self.engagement)
            ]
        return self._speakers

    def sessions(self) -> list[tuple[int, str]]:
        if not hasattr(self, "_sessions"):
            self._sessions = session_choices(self.engagement)
        return self._sessions

    def stakeholder(self, pk) -> Stakeholder | None:
        if not pk:
            return None
        return Stakeholder.objects.for_workspace(self.workspace).filter(pk=pk).first()

    def session(self, pk) -> Session | None:
        if not pk:
            return None
        return (
            Session.objects.for_workspace(self.workspace)
            .filter(pk=pk, engagement=self.engagement)
            .first()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="inputs", engagement=self.engagement, object=self.engagement)
        return context


class EntryView(EntryMixin, TemplateView):
    """Type, pick the kind and who said it, press Enter: saved, the list grows, the text box
    is ready for the next one."""

    template_name = "feedback/entry.html"

    def form(self, data=None, initial=None):
        return QuickInputForm(
            data,
            initial=initial,
            speakers=self.speakers(),
            sessions=self.sessions(),
            allow_speakers=self.allows_speakers,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form(initial={"kind": InputKind.CONCERN}))
        context.update(
            recent=list(queries.engagement_inputs(self.engagement)[:RECENT]),
            counts=queries.engagement_loop_counts(self.engagement),
            kinds=InputKind.choices,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        saved = None
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.record_input(
                    workspace=self.workspace,
                    actor=request.user,
                    text=data["text"],
                    kind=data["kind"],
                    engagement=self.engagement,
                    session=self.session(data.get("session")),
                    stakeholder=self.stakeholder(data.get("stakeholder")),
                    is_anonymous=data.get("is_anonymous", False),
                    language=data.get("language", ""),
                    source=InputSource.SESSION,
                )
            except DomainError as error:
                form.add_domain_error(error)
        if not request.htmx:
            if saved is None:
                return self.render_to_response(self.get_context_data(form=form), status=400)
            messages.success(request, _("Input saved."))
            return redirect(request.path)
        if saved is not None:
            # Kind and session carry over to the next input; text and speaker start empty.
            form = self.form(
                initial={"kind": saved.kind, "session": saved.session_id or ""},
            )
        # Only what the partial shows: the form, the saved input and the new count.
        context = {"form": form, "saved": saved, "engagement": self.engagement}
        if saved is not None:
            context["counts"] = {"total": queries.engagement_inputs(self.engagement).count()}
        # htmx swaps only 2xx answers: errors come back as 200 with the messages in the form.
        return self.response_class(
            request=request,
            template=["feedback/partials/entry_answer.html"],
            context=context,
        )


class MinutesView(EntryMixin, TemplateView):
    """Paste minutes, preview them split into inputs, edit, then save all or nothing."""

    template_name = "feedback/minutes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault(
            "form",
            MinutesForm(
                initial={"kind": InputKind.CONCERN}, sessions=session_choices(self.engagement)
            ),
        )
        context.update(speakers=self.speakers(), kinds=InputKind.choices)
        return context

    def post(self, request, *args, **kwargs):
        form = MinutesForm(request.POST, sessions=session_choices(self.engagement))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if request.POST.get("action") == "save":
            return self.save(form)
        speakers = dict(self.speakers())
        pieces = split_minutes(form.cleaned_data["minutes"], speakers)
        for piece in pieces:
            piece.kind = form.cleaned_data["kind"]
        if not pieces:
            form.add_error("minutes", _("There is nothing to split: the minutes are empty."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return self.render_to_response(self.get_context_data(form=form, pieces=pieces))

    def posted_pieces(self) -> list[Piece]:
        """The previewed pieces as edited, in order (unchecked ones kept, not included)."""
        post = self.request.POST
        try:
            count = int(post.get("piece_count", "0") or 0)
        except ValueError:
            count = 0
        pieces = []
        for n in range(min(count, services.inputs.MAX_PIECES + 1)):
            kind = post.get(f"piece-{n}-kind", InputKind.CONCERN)
            stakeholder = post.get(f"piece-{n}-stakeholder", "")
            pieces.append(
                Piece(
                    text=post.get(f"piece-{n}-text", ""),
                    stakeholder_id=int(stakeholder) if stakeholder.isdigit() else None,
                    kind=kind if kind in InputKind.values else InputKind.CONCERN,
                    include=bool(post.get(f"piece-{n}-include")),
                )
            )
        return pieces

    def save(self, form):
        pieces = self.posted_pieces()
        speakers = dict(self.speakers())
        try:
            rows = services.record_inputs(
                workspace=self.workspace,
                actor=self.request.user,
                pieces=[
                    {
                        "text": p.text,
                        "kind": p.kind,
                        "stakeholder": self.stakeholder(p.stakeholder_id)
                        if p.stakeholder_id in speakers
                        else None,
                    }
                    for p in pieces
                    if p.include
                ],
                engagement=self.engagement,
                session=self.session(form.cleaned_data.get("session")),
                source=InputSource.MINUTES,
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.render_to_response(
                self.get_context_data(form=form, pieces=pieces), status=400
            )
        messages.success(self.request, _("%(n)d inputs saved from the minutes.") % {"n": len(rows)})
        return redirect(reverse("feedback:entry", args=[self.workspace.slug, self.engagement.pk]))
