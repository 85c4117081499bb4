"""Right-to-left text for SVG that WeasyPrint prints.

WeasyPrint (70) lays out SVG `<text>` one character at a time, left to right: Arabic letters
come out in their isolated forms (not joined) and in logical order (backwards on the page).
`visual_text` gives WeasyPrint what it can draw instead: the letters already in their joined
(contextual) forms, from the Unicode Arabic Presentation Forms, and already in visual order
(a simplified Unicode bidirectional algorithm: right-to-left runs reversed, numbers and Latin
runs kept left to right, paired brackets mirrored), without vowel marks. Text without
right-to-left characters is returned unchanged, and browsers keep the logical text (only the
print path uses this).

The tables come from `unicodedata`: every presentation form decomposes as `<initial> 0628`,
`<final> 0644 0627`, and so on. Scripts whose shaping needs more than these forms (Devanagari,
Bengali, Thai…) are not handled here; their labels stay in the chart's data table.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_FORMS = ("isolated", "final", "initial", "medial")
_LAM = "\u0644"
_ALEFS = "\u0622\u0623\u0625\u0627"
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_JOIN_CAUSING = {"\u0640", "\u200d"}  # tatweel, zero width joiner


@cache
def _tables() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """({letter: {form: glyph}}, {alef: {form: lam-alef ligature}}) from the presentation forms."""
    letters: dict[str, dict[str, str]] = {}
    lam_alef: dict[str, dict[str, str]] = {}
    for start, end in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF)):
        for code in range(start, end + 1):
            tag, _, rest = unicodedata.decomposition(chr(code)).partition(" ")
            form = tag.strip("<>")
            if form not in _FORMS:
                continue
            base = "".join(chr(int(h, 16)) for h in rest.split())
            if len(base) == 1:
                letters.setdefault(base, {}).setdefault(form, chr(code))
            elif len(base) == 2 and base[0] == _LAM and base[1] in _ALEFS:
                lam_alef.setdefault(base[1], {}).setdefault(form, chr(code))
    return letters, lam_alef


def _is_transparent(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def _joins_forward(char: str) -> bool:
    """Can join the next letter (dual-joining letters and join-causing characters)."""
    forms = _tables()[0].get(char, {})
    return char in _JOIN_CAUSING or "initial" in forms or "medial" in forms


def _joins_back(char: str) -> bool:
    """Can join the previous letter."""
    return char in _JOIN_CAUSING or "final" in _tables()[0].get(char, {})


def shape(text: str) -> str:
    """Arabic letters replaced by their contextual presentation forms (still logical order)."""
    letters, lam_alef = _tables()
    chars = list(text)
    out: list[str] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        if char not in letters:
            out.append(char)
            i += 1
            continue
        prev = next((c for c in reversed(chars[:i]) if not _is_transparent(c)), "")
        joined_before = bool(prev) and _joins_forward(prev) and _joins_back(char)
        if char == _LAM and i + 1 < len(chars) and chars[i + 1] in lam_alef:
            ligature = lam_alef[chars[i + 1]]
            out.append(ligature.get("final" if joined_before else "isolated", char))
            i += 2
            continue
        following = next((c for c in chars[i + 1 :] if not _is_transparent(c)), "")
        joined_after = bool(following) and _joins_forward(char) and _joins_back(following)
        form = {
            (True, True): "medial",
            (True, False): "final",
            (False, True): "initial",
            (False, False): "isolated",
        }[(joined_before, joined_after)]
        out.append(letters[char].get(form) or letters[char].get("isolated", char))
        i += 1
    return "".join(out)


def _strong(char: str) -> str:
    """ "R", "L", "N" (number) or "" (neutral) for the purposes of ordering."""
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    if kind == "L":
        return "L"
    if kind in ("EN", "AN"):
        return "N"
    return ""


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _levels(text: str) -> list[int]:
    """Embedding level of each character (0 left to right, 1 right to left, 2 numbers or
    Latin inside right-to-left), resolving neutrals by their neighbours."""
    kinds = [_strong(c) for c in text]
    # Separators and terminators inside or around a number belong to it (1.5, 1,000, 45%).
    for i, char in enumerate(text):
        if kinds[i]:
            continue
        kind = unicodedata.bidirectional(char)
        before = kinds[i - 1] if i else ""
        after = kinds[i + 1] if i + 1 < len(text) else ""
        separator = kind in ("ES", "CS") and before == after == "N"
        terminator = kind == "ET" and "N" in (before, after)
        if separator or terminator:
            kinds[i] = "N"
    base = "R" if next((k for k in kinds if k in ("R", "L")), "L") == "R" else "L"
    # Numbers take the direction of the strong text before them (W7: after Latin they are Latin).
    context = base
    for i, kind in enumerate(kinds):
        if kind in ("R", "L"):
            context = kind
        elif kind == "N" and context == "L":
            kinds[i] = "L"
    # Neutrals between two runs of the same direction take it, otherwise the base direction.
    resolved = list(kinds)
    for i, kind in enumerate(kinds):
        if kind:
            continue
        before = next((k for k in reversed(kinds[:i]) if k), base)
        after = next((k for k in kinds[i + 1 :] if k), base)
        before, after = ("R" if k == "N" else k for k in (before, after))
        resolved[i] = before if before == after else base
    _resolve_brackets(text, kinds, resolved, base)
    level = {"L": 0, "R": 1, "N": 2} if base == "L" else {"L": 2, "R": 1, "N": 2}
    return [level[k] for k in resolved]


def _resolve_brackets(text: str, kinds: list[str], resolved: list[str], base: str) -> None:
    """Rule N0, simplified: both brackets of a pair take the base direction when the pair
    holds text of that direction, else the direction of the text inside (or before) them."""
    stack: list[int] = []
    for i, char in enumerate(text):
        if char in "([{":
            stack.append(i)
        elif char in ")]}" and stack:
            start = stack.pop()
            inside = {("R" if k == "N" else k) for k in kinds[start + 1 : i] if k}
            if base in inside or not inside:
                direction = base
            else:
                before = next((k for k in reversed(kinds[:start]) if k), base)
                before = "R" if before == "N" else before
                direction = before if before in inside else base
            resolved[start] = resolved[i] = direction


def reorder(text: str) -> str:
    """The characters in the order they are drawn, left to right (rule L2 of the Unicode
    bidirectional algorithm), brackets mirrored in right-to-left runs."""
    levels = _levels(text)
    chars = [_MIRROR.get(c, c) if lvl % 2 else c for c, lvl in zip(text, levels, strict=True)]
    order = list(range(len(chars)))
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return "".join(chars[i] for i in order)


def visual_text(text: str) -> str:
    """`text` as WeasyPrint must receive it to draw it right: shaped and in visual order."""
    if not has_rtl(text):
        return text
    # Vowel marks (harakat, shadda…) are optional in Arabic; drawn as characters of their own
    # they would stand apart from their letter on a dotted circle, so they are left out.
    bare = "".join(c for c in text if not _is_transparent(c))
    return reorder(shape(bare))
