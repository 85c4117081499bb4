"""A readable diff between two policy texts: lines matched first, then words within the
lines that changed, and long unchanged stretches folded away."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class Segment:
    """A run of text that is unchanged (`equal`), removed (`del`) or added (`ins`)."""

    op: str
    text: str


@dataclass
class DiffRow:
    """One row of a side-by-side diff; `kind` is equal, changed, removed, added or skipped."""

    kind: str
    old_number: int | None = None
    new_number: int | None = None
    old: list[Segment] = field(default_factory=list)
    new: list[Segment] = field(default_factory=list)
    skipped: int = 0

    @property
    def inline(self) -> list[Segment]:
        """The row as one line with removals then additions, word by word."""
        if self.kind == "equal":
            return self.old
        merged: list[Segment] = []
        old, new = iter(self.old), iter(self.new)
        # Word-level rows interleave: equal segments appear on both sides in the same order.
        for a in old:
            if a.op == "equal":
                for b in new:
                    if b.op == "equal":
                        break
                    merged.append(b)
                merged.append(a)
            else:
                merged.append(a)
        merged.extend(new)
        return merged


@dataclass
class TextDiff:
    """Rows plus word counts, and whether the texts are identical."""

    rows: list[DiffRow]
    words_added: int
    words_removed: int

    @property
    def is_identical(self) -> bool:
        return self.words_added == 0 and self.words_removed == 0


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    left: list[Segment] = []
    right: list[Segment] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            text = "".join(a[i1:i2])
            left.append(Segment("equal", text))
            right.append(Segment("equal", text))
            continue
        if i2 > i1:
            left.append(Segment("del", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(Segment("ins", "".join(b[j1:j2])))
    return left, right


def _fold(rows: list[DiffRow], context: int) -> list[DiffRow]:
    """Replace runs of unchanged rows longer than 2×context+1 by one `skipped` row."""
    changed = [i for i, r in enumerate(rows) if r.kind != "equal"]
    if not changed:
        return rows
    keep = set()
    for i in changed:
        keep.update(range(max(0, i - context), min(len(rows), i + context + 1)))
    folded: list[DiffRow] = []
    run = 0
    for i, row in enumerate(rows):
        if i in keep:
            if run:
                folded.append(DiffRow("skipped", skipped=run))
                run = 0
            folded.append(row)
        else:
            run += 1
    if run:
        folded.append(DiffRow("skipped", skipped=run))
    return folded


def diff_texts(old: str, new: str, *, context: int | None = 2) -> TextDiff:
    """Line-level diff of two texts with word-level detail on changed lines."""
    a, b = old.split("\n"), new.split("\n")
    rows: list[DiffRow] = []
    added = removed = 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                seg = [Segment("equal", a[i1 + k])]
                rows.append(DiffRow("equal", i1 + k + 1, j1 + k + 1, seg, seg))
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            left, right = _word_diff(a[i1 + k], b[j1 + k])
            removed += sum(_words(s.text) for s in left if s.op == "del")
            added += sum(_words(s.text) for s in right if s.op == "ins")
            rows.append(DiffRow("changed", i1 + k + 1, j1 + k + 1, left, right))
        for k in range(i1 + pairs, i2):
            removed += _words(a[k])
            rows.append(DiffRow("removed", old_number=k + 1, old=[Segment("del", a[k])]))
        for k in range(j1 + pairs, j2):
            added += _words(b[k])
            rows.append(DiffRow("added", new_number=k + 1, new=[Segment("ins", b[k])]))
    if context is not None:
        rows = _fold(rows, context)
    return TextDiff(rows, added, removed)
