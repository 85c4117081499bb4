"""The summary line `heard backup` and `heard restore` print."""

from __future__ import annotations

from heard.ops.backup import Summary


def describe(summary: Summary) -> str:
    """'2 workspaces, 14 users, 200 stakeholders, 1,512 inputs; 3.1 MB'."""
    parts = ", ".join(f"{count:,} {name}" for name, count in summary.counts.items())
    return f"{parts}; {summary.size / 1_000_000:.1f} MB"
