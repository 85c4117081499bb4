"""What a signed-in stakeholder reads: home, one engagement, their other input."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from heard.engagements.models import AttributionRule
from heard.portal import queries
from heard.portal.session import portal_login_required

PER_PAGE = 20


def _page(request, queryset, per_page: int = PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@portal_login_required
def home(request):
    """The engagements the stakeholder took part in and the consultations open to them."""
    stakeholder = request.stakeholder
    participations = _page(request, queries.home_participations(stakeholder))
    counts = queries.input_counts(stakeholder, [p.engagement_id for p in participations])
    for participation in participations:
        participation.input_count = counts.get(participation.engagement_id, 0)
    context = {
        "stakeholder": stakeholder,
        "participations": participations,
        "open_engagements": list(queries.open_engagements(stakeholder)[:10]),
        "open_policies": list(queries.open_policies(stakeholder)[:10]),
        "other_input_count": queries.other_input_count(stakeholder),
        "survey_states": queries.HELD,
    }
    return render(request, "portal/home.html", context)


@portal_login_required
def engagement(request, pk: int):
    """One engagement: everything the stakeholder said there and what came of each input."""
    stakeholder = request.stakeholder
    engagement = queries.engagement_for(stakeholder, pk)
    inputs = _page(request, queries.engagement_inputs(stakeholder, engagement), per_page=10)
    context = {
        "stakeholder": stakeholder,
        "engagement": engagement,
        "inputs": inputs,
        "responses": list(queries.responses_to(stakeholder, engagement)),
        "summary": queries.published_summary(engagement),
        "is_chatham_house": engagement.attribution_rule == AttributionRule.CHATHAM_HOUSE,
        "is_anonymous": engagement.attribution_rule == AttributionRule.ANONYMOUS,
        "takes_input": engagement.status in queries.TAKING_INPUT,
        "survey_open": engagement.status in queries.HELD,
        "survey_answer": queries.survey_answer(stakeholder, engagement),
    }
    return render(request, "portal/engagement.html", context)


@portal_login_required
def other_inputs(request):
    """Input the stakeholder gave outside any engagement (on policies, by email…)."""
    stakeholder = request.stakeholder
    context = {
        "stakeholder": stakeholder,
        "inputs": _page(request, queries.other_inputs(stakeholder), per_page=10),
    }
    return render(request, "portal/other_inputs.html", context)


@portal_login_required
def input_detail(request, pk: int):
    """One of the stakeholder's inputs in full, with everything that came of it."""
    stakeholder = request.stakeholder
    found = queries.input_details(stakeholder).filter(pk=pk).select_related("engagement")
    input = found.first()
    if input is None:
        raise Http404
    return render(request, "portal/input.html", {"stakeholder": stakeholder, "input": input})


@portal_login_required
def response_detail(request, pk: int):
    """One message the company sent the stakeholder, in full."""
    stakeholder = request.stakeholder
    response = queries.my_responses(stakeholder).filter(pk=pk).first()
    if response is None:
        raise Http404
    return render(
        request, "portal/response.html", {"stakeholder": stakeholder, "response": response}
    )
