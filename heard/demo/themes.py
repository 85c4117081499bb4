"""Themes for the demo: the inputs grouped once they exist, as `heard themes recluster` does."""

from __future__ import annotations

from heard.demo.generate import DemoContext


def create_themes(ctx: DemoContext) -> None:
    """Group the workspace's inputs into themes (TF-IDF: the default install)."""
    from heard.insights.themes.services import recluster

    # The load's one audit entry counts the themes (record_loaded).
    run = recluster(workspace=ctx.workspace, actor=None, backend="tfidf", audited=False)
    ctx.counts["themes"] = run.theme_count
