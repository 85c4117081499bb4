"""factory-boy factories for every model; `FACTORIES` maps models to them for shared tests."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from heard.concerns.models import Concern, ConcernEvent, Remedy
from heard.concerns.references import new_reference
from heard.core.countries import global_majority_default, region_of
from heard.core.models import Invitation, Membership, Role, User, Workspace
from heard.councils.models import Council, CouncilMember
from heard.engagements.models import Engagement, HrddStep, Participation, Session
from heard.feedback.models import (
    Commitment,
    CommitmentUpdate,
    Decision,
    EngagementSummary,
    Input,
    InputConflict,
    Response,
)
from heard.impacts.models import EngagementPlan, Impact, ImpactAction, Initiative
from heard.imports.models import ColumnMapping, ImportJob
from heard.insights.briefs.models import InsightRequest, PlanningCycle
from heard.insights.dashboards.models import DashboardSnapshot
from heard.insights.disclosure.models import DisclosureReport
from heard.insights.themes.models import Theme, ThemeRun
from heard.policies.models import ForumMeeting, ForumMinutes, Policy, PolicyForum, PolicyVersion
from heard.portal.models import PortalAccess, SurveyAnswer
from heard.privacy.models import Erasure
from heard.requests.models import DataRequest, InformationRequest
from heard.stakeholders.models import Consent, Organisation, Stakeholder, Tag, Topic
from heard.stakeholders.services import generate_pseudonym
from heard.transparency.models import TransparencyCentre

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    workspace = factory.SubFactory(WorkspaceFactory)
    role = Role.EDITOR


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    workspace = factory.SubFactory(WorkspaceFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.VIEWER
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


def _region(country) -> str:
    """The region the registry derives from a country, so factory rows look like real ones."""
    found = region_of(str(country or ""))
    return found.region if found else ""


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = "KE"
    region = factory.LazyAttribute(lambda o: _region(o.country))
    is_global_majority = factory.LazyAttribute(lambda o: global_majority_default(str(o.country)))


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Faker("name")
    pseudonym = factory.LazyAttribute(lambda o: generate_pseudonym())
    country = "BR"
    region = factory.LazyAttribute(lambda o: _region(o.country))
    is_global_majority = factory.LazyAttribute(lambda o: global_majority_default(str(o.country)))


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    stakeholder = factory.SubFactory(StakeholderFactory)
    workspace = factory.SelfAttribute("stakeholder.workspace")
    given_at = factory.LazyFunction(timezone.now)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"topic {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"tag {n}")


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    workspace = factory.SubFactory(WorkspaceFactory)
    original_name = "people.csv"
    file = factory.django.FileField(filename="people.csv", data=b"name\nAda\n")


class ColumnMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ColumnMapping

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"mapping {n}")
    mapping = factory.LazyFunction(lambda: {"Name": "name"})


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Initiative {n}")
    owning_team = "Trust & Safety"


class EngagementPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementPlan

    initiative = factory.SubFactory(InitiativeFactory)
    workspace = factory.SelfAttribute("initiative.workspace")
    stage = "research_design"


class ImpactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Impact

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"Impact {n}")
    kind = "potential"
    scale = 3
    scope = 3
    irremediability = 3
    likelihood = 3
    severity = 27
    salience = 81


class ImpactActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactAction

    impact = factory.SubFactory(ImpactFactory)
    workspace = factory.SelfAttribute("impact.workspace")
    description = factory.Sequence(lambda n: f"Action {n}")


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"Engagement {n}")
    format = "roundtable"
    mode = "remote"
    languages = factory.LazyFunction(lambda: ["en"])


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    engagement = factory.SubFactory(EngagementFactory)
    workspace = factory.SelfAttribute("engagement.workspace")
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=14)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    time_zone = "Europe/Berlin"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    engagement = factory.SubFactory(EngagementFactory)
    workspace = factory.SelfAttribute("engagement.workspace")
    stakeholder = factory.SubFactory(
        StakeholderFactory, workspace=factory.SelfAttribute("..workspace")
    )
    engaged_on = factory.SelfAttribute("engagement.starts_on")


class HrddStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HrddStep

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Step {n}")


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Advisory council {n}")
    terms_of_reference = "Advise on the human rights impacts of our products."


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    workspace = factory.SelfAttribute("council.workspace")
    stakeholder = factory.SubFactory(
        StakeholderFactory, workspace=factory.SelfAttribute("..workspace")
    )
    term_start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    term_end = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=700))


class InputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Input

    workspace = factory.SubFactory(WorkspaceFactory)
    text = factory.Sequence(lambda n: f"Input {n}: the appeal process needs a human reviewer.")
    kind = "concern"
    language = "en"


class InputConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InputConflict

    workspace = factory.SubFactory(WorkspaceFactory)
    # Created in this order, so `first` has the lower id the constraint asks for.
    first = factory.SubFactory(InputFactory, workspace=factory.SelfAttribute("..workspace"))
    second = factory.SubFactory(InputFactory, workspace=factory.SelfAttribute("..workspace"))
    note = "They ask for opposite things."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    input = factory.SubFactory(InputFactory)
    workspace = factory.SelfAttribute("input.workspace")
    outcome = "adopted"


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    workspace = factory.SubFactory(WorkspaceFactory)
    channel = "meeting"
    body = "We discussed what we did with your input."
    sent_at = factory.LazyFunction(timezone.now)


class EngagementSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementSummary

    engagement = factory.SubFactory(EngagementFactory)
    workspace = factory.SelfAttribute("engagement.workspace")
    what_we_heard = "Participants asked for clearer appeals."
    what_we_did = "We added a human review step."


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"Commitment {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))


class CommitmentUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    workspace = factory.SelfAttribute("commitment.workspace")
    status = "in_progress"
    progress = 50
    note = "Half done."


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"Policy {n}")
    area = "content"


class PolicyVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyVersion

    policy = factory.SubFactory(PolicyFactory)
    workspace = factory.SelfAttribute("policy.workspace")
    number = factory.Sequence(lambda n: n + 1)
    text = "# Scope\nWhat this policy covers."
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


class PolicyForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyForum

    policy = factory.SubFactory(PolicyFactory)
    workspace = factory.SelfAttribute("policy.workspace")
    title = factory.Sequence(lambda n: f"Policy forum {n}")


class ForumMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumMeeting

    forum = factory.SubFactory(PolicyForumFactory)
    workspace = factory.SelfAttribute("forum.workspace")
    engagement = factory.SubFactory(
        EngagementFactory, workspace=factory.SelfAttribute("..workspace"), format="policy_forum"
    )
    stage = "pre_consultation"


class ForumMinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumMinutes

    forum = factory.SubFactory(PolicyForumFactory)
    workspace = factory.SelfAttribute("forum.workspace")
    recorded_text = "A participant asked for a clearer appeals process."


class TransparencyCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransparencyCentre

    workspace = factory.SubFactory(WorkspaceFactory)
    public_slug = factory.LazyAttribute(lambda o: f"{o.workspace.slug}-public")
    title = factory.LazyAttribute(lambda o: f"{o.workspace.name} transparency centre")
    is_published = True


class InformationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationRequest

    workspace = factory.SubFactory(WorkspaceFactory)
    stakeholder = factory.SubFactory(
        StakeholderFactory, workspace=factory.SelfAttribute("..workspace")
    )
    question = factory.Sequence(lambda n: f"Question {n}: how do you review appeals?")
    reasons = "Our members are affected by suspensions."
    received_at = factory.LazyFunction(timezone.now)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class DataRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataRequest

    workspace = factory.SubFactory(WorkspaceFactory)
    stakeholder = factory.SubFactory(
        StakeholderFactory, workspace=factory.SelfAttribute("..workspace")
    )
    kind = "export"
    received_at = factory.LazyFunction(timezone.now)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern

    workspace = factory.SubFactory(WorkspaceFactory)
    reference = factory.LazyFunction(new_reference)
    description = factory.Sequence(
        lambda n: f"Concern {n}: my account was suspended without a reason."
    )
    channel = "public_form"
    raised_at = factory.LazyFunction(timezone.now)
    acknowledge_due_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=7)
    )
    assessment_due_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=14)
    )
    outcome_due_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=60)
    )
    due_on = factory.SelfAttribute("acknowledge_due_on")


class ConcernEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernEvent

    concern = factory.SubFactory(ConcernFactory)
    workspace = factory.SelfAttribute("concern.workspace")
    kind = "received"
    at = factory.LazyFunction(timezone.now)


class RemedyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Remedy

    concern = factory.SubFactory(ConcernFactory, status="remedy_in_progress", outcome="upheld")
    workspace = factory.SelfAttribute("concern.workspace")
    kind = "apology"
    description = "A written apology from the product lead."


class ErasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Erasure

    workspace = factory.SubFactory(WorkspaceFactory)
    stakeholder = factory.SubFactory(
        StakeholderFactory, workspace=factory.SelfAttribute("..workspace")
    )
    reason = "request"


# Every workspace-owned model and its factory: the shared tenancy tests use this to make an
# object of any model that appears in a URL. A new model needs a line here (a test says so).
class PortalAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortalAccess

    workspace = factory.SubFactory(WorkspaceFactory)
    stakeholder = factory.SubFactory(
        StakeholderFactory, workspace=factory.SelfAttribute("..workspace")
    )


class SurveyAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyAnswer

    workspace = factory.SubFactory(WorkspaceFactory)
    engagement = factory.SubFactory(
        EngagementFactory, workspace=factory.SelfAttribute("..workspace")
    )
    stakeholder = factory.SubFactory(
        StakeholderFactory, workspace=factory.SelfAttribute("..workspace")
    )
    felt_heard = 4
    understood_outcome = 4
    would_take_part_again = 5


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")
    top_terms = factory.LazyFunction(lambda: ["appeals", "language", "moderation"])


class ThemeRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeRun

    workspace = factory.SubFactory(WorkspaceFactory)
    status = "done"


class DisclosureReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisclosureReport

    workspace = factory.SubFactory(WorkspaceFactory)
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 12, 31)


class PlanningCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanningCycle

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"H{n % 2 + 1} {2027 + n}")
    opens_on = factory.Sequence(lambda n: datetime.date(2027 + n, 1, 1))
    requests_due_on = factory.LazyAttribute(lambda o: o.opens_on + datetime.timedelta(days=21))
    closes_on = factory.LazyAttribute(lambda o: o.opens_on + datetime.timedelta(days=180))


class InsightRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InsightRequest

    workspace = factory.SubFactory(WorkspaceFactory)
    question = factory.Sequence(lambda n: f"Question {n}: what did stakeholders say on appeals?")
    team = "product"


class DashboardSnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DashboardSnapshot

    workspace = factory.SubFactory(WorkspaceFactory)
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 3, 31)
    figures = b""


FACTORIES: dict[type, type[factory.django.DjangoModelFactory]] = {
    Concern: ConcernFactory,
    ConcernEvent: ConcernEventFactory,
    Remedy: RemedyFactory,
    Membership: MembershipFactory,
    Invitation: InvitationFactory,
    Organisation: OrganisationFactory,
    Stakeholder: StakeholderFactory,
    Consent: ConsentFactory,
    Topic: TopicFactory,
    Tag: TagFactory,
    ImportJob: ImportJobFactory,
    ColumnMapping: ColumnMappingFactory,
    Initiative: InitiativeFactory,
    EngagementPlan: EngagementPlanFactory,
    Impact: ImpactFactory,
    ImpactAction: ImpactActionFactory,
    Engagement: EngagementFactory,
    Session: SessionFactory,
    Participation: ParticipationFactory,
    HrddStep: HrddStepFactory,
    Council: CouncilFactory,
    CouncilMember: CouncilMemberFactory,
    Input: InputFactory,
    InputConflict: InputConflictFactory,
    Decision: DecisionFactory,
    Response: ResponseFactory,
    EngagementSummary: EngagementSummaryFactory,
    Commitment: CommitmentFactory,
    CommitmentUpdate: CommitmentUpdateFactory,
    Policy: PolicyFactory,
    PolicyVersion: PolicyVersionFactory,
    PolicyForum: PolicyForumFactory,
    ForumMeeting: ForumMeetingFactory,
    ForumMinutes: ForumMinutesFactory,
    TransparencyCentre: TransparencyCentreFactory,
    InformationRequest: InformationRequestFactory,
    DataRequest: DataRequestFactory,
    Erasure: ErasureFactory,
    PortalAccess: PortalAccessFactory,
    SurveyAnswer: SurveyAnswerFactory,
    Theme: ThemeFactory,
    ThemeRun: ThemeRunFactory,
    PlanningCycle: PlanningCycleFactory,
    InsightRequest: InsightRequestFactory,
    DisclosureReport: DisclosureReportFactory,
    DashboardSnapshot: DashboardSnapshotFactory,
}


def make(model: type, workspace: Workspace, **kwargs):
    """An object of `model` in `workspace`, through its registered factory."""
    return FACTORIES[model](workspace=workspace, **kwargs)


class AccessTokenFactory(factory.django.DjangoModelFactory):
    """A token row; its secret is unknown (use heard.api.tokens.create_token for a usable one)."""

    class Meta:
        model = "api.AccessToken"

    workspace = factory.SubFactory(WorkspaceFactory)
    user = factory.LazyAttribute(lambda o: MembershipFactory(workspace=o.workspace).user)
    name = "Integration"
    prefix = "heard_test"
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


def _register_api_factories() -> None:
    from heard.api.models import AccessToken

    FACTORIES[AccessToken] = AccessTokenFactory


_register_api_factories()


class WebhookEndpointFactory(factory.django.DjangoModelFactory):
    """An active endpoint for every event (its secret is random; read `.secret`)."""

    class Meta:
        model = "webhooks.WebhookEndpoint"

    workspace = factory.SubFactory(WorkspaceFactory)
    url = factory.Sequence(lambda n: f"https://hooks{n}.example.org/heard")
    events = factory.LazyFunction(
        lambda: ["input.recorded", "decision.made", "loop.closed", "commitment.updated"]
    )
    secret = factory.Sequence(lambda n: f"whsec_test{n:032d}")


class WebhookDeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "webhooks.WebhookDelivery"

    workspace = factory.SubFactory(WorkspaceFactory)
    endpoint = factory.SubFactory(
        WebhookEndpointFactory, workspace=factory.SelfAttribute("..workspace")
    )
    event = "input.recorded"
    event_id = factory.Faker("uuid4")
    payload = factory.LazyAttribute(
        lambda o: {"id": str(o.event_id), "event": o.event, "workspace": o.workspace.slug}
    )


def _register_webhook_factories() -> None:
    from heard.webhooks.models import WebhookDelivery, WebhookEndpoint

    FACTORIES[WebhookEndpoint] = WebhookEndpointFactory
    FACTORIES[WebhookDelivery] = WebhookDeliveryFactory


_register_webhook_factories()
