"""Small template helpers shared by every app."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def sort_link(context, field: str) -> str:
    """Query string that sorts by `field`, toggling the direction if already sorted by it."""
    params = context["request"].GET.copy()
    current = params.get("sort", "")
    params["sort"] = f"-{field}" if current == field else field
    params.pop("page", None)
    return params.urlencode()


@register.simple_tag(takes_context=True)
def sort_state(context, field: str) -> str:
    """`ascending`, `descending` or `none`, for aria-sort on a column header."""
    current = context["request"].GET.get("sort", "")
    if current == field:
        return "ascending"
    if current == f"-{field}":
        return "descending"
    return "none"


@register.simple_tag(takes_context=True)
def display_name(context, obj) -> str:
    """An object's name as the current member may see it (pseudonyms for hidden identities)."""
    membership = context.get("membership")
    show = getattr(obj, "display_name_for", None)
    if show is not None and membership is not None:
        return show(membership)
    return str(obj)


IDENTITY_FIELDS = frozenset({"name", "email", "phone", "messaging_handle", "notes"})


@register.simple_tag
def audit_value(field: str, value, hide_identity: bool = False):
    """An audited value as shown in History: identity fields masked when the viewer may not
    see the object's identity."""
    if value in ("", None):
        return "—"
    if hide_identity and field in IDENTITY_FIELDS:
        return "•••"
    return value
