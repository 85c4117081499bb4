"""Template context every page needs: the current workspace and the user's other workspaces."""

from heard.core.permissions import ACTIONS


def workspace(request) -> dict:
    """`workspace`, `membership`, `can` (action → bool) and `my_memberships` for the layout."""
    membership = getattr(request, "membership", None)
    context = {
        "workspace": getattr(request, "workspace", None),
        "membership": membership,
        "can": {action: bool(membership and membership.can(action)) for action in ACTIONS},
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Lazy: evaluated only by the templates that show the workspace switcher.
        context["my_memberships"] = user.memberships.select_related("workspace").order_by(
            "workspace__name"
        )
    return context
