"""Organisation pages: list, detail, create/edit, archive/restore."""

from __future__ import annotations

from django.contrib import messages
from django.db.models.functions import Lower
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
from heard.stakeholders.forms import OrganisationForm
from heard.stakeholders.models import Organisation
from heard.stakeholders.views.stakeholders import PostOnlyMixin


def _detail_url(view, pk: int) -> str:
    return reverse("stakeholders:organisation_detail", args=[view.workspace.slug, pk])


class OrganisationListView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """Organisations: search, filters, sort, pagination, export."""

    model = Organisation
    template_name = "stakeholders/organisation_list.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Target") == "results":
            return ["stakeholders/partials/organisation_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = queries.organisation_list(self.workspace, self.request.GET)
        context.update(
            nav="organisations",
            found=found,
            form=found.form,
            page_obj=self.paginate(found.queryset),
            is_filtered=bool(set(found.values) - {"sort"}),
            per_page_choices=self.per_page_choices,
        )
        return context


class OrganisationDetailView(WorkspaceObjectMixin, PaginatedMixin, TemplateView):
    """One organisation with its stakeholders and child organisations."""

    model = Organisation
    template_name = "stakeholders/organisation_detail.html"

    def get_queryset(self):
        return queries.organisations(self.workspace)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self._object
        context.update(
            nav="organisations",
            object=organisation,
            page_obj=self.paginate(queries.organisation_members(organisation)),
            children=list(
                Organisation.objects.for_workspace(self.workspace)
                .filter(parent=organisation)
                .active()
                .order_by(Lower("name"))
            ),
            timeline=object_history(self.workspace, organisation)[:10],
            relationship=timeline.organisation_relationship(organisation),
        )
        return context


class OrganisationCreateView(WorkspaceMixin, TemplateView):
    """Add an organisation."""

    permission = permissions.CONTRIBUTE
    template_name = "stakeholders/organisation_form.html"
    instance = None

    def form(self, data=None):
        return OrganisationForm(
            data,
            instance=self.instance,
            organisations=Organisation.objects.for_workspace(self.workspace)
            .active()
            .order_by(Lower("name")),
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(nav="organisations", object=self.instance)
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
            fields["country"] = fields["country"] or ""
            try:
                organisation = self.save(fields)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(_detail_url(self, organisation.pk))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def save(self, fields: dict) -> Organisation:
        return services.create_organisation(
            workspace=self.workspace, actor=self.request.user, **fields
        )


class OrganisationEditView(ConflictMixin, OrganisationCreateView, WorkspaceObjectMixin):
    """Change an organisation."""

    model = Organisation
    permission = permissions.EDIT

    @property
    def instance(self):
        return self._object

    def save(self, fields: dict) -> Organisation:
        return services.update_organisation(
            workspace=self.workspace,
            actor=self.request.user,
            organisation=self._object,
            version=self.submitted_version(),
            **fields,
        )


class OrganisationArchiveView(PostOnlyMixin, WorkspaceObjectMixin, TemplateView):
    """Archive or restore an organisation."""

    model = Organisation
    permission = permissions.ARCHIVE
    restore = False

    def post(self, request, *args, **kwargs):
        action = services.restore if self.restore else services.archive
        action(workspace=self.workspace, actor=request.user, obj=self._object)
        messages.success(request, _("Restored.") if self.restore else _("Archived."))
        return redirect(_detail_url(self, self._object.pk))
