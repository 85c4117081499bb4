"""Policy pages: list, detail, create/edit, versions, reopening, diffs, archive."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.queries import object_history
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.policies import queries, services
from heard.policies.diffing import diff_texts
from heard.policies.forms import PolicyForm, ReopenForm, VersionForm
from heard.policies.models import Policy, PolicyVersion, VersionStatus
from heard.policies.views.common import PostOnlyMixin, member_choices, url, user_of


class PolicyListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Policies: search, filters, sort, pagination, export."""

    model = Policy
    template_name = "policies/policy_list.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Target") == "results":
            return ["policies/partials/policy_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.policy_list(
            self.workspace, self.request.GET, owners=member_choices(self.workspace)
        )
        context.update(
            nav="policies",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset),
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
        )
        return context


class PolicyCreateView(WorkspaceMixin, TemplateView):
    """Write a new policy and its first version."""

    permission = permissions.EDIT
    template_name = "policies/policy_form.html"
    instance: Policy | None = None

    def form(self, data=None, initial=None):
        return PolicyForm(
            data,
            initial=initial,
            members=member_choices(self.workspace),
            with_text=self.instance is None,
        )

    def get(self, request, *args, **kwargs):
        initial = {"owner": request.user.pk}
        if self.instance is not None:
            initial = _policy_initial(self.instance)
        return self.render_to_response(self.get_context_data(form=self.form(initial=initial)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="policies", object=self.instance)
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["owner"] = user_of(self, data["owner"])
            try:
                policy = self.save(data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(url(self, "policy_detail", policy.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def save(self, data: dict) -> Policy:
        return services.create_policy(workspace=self.workspace, actor=self.request.user, **data)


def _policy_initial(p: Policy) -> dict:
    return {"title": p.title, "area": p.area, "owner": p.owner_id, "description": p.description}


class PolicyEditView(ConflictMixin, PolicyCreateView, WorkspaceObjectMixin):
    """Change a policy's title, area, owner or description."""

    model = Policy

    def conflict_initial(self, current, form):
        return _policy_initial(current)

    @property
    def instance(self):
        return self._object

    def save(self, data: dict) -> Policy:
        return services.update_policy(
            workspace=self.workspace,
            actor=self.request.user,
            policy=self._object,
            version=self.submitted_version(),
            **data,
        )


class PolicyDetailView(WorkspaceObjectMixin, TemplateView):
    """One policy: its current text, every version, its forums and new input."""

    model = Policy
    template_name = "policies/policy_detail.html"

    def get_queryset(self):
        return queries.policies(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = self._object
        versions = list(queries.versions_of(policy))
        published = next((v for v in versions if v.published_at), None)
        context.update(
            nav="policies",
            object=policy,
            versions=versions,
            current=versions[0] if versions else None,
            last_published=published,
            forums=queries.with_progress(queries.forums_of(policy).active()[:20]),
            signal=queries.new_input_signal(policy),
            timeline=object_history(self.workspace, policy)[:10],
        )
        return context


class PolicyArchiveView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Archive or restore a policy."""

    model = Policy
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
        return redirect(url(self, "policy_detail", self._object.pk))


class PolicyReopenView(WorkspaceObjectMixin, TemplateView):
    """Reopen a published policy, with the reason logged."""

    model = Policy
    permission = permissions.EDIT
    template_name = "policies/policy_reopen.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ReopenForm())
        context.update(
            nav="policies",
            object=self._object,
            signal=queries.new_input_signal(self._object),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReopenForm(request.POST)
        if form.is_valid():
            try:
                draft = services.reopen_policy(
                    workspace=self.workspace,
                    actor=request.user,
                    policy=self._object,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request,
                    _("Reopened. Version %(n)d is a new draft: edit it, then consult and publish.")
                    % {"n": draft.number},
                )
                return redirect(url(self, "version_detail", draft.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PolicyDiffView(WorkspaceObjectMixin, TemplateView):
    """What changed between two versions (`?from=1&to=2`), side by side or inline."""

    model = Policy
    template_name = "policies/policy_diff.html"

    def _number(self, key: str, default: int | None) -> int | None:
        value = self.request.GET.get(key, "")
        return int(value) if value.isdigit() else default

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        policy = self._object
        versions = {v.number: v for v in queries.versions_of(policy)}
        context.update(nav="policies", object=policy, versions=[], diff=None)
        if not versions:
            return context
        newest = max(versions)
        new = versions.get(self._number("to", newest))
        old = versions.get(self._number("from", (new.number - 1) if new else newest - 1))
        if new is None or old is None:
            if len(versions) < 2:
                old = new = versions[newest]
            else:
                raise Http404
        mode = "inline" if self.request.GET.get("view") == "inline" else "side"
        context.update(
            nav="policies",
            object=policy,
            versions=sorted(versions.values(), key=lambda v: v.number),
            old=old,
            new=new,
            diff=diff_texts(
                old.text, new.text, context=None if self.request.GET.get("full") else 2
            ),
            mode=mode,
        )
        return context


# --- versions


class VersionDetailView(WorkspaceObjectMixin, TemplateView):
    """One version: its text, summary of changes, and the inputs considered with decisions."""

    model = PolicyVersion
    template_name = "policies/version_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("policy", "published_by", "reopened_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self._object
        context.update(
            nav="policies",
            object=version,
            policy=version.policy,
            considered=queries.considered_inputs(version),
            candidates=queries.candidate_inputs(version)[:50]
            if version.is_open and self.can(permissions.EDIT)
            else [],
            statuses=VersionStatus,
            timeline=object_history(self.workspace, version)[:10],
        )
        return context


class VersionEditView(ConflictMixin, WorkspaceObjectMixin, TemplateView):
    """Change the text of a version not yet published."""

    model = PolicyVersion
    permission = permissions.EDIT
    template_name = "policies/version_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("policy")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="policies", object=self._object, policy=self._object.policy)
        return context

    def get(self, request, *args, **kwargs):
        form = VersionForm(initial=self.conflict_initial(self._object))
        return self.render_to_response(self.get_context_data(form=form))

    def conflict_initial(self, current, form=None) -> dict:
        return {"text": current.text, "summary_of_changes": current.summary_of_changes}

    def conflict_form(self):
        return VersionForm(self.request.POST)

    def post(self, request, *args, **kwargs):
        form = VersionForm(request.POST)
        if form.is_valid():
            try:
                services.update_version(
                    workspace=self.workspace,
                    actor=request.user,
                    version=self._object,
                    edit_version=self.submitted_version(),
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(url(self, "version_detail", self._object.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class VersionStatusView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Open a draft for consultation (`action=consult`) or publish it (`action=publish`)."""

    model = PolicyVersion
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        service = {
            "consult": services.start_consultation,
            "publish": services.publish_version,
        }.get(action)
        try:
            if service is None:
                raise DomainError(_("Choose what to do with this version."), field="action")
            service(workspace=self.workspace, actor=request.user, version=self._object)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Published.") if action == "publish" else _("The version is in consultation."),
            )
        return redirect(url(self, "version_detail", self._object.pk))
