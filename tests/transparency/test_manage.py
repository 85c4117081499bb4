"""The staff page: publish, edit, preview, audit; who may do it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from heard.core.errors import DomainError
from heard.core.models import AuditEntry, Role
from heard.transparency import services
from heard.transparency.models import TransparencyCentre
from tests.conftest import member_client
from tests.factories import WorkspaceFactory
from tests.transparency.conftest import publish

pytestmark = pytest.mark.django_db


def settings_url(workspace) -> str:
    return reverse("transparency_manage:settings", args=[workspace.slug])


def form_data(**overrides) -> dict:
    data = {
        "is_published": "on",
        "title": "Acme transparency centre",
        "public_slug": "acme-public",
        "introduction": "We publish what we heard.\n\nAnd what we did.",
        "contact": "humanrights@acme.example",
        "are_summaries_public": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_owner_publishes_and_the_public_pages_open(workspace, owner_client):
    home = reverse("transparency:home", args=["acme-public"])
    assert Client().get(home).status_code == 404
    response = owner_client.post(settings_url(workspace), form_data())
    assert response.status_code == 302
    centre = TransparencyCentre.objects.get(workspace=workspace)
    assert centre.is_published and centre.published_by == owner_client.user
    page = Client().get(home)
    assert page.status_code == 200
    assert "We publish what we heard." in page.content.decode()
    assert "mailto:humanrights@acme.example" in page.content.decode()
    entry = AuditEntry.objects.filter(workspace=workspace).latest("sequence")
    assert entry.action == "create" and entry.changes["is_published"] == [None, True]


def test_unpublishing_is_audited_and_hides_everything(workspace, owner_client):
    owner_client.post(settings_url(workspace), form_data())
    owner_client.post(settings_url(workspace), form_data(is_published=None))
    entry = AuditEntry.objects.filter(workspace=workspace).latest("sequence")
    assert entry.action == "update" and entry.changes["is_published"] == [True, False]
    assert Client().get(reverse("transparency:home", args=["acme-public"])).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "title"),
        ({"contact": "not a contact"}, "contact", "email address"),
        ({"public_slug": "has spaces"}, "public_slug", "slug"),
    ],
)
def test_invalid_settings_name_the_field_and_write_nothing(
    workspace, owner_client, overrides, field, message
):
    before = AuditEntry.objects.filter(workspace=workspace).count()
    response = owner_client.post(settings_url(workspace), form_data(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in str(errors[field]).lower()
    assert not TransparencyCentre.objects.filter(workspace=workspace).exists()
    assert AuditEntry.objects.filter(workspace=workspace).count() == before


def test_another_workspace_slug_cannot_be_claimed(workspace, owner_client):
    other = WorkspaceFactory(slug="globex")
    response = owner_client.post(settings_url(workspace), form_data(public_slug="globex"))
    assert response.status_code == 400
    assert "taken" in str(response.context["form"].errors["public_slug"])
    services.save_centre(workspace=other, actor=None, title="Globex", public_slug="globex-t")
    with pytest.raises(DomainError) as error:
        services.save_centre(workspace=workspace, actor=None, title="X", public_slug="globex-t")
    assert error.value.field == "public_slug"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.OWNER, 200),
        (Role.MANAGER, 200),
        (Role.EDITOR, 403),
        (Role.CONTRIBUTOR, 403),
        (Role.VIEWER, 403),
        (Role.AUDITOR, 403),
    ],
)
def test_only_owners_and_managers_manage_the_centre(workspace, role, status):
    client = member_client(workspace, role)
    assert client.get(settings_url(workspace)).status_code == status
    post = client.post(settings_url(workspace), form_data())
    assert post.status_code == (302 if status == 200 else 403)
    menu = client.get(reverse("workspace_home", args=[workspace.slug])).content.decode()
    assert (settings_url(workspace) in menu) is (status == 200)


def test_settings_page_lists_exactly_what_is_public(workspace, owner_client):
    data = publish(workspace)
    page = owner_client.get(settings_url(workspace)).content.decode()
    assert data["policy"].title in page
    assert data["forum"].title in page
    assert data["engagement"].title in page
    assert data["commitment"].title in page
    assert data["hidden_commitment"].title not in page


def test_preview_works_before_publishing_and_is_never_cached(workspace, owner_client):
    data = publish(workspace, is_published=False)
    public = reverse(
        "transparency:policy_detail", args=[data["centre"].public_slug, data["policy"].pk]
    )
    assert Client().get(public).status_code == 404
    preview = reverse(
        "transparency_manage:preview_policy_detail", args=[workspace.slug, data["policy"].pk]
    )
    response = owner_client.get(preview)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Preview" in body and "a person reviews every appeal" in body
    assert "no-store" in response["Cache-Control"]
    # Links inside the preview stay inside the preview.
    assert reverse("transparency_manage:preview_policy_list", args=[workspace.slug]) in body
    assert f"/t/{data['centre'].public_slug}/policies/" not in body


def test_preview_of_a_workspace_without_centre_uses_defaults(workspace, owner_client):
    response = owner_client.get(reverse("transparency_manage:preview_home", args=[workspace.slug]))
    assert response.status_code == 200
    assert f"{workspace.name} transparency centre" in response.content.decode()
