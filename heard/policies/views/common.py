"""Helpers shared by the policy pages."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.urls import reverse

from heard.stakeholders.queries import member_choices

__all__ = ["PostOnlyMixin", "member_choices", "url"]


class PostOnlyMixin:
    """Views that only change things: GET answers 405 (after the role and tenancy checks)."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


def url(view, name: str, *args) -> str:
    """A policies URL in the current workspace."""
    return reverse(f"policies:{name}", args=[view.workspace.slug, *args])


def user_of(view, user_id: int | None):
    """The workspace member with this user id, or None."""
    if not user_id:
        return None
    membership = view.workspace.memberships.select_related("user").filter(user_id=user_id).first()
    return membership.user if membership else None
