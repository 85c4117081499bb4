"""Benchmark: re-clustering 100,000 inputs into themes, end to end.

    .venv/bin/python bench/themes.py [--inputs 100000] [--database-url postgres://…]

Without --database-url a fresh SQLite database is created in a temporary directory. Inputs are
bulk-inserted from the vocabulary of the labelled test corpus (six themes, English, French,
Spanish; one to three sentences each, some words dropped so no two are alike). Then the same
service `heard themes recluster` and the worker call is timed twice: a first grouping, and a
second after people curated three themes (renamed, an input moved), which regroups only the
rest. Each run covers reading texts, vectorising, clustering, labelling and writing themes and
memberships. Target: ≤ 60 s per run on one core.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "insights" / "themes" / "corpus"))

from build_corpus import SENTENCES, SHARED  # noqa: E402 - the corpus's vocabulary


def texts(count: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """(text, language, theme) rows made of the corpus's sentences, varied."""
    rng = random.Random(seed)
    pool = [(t, lang) for t in SENTENCES for lang in SENTENCES[t]]
    rows = []
    for _ in range(count):
        theme, language = rng.choice(pool)
        parts = rng.sample(SENTENCES[theme][language], rng.choice((1, 1, 2, 3)))
        if rng.random() < 0.3:
            parts.append(rng.choice(SHARED[language]))
        words = " ".join(parts).split()
        kept = [w for w in words if rng.random() > 0.12] or words
        rows.append((" ".join(kept), language, theme))
    return rows


def setup_django(database_url: str | None, var_dir: Path) -> None:
    """Point Heard at a fresh database and migrate it."""
    os.environ["HEARD_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{var_dir / 'bench-themes.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed_run(label: str, workspace) -> float:
    """One re-clustering through the service, with the time of each phase."""
    from heard.insights.themes import services

    marks: list[tuple[str, float]] = []
    update = services._update_run

    def spy(run, **fields):  # notes when each phase starts
        if "phase" in fields:
            marks.append((fields["phase"], time.perf_counter()))
        update(run, **fields)

    services._update_run = spy
    started, cpu = time.perf_counter(), time.process_time()
    try:
        run = services.recluster(workspace=workspace, actor=None)
    finally:
        services._update_run = update
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    ends = [at for _phase, at in marks[1:]] + [started + seconds]
    phases = "  ".join(f"{p} {end - at:.1f}" for (p, at), end in zip(marks, ends, strict=True))
    print(
        f"{label:<10} {run.input_count:>7} inputs → {run.theme_count:>3} themes  "
        f"{seconds:6.2f} s  (CPU {cpu:.2f} s)\n           phases (s): {phases}"
    )
    return seconds


def curate(workspace) -> None:
    """What people do between runs: rename three themes, move one input by hand."""
    from heard.insights.themes import services
    from heard.insights.themes.models import Theme

    largest = list(Theme.objects.for_workspace(workspace).active().order_by("-input_count")[:3])
    for number, theme in enumerate(largest, 1):
        services.rename_theme(
            workspace=workspace, actor=None, theme=theme, name=f"Curated theme {number}"
        )
    moved = largest[0].memberships.select_related("input").first().input
    services.move_input(workspace=workspace, actor=None, input=moved, theme=largest[1])


def run(count: int) -> None:
    """Insert the inputs, then time two re-clusterings."""
    from heard.core.models import Workspace
    from heard.feedback.models import Input
    from heard.insights.themes.clustering import purity
    from heard.insights.themes.models import ThemeMembership

    workspace = Workspace.objects.create(name="Bench", slug=f"bench-{int(time.time())}")
    started = time.perf_counter()
    rows = texts(count)
    created = Input.objects.bulk_create(
        (Input(workspace=workspace, text=t, language=lang) for t, lang, _theme in rows),
        batch_size=5000,
    )
    truth = {row.pk: theme for row, (_t, _l, theme) in zip(created, rows, strict=True)}
    print(f"insert     {count:>7} inputs  {time.perf_counter() - started:6.2f} s")
    first = timed_run("first run", workspace)
    pairs = ThemeMembership.objects.filter(workspace=workspace).values_list("input_id", "theme_id")
    predicted, labels = zip(*((theme, truth[pk]) for pk, theme in pairs), strict=True)
    print(f"purity     {purity(predicted, labels):.3f} (against the generating theme)")
    curate(workspace)
    second = timed_run("curated", workspace)
    worst = max(first, second)
    print(f"target     ≤ 60 s per run: {'met' if worst <= 60 else 'NOT met'} ({worst:.1f} s)")


def main() -> None:
    """Parse options, set up a database, run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument(
        "--database-url",
        default=None,
        help="default: a fresh SQLite database in a temporary directory",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="heard-bench-themes-") as directory:
        setup_django(options.database_url, Path(directory))
        run(options.inputs)


if __name__ == "__main__":
    main()
