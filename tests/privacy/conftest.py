"""A stakeholder with a record in every part of Heard, written through the services where the
audit log matters (so old entries carry the name, as in real life)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from heard.core import audit
from heard.stakeholders import services as stakeholder_services
from heard.stakeholders.models import Stakeholder
from tests.factories import (
    CommitmentFactory,
    ConcernEventFactory,
    ConcernFactory,
    ConsentFactory,
    CouncilMemberFactory,
    DataRequestFactory,
    DecisionFactory,
    EngagementFactory,
    EngagementPlanFactory,
    InformationRequestFactory,
    InputFactory,
    OrganisationFactory,
    ParticipationFactory,
    PortalAccessFactory,
    ResponseFactory,
    StakeholderFactory,
    SurveyAnswerFactory,
    TagFactory,
    TopicFactory,
    UserFactory,
)

NAME = "Zenobia Quillfeather"
EMAIL = "zenobia.quill@example.org"
PHONE = "+44 20 7946 0991"
HANDLE = "@zquillsignal"
IDENTITIES = (NAME, EMAIL, PHONE, HANDLE, "Quillfeather")


@dataclass
class Person:
    """The stakeholder and the records the tests look at afterwards."""

    stakeholder: Stakeholder
    inputs: list
    decisions: list
    response: object
    data_request: object
    engagement: object
    commitment: object


def make_person(workspace, actor=None, *, name: str = NAME, email: str = EMAIL) -> Person:
    """A fully recorded stakeholder in `workspace`."""
    actor = actor or UserFactory()
    organisation = OrganisationFactory(workspace=workspace, name="Digital Rights Watch")
    stakeholder = stakeholder_services.create_stakeholder(
        workspace=workspace,
        actor=actor,
        name=name,
        email=email,
        phone=PHONE,
        messaging_handle=HANDLE,
        organisation=organisation,
        role_at_organisation="Policy lead",
        notes=f"Met {name} at RightsCon; prefers Signal.",
        lived_experience="Account suspended after reporting harassment.",
        languages=["en", "pt"],
        risk_groups=["lgbtqi"],
        topics=[TopicFactory(workspace=workspace, name="Content moderation")],
        tags=[TagFactory(workspace=workspace, name="Advisory pool")],
    )
    stakeholder_services.update_stakeholder(
        workspace=workspace, actor=actor, stakeholder=stakeholder, notes=f"{name} asked for pt."
    )
    consent = ConsentFactory(workspace=workspace, stakeholder=stakeholder, notes=f"{name} signed.")
    audit.record_create(workspace=workspace, actor=actor, obj=consent)
    engagement = EngagementFactory(workspace=workspace)
    participation = ParticipationFactory(
        workspace=workspace,
        engagement=engagement,
        stakeholder=stakeholder,
        notes=f"{name} needs captions.",
        accessibility_needs="Live captions",
    )
    audit.record_create(workspace=workspace, actor=actor, obj=participation)
    EngagementPlanFactory(workspace=workspace).stakeholders.add(stakeholder)
    CouncilMemberFactory(workspace=workspace, stakeholder=stakeholder, notes=f"{name} chairs.")
    inputs = [
        InputFactory(
            workspace=workspace,
            stakeholder=stakeholder,
            engagement=engagement,
            text=f"I am {name}: appeals need a human reviewer.",
        ),
        InputFactory(workspace=workspace, stakeholder=stakeholder, text="Publish appeal figures."),
    ]
    for item in inputs:
        audit.record_create(workspace=workspace, actor=actor, obj=item)
    decisions = [
        DecisionFactory(
            workspace=workspace,
            input=inputs[0],
            outcome="deferred",
            version=1,
            is_current=False,
            rationale="Budget review first. Zenobia agreed.",
        ),
        DecisionFactory(workspace=workspace, input=inputs[0], outcome="adopted", version=2),
    ]
    response = ResponseFactory(
        workspace=workspace,
        stakeholder=stakeholder,
        engagement=engagement,
        subject=f"For {name}",
        body=f"Dear {name.split()[0]}, we adopted your recommendation.",
        sent_at=timezone.now(),
    )
    response.inputs.set(inputs)
    audit.record_create(workspace=workspace, actor=actor, obj=response)
    commitment = CommitmentFactory(workspace=workspace)
    commitment.inputs.add(inputs[0])
    concern = ConcernFactory(
        workspace=workspace,
        stakeholder=stakeholder,
        contact_name=name,
        contact_email=email,
        description=f"{name}'s account was suspended.",
    )
    ConcernEventFactory(workspace=workspace, concern=concern, message=f"Hello {name}")
    InformationRequestFactory(workspace=workspace, stakeholder=stakeholder)
    data_request = DataRequestFactory(
        workspace=workspace, stakeholder=stakeholder, kind="erasure", details=f"From {email}"
    )
    access = PortalAccessFactory(workspace=workspace, stakeholder=stakeholder)
    access.last_signed_in_at = timezone.now() - datetime.timedelta(days=3)
    access.save()
    SurveyAnswerFactory(workspace=workspace, stakeholder=stakeholder, comment="Felt heard.")
    audit.record(
        workspace=workspace,
        actor=actor,
        action="update",
        obj=stakeholder,
        changes={"name": [f"{name} (old)", name]},
    )
    return Person(
        stakeholder=stakeholder,
        inputs=inputs,
        decisions=decisions,
        response=response,
        data_request=data_request,
        engagement=engagement,
        commitment=commitment,
    )


@pytest.fixture
def person(workspace) -> Person:
    return make_person(workspace)


@pytest.fixture
def bystander(workspace) -> Stakeholder:
    """Someone else, who must come out of an erasure untouched."""
    return StakeholderFactory(workspace=workspace, name="Bartholomew Inkwright")
