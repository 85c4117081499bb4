"""The insight brief, as a page and as a PDF: the same content, attribution applied."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.generic import TemplateView

from heard.insights.briefs import queries
from heard.insights.briefs.brief import build_brief
from heard.insights.briefs.views.requests import _RequestMixin
from heard.insights.pdf import render_pdf


class BriefView(_RequestMixin, TemplateView):
    """The brief of an answered request; the engagement team may preview it before."""

    template_name = "briefs/brief.html"

    def get(self, request, *args, **kwargs):
        self.require_visible()
        obj = self._object
        if not obj.has_brief and not queries.sees_every_request(self.membership):
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            nav="briefs",
            # Explicit: the PDF renders without the request's context processors.
            workspace=self.workspace,
            object=self._object,
            brief=build_brief(self._object),
            is_preview=not self._object.has_brief,
            generated_at=timezone.now(),
        )
        return context


class BriefPdfView(BriefView):
    """The brief as a PDF (WeasyPrint), to forward or file."""

    template_name = "briefs/brief_print.html"

    def render_to_response(self, context, **response_kwargs):
        pdf = render_pdf(self.template_name, context)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"{self.workspace.slug}-insight-brief-{self._object.pk}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
