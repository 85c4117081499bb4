"""The clustering methods by name (light: importable without loading scikit-learn)."""

from __future__ import annotations

TFIDF = "tfidf"
EMBEDDINGS = "embeddings"
BACKENDS = (TFIDF, EMBEDDINGS)


class BackendUnavailable(RuntimeError):
    """The embeddings backend was asked for but its packages are not installed."""
