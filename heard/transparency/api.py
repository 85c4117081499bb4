"""The transparency centre in the API: read its settings and what each public section holds,
change them, publish and unpublish — what the settings page does, through its form and
service, for the same roles."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from heard.api.auth import can
from heard.api.common import InSchema, valid
from heard.core import permissions
from heard.core.concurrency import version_of
from heard.transparency import queries, services
from heard.transparency.forms import CentreForm
from heard.transparency.models import TransparencyCentre

transparency = Router(tags=["transparency"])

FIELDS = CentreForm.Meta.fields


class SectionCounts(Schema):
    policies: int
    minutes: int
    summaries: int
    commitments: int


class CentreOut(Schema):
    exists: bool = Field(description="False until the settings are first saved.")
    version: str
    is_published: bool
    public_slug: str
    public_url: str = Field(description="The public address (answers 404 while unpublished).")
    title: str
    introduction: str
    contact: str
    are_summaries_public: bool
    published_at: datetime.datetime | None
    published_by: int | None
    sections: SectionCounts = Field(description="How many items each public section holds.")


class CentrePatch(InSchema):
    title: str | None = Field(None, max_length=200)
    public_slug: str | None = Field(None, max_length=60)
    introduction: str | None = Field(None, max_length=5000)
    contact: str | None = Field(None, max_length=254)
    are_summaries_public: bool | None = None
    version: str | None = Field(
        None, max_length=64, description="`version` as you read it: a 409 if it changed since."
    )


class PublishParams(Schema):
    version: str | None = Field(
        None, max_length=64, description="`version` as you read it: a 409 if it changed since."
    )


def centre_out(centre: TransparencyCentre, workspace) -> dict:
    return {
        "exists": centre.pk is not None,
        "version": version_of(centre),
        "is_published": centre.is_published,
        "public_slug": centre.public_slug,
        "public_url": centre.get_public_url() if centre.public_slug else "",
        "title": centre.title,
        "introduction": centre.introduction,
        "contact": centre.contact,
        "are_summaries_public": centre.are_summaries_public,
        "published_at": centre.published_at,
        "published_by": centre.published_by_id,
        "sections": queries.section_counts(workspace, centre),
    }


def _current(request: HttpRequest) -> dict:
    return centre_out(services.centre_for(request.workspace), request.workspace)


def _save(request: HttpRequest, changes: dict, version: str | None) -> dict:
    """The page's save: current values merged with `changes`, through its form and service."""
    centre = services.centre_for(request.workspace)
    data = {name: getattr(centre, name) for name in FIELDS}
    data.update({k: v for k, v in changes.items() if v is not None})
    form = CentreForm({k: v for k, v in data.items() if v is not False}, instance=centre)
    cleaned = valid(form)
    services.save_centre(
        workspace=request.workspace,
        actor=request.user,
        version=version,
        **{name: cleaned[name] for name in FIELDS},
    )
    return _current(request)


@transparency.get(
    "",
    response=CentreOut,
    summary="Read the transparency centre",
    auth=can(permissions.MANAGE_TRANSPARENCY),
)
def read_transparency_centre(request):
    return _current(request)


@transparency.patch(
    "",
    response=CentreOut,
    summary="Change the transparency centre",
    auth=can(permissions.MANAGE_TRANSPARENCY),
)
def update_transparency_centre(request, payload: CentrePatch):
    """Title, public address, introduction, contact, whether summaries show."""
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    return _save(request, changes, version)


@transparency.post(
    "/publish",
    response=CentreOut,
    summary="Publish the transparency centre",
    auth=can(permissions.MANAGE_TRANSPARENCY),
)
def publish_transparency_centre(request, params: Query[PublishParams]):
    """Anyone with the link can then read the public pages."""
    return _save(request, {"is_published": True}, params.version)


@transparency.post(
    "/unpublish",
    response=CentreOut,
    summary="Unpublish the transparency centre",
    auth=can(permissions.MANAGE_TRANSPARENCY),
)
def unpublish_transparency_centre(request, params: Query[PublishParams]):
    """Its public pages answer "not found" again."""
    centre = services.centre_for(request.workspace)
    if centre.pk is None:
        return _current(request)
    return _save(request, {"is_published": False}, params.version)
