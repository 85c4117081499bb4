"""Stakeholder pages: the registry list, create/edit, detail with consent and timeline."""

from __future__ import annotations

from django.contrib import messages
from django.db.models.functions import Lower
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.concurrency import ConflictMixin
from heard.core.errors import DomainError
from heard.core.queries import object_history
from heard.core.views.base import PaginatedMixin, WorkspaceMixin, WorkspaceObjectMixin
from heard.stakeholders import queries, services, timeline
from heard.stakeholders.forms import BulkForm, ConsentForm, StakeholderForm, stakeholder_initial
from heard.stakeholders.models import Consent, Organisation, Stakeholder
from heard.stakeholders.vocab import time_zone_choices

FILTER_LAYOUT = (
    ("q",),
    ("kind", "category", "relation"),
    ("country", "region", "global_majority", "language"),
    ("topic", "tag", "risk_group", "safety_level"),
    ("owner", "standing_agreement", "compensation", "key_relationship"),
    ("consent", "engaged_since", "never_engaged", "archived"),
)


class PostOnlyMixin:
    """Views that only change things: GET answers 405 (after the role check)."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


def _detail_url(view, pk: int) -> str:
    return reverse("stakeholders:stakeholder_detail", args=[view.workspace.slug, pk])


class StakeholderListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """The registry: search, filters, sort, pagination, bulk actions and export."""

    model = Stakeholder
    template_name = "stakeholders/stakeholder_list.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request") and self.request.headers.get("HX-Target") == (
            "results"
        ):
            return ["stakeholders/partials/stakeholder_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.stakeholder_list(self.workspace, self.membership, self.request.GET)
        page = self.paginate(queries.for_list_page(found.queryset))
        organisation = None
        if "organisation" in found.values:
            organisation = (
                Organisation.objects.for_workspace(self.workspace)
                .filter(pk=found.values["organisation"])
                .first()
            )
        context.update(
            nav="stakeholders",
            found=found,
            form=found.form,
            page_obj=page,
            filter_rows=[[found.form[name] for name in row] for row in FILTER_LAYOUT[1:]],
            organisation_filter=organisation,
            is_filtered=bool(set(found.values) - {"sort"}),
            members=found.members,
            per_page_choices=self.per_page_choices,
            show_archived=found.values.get("archived") in {"archived", "all"},
            undo_ids=self.request.session.pop("undo_archive", None),
        )
        return context


class StakeholderCreateView(WorkspaceMixin, TemplateView):
    """Add a stakeholder; likely duplicates must be looked at before creating anyway."""

    permission = permissions.CONTRIBUTE
    template_name = "stakeholders/stakeholder_form.html"

    def form(self, data=None, initial=None):
        return StakeholderForm(
            data,
            initial=initial,
            workspace=self.workspace,
            organisations=Organisation.objects.for_workspace(self.workspace)
            .active()
            .order_by(Lower("name")),
            members=queries.member_choices(self.workspace),
        )

    def get(self, request, *args, **kwargs):
        initial = {
            "safety_level": "standard",
            "kind": "external",
            "category": "other",
            "relation": "other_relevant",
        }
        if org := request.GET.get("organisation", ""):
            initial["organisation"] = org if org.isdigit() else None
        return self.render_to_response(self.get_context_data(form=self.form(initial=initial)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="stakeholders", time_zones=time_zone_choices())
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.service_fields()
        duplicates = queries.likely_duplicates(
            self.workspace,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
        )
        if duplicates and not request.POST.get("create_anyway"):
            return self.render_to_response(
                self.get_context_data(form=form, duplicates=duplicates), status=409
            )
        try:
            stakeholder = save_stakeholder(self, data)
        except DomainError as error:
            form.add_domain_error(error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Stakeholder added."))
        return redirect(_detail_url(self, stakeholder.pk))


def save_stakeholder(
    view, data: dict, stakeholder: Stakeholder | None = None, version: str | None = None
) -> Stakeholder:
    """Create or update through the services, turning topic/tag text into rows."""
    topics = services.topics_named(view.workspace, data.pop("topics"))
    tags = services.tags_named(view.workspace, data.pop("tags"))
    common = {
        "workspace": view.workspace,
        "actor": view.request.user,
        "languages": data.pop("languages"),
        "risk_groups": data.pop("risk_groups"),
        "topics": topics,
        "tags": tags,
    }
    if stakeholder is None:
        return services.create_stakeholder(**common, **data)
    return services.update_stakeholder(stakeholder=stakeholder, version=version, **common, **data)


class StakeholderEditView(ConflictMixin, StakeholderCreateView, WorkspaceObjectMixin):
    """Change a stakeholder (a second editor gets a conflict, not an overwrite)."""

    model = Stakeholder
    permission = permissions.EDIT

    def get_queryset(self):
        return queries.stakeholder_detail(self.workspace)

    def get(self, request, *args, **kwargs):
        form = self.form(initial=stakeholder_initial(self._object))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self._object
        return context

    def conflict_initial(self, current, form):
        return stakeholder_initial(current)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            save_stakeholder(self, form.service_fields(), self._object, self.submitted_version())
        except DomainError as error:
            form.add_domain_error(error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Changes saved."))
        return redirect(_detail_url(self, self._object.pk))


class StakeholderDetailView(WorkspaceObjectMixin, TemplateView):
    """One stakeholder: fields, contacts, consent with history, timeline."""

    model = Stakeholder
    template_name = "stakeholders/stakeholder_detail.html"

    def get_queryset(self):
        return queries.stakeholder_detail(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stakeholder = self._object
        hidden = stakeholder.is_identity_hidden_for(self.membership)
        context.update(
            nav="stakeholders",
            object=stakeholder,
            hidden=hidden,
            consents=list(queries.consents_of(stakeholder)),
            consent_form=ConsentForm(),
            timeline=object_history(self.workspace, stakeholder)[:20],
            relationship=timeline.stakeholder_relationship(stakeholder),
            merged_from=list(
                stakeholder.merged_from.all().only("pk", "name", "pseudonym", "safety_level")
            ),
        )
        return context


class ConsentCreateView(WorkspaceObjectMixin, TemplateView):
    """Record a consent (the form is on the detail page; errors show here)."""

    model = Stakeholder
    permission = permissions.EDIT
    template_name = "stakeholders/consent_form.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(form=ConsentForm(), object=self._object)
        )

    def post(self, request, *args, **kwargs):
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                services.record_consent(
                    workspace=self.workspace,
                    actor=request.user,
                    stakeholder=self._object,
                    **form.cleaned_data,
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Consent recorded."))
                return redirect(_detail_url(self, self._object.pk) + "#consent")
        context = self.get_context_data(form=form, object=self._object)
        return self.render_to_response(context, status=400)


class ConsentWithdrawView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Mark a consent withdrawn."""

    model = Consent
    parent_models = {"stakeholder_pk": Stakeholder}
    permission = permissions.EDIT

    def post(self, request, *args, **kwargs):
        consent, stakeholder = self._object, self.parents["stakeholder_pk"]
        if consent.stakeholder_id != stakeholder.pk:
            raise Http404
        try:
            services.withdraw_consent(workspace=self.workspace, actor=request.user, consent=consent)
            messages.success(request, _("Consent marked as withdrawn."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(_detail_url(self, stakeholder.pk) + "#consent")


class StakeholderArchiveView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Archive one stakeholder (kept with all history; restorable)."""

    model = Stakeholder
    permission = permissions.ARCHIVE
    restore = False

    def post(self, request, *args, **kwargs):
        obj = self._object
        if self.restore:
            if obj.merged_into_id:
                messages.error(request, _("A merged stakeholder cannot be restored."))
                return redirect(_detail_url(self, obj.pk))
            services.restore(workspace=self.workspace, actor=request.user, obj=obj)
            messages.success(request, _("Restored."))
        else:
            services.archive(workspace=self.workspace, actor=request.user, obj=obj)
            messages.success(request, _("Archived. It no longer appears in lists."))
        return redirect(_detail_url(self, obj.pk))


class StakeholderBulkView(WorkspaceMixin, TemplateView):
    """Bulk actions on checked rows: confirm first, then do it and say what changed."""

    permission = permissions.EDIT
    template_name = "stakeholders/bulk_confirm.html"

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        members = queries.member_choices(self.workspace)
        form = BulkForm(request.POST, members=members)
        back = request.POST.get("next") or reverse(
            "stakeholders:stakeholder_list", args=[self.workspace.slug]
        )
        if not back.startswith("/"):
            back = reverse("stakeholders:stakeholder_list", args=[self.workspace.slug])
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, errors[0])
            return redirect(back)
        data = form.cleaned_data
        if data["action"] in {"archive", "restore"} and not self.can(permissions.ARCHIVE):
            messages.error(request, _("Your role may not archive stakeholders."))
            return redirect(back)
        chosen = list(
            queries.stakeholders(self.workspace).filter(pk__in=data["ids"]).order_by(Lower("name"))
        )
        if not data["confirmed"]:
            context = self.get_context_data(
                form=form, chosen=chosen, data=data, back=back, members=dict(members)
            )
            return self.render_to_response(context)
        try:
            message = self.apply(data, chosen)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, message)
        return redirect(back)

    def apply(self, data: dict, chosen: list[Stakeholder]) -> str:
        common = {"workspace": self.workspace, "actor": self.request.user, "stakeholders": chosen}
        if data["action"] == "tag":
            tag, count = services.bulk_add_tag(**common, tag_name=data["tag"])
            return _("Tag “%(tag)s” added to %(count)d stakeholder(s).") % {
                "tag": tag.name,
                "count": count,
            }
        if data["action"] == "owner":
            owner = None
            if data["owner"]:
                membership = (
                    self.workspace.memberships.select_related("user")
                    .filter(user_id=data["owner"])
                    .first()
                )
                owner = membership.user if membership else None
                if owner is None:
                    raise DomainError(_("Choose a member of this workspace."))
            count = services.bulk_assign_owner(**common, owner=owner)
            return _("Relationship owner changed for %(count)d stakeholder(s).") % {"count": count}
        if data["action"] == "archive":
            done = services.bulk_archive(**common)
            self.request.session["undo_archive"] = done
            return _("Archived %(count)d stakeholder(s).") % {"count": len(done)}
        done = services.bulk_restore(**common)
        return _("Restored %(count)d stakeholder(s).") % {"count": len(done)}


class StakeholderMergeView(WorkspaceObjectMixin, TemplateView):
    """Merge a duplicate into this stakeholder: find it, preview side by side, confirm."""

    model = Stakeholder
    permission = permissions.ARCHIVE
    template_name = "stakeholders/stakeholder_merge.html"

    def get_queryset(self):
        return queries.stakeholder_detail(self.workspace)

    def other(self, value):
        if not str(value or "").isdigit() or int(value) == self._object.pk:
            return None
        return (
            queries.stakeholder_detail(self.workspace)
            .filter(pk=int(value), merged_into__isnull=True)
            .first()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this = self._object
        other = self.other(self.request.GET.get("other") or self.request.POST.get("other"))
        q = self.request.GET.get("q", "").strip()
        candidates = []
        if other is None:
            candidates = [
                d.stakeholder
                for d in queries.likely_duplicates(
                    self.workspace,
                    name=this.name,
                    email=this.email,
                    organisation=this.organisation,
                    exclude_pk=this.pk,
                )
            ]
            if q:
                found = queries.stakeholder_list(
                    self.workspace, self.membership, {"q": q, "archived": "all"}
                ).queryset.exclude(pk=this.pk)
                candidates += [s for s in found[:20] if s not in candidates]
        context.update(
            nav="stakeholders",
            object=this,
            other=other,
            q=q,
            candidates=candidates,
            rows=merge_rows(this, other, self.membership) if other else [],
        )
        return context

    def post(self, request, *args, **kwargs):
        other = self.other(request.POST.get("other"))
        if other is None:
            messages.error(request, _("Choose the stakeholder to merge with."))
            return redirect(request.path)
        keep, duplicate = (
            (self._object, other) if request.POST.get("keep") != "other" else (other, self._object)
        )
        try:
            services.merge_stakeholders(
                workspace=self.workspace, actor=request.user, keep=keep, duplicate=duplicate
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(
            request,
            _("Merged. %(duplicate)s is archived and points to this record.")
            % {"duplicate": duplicate.display_name_for(self.membership)},
        )
        return redirect(_detail_url(self, keep.pk))


MERGE_FIELDS = (
    "name",
    "organisation",
    "role_at_organisation",
    "category",
    "relation",
    "country",
    "time_zone",
    "safety_level",
    "email",
    "phone",
    "messaging_handle",
    "lived_experience",
    "notes",
)
PRIVATE = {"name", "email", "phone", "messaging_handle", "notes", "lived_experience"}


def merge_rows(a: Stakeholder, b: Stakeholder, membership) -> list[dict]:
    """Field-by-field comparison for the merge preview (private fields hidden as needed)."""
    rows = []
    for name in MERGE_FIELDS:
        field = Stakeholder._meta.get_field(name)
        values = []
        for s in (a, b):
            if name in PRIVATE and s.is_identity_hidden_for(membership):
                value = s.pseudonym_label if name == "name" else "•••"
            elif field.choices:
                value = getattr(s, f"get_{name}_display")()
            else:
                value = getattr(s, name)
                value = getattr(value, "name", value) if name == "country" else value
            values.append(str(value or ""))
        rows.append(
            {
                "label": field.verbose_name,
                "a": values[0],
                "b": values[1],
                "same": values[0] == values[1],
            }
        )
    for label, getter in (
        (_("Languages"), lambda s: ", ".join(x.code for x in s.language_links.all())),
        (_("Topics"), lambda s: ", ".join(t.name for t in s.topics.all())),
        (_("Tags"), lambda s: ", ".join(t.name for t in s.tags.all())),
        (_("Consent to contact"), lambda s: _("valid") if s.has_valid_consent else _("none")),
    ):
        va, vb = getter(a), getter(b)
        rows.append({"label": label, "a": va, "b": vb, "same": va == vb})
    return rows
