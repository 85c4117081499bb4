"""Writes on themes: people's curation (rename, merge, split, move) and re-clustering.

A theme a person touched is *curated*: it and every input in it are kept as they are
(`Theme.is_curated`, `ThemeMembership.pinned`). Re-clustering regroups only the other inputs:
each joins the nearest curated theme when close enough, or a new theme; themes nobody touched
are replaced.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.concurrency import check_version
from heard.core.errors import DomainError
from heard.core.models import AuditAction, User, Workspace
from heard.feedback.models import Input
from heard.feedback.services.common import check_same_workspace, validate
from heard.insights.themes import backends
from heard.insights.themes.models import RunPhase, RunStatus, Theme, ThemeMembership, ThemeRun
from heard.insights.themes.queries import grouped_inputs

logger = logging.getLogger(__name__)

BATCH = 5000


# --- helpers


def _check_active(*themes: Theme) -> None:
    for theme in themes:
        if theme.archived_at is not None:
            raise DomainError(_("This theme was merged or replaced; open the current one."))


def recount(workspace: Workspace, themes: Iterable[Theme] | None = None) -> None:
    """Store each theme's number of (active, unmerged) inputs."""
    queryset = Theme.objects.for_workspace(workspace)
    if themes is not None:
        queryset = queryset.filter(pk__in=[t.pk for t in themes])
    counts = dict(
        ThemeMembership.objects.filter(
            theme__in=queryset,
            input__archived_at__isnull=True,
            input__merged_into__isnull=True,
        )
        .values_list("theme")
        .annotate(n=Count("id"))
        .values_list("theme", "n")
    )
    rows = list(queryset.only("pk", "input_count"))
    for theme in rows:
        theme.input_count = counts.get(theme.pk, 0)
    Theme.objects.bulk_update(rows, ["input_count"], batch_size=BATCH)
    for theme in themes or ():
        theme.input_count = counts.get(theme.pk, 0)


def _curate(theme: Theme) -> None:
    """Mark `theme` as a person's: kept by re-clustering with every input now in it."""
    if not theme.is_curated:
        theme.is_curated = True
        theme.save(update_fields=["is_curated", "updated_at"])
    theme.memberships.filter(pinned=False).update(pinned=True, placed_at=timezone.now())


# --- curation


@transaction.atomic
def rename_theme(
    *,
    workspace: Workspace,
    actor: User | None,
    theme: Theme,
    name: str,
    description: str = "",
    version: str | None = None,
) -> Theme:
    """Name a theme (empty: back to its top terms); it becomes curated."""
    check_version(Theme, theme.pk, version)
    check_same_workspace(workspace, theme)
    _check_active(theme)
    before = audit.snapshot(theme)
    theme.name, theme.description = name.strip(), description.strip()
    validate(theme)
    theme.save()
    _curate(theme)
    audit.record_update(workspace=workspace, actor=actor, obj=theme, before=before)
    return theme


@transaction.atomic
def merge_themes(
    *, workspace: Workspace, actor: User | None, source: Theme, target: Theme
) -> Theme:
    """Move every input of `source` into `target`; `source` is archived, pointing there."""
    check_same_workspace(workspace, source, target)
    _check_active(source, target)
    if source.pk == target.pk:
        raise DomainError(_("Choose another theme to merge into."), field="target")
    moved = source.memberships.update(
        theme=target, pinned=True, placed_by=actor, placed_at=timezone.now()
    )
    _curate(target)
    source.merged_into, source.archived_at, source.is_curated = target, timezone.now(), True
    source.input_count = 0
    source.save(update_fields=["merged_into", "archived_at", "is_curated", "input_count"])
    recount(workspace, [target])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.MERGE,
        obj=source,
        changes={"merged_into": [None, target.pk], "inputs moved": [None, moved]},
    )
    return target


@transaction.atomic
def split_theme(
    *,
    workspace: Workspace,
    actor: User | None,
    theme: Theme,
    input_ids: Sequence[int],
    name: str,
) -> Theme:
    """Move the chosen inputs of `theme` into a new curated theme named `name`."""
    check_same_workspace(workspace, theme)
    _check_active(theme)
    chosen = theme.memberships.filter(input_id__in=list(input_ids))
    if not chosen.exists():
        raise DomainError(_("Choose at least one input of this theme."), field="inputs")
    new = Theme(workspace=workspace, name=name.strip(), is_curated=True)
    if not new.name:
        raise DomainError(_("Name the new theme."), field="name")
    validate(new)
    new.save()
    moved = chosen.update(theme=new, pinned=True, placed_by=actor, placed_at=timezone.now())
    _curate(theme)
    recount(workspace, [theme, new])
    audit.record_create(workspace=workspace, actor=actor, obj=new)
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=theme,
        changes={"split into": [None, new.pk], "inputs moved": [None, moved]},
    )
    return new


@transaction.atomic
def move_input(
    *, workspace: Workspace, actor: User | None, input: Input, theme: Theme
) -> ThemeMembership:
    """Put `input` into `theme` by hand: it stays there through re-clustering."""
    check_same_workspace(workspace, input, theme)
    _check_active(theme)
    if input.archived_at is not None or input.merged_into_id is not None:
        raise DomainError(_("Archived and merged inputs are not grouped into themes."))
    current = ThemeMembership.objects.filter(input=input).select_related("theme").first()
    old = current.theme if current else None
    if current is None:
        current = ThemeMembership(workspace=workspace, input=input)
    current.theme, current.pinned, current.placed_by = theme, True, actor
    current.save()
    _curate(theme)
    recount(workspace, [t for t in (old, theme) if t is not None])
    audit.record(
        workspace=workspace,
        actor=actor,
        action=AuditAction.UPDATE,
        obj=input,
        changes={"theme": [old.label if old else None, theme.label]},
    )
    return current


# --- re-clustering


def configured_backend() -> str:
    """The clustering method this installation uses: THEMES_BACKEND in settings, else the
    HEARD_THEMES_BACKEND environment variable, else TF-IDF."""
    backend = getattr(settings, "THEMES_BACKEND", "") or os.environ.get(
        "HEARD_THEMES_BACKEND", backends.TFIDF
    )
    return backend if backend in backends.BACKENDS else backends.TFIDF


def resolve_backend(requested: str | None) -> tuple[str, str]:
    """(backend to use, note for the run): embeddings only when installed, else TF-IDF."""
    backend = requested or configured_backend()
    if backend == backends.EMBEDDINGS:
        from heard.insights.themes.embeddings import INSTALL_HINT, is_available

        if not is_available():
            note = _(
                "Sentence embeddings are not installed here (%(hint)s); grouped with TF-IDF."
            ) % {"hint": INSTALL_HINT}
            logger.warning(note)
            return backends.TFIDF, note
    return backend, ""


def active_run(workspace: Workspace) -> ThemeRun | None:
    """The run queued or under way, if any."""
    return (
        ThemeRun.objects.for_workspace(workspace)
        .filter(status__in=(RunStatus.QUEUED, RunStatus.RUNNING))
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def request_recluster(
    *, workspace: Workspace, actor: User | None, backend: str | None = None
) -> ThemeRun:
    """Queue a re-clustering for the worker (or return the one already queued)."""
    from heard.insights.themes.tasks import recluster_workspace

    current = active_run(workspace)
    if current is not None:
        return current
    run = ThemeRun.objects.create(
        workspace=workspace, requested_by=actor, backend=backend or configured_backend()
    )
    audit.record_create(workspace=workspace, actor=actor, obj=run)
    transaction.on_commit(lambda: recluster_workspace.enqueue(run.pk, backend))
    return run


def _update_run(run: ThemeRun, **fields) -> None:
    """Save progress outside any transaction, so the page polling it sees it at once."""
    for name, value in fields.items():
        setattr(run, name, value)
    ThemeRun.objects.filter(pk=run.pk).update(**fields)


def recluster(
    *,
    workspace: Workspace,
    actor: User | None = None,
    run: ThemeRun | None = None,
    backend: str | None = None,
    k: int | None = None,
    audited: bool = True,
) -> ThemeRun:
    """Regroup the workspace's inputs now (the worker and `heard themes recluster` call this).
    `audited=False` only for bulk loads that record one entry for everything (the demo)."""
    if run is None:
        run = ThemeRun.objects.create(workspace=workspace, requested_by=actor)
    backend, note = resolve_backend(backend or run.backend or None)
    _update_run(
        run,
        status=RunStatus.RUNNING,
        phase=RunPhase.READING,
        backend=backend,
        started_at=timezone.now(),
        message=note,
    )
    try:
        return _recluster(workspace, actor, run, backend, k, audited)
    except Exception as error:
        _update_run(run, status=RunStatus.FAILED, finished_at=timezone.now(), message=str(error))
        raise


def _recluster(
    workspace, actor, run: ThemeRun, backend: str, k: int | None, audited: bool
) -> ThemeRun:
    # Imported here: scikit-learn takes a second to load, which web processes need not pay.
    from heard.insights.themes import clustering

    rows = list(grouped_inputs(workspace).order_by("pk").values_list("pk", "text"))
    ids = [pk for pk, _text in rows]
    texts = [text for _pk, text in rows]
    del rows
    position = {pk: i for i, pk in enumerate(ids)}
    curated = set(
        Theme.objects.for_workspace(workspace)
        .active()
        .filter(is_curated=True)
        .values_list("pk", flat=True)
    )
    anchors: dict[int, list[int]] = {pk: [] for pk in curated}
    pinned = ThemeMembership.objects.filter(workspace=workspace, pinned=True, theme__in=curated)
    for input_id, theme_id in pinned.values_list("input_id", "theme_id").iterator(BATCH):
        if input_id in position:
            anchors[theme_id].append(position[input_id])
    try:
        grouping = clustering.group(
            texts,
            anchors=anchors,
            backend=backend,
            k=k,
            on_phase=lambda phase: _update_run(run, phase=phase),
        )
    except backends.BackendUnavailable as error:  # installed but broken: say so, go on
        _update_run(run, backend=backends.TFIDF, message=str(error))
        grouping = clustering.group(texts, anchors=anchors, k=k)
    _update_run(run, phase=RunPhase.WRITING)
    with transaction.atomic():
        before = Theme.objects.for_workspace(workspace).active().count()
        themes = _write(workspace, ids, grouping, curated)
        _update_run(
            run,
            status=RunStatus.DONE,
            finished_at=timezone.now(),
            input_count=len(ids),
            theme_count=themes,
        )
        if not audited:
            return run
        audit.record(
            workspace=workspace,
            actor=actor,
            action=AuditAction.UPDATE,
            obj=run,
            changes={
                "status": [RunStatus.RUNNING, RunStatus.DONE],
                "method": [None, run.backend],
                "inputs grouped": [None, len(ids)],
                "themes": [before, themes],
            },
        )
    return run


def _referenced_theme_ids(theme_ids: list[int]) -> set[int]:
    """Themes other records point at (e.g. insight briefs): archived, never deleted."""
    found: set[int] = set()
    for relation in Theme._meta.related_objects:
        if relation.related_model in (Theme, ThemeMembership):
            continue
        field = relation.field
        found.update(
            field.model._base_manager.filter(**{f"{field.name}__in": theme_ids})
            .values_list(field.name, flat=True)
            .distinct()
        )
    return found


def _replace_uncurated(workspace: Workspace) -> None:
    """Unpinned memberships go; so do themes nobody curated (archived if something links
    to them)."""
    # A single DELETE: memberships have no dependants, so Django deletes them without
    # loading 100,000 rows.
    ThemeMembership.objects.filter(workspace=workspace, pinned=False).delete()
    old = list(
        Theme.objects.for_workspace(workspace)
        .active()
        .filter(is_curated=False)
        .values_list("pk", flat=True)
    )
    if not old:
        return
    kept = _referenced_theme_ids(old)
    Theme.objects.filter(pk__in=kept).update(archived_at=timezone.now(), input_count=0)
    Theme.objects.filter(pk__in=set(old) - kept).delete()


def _write(workspace: Workspace, ids: list[int], grouping, curated: set[int]) -> int:
    """Replace uncurated themes and unpinned memberships with the grouping's; returns the
    number of active themes."""
    _replace_uncurated(workspace)
    new = [
        Theme(
            workspace=workspace,
            top_terms=cluster.terms,
            input_count=len(cluster.rows),
        )
        for cluster in grouping.clusters
    ]
    for theme in new:
        theme.refresh_search_text()
    Theme.objects.bulk_create(new, batch_size=BATCH)
    # People may have curated while the run computed: inputs they placed meanwhile keep their
    # place, and themes merged meanwhile take no new inputs (those wait for the next run).
    placed = set(
        ThemeMembership.objects.filter(workspace=workspace, pinned=True).values_list(
            "input_id", flat=True
        )
    )
    current = set(
        Theme.objects.for_workspace(workspace)
        .active()
        .filter(pk__in=curated)
        .values_list("pk", flat=True)
    )
    memberships = [
        ThemeMembership(workspace=workspace, theme_id=theme_id, input_id=ids[row])
        for row, theme_id in grouping.joined.items()
        if theme_id in current and ids[row] not in placed
    ]
    for theme, cluster in zip(new, grouping.clusters, strict=True):
        memberships.extend(
            ThemeMembership(workspace=workspace, theme_id=theme.pk, input_id=ids[row])
            for row in cluster.rows
            if ids[row] not in placed
        )
    for start in range(0, len(memberships), BATCH):
        ThemeMembership.objects.bulk_create(memberships[start : start + BATCH])
    kept = list(Theme.objects.for_workspace(workspace).filter(pk__in=current))
    for theme in kept:
        theme.top_terms = grouping.anchor_terms.get(theme.pk, theme.top_terms)
        theme.refresh_search_text()
    Theme.objects.bulk_update(kept, ["top_terms", "search_text"], batch_size=BATCH)
    recount(workspace, [*kept, *new])
    return len(kept) + len(new)
