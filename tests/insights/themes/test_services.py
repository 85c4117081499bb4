"""Re-clustering and curation through the services: people's edits survive regrouping."""

from __future__ import annotations

from collections import Counter

import pytest

from heard.core.errors import DomainError
from heard.core.models import AuditEntry
from heard.feedback import services as feedback_services
from heard.insights.themes import queries, services
from heard.insights.themes.models import RunStatus, Theme, ThemeMembership
from tests.factories import InputFactory, ThemeFactory, UserFactory
from tests.insights.themes.conftest import add_inputs

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return UserFactory()


def _theme_of(input_id: int) -> Theme:
    return ThemeMembership.objects.select_related("theme").get(input_id=input_id).theme


def _main_theme(theme_of_input: dict[int, str], label: str) -> Theme:
    """The theme holding most inputs of a true label."""
    ids = [pk for pk, t in theme_of_input.items() if t == label]
    counts = Counter(
        ThemeMembership.objects.filter(input_id__in=ids).values_list("theme_id", flat=True)
    )
    return Theme.objects.get(pk=counts.most_common(1)[0][0])


def test_recluster_groups_every_active_input_and_records_the_run(workspace, corpus_inputs):
    archived = InputFactory(workspace=workspace, text="Archived appeal text")
    feedback_services.archive_input(workspace=workspace, actor=None, input=archived)
    run = services.recluster(workspace=workspace)
    assert run.status == RunStatus.DONE and run.backend == "tfidf"
    assert run.input_count == len(corpus_inputs)
    memberships = ThemeMembership.objects.filter(workspace=workspace)
    assert set(memberships.values_list("input_id", flat=True)) == set(corpus_inputs)
    themes = Theme.objects.for_workspace(workspace).active()
    assert run.theme_count == themes.count() >= 6
    assert sum(t.input_count for t in themes) == len(corpus_inputs)
    assert all(t.top_terms for t in themes)
    assert queries.ungrouped_count(workspace) == 0
    entry = AuditEntry.objects.filter(workspace=workspace, object_id=str(run.pk)).last()
    assert entry.changes["inputs grouped"] == [None, len(corpus_inputs)]


def test_new_inputs_are_not_yet_grouped_until_the_next_run(workspace, corpus_inputs):
    services.recluster(workspace=workspace)
    add_inputs(workspace, ["Moderators need trauma counselling and a union."])
    assert queries.ungrouped_count(workspace) == 1
    services.recluster(workspace=workspace)
    assert queries.ungrouped_count(workspace) == 0


def test_uncurated_themes_are_replaced_by_a_new_run(workspace, corpus_inputs):
    services.recluster(workspace=workspace)
    first = set(Theme.objects.for_workspace(workspace).values_list("pk", flat=True))
    services.recluster(workspace=workspace)
    second = set(Theme.objects.for_workspace(workspace).values_list("pk", flat=True))
    assert first.isdisjoint(second)
    assert ThemeMembership.objects.filter(workspace=workspace).count() == len(corpus_inputs)


def test_curation_survives_reclustering(workspace, corpus_inputs, actor):
    services.recluster(workspace=workspace)
    # Rename: the theme holding most moderators' inputs.
    renamed = _main_theme(corpus_inputs, "moderators")
    services.rename_theme(
        workspace=workspace, actor=actor, theme=renamed, name="Moderators' working conditions"
    )
    renamed_members = set(renamed.memberships.values_list("input_id", flat=True))
    # Merge: the privacy theme into the accessibility one (a person's choice, kept as made).
    source = _main_theme(corpus_inputs, "privacy")
    target = _main_theme(corpus_inputs, "accessibility")
    source_members = set(source.memberships.values_list("input_id", flat=True))
    services.merge_themes(workspace=workspace, actor=actor, source=source, target=target)
    # Split: three appeals inputs into a theme of their own.
    appeals = _main_theme(corpus_inputs, "appeals")
    chosen = list(appeals.memberships.values_list("input_id", flat=True)[:3])
    split = services.split_theme(
        workspace=workspace, actor=actor, theme=appeals, input_ids=chosen, name="Strikes"
    )
    # Move: a language-coverage input pinned into the renamed theme.
    moved = next(pk for pk, t in corpus_inputs.items() if t == "languages")
    feedback_input = InputFactory._meta.model.objects.get(pk=moved)
    services.move_input(workspace=workspace, actor=actor, input=feedback_input, theme=renamed)

    services.recluster(workspace=workspace)
    services.recluster(workspace=workspace)  # twice: nothing drifts

    renamed.refresh_from_db()
    assert renamed.archived_at is None and renamed.name == "Moderators' working conditions"
    assert renamed_members <= set(renamed.memberships.values_list("input_id", flat=True))
    assert _theme_of(moved) == renamed
    source.refresh_from_db()
    assert source.archived_at is not None and source.merged_into == target
    assert all(_theme_of(pk) == target for pk in source_members)
    assert sorted(split.memberships.values_list("input_id", flat=True)) == sorted(chosen)
    assert Theme.objects.get(pk=split.pk).name == "Strikes"
    assert ThemeMembership.objects.filter(workspace=workspace).count() == len(corpus_inputs)


def test_new_inputs_join_a_curated_theme_when_close(workspace, corpus_inputs, actor):
    services.recluster(workspace=workspace)
    theme = _main_theme(corpus_inputs, "moderators")
    services.rename_theme(workspace=workspace, actor=actor, theme=theme, name="Moderators")
    sample = ThemeMembership.objects.filter(theme=theme).select_related("input").first()
    (new,) = add_inputs(workspace, [sample.input.text])  # the same words again
    services.recluster(workspace=workspace)
    membership = ThemeMembership.objects.get(input=new)
    assert membership.theme_id == theme.pk and not membership.pinned


def test_curation_is_audited_and_checked(workspace, other_workspace, corpus_inputs, actor):
    services.recluster(workspace=workspace)
    theme, other = Theme.objects.for_workspace(workspace).active()[:2]
    services.rename_theme(workspace=workspace, actor=actor, theme=theme, name="Appeals")
    entry = AuditEntry.objects.filter(workspace=workspace, object_id=str(theme.pk)).last()
    assert entry.actor == actor and entry.changes["name"] == ["", "Appeals"]
    with pytest.raises(DomainError):
        services.merge_themes(workspace=workspace, actor=actor, source=theme, target=theme)
    foreign = ThemeFactory(workspace=other_workspace)
    with pytest.raises(DomainError):
        services.merge_themes(workspace=workspace, actor=actor, source=theme, target=foreign)
    with pytest.raises(DomainError):
        services.split_theme(
            workspace=workspace, actor=actor, theme=theme, input_ids=[0], name="Nothing"
        )
    services.merge_themes(workspace=workspace, actor=actor, source=other, target=theme)
    with pytest.raises(DomainError):  # merged themes are archived: no more edits
        services.rename_theme(workspace=workspace, actor=actor, theme=other, name="x")


def test_request_queues_one_run_at_a_time(
    workspace, corpus_inputs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.request_recluster(workspace=workspace, actor=None)
        second = services.request_recluster(workspace=workspace, actor=None)
    assert first == second and first.status == RunStatus.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()  # the immediate backend runs the task inline
    first.refresh_from_db()
    assert first.status == RunStatus.DONE
    assert Theme.objects.for_workspace(workspace).active().exists()


def test_the_command_line_regroups_a_workspace(workspace, corpus_inputs, capsys):
    from django.core.management import call_command

    call_command("themes", "recluster", "--workspace", workspace.slug)
    out = capsys.readouterr().out
    assert f"{len(corpus_inputs)} inputs in" in out
    assert Theme.objects.for_workspace(workspace).active().count() >= 6


def test_themes_linked_elsewhere_are_archived_not_deleted(workspace, corpus_inputs):
    from tests.factories import InsightRequestFactory

    services.recluster(workspace=workspace)
    linked = Theme.objects.for_workspace(workspace).active().first()
    request = InsightRequestFactory(workspace=workspace)
    request.themes.add(linked)
    services.recluster(workspace=workspace)
    linked.refresh_from_db()
    assert linked.archived_at is not None and linked.input_count == 0
    assert list(request.themes.all()) == [linked]  # the brief still shows what it linked


def test_inputs_placed_while_a_run_computes_keep_their_place(workspace, corpus_inputs, actor):
    from heard.insights.themes import clustering
    from heard.insights.themes.queries import grouped_inputs

    services.recluster(workspace=workspace)
    rows = list(grouped_inputs(workspace).order_by("pk").values_list("pk", "text"))
    grouping = clustering.group([text for _pk, text in rows])  # the run computes…
    target = Theme.objects.for_workspace(workspace).active().last()
    placed = InputFactory._meta.model.objects.get(pk=rows[0][0])
    services.move_input(workspace=workspace, actor=actor, input=placed, theme=target)  # …a move
    services._write(workspace, [pk for pk, _text in rows], grouping, {target.pk})
    membership = ThemeMembership.objects.get(input=placed)
    assert membership.theme == target and membership.pinned
    assert ThemeMembership.objects.filter(workspace=workspace).count() == len(rows)
