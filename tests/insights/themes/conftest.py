"""Helpers for the themes tests: the labelled corpus, loaded as a workspace's inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from heard.feedback.models import Input

CORPUS = Path(__file__).parent / "corpus" / "corpus.json"


@pytest.fixture(scope="session")
def corpus() -> list[dict]:
    """[{text, language, theme}] — 288 inputs, six themes, English, French and Spanish."""
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def add_inputs(workspace, texts, **fields) -> list[Input]:
    """Inputs with these texts, bulk-inserted as an import would."""
    rows = [Input(workspace=workspace, text=text, **fields) for text in texts]
    return Input.objects.bulk_create(rows)


@pytest.fixture
def corpus_inputs(workspace, corpus) -> dict[int, str]:
    """The corpus as inputs of `workspace`: {input id: true theme}."""
    rows = [Input(workspace=workspace, text=r["text"], language=r["language"]) for r in corpus]
    created = Input.objects.bulk_create(rows)
    return {row.pk: r["theme"] for row, r in zip(created, corpus, strict=True)}
