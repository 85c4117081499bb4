"""Splitting pasted minutes into inputs: one piece per paragraph or bullet point, with the
speaker recognised when a line starts with a participant's name ("Amina: …")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-*•–·]|\d{1,3}[.)])\s+")
_SPEAKER = re.compile(r"^\s*([^:\n]{2,60}?)\s*:\s+(\S.*)$", re.DOTALL)
MAX_MINUTES = 200_000


@dataclass
class Piece:
    """One input-to-be: its text and, if recognised, the speaker's stakeholder id."""

    text: str
    stakeholder_id: int | None = None
    speaker: str = ""
    kind: str = ""
    include: bool = True


def split_text(text: str) -> list[str]:
    """Paragraphs (split on blank lines) and bullet points (one each; lines that follow a
    bullet without one continue it). Whitespace inside a piece is collapsed."""
    pieces: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").replace("\r", "\n")):
        current: list[str] = []
        for line in block.split("\n"):
            if _BULLET.match(line):
                if current:
                    pieces.append(" ".join(current))
                current = [_BULLET.sub("", line, count=1)]
            elif line.strip():
                current.append(line.strip())
        if current:
            pieces.append(" ".join(current))
    return [" ".join(p.split()) for p in pieces if p.strip()]


def _name_keys(name: str) -> set[str]:
    name = name.casefold().strip()
    return {name, name.split()[0]} if name else set()


def split_minutes(text: str, speakers: dict[int, str] | None = None) -> list[Piece]:
    """Pieces of `text`; `speakers` maps stakeholder id → name: a piece starting with a
    unique name or first name and a colon is attributed, and the name prefix removed."""
    index: dict[str, set[int]] = {}
    for pk, name in (speakers or {}).items():
        for key in _name_keys(name):
            index.setdefault(key, set()).add(pk)
    pieces = []
    for chunk in split_text(text):
        match = _SPEAKER.match(chunk)
        if match and (found := index.get(match.group(1).casefold().strip())) and len(found) == 1:
            pieces.append(Piece(match.group(2).strip(), next(iter(found)), match.group(1)))
        else:
            pieces.append(Piece(chunk))
    return pieces
