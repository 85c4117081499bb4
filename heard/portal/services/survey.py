"""The "did you feel heard" survey: one answer per stakeholder and engagement, editable."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.errors import DomainError
from heard.engagements.models import Engagement
from heard.feedback.services.common import validate
from heard.portal import queries
from heard.portal.models import SurveyAnswer
from heard.portal.services.common import PortalActor
from heard.stakeholders.models import Stakeholder

MAX_COMMENT = 2000
SCORES = ("felt_heard", "understood_outcome", "would_take_part_again")


@transaction.atomic
def save_survey(
    *,
    stakeholder: Stakeholder,
    engagement: Engagement,
    felt_heard: int,
    understood_outcome: int,
    would_take_part_again: int,
    comment: str = "",
) -> SurveyAnswer:
    """Create or change the stakeholder's answer for an engagement they took part in, once
    it was held."""
    if not queries.survey_engagements(stakeholder).filter(pk=engagement.pk).exists():
        raise DomainError(_("The survey opens once the engagement has been held."))
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise DomainError(
            _("The comment can be at most %(max)d characters.") % {"max": MAX_COMMENT},
            field="comment",
        )
    scores = {
        "felt_heard": felt_heard,
        "understood_outcome": understood_outcome,
        "would_take_part_again": would_take_part_again,
    }
    for name, value in scores.items():
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise DomainError(_("Choose an answer from 1 to 5."), field=name)
    answer = (
        SurveyAnswer.objects.select_for_update()
        .filter(engagement=engagement, stakeholder=stakeholder)
        .first()
    )
    actor = PortalActor(stakeholder)
    workspace = stakeholder.workspace
    if answer is None:
        answer = SurveyAnswer(
            workspace=workspace, engagement=engagement, stakeholder=stakeholder, comment=comment
        )
        for name, value in scores.items():
            setattr(answer, name, value)
        validate(answer)
        answer.save()
        audit.record_create(workspace=workspace, actor=actor, obj=answer)
        return answer
    before = audit.snapshot(answer)
    for name, value in {**scores, "comment": comment}.items():
        setattr(answer, name, value)
    validate(answer)
    answer.save()
    audit.record_update(workspace=workspace, actor=actor, obj=answer, before=before)
    return answer
