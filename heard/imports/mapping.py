"""Import targets and the guess of which column goes where (headers in English, French, Spanish)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from heard.imports.models import ImportKind

IGNORE = ""


@dataclass(frozen=True)
class Target:
    """A field a column can be imported into."""

    key: str
    label: str
    # Header spellings that mean this field, folded (see `fold`): English, French, Spanish.
    synonyms: tuple[str, ...] = ()
    required: bool = False


STAKEHOLDER_TARGETS: tuple[Target, ...] = (
    Target(
        "name",
        _("Name"),
        ("name", "full name", "stakeholder", "nom", "nom complet", "nombre", "nombre completo"),
        required=True,
    ),
    Target(
        "kind",
        _("Internal or external"),
        (
            "kind",
            "internal external",
            "interne externe",
            "type de partie prenante",
            "interno externo",
        ),
    ),
    Target("category", _("Category"), ("category", "categorie", "categoria")),
    Target(
        "relation",
        _("Relation to impacts"),
        (
            "relation",
            "relation to impacts",
            "relation aux impacts",
            "relacion",
            "relacion con los impactos",
        ),
    ),
    Target(
        "organisation",
        _("Organisation"),
        (
            "organisation",
            "organization",
            "org",
            "company",
            "employer",
            "organisme",
            "entreprise",
            "organizacion",
            "empresa",
            "entidad",
        ),
    ),
    Target(
        "role_at_organisation",
        _("Role at the organisation"),
        (
            "role",
            "title",
            "job title",
            "position",
            "role at organisation",
            "fonction",
            "poste",
            "titre",
            "cargo",
            "puesto",
            "rol",
        ),
    ),
    Target("country", _("Country"), ("country", "pays", "pais", "country code", "code pays")),
    Target(
        "languages",
        _("Languages"),
        ("languages", "language", "langues", "langue", "idiomas", "idioma", "lenguas"),
    ),
    Target(
        "time_zone",
        _("Time zone"),
        ("time zone", "timezone", "tz", "fuseau horaire", "zone horaire", "zona horaria"),
    ),
    Target(
        "topics",
        _("Expertise topics"),
        (
            "topics",
            "topic",
            "expertise",
            "themes",
            "sujets",
            "expertise topics",
            "temas",
            "tema",
            "especialidad",
        ),
    ),
    Target(
        "lived_experience",
        _("Lived experience"),
        ("lived experience", "experience vecue", "experiencia vivida"),
    ),
    Target(
        "risk_groups",
        _("Groups at heightened risk"),
        (
            "groups at heightened risk",
            "risk groups",
            "groupes a risque",
            "groupes vulnerables",
            "grupos en riesgo",
            "grupos vulnerables",
        ),
    ),
    Target(
        "safety_level",
        _("Safety level"),
        (
            "safety level",
            "safety",
            "niveau de securite",
            "securite",
            "nivel de seguridad",
            "seguridad",
        ),
    ),
    Target(
        "relationship_owner",
        _("Relationship owner (member's email)"),
        (
            "relationship owner",
            "owner",
            "responsable",
            "responsable de la relation",
            "responsable de la relacion",
        ),
    ),
    Target(
        "has_standing_agreement",
        _("Standing agreement"),
        (
            "standing agreement",
            "agreement",
            "accord permanent",
            "accord",
            "acuerdo permanente",
            "acuerdo",
        ),
    ),
    Target(
        "is_compensation_eligible",
        _("Eligible for compensation"),
        (
            "compensation",
            "compensation eligible",
            "eligible for compensation",
            "compensation eligibility",
            "indemnisation",
            "remuneration",
            "compensacion",
        ),
    ),
    Target(
        "is_key_relationship",
        _("Key relationship"),
        ("key relationship", "key", "relation cle", "relacion clave"),
    ),
    Target(
        "notes",
        _("Notes"),
        (
            "notes",
            "note",
            "comments",
            "remarques",
            "commentaires",
            "notas",
            "comentarios",
            "observaciones",
        ),
    ),
    Target("tags", _("Tags"), ("tags", "tag", "labels", "etiquettes", "etiquetas")),
    Target(
        "email",
        _("Email"),
        (
            "email",
            "e mail",
            "email address",
            "mail",
            "courriel",
            "adresse e mail",
            "adresse email",
            "correo",
            "correo electronico",
        ),
    ),
    Target(
        "phone",
        _("Phone"),
        (
            "phone",
            "telephone",
            "phone number",
            "mobile",
            "tel",
            "numero de telephone",
            "telefono",
            "movil",
            "celular",
        ),
    ),
    Target(
        "messaging_handle",
        _("Messaging handle"),
        (
            "messaging handle",
            "messaging",
            "signal",
            "whatsapp",
            "telegram",
            "messagerie",
            "mensajeria",
        ),
    ),
)

ORGANISATION_TARGETS: tuple[Target, ...] = (
    Target(
        "name",
        _("Name"),
        (
            "name",
            "organisation",
            "organization",
            "organisation name",
            "nom",
            "organisme",
            "nombre",
            "organizacion",
        ),
        required=True,
    ),
    Target(
        "type",
        _("Type"),
        (
            "type",
            "organisation type",
            "kind",
            "type d organisation",
            "tipo",
            "tipo de organizacion",
        ),
    ),
    Target("country", _("Country"), ("country", "pays", "pais", "country code")),
    Target(
        "website",
        _("Website"),
        ("website", "web", "url", "site web", "site internet", "site", "sitio web", "pagina web"),
    ),
    Target(
        "description", _("Description"), ("description", "about", "descripcion", "presentation")
    ),
    Target(
        "parent",
        _("Parent organisation"),
        (
            "parent",
            "parent organisation",
            "parent organization",
            "organisation mere",
            "maison mere",
            "organizacion matriz",
            "matriz",
        ),
    ),
)


def targets_for(kind: str) -> tuple[Target, ...]:
    """The targets of an import kind."""
    return STAKEHOLDER_TARGETS if kind == ImportKind.STAKEHOLDERS else ORGANISATION_TARGETS


def target_keys(kind: str) -> set[str]:
    """The valid target keys of an import kind."""
    return {t.key for t in targets_for(kind)}


_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Header text without accents, case or punctuation ("Correo-E" → "correo e")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain).strip()


def guess_mapping(kind: str, headers: list[str]) -> dict[str, str]:
    """{header: target key or ""}: exact synonym matches first, each target used at most once."""
    synonyms = {
        s: t.key for t in targets_for(kind) for s in (t.synonyms + (t.key.replace("_", " "),))
    }
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:
        key = synonyms.get(fold(header), IGNORE)
        if key and key not in used:
            mapping[header] = key
            used.add(key)
        else:
            mapping[header] = IGNORE
    # Second pass: a header that *contains* a synonym ("Work email", "Pays de résidence").
    for header in headers:
        if mapping[header]:
            continue
        words = f" {fold(header)} "
        for synonym, key in synonyms.items():
            if key not in used and len(synonym) > 3 and f" {synonym} " in words:
                mapping[header] = key
                used.add(key)
                break
    return mapping


def clean_mapping(kind: str, headers: list[str], proposed: dict[str, str]) -> dict[str, str]:
    """A mapping restricted to the file's headers and known targets, each target used once."""
    valid, used, mapping = target_keys(kind), set(), {}
    for header in headers:
        key = proposed.get(header, IGNORE)
        if key in valid and key not in used:
            mapping[header] = key
            used.add(key)
        else:
            mapping[header] = IGNORE
    return mapping
