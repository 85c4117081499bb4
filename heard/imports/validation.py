"""Checking rows: each becomes cleaned values or a list of problems {row, column, message}.

Row numbers are the spreadsheet's (the header is row 1), so people can find the cell.
Lookup tables (countries, languages, time zones) are built once, not per row: a 100,000-row
file is validated in a few seconds.
"""

from __future__ import annotations

import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from functools import cache, partial

from babel import Locale
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django_countries import countries

from heard.core.models import Membership, Workspace
from heard.imports.mapping import IGNORE
from heard.imports.models import ImportKind
from heard.imports.parsing import FORMAT_CSV, MAX_CELL_CHARS, Table, looks_like_formula
from heard.stakeholders.models import (
    Category,
    OrganisationType,
    Relation,
    RiskGroup,
    SafetyLevel,
    StakeholderKind,
)

TRUE_WORDS = frozenset({"yes", "y", "true", "1", "oui", "si", "sí", "vrai", "verdadero", "x"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", "non", "faux", "falso", ""})
LIST_SEPARATORS = (";", ",")
MAX_LENGTHS = {
    "name": 200,
    "role_at_organisation": 200,
    "organisation": 200,
    "parent": 200,
    "time_zone": 64,
    "website": 200,
}


# --- lookup tables (built once per process)


@cache
def country_lookup() -> dict[str, str]:
    """Alpha-2, alpha-3 and English names (casefolded) → alpha-2."""
    table: dict[str, str] = {}
    for code, name in countries:
        table[code.casefold()] = code
        table[str(name).casefold()] = code
        alpha3 = countries.alpha3(code)
        if alpha3:
            table[alpha3.casefold()] = code
    # Files come in the languages the column mapping understands (and a few more): accept the
    # country names of those languages, with and without accents ("Sénégal", "Senegal").
    codes = set(table.values())
    for language in ("en", "fr", "es", "pt", "de"):
        names = Locale(language).territories
        for code in codes:
            if code in names:
                name = names[code].casefold()
                table.setdefault(name, code)
                table.setdefault(strip_accents(name), code)
    return table


def strip_accents(text: str) -> str:
    """“Sénégal” → “Senegal”: decompose, then drop the combining marks."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def language_lookup() -> dict[str, str]:
    """ISO 639-1 codes and English language names (casefolded) → code, from Babel."""
    names = Locale("en").languages
    table = {code.casefold(): code for code in names if len(code) == 2}
    for code, name in names.items():
        if len(code) == 2:
            table.setdefault(name.casefold(), code)
    return table


@cache
def time_zone_lookup() -> dict[str, str]:
    """IANA time zone names (casefolded) → canonical spelling."""
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


@cache
def choice_lookup(choices: type[TextChoices]) -> dict[str, str]:
    """Stored values and English labels (casefolded) → stored value."""
    table: dict[str, str] = {}
    for value, label in choices.choices:
        table[value.casefold()] = value
        table[value.replace("_", " ").casefold()] = value
        table[str(label).casefold()] = value
    return table


# --- results


@dataclass
class RowResult:
    """One row after checking: cleaned values keyed by target, or its problems."""

    row: int
    values: dict = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        self.problems.append({"row": self.row, "column": column, "message": str(message)})


def split_list(text: str) -> list[str]:
    """Items of a comma- or semicolon-separated cell, stripped, empty ones dropped."""
    for separator in LIST_SEPARATORS:
        if separator in text:
            return [p.strip() for p in text.split(separator) if p.strip()]
    return [text.strip()] if text.strip() else []


class RowValidator:
    """Checks the rows of one file against one mapping, for stakeholders or organisations."""

    CHOICES = {
        "kind": StakeholderKind,
        "category": Category,
        "relation": Relation,
        "safety_level": SafetyLevel,
        "type": OrganisationType,
    }
    BOOLEANS = frozenset(
        {"has_standing_agreement", "is_compensation_eligible", "is_key_relationship"}
    )

    def __init__(self, *, workspace: Workspace, kind: str, headers: list[str], mapping: dict):
        self.kind = kind
        self.headers = headers
        self.columns = [(i, h, mapping.get(h, IGNORE)) for i, h in enumerate(headers)]
        self.members = {
            email.casefold(): user_id
            for email, user_id in Membership.objects.filter(workspace=workspace).values_list(
                "user__email", "user_id"
            )
        }
        self.seen_keys: dict[str, int] = {}
        self.url_validator = URLValidator()
        self.cleaners = {target: self._cleaner(target) for _, _, target in self.columns if target}
        self.mapped = {target for _, _, target in self.columns if target}
        self.name_header = self._header_of("name")
        self.key_field = "email" if kind == ImportKind.STAKEHOLDERS else "name"

    def check(self, row: int, cells: list[str], formulas: list, file_format: str) -> RowResult:
        """Check one row; every problem is collected, not just the first."""
        result = RowResult(row)
        self._check_shape(result, cells, file_format)
        formula_columns = {index for index, _ in formulas}
        for index, header, target in self.columns:
            value = cells[index] if index < len(cells) else ""
            if index in formula_columns or (value and looks_like_formula(value)):
                result.problem(
                    header,
                    _(
                        "This cell holds a spreadsheet formula; formulas are "
                        "never imported. Type the value instead."
                    ),
                )
                continue
            if len(value) > MAX_CELL_CHARS:
                result.problem(
                    header,
                    _("This cell has %(count)s characters; the limit is %(limit)s.")
                    % {"count": len(value), "limit": MAX_CELL_CHARS},
                )
                continue
            if target:
                self._clean(result, header, target, value.strip())
        self._check_required_and_duplicates(result)
        return result

    def _check_shape(self, result: RowResult, cells: list[str], file_format: str) -> None:
        width = len(self.headers)
        extra = [c for c in cells[width:] if c.strip()]
        if extra or (file_format == FORMAT_CSV and len(cells) < width):
            result.problem(
                "",
                _("This row has %(cells)s cells but the header has %(columns)s columns.")
                % {"cells": len(cells), "columns": width},
            )

    def _check_required_and_duplicates(self, result: RowResult) -> None:
        name_header = self.name_header
        if (
            "name" in self.mapped
            and not result.values.get("name")
            and not any(p["column"] == name_header for p in result.problems)
        ):
            result.problem(name_header, _("A name is required."))
        parent = (result.values.get("parent") or "").casefold()
        if parent and parent == (result.values.get("name") or "").casefold():
            result.problem(
                self._header_of("parent"), _("An organisation cannot be its own parent.")
            )
        key_field = self.key_field
        key = (result.values.get(key_field) or "").casefold()
        if key:
            if key in self.seen_keys:
                result.problem(
                    self._header_of(key_field),
                    _("Same %(field)s as row %(row)s.")
                    % {
                        "field": _("email") if key_field == "email" else _("name"),
                        "row": self.seen_keys[key],
                    },
                )
            else:
                self.seen_keys[key] = result.row

    def _header_of(self, target: str) -> str:
        return next((h for _, h, t in self.columns if t == target), target)

    # --- one cell

    def _clean(self, result: RowResult, header: str, target: str, value: str) -> None:
        try:
            result.values[target] = self.cleaners[target](value)
        except ValidationError as error:
            result.problem(header, error.messages[0])

    def _cleaner(self, target: str):
        """The function that cleans one cell of `target` (chosen once, not per cell)."""
        if target in self.CHOICES:
            return partial(self._choice, self.CHOICES[target])
        if target in self.BOOLEANS:
            return self._boolean
        special = {
            "country": self._country,
            "languages": self._languages,
            "time_zone": self._time_zone,
            "risk_groups": lambda v: [self._choice(RiskGroup, item) for item in split_list(v)],
            "topics": partial(self._vocabulary, 100),
            "tags": partial(self._vocabulary, 60),
            "email": self._email,
            "relationship_owner": self._member,
            "website": self._website,
        }
        if target in special:
            return special[target]
        limit = MAX_LENGTHS.get(target)
        return partial(self._text, limit) if limit else str

    @staticmethod
    def _text(limit: int, value: str) -> str:
        if len(value) > limit:
            raise ValidationError(_("At most %(limit)s characters.") % {"limit": limit})
        return value

    @staticmethod
    def _vocabulary(limit: int, value: str) -> list[str]:
        items = list(dict.fromkeys(split_list(value)))
        if any(len(item) > limit for item in items):
            raise ValidationError(
                _("Each item has at most %(limit)s characters.") % {"limit": limit}
            )
        return items

    @staticmethod
    def _email(value: str) -> str:
        if value:
            validate_email(value)
        return value

    @staticmethod
    def _choice(choices: type[TextChoices], value: str) -> str:
        if not value:
            return ""
        found = choice_lookup(choices).get(value.casefold())
        if found is None:
            raise ValidationError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(str(label) for _, label in choices.choices)}
            )
        return found

    @staticmethod
    def _boolean(value: str) -> bool:
        folded = value.casefold()
        if folded in TRUE_WORDS:
            return True
        if folded in FALSE_WORDS:
            return False
        raise ValidationError(_("“%(value)s” is not yes or no.") % {"value": value})

    @staticmethod
    def _country(value: str) -> str:
        if not value:
            return ""
        lookup = country_lookup()
        found = lookup.get(value.casefold()) or lookup.get(strip_accents(value.casefold()))
        if found is None:
            raise ValidationError(
                _("“%(value)s” is not a country (use a name or an ISO code such as KE or KEN).")
                % {"value": value}
            )
        return found

    @staticmethod
    def _languages(value: str) -> list[str]:
        codes = []
        for item in split_list(value):
            base = item.replace("_", "-").split("-")[0]
            found = language_lookup().get(item.casefold()) or language_lookup().get(base.casefold())
            if found is None:
                raise ValidationError(
                    _("“%(value)s” is not a language code (use ISO 639-1, such as fr or sw).")
                    % {"value": item}
                )
            codes.append(found)
        return list(dict.fromkeys(codes))

    @staticmethod
    def _time_zone(value: str) -> str:
        if not value:
            return ""
        found = time_zone_lookup().get(value.casefold())
        if found is None:
            raise ValidationError(
                _("“%(value)s” is not a time zone (use a name such as Africa/Nairobi).")
                % {"value": value}
            )
        return found

    def _member(self, value: str):
        if not value:
            return None
        found = self.members.get(value.casefold())
        if found is None:
            raise ValidationError(
                _("“%(value)s” is not the email of a member of this workspace.") % {"value": value}
            )
        return found

    def _website(self, value: str) -> str:
        if not value:
            return ""
        if "://" not in value:
            value = f"https://{value}"
        if len(value) > MAX_LENGTHS["website"]:
            raise ValidationError(_("At most %(limit)s characters.") % {"limit": 200})
        self.url_validator(value)
        return value


def validate_table(*, workspace: Workspace, kind: str, table: Table, mapping: dict, progress=None):
    """Yield a RowResult for every data row of `table` (lazily, for large files)."""
    validator = RowValidator(workspace=workspace, kind=kind, headers=table.headers, mapping=mapping)
    for count, (row, cells, formulas) in enumerate(table.rows(), start=1):
        yield validator.check(row, cells, formulas, table.format)
        if progress and count % 1000 == 0:
            progress(count)
