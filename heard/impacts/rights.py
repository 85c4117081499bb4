"""The catalogue of internationally recognised human rights, shipped as data.

UNGP 12 names the minimum reference: the International Bill of Human Rights (the Universal
Declaration, the ICCPR and the ICESCR) and the principles concerning fundamental rights in the
ILO Declaration on Fundamental Principles and Rights at Work (its ten fundamental conventions
since 2022). Codes are stable ("udhr-19", "iccpr-17", "ilo-c87") because impacts store them;
names are short and translatable. Sources are listed in docs/impacts.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


@dataclass(frozen=True)
class Instrument:
    """A treaty or declaration the catalogue draws on."""

    code: str
    name: Promise
    short: str


@dataclass(frozen=True)
class Right:
    """One catalogue entry: a stable code, its instrument, the article (or ILO convention
    number) and a short name."""

    code: str
    instrument: str
    article: str
    name: Promise

    @property
    def article_label(self) -> str:
        """“art. 17” in the active language; ILO conventions keep their number (“C87”)."""
        if self.instrument == "ilo":
            return self.article
        return pgettext("article of a treaty", "art. %(number)s") % {"number": self.article}

    @property
    def label(self) -> str:
        """“ICCPR art. 17 — Privacy” style label for lists and filters."""
        return f"{INSTRUMENTS[self.instrument].short} {self.article_label} — {self.name}"


INSTRUMENTS: dict[str, Instrument] = {
    i.code: i
    for i in (
        Instrument("udhr", _("Universal Declaration of Human Rights (1948)"), "UDHR"),
        Instrument(
            "iccpr", _("International Covenant on Civil and Political Rights (1966)"), "ICCPR"
        ),
        Instrument(
            "icescr",
            _("International Covenant on Economic, Social and Cultural Rights (1966)"),
            "ICESCR",
        ),
        Instrument(
            "ilo", _("ILO fundamental conventions (1998 Declaration, as amended 2022)"), "ILO"
        ),
    )
}


def _udhr(n: int, name: Promise) -> Right:
    return Right(f"udhr-{n}", "udhr", str(n), name)


def _iccpr(n: int, name: Promise) -> Right:
    return Right(f"iccpr-{n}", "iccpr", str(n), name)


def _icescr(n: int, name: Promise) -> Right:
    return Right(f"icescr-{n}", "icescr", str(n), name)


def _ilo(c: str, name: Promise) -> Right:
    return Right(f"ilo-c{c}", "ilo", f"C{c}", name)


RIGHTS: tuple[Right, ...] = (
    # --- Universal Declaration of Human Rights
    _udhr(1, _("Equality in dignity and rights")),
    _udhr(2, _("Non-discrimination")),
    _udhr(3, _("Life, liberty and security of person")),
    _udhr(4, _("Freedom from slavery and servitude")),
    _udhr(5, _("Freedom from torture and degrading treatment")),
    _udhr(6, _("Recognition as a person before the law")),
    _udhr(7, _("Equality before the law")),
    _udhr(8, _("Effective remedy")),
    _udhr(9, _("Freedom from arbitrary arrest, detention or exile")),
    _udhr(10, _("Fair and public hearing")),
    _udhr(11, _("Presumption of innocence")),
    _udhr(12, _("Privacy, family, home and correspondence")),
    _udhr(13, _("Freedom of movement and residence")),
    _udhr(14, _("Asylum")),
    _udhr(15, _("Nationality")),
    _udhr(16, _("Marriage and family")),
    _udhr(17, _("Property")),
    _udhr(18, _("Freedom of thought, conscience and religion")),
    _udhr(19, _("Freedom of opinion and expression")),
    _udhr(20, _("Freedom of peaceful assembly and association")),
    _udhr(21, _("Participation in government and public service")),
    _udhr(22, _("Social security")),
    _udhr(23, _("Work, just conditions and trade unions")),
    _udhr(24, _("Rest and leisure")),
    _udhr(25, _("Adequate standard of living, including health")),
    _udhr(26, _("Education")),
    _udhr(27, _("Cultural life and the benefits of science")),
    _udhr(28, _("A social and international order in which rights can be realised")),
    # --- International Covenant on Civil and Political Rights
    _iccpr(1, _("Self-determination")),
    _iccpr(2, _("Non-discrimination and effective remedy")),
    _iccpr(3, _("Equal rights of men and women")),
    _iccpr(6, _("Life")),
    _iccpr(7, _("Freedom from torture and cruel treatment")),
    _iccpr(8, _("Freedom from slavery, servitude and forced labour")),
    _iccpr(9, _("Liberty and security of person")),
    _iccpr(10, _("Humane treatment in detention")),
    _iccpr(11, _("No imprisonment for debt")),
    _iccpr(12, _("Freedom of movement")),
    _iccpr(13, _("Protection of aliens from arbitrary expulsion")),
    _iccpr(14, _("Fair trial")),
    _iccpr(15, _("No punishment without law")),
    _iccpr(16, _("Recognition as a person before the law")),
    _iccpr(17, _("Privacy")),
    _iccpr(18, _("Freedom of thought, conscience and religion")),
    _iccpr(19, _("Freedom of opinion and expression")),
    _iccpr(20, _("Prohibition of war propaganda and incitement to hatred")),
    _iccpr(21, _("Peaceful assembly")),
    _iccpr(22, _("Freedom of association")),
    _iccpr(23, _("Protection of the family")),
    _iccpr(24, _("Rights of the child")),
    _iccpr(25, _("Political participation")),
    _iccpr(26, _("Equality before the law")),
    _iccpr(27, _("Rights of minorities")),
    # --- International Covenant on Economic, Social and Cultural Rights
    _icescr(1, _("Self-determination")),
    _icescr(2, _("Non-discrimination")),
    _icescr(3, _("Equal rights of men and women")),
    _icescr(6, _("Work")),
    _icescr(7, _("Just and favourable conditions of work")),
    _icescr(8, _("Trade unions and the right to strike")),
    _icescr(9, _("Social security")),
    _icescr(10, _("Protection of the family, mothers and children")),
    _icescr(11, _("Adequate standard of living")),
    _icescr(12, _("Highest attainable standard of health")),
    _icescr(13, _("Education")),
    _icescr(14, _("Free compulsory primary education")),
    _icescr(15, _("Cultural life and the benefits of science")),
    # --- ILO fundamental conventions
    _ilo("29", _("Forced labour")),
    _ilo("105", _("Abolition of forced labour")),
    _ilo("87", _("Freedom of association and protection of the right to organise")),
    _ilo("98", _("Right to organise and collective bargaining")),
    _ilo("100", _("Equal remuneration")),
    _ilo("111", _("Non-discrimination in employment and occupation")),
    _ilo("138", _("Minimum age for work")),
    _ilo("182", _("Worst forms of child labour")),
    _ilo("155", _("Occupational safety and health")),
    _ilo("187", _("Promotional framework for occupational safety and health")),
)

CATALOGUE: dict[str, Right] = {right.code: right for right in RIGHTS}


def is_known(code: str) -> bool:
    """Whether `code` names a right in the catalogue."""
    return code in CATALOGUE


def right_label(code: str) -> str:
    """The label of a right, or the bare code if the catalogue no longer has it."""
    right = CATALOGUE.get(code)
    return right.label if right else code


@cache
def _codes_by_instrument() -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for right in RIGHTS:
        grouped.setdefault(right.instrument, []).append(right.code)
    return {key: tuple(codes) for key, codes in grouped.items()}


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices grouped by instrument, for form fields and filters (labels in the active
    language, so build them per request)."""
    return [
        (
            str(INSTRUMENTS[instrument].name),
            [(code, f"{CATALOGUE[code].article_label} — {CATALOGUE[code].name}") for code in codes],
        )
        for instrument, codes in _codes_by_instrument().items()
    ]
