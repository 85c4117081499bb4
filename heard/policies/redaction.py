"""Finding and removing attribution from minutes.

Matching ignores case and accents ("Jose Garcia" finds "José García") and respects word
edges ("Ana" does not match inside "Banana"). Folding is done character by character so
positions in the folded text are positions in the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

PERSON = "person"
ORGANISATION = "organisation"
NAME_PART = "name_part"
EXTRA = "extra"
MIN_PART_LENGTH = 3


@dataclass(frozen=True)
class Term:
    """A string to redact: a participant's full name (always), an organisation (always), a
    part of a name (suggested: it may be a common word) or one the editor added."""

    text: str
    kind: str

    @property
    def is_mandatory(self) -> bool:
        return self.kind in (PERSON, ORGANISATION)

    @property
    def placeholder(self) -> str:
        if self.kind == ORGANISATION:
            return _("[organisation]")
        if self.kind in (PERSON, NAME_PART):
            return _("[participant]")
        return _("[redacted]")


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


def fold(text: str) -> str:
    """Lower-case, accent-free, same length as `text` (NFC input)."""
    return "".join(_fold_char(ch) for ch in text)


def _pattern(term: str, *, case_sensitive: bool) -> re.Pattern:
    words = [re.escape(w if case_sensitive else fold(w)) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def find(text: str, term: Term) -> list[tuple[int, int]]:
    """Spans of `term` in `text`. Name parts match only as written (capitalised), to keep
    "Will" from flagging every "will"."""
    text = unicodedata.normalize("NFC", text)
    if not term.text.strip():
        return []
    case_sensitive = term.kind == NAME_PART
    haystack = text if case_sensitive else fold(text)
    pattern = _pattern(unicodedata.normalize("NFC", term.text), case_sensitive=case_sensitive)
    return [m.span() for m in pattern.finditer(haystack)]


def participant_terms(people: Iterable[tuple[str, str]]) -> list[Term]:
    """Terms from (name, organisation name) pairs: full names, organisations, name parts."""
    terms: dict[tuple[str, str], Term] = {}
    parts: dict[str, Term] = {}
    for name, organisation in people:
        name, organisation = (name or "").strip(), (organisation or "").strip()
        if name:
            terms.setdefault((fold(name), PERSON), Term(name, PERSON))
            for part in name.split():
                part = part.strip(".,")
                if len(part) >= MIN_PART_LENGTH and part[0].isupper():
                    parts.setdefault(part, Term(part, NAME_PART))
        if organisation:
            terms.setdefault((fold(organisation), ORGANISATION), Term(organisation, ORGANISATION))
    full = {fold(t.text) for t in terms.values()}
    extra = [t for p, t in parts.items() if fold(p) not in full]
    return sorted(terms.values(), key=lambda t: (-len(t.text), t.text)) + sorted(
        extra, key=lambda t: t.text
    )


def flags(text: str, terms: Iterable[Term]) -> list[tuple[Term, int]]:
    """The terms found in `text` with how often each occurs on its own (a name part inside
    a full name that is found counts for the full name only)."""
    counts: dict[Term, int] = {}
    for _piece, term in highlight(text, terms):
        if term is not None:
            counts[term] = counts.get(term, 0) + 1
    order = {term: i for i, term in enumerate(terms)} if isinstance(terms, list) else {}
    return sorted(counts.items(), key=lambda pair: (order.get(pair[0], 0), pair[0].text))


def redact(text: str, terms: Iterable[Term]) -> str:
    """`text` with every occurrence of every term replaced by its placeholder; longer terms
    first, so "Amina Yusuf" becomes one placeholder, not two."""
    text = unicodedata.normalize("NFC", text)
    for term in sorted(terms, key=lambda t: -len(t.text)):
        spans = find(text, term)
        for start, end in reversed(spans):
            text = text[:start] + term.placeholder + text[end:]
    return text


def remaining(text: str, terms: Iterable[Term]) -> list[Term]:
    """Mandatory terms still present in `text`."""
    return [t for t in terms if t.is_mandatory and find(text, t)]


def highlight(text: str, terms: Iterable[Term]) -> list[tuple[str, Term | None]]:
    """`text` cut into (piece, term or None) so a template can mark flagged names."""
    text = unicodedata.normalize("NFC", text)
    spans: list[tuple[int, int, Term]] = []
    for term in sorted(terms, key=lambda t: -len(t.text)):
        for start, end in find(text, term):
            if all(end <= s or start >= e for s, e, _t in spans):
                spans.append((start, end, term))
    spans.sort()
    pieces: list[tuple[str, Term | None]] = []
    position = 0
    for start, end, term in spans:
        if start > position:
            pieces.append((text[position:start], None))
        pieces.append((text[start:end], term))
        position = end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces
