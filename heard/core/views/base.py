"""Base views: every workspace page goes through these, so none can forget tenancy or roles."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404

from heard.core import permissions


class WorkspaceMixin(LoginRequiredMixin):
    """A page inside `/w/<slug>/`: the middleware found the membership; here the role is checked.

    Set `permission` to the action the page needs (see heard.core.permissions).
    """

    permission: str = permissions.VIEW

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.membership.can(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def workspace(self):
        return self.request.workspace

    @property
    def membership(self):
        return self.request.membership

    def can(self, action: str) -> bool:
        """Whether the current member may do `action`."""
        return self.request.membership.can(action)


class WorkspaceObjectMixin(WorkspaceMixin):
    """A page about one model's rows: the queryset is always the current workspace's.

    Objects named in the URL (`pk` of `model`, and `<name>_pk` of `parent_models[name_pk]`)
    are looked up in the current workspace before any handler runs, so every method —
    GET, POST or one the view does not allow — answers 404 for another workspace's object.
    """

    model: type[models.Model] | None = None
    parent_models: dict[str, type[models.Model]] = {}

    def get_queryset(self):
        return self.model.objects.for_workspace(self.request.workspace)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.membership.can(self.permission):
            self.parents = {
                name: get_object_or_404(
                    model.objects.for_workspace(request.workspace), pk=kwargs[name]
                )
                for name, model in self.parent_models.items()
                if name in kwargs
            }
            if "pk" in kwargs:
                self._object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if queryset is None and hasattr(self, "_object"):
            return self._object
        return super().get_object(queryset)


class PaginatedMixin:
    """Paginate a queryset with `?page=` and `?per_page=` (bounded)."""

    per_page_choices = (25, 50, 100)

    def capped_count(self, queryset, cap: int) -> tuple[int, bool]:
        """(rows, whether there are more than `cap`), counting at most cap + 1 rows: exact
        counts of a million rows cost a quarter of a second on every page."""
        count = queryset.order_by()[: cap + 1].count()
        return min(count, cap), count > cap

    def paginate(self, queryset, *, count: int | None = None):
        try:
            per_page = int(self.request.GET.get("per_page", self.per_page_choices[0]))
        except ValueError:
            per_page = self.per_page_choices[0]
        if per_page not in self.per_page_choices:
            per_page = self.per_page_choices[0]
        paginator = Paginator(queryset, per_page)
        if count is not None:
            paginator.count = count
        return paginator.get_page(self.request.GET.get("page"))
