"""The "did you feel heard" survey after an engagement."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from heard.core.errors import DomainError
from heard.portal import queries, services
from heard.portal.forms import SurveyForm
from heard.portal.session import portal_login_required


@portal_login_required
def survey(request, pk: int):
    """Answer (or change the answer to) the survey of a held engagement."""
    stakeholder = request.stakeholder
    engagement = queries.engagement_for(stakeholder, pk)
    if not queries.survey_engagements(stakeholder).filter(pk=pk).exists():
        raise Http404
    answer = queries.survey_answer(stakeholder, engagement)
    initial = (
        {
            "felt_heard": answer.felt_heard,
            "understood_outcome": answer.understood_outcome,
            "would_take_part_again": answer.would_take_part_again,
            "comment": answer.comment,
        }
        if answer
        else None
    )
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_survey(
                stakeholder=stakeholder, engagement=engagement, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Thank you for answering."))
            return redirect("portal:engagement", pk=engagement.pk)
    status = 400 if request.method == "POST" else 200
    context = {"stakeholder": stakeholder, "engagement": engagement, "form": form, "answer": answer}
    return render(request, "portal/survey.html", context, status=status)
