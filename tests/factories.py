"""factory-boy factories for every model; `FACTORIES` maps models to them for shared tests."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from heard.core.models import Invitation, Membership, Role, User, Workspace
from heard.imports.models import ColumnMapping, ImportJob
from heard.stakeholders.models import Consent, Organisation, Stakeholder, Tag, Topic
from heard.stakeholders.services import generate_pseudonym

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


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = "KE"
    region = "Africa"
    is_global_majority = True


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Faker("name")
    pseudonym = factory.LazyAttribute(lambda o: generate_pseudonym())
    country = "BR"
    region = "Americas"
    is_global_majority = True


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


# Every workspace-owned model and its factory: the shared tenancy tests use this to make an
# object of any model that appears in a URL. A new model needs a line here (a test says so).
FACTORIES: dict[type, type[factory.django.DjangoModelFactory]] = {
    Membership: MembershipFactory,
    Invitation: InvitationFactory,
    Organisation: OrganisationFactory,
    Stakeholder: StakeholderFactory,
    Consent: ConsentFactory,
    Topic: TopicFactory,
    Tag: TagFactory,
    ImportJob: ImportJobFactory,
    ColumnMapping: ColumnMappingFactory,
}


def make(model: type, workspace: Workspace, **kwargs):
    """An object of `model` in `workspace`, through its registered factory."""
    return FACTORIES[model](workspace=workspace, **kwargs)
