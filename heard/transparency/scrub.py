"""Redaction again at render time: nothing personal reaches a public page.

Minutes were redacted and approved, summaries and policy texts written by staff; all of it is
checked once more as it is rendered, because a participant may have joined a meeting after the
approval, or a name, email or phone number may have slipped into a text nobody redacts.

What is replaced:
- names and organisations of the people given (a forum's or engagement's participants),
  matched ignoring case and accents, and the capitalised parts of their names
  (heard.policies.redaction);
- any stakeholder's name or pseudonym, or any organisation's name, of the workspace's registry
  that the text contains (looked up by the text's capitalised word runs: three queries per
  page, whatever the registry's size), and the parts of those names;
- email addresses and phone numbers of anyone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from heard.policies import redaction
from heard.stakeholders.models import Organisation, Stakeholder

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A leading "+" and 7 digits, or 9 digits or more, with spaces, dots, dashes or brackets
# between them: phone numbers, not dates (8 digits) or amounts.
PHONE = re.compile(r"(?<![\w+])(?:\+\d[\d ().-]{5,}\d|\(?\d[\d ().-]{7,}\d)(?!\w)")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
MAX_RUN = 5  # names of up to five words ("Maria de los Angeles Cruz")
LOOKUP_CHUNK = 900  # keeps IN lists under every engine's parameter limit


def _phone_digits(match: re.Match) -> int:
    return sum(ch.isdigit() for ch in match.group(0))


def _contacts(text: str) -> str:
    text = EMAIL.sub(_("[email]"), text)

    def phone(match: re.Match) -> str:
        digits = _phone_digits(match)
        plus = match.group(0).startswith("+")
        return _("[phone]") if digits >= 9 or (plus and digits >= 7) else match.group(0)

    return PHONE.sub(phone, text)


def _runs(text: str) -> set[str]:
    """Lower-cased runs of 1..MAX_RUN words starting with a capital or a digit."""
    words = [m.group(0) for m in WORD.finditer(text)]
    found: set[str] = set()
    for i, word in enumerate(words):
        if not (word[0].isupper() or word[0].isdigit()):
            continue
        for n in range(1, MAX_RUN + 1):
            if i + n > len(words):
                break
            found.add(" ".join(words[i : i + n]).lower())
    return found


def _codes(text: str) -> set[str]:
    """Tokens that could be a pseudonym (upper-case letters and digits)."""
    return {m.group(0) for m in re.finditer(r"\b[A-Z0-9]{4,12}\b", text)}


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    values = sorted(values)
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]


def registry_terms(workspace_id: int, texts: Iterable[str]) -> list[redaction.Term]:
    """Registry names, organisations and pseudonyms that occur in `texts`."""
    texts = [t for t in texts if t]
    runs: set[str] = set()
    codes: set[str] = set()
    for text in texts:
        runs |= _runs(text)
        codes |= _codes(text)
    terms: list[redaction.Term] = []
    # Names and pseudonyms in one query per chunk, so the count of queries does not depend on
    # whether a text happens to hold a pseudonym-like token.
    for chunk in _chunks(runs | codes):
        people = (
            Stakeholder.objects.for_workspace(workspace_id)
            .annotate(lname=Lower("name"))
            .filter(Q(lname__in=chunk) | Q(pseudonym__in=chunk))
            .values_list("name", "pseudonym")
        )
        for name, pseudonym in people:
            if name.lower() in runs:
                terms.append(redaction.Term(name, redaction.PERSON))
            if pseudonym in codes:
                terms.append(redaction.Term(pseudonym, redaction.PERSON))
        organisations = (
            Organisation.objects.for_workspace(workspace_id)
            .annotate(lname=Lower("name"))
            .filter(lname__in=chunk)
            .values_list("name", flat=True)
        )
        terms += [redaction.Term(name, redaction.ORGANISATION) for name in organisations]
    return terms


class Scrubber:
    """Redacts the texts of one public page: build it with every text the page shows (one
    registry lookup), then call `clean` on each of those texts."""

    def __init__(
        self,
        workspace_id: int,
        texts: Iterable[str],
        people: Iterable[tuple[str, str]] = (),
    ) -> None:
        texts = list(texts)
        found = registry_terms(workspace_id, texts)
        # A registry name found in full also hides its parts ("Amina" later in the text).
        named = [(t.text, "") for t in found if t.kind == redaction.PERSON]
        terms = redaction.participant_terms([*people, *named]) + [
            t for t in found if t.kind == redaction.ORGANISATION
        ]
        # Hundreds of participants' names against a few texts: keep only the terms whose
        # every word occurs somewhere in them (a cheap superset of what can match).
        folded = redaction.fold(unicodedata.normalize("NFC", "\n".join(t for t in texts if t)))
        self.terms = [
            t
            for t in terms
            if all(
                redaction.fold(unicodedata.normalize("NFC", w)) in folded for w in t.text.split()
            )
        ]

    def clean(self, text: str) -> str:
        """`text` with people, organisations, emails and phone numbers replaced."""
        if not text:
            return ""
        return _contacts(redaction.redact(text, self.terms))
