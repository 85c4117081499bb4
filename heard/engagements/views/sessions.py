"""Session pages: add and change (on the session's own clock), cancel, .ics download, and
scheduling across the invitees' time zones."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.views.base import WorkspaceObjectMixin
from heard.engagements import calendars, queries, scheduling
from heard.engagements.forms import DraftTimeForm, SessionForm, session_initial
from heard.engagements.models import Engagement, Session
from heard.engagements.services import sessions as services
from heard.engagements.views.common import PostOnlyMixin, detail_url
from heard.stakeholders.vocab import available_time_zones, time_zone_choices


class SessionCreateView(WorkspaceObjectMixin, TemplateView):
    """Add a session to an engagement."""

    model = Engagement
    permission = permissions.EDIT
    template_name = "engagements/session_form.html"

    def engagement(self) -> Engagement:
        return self._object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            nav="engagements", engagement=self.engagement(), time_zones=time_zone_choices()
        )
        return context

    def initial(self) -> dict:
        last = queries.sessions_of(self._object).order_by("-starts_at").first()
        zone = last.time_zone if last else self.workspace.time_zone
        return {"time_zone": zone, "remote_url": last.remote_url if last else ""}

    def get(self, request, *args, **kwargs):
        initial = self.initial()
        for name in ("date", "start_time", "end_time", "time_zone"):
            if request.GET.get(name):
                initial[name] = request.GET[name]
        return self.render_to_response(self.get_context_data(form=SessionForm(initial=initial)))

    def save(self, data: dict) -> Session:
        return services.add_session(
            workspace=self.workspace, actor=self.request.user, engagement=self._object, **data
        )

    def post(self, request, *args, **kwargs):
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                self.save(form.service_fields())
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Session saved."))
                return redirect(detail_url(self, self.engagement().pk, "sessions"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SessionEditView(ConflictMixin, SessionCreateView):
    """Change a session; invitees get the update with a higher calendar SEQUENCE."""

    model = Session

    def engagement(self) -> Engagement:
        return self._object.engagement

    def initial(self) -> dict:
        return session_initial(self._object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session"] = self._object
        return context

    def conflict_form(self):
        return SessionForm(self.request.POST)

    def conflict_initial(self, current, form):
        return session_initial(current)

    def save(self, data: dict) -> Session:
        return services.update_session(
            workspace=self.workspace,
            actor=self.request.user,
            session=self._object,
            version=self.submitted_version(),
            **data,
        )


class SessionCancelView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Cancel a session; invitees get a METHOD:CANCEL calendar."""

    model = Session
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        session = self._object
        try:
            services.cancel_session(workspace=self.workspace, actor=request.user, session=session)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Session cancelled; invitees were sent a cancellation."))
        return redirect(detail_url(self, session.engagement_id, "sessions"))


class SessionCalendarView(WorkspaceObjectMixin, TemplateView):
    """The session as an .ics file (a cancelled one downloads as METHOD:CANCEL)."""

    model = Session

    def get(self, request, *args, **kwargs):
        session = self._object
        method = calendars.Method.CANCEL if session.is_cancelled else calendars.Method.PUBLISH
        body = calendars.calendar_for([session], method=method)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{calendars.filename_for(session)}"'
        )
        return response


class SchedulingView(WorkspaceObjectMixin, TemplateView):
    """For a draft time: every invitee's local time, flagged outside 08:00–20:00; and up to
    three times that together suit everyone."""

    model = Engagement
    template_name = "engagements/scheduling.html"

    def draft(self):
        params = self.request.GET
        if not params.get("date"):
            last = queries.sessions_of(self._object).filter(cancelled_at__isnull=True).first()
            if last is not None:
                start = last.local_starts_at
                params = {
                    "date": start.date().isoformat(),
                    "start_time": start.strftime("%H:%M"),
                    "duration": int((last.ends_at - last.starts_at).total_seconds() // 60),
                    "time_zone": last.time_zone,
                }
            else:
                params = {
                    "start_time": "10:00",
                    "duration": 90,
                    "time_zone": self.workspace.time_zone,
                }
        return DraftTimeForm(params)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engagement = self._object
        form = self.draft()
        invitees, unknown = [], []
        for participation in queries.participations_of(engagement):
            stakeholder = participation.stakeholder
            label = stakeholder.display_name_for(self.membership)
            if stakeholder.time_zone in available_time_zones():
                invitees.append(((participation.pk, label), stakeholder.time_zone))
            else:
                unknown.append(label)
        rows, proposal, start = [], None, None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            zone = ZoneInfo(data["time_zone"])
            local = datetime.datetime.combine(data["date"], data["start_time"])
            start = local.replace(tzinfo=zone)
            duration = datetime.timedelta(minutes=data["duration"])
            rows = scheduling.local_times(start, duration, invitees)
            zones = [z for _key, z in invitees]
            proposal = scheduling.propose_sessions(zones, duration, data["date"])
            proposal_rows = [
                {
                    "start": s,
                    "local": s.astimezone(zone),
                    "end_local": (s + duration).astimezone(zone),
                    "zones": zs,
                    "people": sum(1 for _k, z in invitees if z in zs),
                }
                for s, zs in zip(proposal.starts, proposal.zones_per_start, strict=True)
            ]
            context.update(proposal_rows=proposal_rows, duration=duration, draft_zone=zone)
        context.update(
            nav="engagements",
            engagement=engagement,
            form=form,
            rows=rows,
            outside=sum(1 for r in rows if not r.is_inside_hours),
            proposal=proposal,
            unknown_zone=unknown,
            start=start,
            time_zones=time_zone_choices(),
        )
        return context
