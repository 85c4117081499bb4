"""Enumerates the project's URL patterns so tenancy and permission tests cover new URLs by
themselves: add a URL and these tests request it without anyone remembering to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

KWARG = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern, flattened."""

    route: str
    name: str
    callback: object

    @property
    def kwargs(self) -> list[str]:
        return KWARG.findall(self.route)

    @property
    def is_workspace(self) -> bool:
        return "workspace_slug" in self.kwargs

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None)

    @property
    def initkwargs(self) -> dict:
        return getattr(self.callback, "view_initkwargs", {}) or {}

    def attr(self, name: str, default=None):
        """An attribute of the view: as_view() kwargs, then the class, then the function."""
        if name in self.initkwargs:
            return self.initkwargs[name]
        if self.view_class is not None and hasattr(self.view_class, name):
            return getattr(self.view_class, name)
        return getattr(self.callback, name, default)

    def path(self, **values) -> str:
        """The concrete path for these kwarg values."""
        return "/" + KWARG.sub(lambda m: str(values[m.group(1)]), self.route)


def _walk(patterns, prefix: str, namespace: str):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            yield Route(prefix + str(pattern.pattern), name, pattern.callback)


def all_routes() -> list[Route]:
    """Every URL pattern of the project."""
    return list(_walk(get_resolver().url_patterns, "", ""))


def workspace_routes() -> list[Route]:
    """Every URL pattern under /w/<slug>/."""
    return [r for r in all_routes() if r.is_workspace]


def route_objects(route: Route, workspace, make) -> dict:
    """Objects in `workspace` for every kwarg of `route` but the slug: `pk` is an object of the
    view's `model`; `<name>_pk` an object of the view's `parent_models[name_pk]`."""
    values = {}
    parents = route.attr("parent_models", {}) or {}
    for kwarg in route.kwargs:
        if kwarg == "workspace_slug":
            continue
        model = route.attr("model") if kwarg == "pk" else parents.get(kwarg)
        if model is None:
            raise AssertionError(
                f"{route.name or route.route}: cannot tell which model <{kwarg}> is. Give the "
                "view `model` (for pk) or `parent_models = {'" + kwarg + "': Model}`."
            )
        values[kwarg] = make(model, workspace).pk
    return values
