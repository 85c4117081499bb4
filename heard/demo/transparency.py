"""The demo's transparency centre: acme publishes its centre (its published policies, minutes,
summaries and public commitments come from the other demo modules); globex has not opted in,
so its public address is a 404, as a real workspace's is until someone publishes it."""

from __future__ import annotations

from heard.core.models import Role
from heard.demo.generate import DemoContext
from heard.transparency.models import TransparencyCentre

PUBLISHED = {"acme"}
INTRODUCTION = (
    "We build social products used by millions of people. Before we change the rules of our "
    "services we ask the people affected — civil society organisations, experts and people "
    "with lived experience — and we publish here what we heard and what we did about it.\n\n"
    "Figures are counts only; groups of fewer than five people are never shown, and minutes "
    "and summaries name nobody."
)


def create_transparency(ctx: DemoContext) -> None:
    """The workspace's centre settings; published for acme only."""
    workspace = ctx.workspace
    is_published = workspace.slug in PUBLISHED
    TransparencyCentre.objects.create(
        workspace=workspace,
        public_slug=workspace.slug,
        title=f"{workspace.name} transparency centre",
        introduction=INTRODUCTION,
        contact=f"humanrights@{workspace.slug}.example",
        is_published=is_published,
        published_at=ctx.now if is_published else None,
        published_by=ctx.members.get(Role.OWNER) if is_published else None,
    )
    ctx.counts["transparency centre published"] = int(is_published)
