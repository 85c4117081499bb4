"""Policy forum pages: list, the checklist page, create/edit, meetings, archive."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.queries import object_history
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.engagements.forms import glossary_text
from heard.engagements.models import Engagement
from heard.policies import queries, services
from heard.policies.forms import ForumForm, MeetingLinkForm, MeetingPlanForm
from heard.policies.models import ForumMeeting, ForumStage, Policy, PolicyForum, PolicyVersion
from heard.policies.views.common import PostOnlyMixin, member_choices, url, user_of


def policy_choices(workspace) -> list[tuple[int, str]]:
    """(id, title) of the workspace's active policies."""
    return list(
        Policy.objects.for_workspace(workspace)
        .active()
        .order_by("title")
        .values_list("pk", "title")
    )


class ForumListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Every forum and where it stands: search, filters, sort, pagination, export."""

    model = PolicyForum
    template_name = "policies/forum_list.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Target") == "results":
            return ["policies/partials/forum_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.forum_list(
            self.workspace, self.request.GET, policy_choices=policy_choices(self.workspace)
        )
        page = self.paginate(found.queryset)
        page.object_list = queries.with_progress(page.object_list)
        context.update(
            nav="forums",
            found=found,
            form=found.form,
            page_obj=page,
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
        )
        return context


class ForumCreateView(WorkspaceMixin, TemplateView):
    """Open a forum on a policy (`?policy=<id>`)."""

    permission = permissions.EDIT
    template_name = "policies/forum_form.html"
    instance: PolicyForum | None = None

    def policy(self) -> Policy | None:
        if self.instance is not None:
            return self.instance.policy
        value = self.request.POST.get("policy") or self.request.GET.get("policy", "")
        if not str(value).isdigit():
            return None
        return Policy.objects.for_workspace(self.workspace).active().filter(pk=int(value)).first()

    def form(self, policy, data=None, initial=None):
        versions = []
        if policy is not None:
            versions = [
                (
                    v.pk,
                    _("Version %(n)d (%(status)s)")
                    % {"n": v.number, "status": v.get_status_display()},
                )
                for v in PolicyVersion.objects.for_workspace(self.workspace)
                .filter(policy=policy)
                .order_by("-number")
            ]
        return ForumForm(
            data, initial=initial, versions=versions, members=member_choices(self.workspace)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            nav="forums",
            object=self.instance,
            policies=policy_choices(self.workspace),
        )
        return context

    def get(self, request, *args, **kwargs):
        policy = self.policy()
        initial = {"owner": request.user.pk}
        if self.instance is not None:
            initial = _forum_initial(self.instance)
        elif policy is not None:
            current = policy.versions.order_by("-number").first()
            initial["version"] = current.pk if current else None
        form = self.form(policy, initial=initial)
        return self.render_to_response(self.get_context_data(form=form, policy=policy))

    def post(self, request, *args, **kwargs):
        policy = self.policy()
        form = self.form(policy, request.POST)
        if form.is_valid() and policy is None:
            form.add_error(None, _("Choose the policy this forum is about."))
        elif form.is_valid():
            data = dict(form.cleaned_data)
            data["owner"] = user_of(self, data["owner"])
            data["version"] = (
                PolicyVersion.objects.for_workspace(self.workspace)
                .filter(pk=data["version"], policy=policy)
                .first()
                if data["version"]
                else None
            )
            try:
                forum = self.save(policy, data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(url(self, "forum_detail", forum.pk))
        context = self.get_context_data(form=form, policy=policy)
        return self.render_to_response(context, status=400)

    def save(self, policy: Policy, data: dict) -> PolicyForum:
        return services.create_forum(
            workspace=self.workspace, actor=self.request.user, policy=policy, **data
        )


def _forum_initial(f: PolicyForum) -> dict:
    return {
        "title": f.title,
        "version": f.version_id,
        "owner": f.owner_id,
        "purpose": f.purpose,
        "glossary": glossary_text(f.glossary),
    }


class ForumEditView(ConflictMixin, ForumCreateView, WorkspaceObjectMixin):
    """Change a forum's title, version, owner, purpose or glossary."""

    model = PolicyForum

    def conflict_form(self):
        return self.form(self.policy(), self.request.POST)

    def conflict_response(self, form, conflict, **context):
        return super().conflict_response(form, conflict, policy=self.policy(), **context)

    def conflict_initial(self, current, form):
        return _forum_initial(current)

    @property
    def instance(self):
        return self._object

    def save(self, policy: Policy, data: dict) -> PolicyForum:
        return services.update_forum(
            workspace=self.workspace,
            actor=self.request.user,
            forum=self._object,
            edit_version=self.submitted_version(),
            **data,
        )


class ForumDetailView(WorkspaceObjectMixin, TemplateView):
    """One forum: the checklist of the three steps, its meetings and its minutes."""

    model = PolicyForum
    template_name = "policies/forum_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("policy", "version", "owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forum = self._object
        checklist = queries.forum_checklist(forum)
        meetings = queries.meetings_of(forum)
        for item in checklist.items:
            item.meetings = [m for m in meetings if item.stage and m.stage == item.stage]
        can_edit = self.can(permissions.EDIT)
        linkable = []
        if can_edit:
            linkable = [(e.pk, e.title) for e in queries.linkable_engagements(forum)[:100]]
        context.update(
            nav="forums",
            object=forum,
            checklist=checklist,
            meetings=meetings,
            stages=ForumStage.choices,
            minutes=queries.minutes_of(forum),
            link_form=MeetingLinkForm(engagements=linkable) if linkable else None,
            plan_form=MeetingPlanForm(
                initial={
                    "stage": (checklist.next_item.stage if checklist.next_item else None)
                    or ForumStage.PRE_CONSULTATION
                }
            )
            if can_edit
            else None,
            timeline=object_history(self.workspace, forum)[:10],
        )
        return context


class ForumArchiveView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Archive or restore a forum (its published minutes leave the transparency centre)."""

    model = PolicyForum
    permission = permissions.ARCHIVE
    restore = False

    def post(self, request, *args, **kwargs):
        services.set_archived(
            workspace=self.workspace,
            actor=request.user,
            obj=self._object,
            archived=not self.restore,
        )
        messages.success(request, _("Restored.") if self.restore else _("Archived."))
        return redirect(url(self, "forum_detail", self._object.pk))


class MeetingLinkView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Attach an existing engagement to a step of the forum."""

    model = PolicyForum
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        forum = self._object
        stage = request.POST.get("stage", "")
        value = request.POST.get("engagement", "")
        engagement = (
            Engagement.objects.for_workspace(self.workspace).filter(pk=int(value)).first()
            if value.isdigit()
            else None
        )
        try:
            if engagement is None:
                raise DomainError(_("Choose an engagement of this workspace."), field="engagement")
            services.link_meeting(
                workspace=self.workspace,
                actor=request.user,
                forum=forum,
                engagement=engagement,
                stage=stage,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Meeting added to the forum."))
        return redirect(url(self, "forum_detail", forum.pk) + "#meetings")


class MeetingPlanView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Plan a new engagement for a step of the forum, and open it to add sessions."""

    model = PolicyForum
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        forum = self._object
        form = MeetingPlanForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the forum step this meeting is for."))
            return redirect(url(self, "forum_detail", forum.pk) + "#meetings")
        try:
            meeting = services.plan_meeting(
                workspace=self.workspace, actor=request.user, forum=forum, **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(url(self, "forum_detail", forum.pk) + "#meetings")
        messages.success(
            request,
            _(
                "Meeting planned. Add its sessions and participants here; the forum's checklist "
                "follows it."
            ),
        )
        return redirect(meeting.engagement.get_absolute_url())


class MeetingUnlinkView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Detach a meeting from the forum (the engagement itself stays)."""

    model = ForumMeeting
    parent_models = {"forum_pk": PolicyForum}
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        forum = self.parents["forum_pk"]
        if self._object.forum_id == forum.pk:
            services.unlink_meeting(
                workspace=self.workspace, actor=request.user, meeting=self._object
            )
            messages.success(request, _("Meeting removed from the forum."))
        return redirect(url(self, "forum_detail", forum.pk) + "#meetings")
