"""Policy text: plain text with a few Markdown-like conventions, rendered safely.

No HTML is accepted: every character is escaped, so no sanitiser is needed. Blank lines
separate paragraphs; `# ` and `## ` start headings; `- ` or `* ` start list items.
"""

from __future__ import annotations

import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def normalise_text(text: str) -> str:
    """NFC, Unix line ends, trailing spaces and surrounding blank lines removed."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _block(lines: list[str]) -> str:
    if all(line.lstrip().startswith(("- ", "* ")) for line in lines):
        items = "".join(f"<li>{escape(line.lstrip()[2:].strip())}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    first = lines[0]
    if first.startswith("## ") and len(lines) == 1:
        return f"<h4>{escape(first[3:].strip())}</h4>"
    if first.startswith("# ") and len(lines) == 1:
        return f"<h3>{escape(first[2:].strip())}</h3>"
    return "<p>" + "<br>".join(escape(line) for line in lines) + "</p>"


def render_policy_text(text: str) -> SafeString:
    """The text as HTML: paragraphs, headings and lists; everything else escaped."""
    blocks: list[str] = []
    current: list[str] = []
    for line in normalise_text(text).split("\n"):
        if line.startswith("#") and line.lstrip("#").startswith(" "):
            if current:
                blocks.append(_block(current))
            blocks.append(_block([line]))
            current = []
        elif line.strip():
            current.append(line)
        elif current:
            blocks.append(_block(current))
            current = []
    if current:
        blocks.append(_block(current))
    return mark_safe("\n".join(blocks))  # noqa: S308 - every piece of text is escaped above
