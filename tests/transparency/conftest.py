"""Published data for the transparency centre's tests, built with the factories."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from heard.engagements.models import EngagementStatus
from heard.feedback.models import Outcome
from heard.policies.models import MinutesStatus, VersionStatus
from heard.transparency.models import TransparencyCentre
from heard.transparency.urls import urlpatterns
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    EngagementFactory,
    EngagementSummaryFactory,
    ForumMeetingFactory,
    ForumMinutesFactory,
    InputFactory,
    ParticipationFactory,
    PolicyFactory,
    PolicyVersionFactory,
    StakeholderFactory,
    TransparencyCentreFactory,
)
from tests.urlwalk import all_routes


@pytest.fixture(autouse=True)
def _fresh_figures():
    """Figures are cached per workspace; every test starts without them, in English (a
    request in another language leaves that language active in the thread)."""
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


def public_routes():
    """Every URL of the public centre (walked, so a new page is covered without a test)."""
    names = {f"transparency:{p.name}" for p in urlpatterns}
    routes = [r for r in all_routes() if r.name in names]
    assert len(routes) == len(urlpatterns)
    return routes


def public_paths(centre: TransparencyCentre, objects: dict) -> list[str]:
    """Concrete paths of every public route: `objects` maps a view's model to the pk to use."""
    paths = []
    for route in public_routes():
        values = {"public_slug": centre.public_slug}
        if "pk" in route.kwargs:
            values["pk"] = objects[route.attr("model")]
        paths.append(route.path(**values))
    return paths


def held_engagement(workspace, **kwargs):
    return EngagementFactory(
        workspace=workspace,
        status=EngagementStatus.HELD,
        starts_on=timezone.localdate() - datetime.timedelta(days=20),
        held_at=timezone.now() - datetime.timedelta(days=20),
        **kwargs,
    )


def publish(workspace, *, tag: str = "", people: int = 5, **centre_fields):
    """A published centre with one of everything it shows, and `people` participants in the
    forum meeting and in the summarised engagement. Returns a dict of what was made."""
    centre = TransparencyCentreFactory(workspace=workspace, **centre_fields)
    now = timezone.now()
    policy = PolicyFactory(
        workspace=workspace,
        title=f"Appeals policy {tag}".strip(),
        status=VersionStatus.PUBLISHED,
        current_number=2,
        published_at=now,
    )
    v1 = PolicyVersionFactory(
        policy=policy,
        number=1,
        text="# Appeals\nYou may appeal once.",
        summary_of_changes="First version.",
        published_at=now - datetime.timedelta(days=90),
    )
    v2 = PolicyVersionFactory(
        policy=policy,
        number=2,
        text="# Appeals\nYou may appeal twice, and a person reviews every appeal.",
        summary_of_changes="We heard that one appeal is not enough; we added a second.",
        published_at=now,
    )
    inputs = [
        InputFactory(workspace=workspace, outcome=outcome)
        for outcome in (Outcome.ADOPTED, Outcome.PARTLY_ADOPTED, Outcome.NOT_ADOPTED)
    ]
    v2.considered_inputs.set(inputs)
    meeting = ForumMeetingFactory(
        workspace=workspace,
        forum__policy=policy,
        forum__title=f"Forum on appeals {tag}".strip(),
        stage="internal_meeting",
    )
    meeting.engagement.status = EngagementStatus.HELD
    meeting.engagement.save()
    forum = meeting.forum
    minutes = ForumMinutesFactory(
        forum=forum,
        status=MinutesStatus.PUBLISHED,
        redacted_text="[participant] asked for a second appeal.",
        published_at=now,
    )
    engagement = held_engagement(workspace, title=f"Roundtable on appeals {tag}".strip())
    participants = []
    for _ in range(people):
        participants.append(ParticipationFactory(engagement=engagement, attended=True).stakeholder)
        ParticipationFactory(engagement=meeting.engagement, attended=True)
    summary = EngagementSummaryFactory(
        engagement=engagement,
        what_we_heard=f"Participants asked for a second appeal {tag}".strip(),
        what_we_did="We added a second appeal.",
        published_at=now,
    )
    commitment = CommitmentFactory(
        workspace=workspace, title=f"Second appeal {tag}".strip(), is_public=True, progress=40
    )
    CommitmentUpdateFactory(commitment=commitment, progress=40)
    hidden = CommitmentFactory(workspace=workspace, title=f"Internal only {tag}".strip())
    return {
        "centre": centre,
        "policy": policy,
        "versions": [v1, v2],
        "forum": forum,
        "minutes": minutes,
        "engagement": engagement,
        "participants": participants,
        "summary": summary,
        "commitment": commitment,
        "hidden_commitment": hidden,
        "objects": {type(policy): policy.pk, type(minutes): minutes.pk},
    }


def stakeholders_in(workspace, region_country: str, n: int, engagement) -> None:
    for _ in range(n):
        ParticipationFactory(
            engagement=engagement,
            attended=True,
            stakeholder=StakeholderFactory(workspace=workspace, country=region_country),
        )
