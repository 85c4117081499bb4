"""What every public page shares: finding the centre, conditional GET, cache headers, and
the same page rendered as a staff preview inside the workspace."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.views.generic import TemplateView

from heard.core import permissions
from heard.core.views.base import WorkspaceObjectMixin
from heard.transparency import queries
from heard.transparency.services import centre_for

PUBLIC_MAX_AGE = 300


class PublicPage(TemplateView):
    """A public page of one workspace's centre, at /t/<public_slug>/…: no login, 404 unless
    published. Answers 304 when the visitor's copy is current."""

    is_preview = False
    section = ""
    http_method_names = ["get", "head"]

    def resolve_centre(self, **kwargs):
        return queries.published_centre(kwargs["public_slug"])

    def dispatch(self, request, *args, **kwargs):
        # portal/base.html asks for the signed-in stakeholder; on public pages there is none.
        if not hasattr(request, "stakeholder"):
            request.stakeholder = None
        self.centre = self.resolve_centre(**kwargs)
        self.public_workspace = self.centre.workspace
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.is_preview:
            response = super().get(request, *args, **kwargs)
            patch_cache_control(response, no_store=True, private=True)
            return response
        changed = queries.last_changed(self.centre)
        # Counts (figures, "what we heard" per version) move with inputs and decisions, which
        # `last_changed` does not watch: the figures' cache window bounds how stale they get.
        parts = [get_language() or "", request.get_full_path(), str(queries.figures_bucket())]
        etag = f'"{queries.etag_for(self.centre, changed, *parts)}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            patch_cache_control(not_modified, private=True, max_age=PUBLIC_MAX_AGE)
            return not_modified
        response = super().get(request, *args, **kwargs)
        response.render()
        response["ETag"] = etag
        # Private: the page carries the visitor's own CSRF token in its language form.
        patch_cache_control(response, private=True, max_age=PUBLIC_MAX_AGE)
        return response

    not_public = False

    def public_object(self, queryset):
        """The public object named by `pk`: 404 on the public site; in a preview, a page
        saying it is not public."""
        found = queryset.filter(pk=self.kwargs["pk"]).first()
        if found is None:
            if not self.is_preview:
                raise Http404
            self.not_public = True
        return found

    def get_template_names(self):
        if self.not_public:
            return ["transparency/not_public.html"]
        return super().get_template_names()

    def paginate(self, queryset, per_page: int) -> Page:
        return Paginator(queryset, per_page).get_page(self.request.GET.get("page"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            centre=self.centre,
            public_workspace=self.public_workspace,
            is_preview=self.is_preview,
            section=self.section,
            link_ns="transparency_manage:preview_" if self.is_preview else "transparency:",
            link_slug=self.public_workspace.slug if self.is_preview else self.centre.public_slug,
        )
        return context


class PreviewMixin(WorkspaceObjectMixin):
    """The same page for members, inside /w/<slug>/transparency/preview/: shown whether the
    centre is published or not, never cached. An object of the workspace that is not public
    gets a page saying so (another workspace's is a 404, whatever the method)."""

    permission = permissions.VIEW
    is_preview = True

    def resolve_centre(self, **kwargs):
        return centre_for(self.request.workspace)
