"""The sections of a disclosure report, per framework, built from one set of figures."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from heard.core.models import Workspace
from heard.insights.disclosure.figures import Figures, Period
from heard.insights.disclosure.report import Report, Section
from heard.insights.disclosure.sections import csddd, esrs, gri, ungp

BUILDERS: dict[str, tuple[Callable[[Figures, Figures], Section], ...]] = {
    esrs.FRAMEWORK: esrs.BUILDERS,
    csddd.FRAMEWORK: csddd.BUILDERS,
    ungp.FRAMEWORK: ungp.BUILDERS,
    gri.FRAMEWORK: gri.BUILDERS,
}


def build_report(
    workspace: Workspace,
    period: Period,
    frameworks: Iterable[str],
    *,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Report:
    """Every section of the chosen frameworks; `on_progress(done, total, step)` after each."""
    builders = [b for fw, group in BUILDERS.items() if fw in frameworks for b in group]
    current = Figures(workspace, period)
    previous = Figures(workspace, period.previous())
    sections = []
    for index, builder in enumerate(builders):
        section = builder(current, previous)
        sections.append(section)
        if on_progress:
            on_progress(index + 1, len(builders), _("Computing: %(s)s") % {"s": section.title})
    return Report(
        workspace_name=workspace.name,
        period=period,
        previous=period.previous(),
        sections=sections,
    )
