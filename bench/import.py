"""Benchmark: a realistic 100,000-row stakeholder CSV through preview and apply.

    .venv/bin/python bench/import.py [--rows 100000] [--database-url postgres://…]

Without --database-url a fresh SQLite database is created in a temporary directory. The file
goes through the same services the pages and the CLI use (create_import → preview → apply).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST_NAMES = [
    "Amina",
    "José",
    "Nguyễn",
    "Fatima",
    "Olusegun",
    "María",
    "Wei",
    "Priya",
    "Ahmed",
    "Léa",
    "Kwame",
    "Svetlana",
    "Hiroshi",
    "Chloé",
    "Thandiwe",
    "Juan",
    "Aigerim",
    "Tupac",
    "Zeynep",
    "Мария",
    "Алексей",
    "محمد",
    "فاطمة",
    "李",
    "王芳",
    "नेहा",
    "अर्जुन",
    "სალომე",
    "Ἑλένη",
    "שרה",
    "Ngozi",
    "Ana",
    "Björn",
    "Sione",
    "Ayşe",
    "Rahul",
    "Mei",
    "Oluwaseun",
    "Camila",
    "Dawit",
]
LAST_NAMES = [
    "Okafor",
    "García",
    "Trần",
    "Haddad",
    "Mensah",
    "Fernández",
    "Zhang",
    "Sharma",
    "Khan",
    "Dubois",
    "Boateng",
    "Ivanova",
    "Tanaka",
    "Martin",
    "Dlamini",
    "Pérez",
    "Nurlanovna",
    "Quispe",
    "Yılmaz",
    "Иванова",
    "Петров",
    "الحسيني",
    "الزهراء",
    "明",
    "陈",
    "शर्मा",
    "पटेल",
    "ბერიძე",
    "Παπαδοπούλου",
    "כהן",
    "Adeyemi",
    "Silva",
    "Lindqvist",
    "Tuilagi",
    "Demir",
]
COUNTRIES = [
    "KE",
    "NG",
    "BR",
    "IN",
    "ID",
    "PH",
    "MX",
    "CO",
    "ZA",
    "EG",
    "BD",
    "PK",
    "VN",
    "FR",
    "DE",
    "US",
    "GB",
    "Kenya",
    "Brazil",
    "KEN",
    "BRA",
    "GH",
    "PE",
    "TR",
    "UA",
    "GE",
    "JP",
    "CN",
]
LANGUAGES = ["en", "fr", "es", "pt", "sw", "ar", "hi", "bn", "id", "vi", "ru", "zh", "tr", "yo"]
TIME_ZONES = [
    "Africa/Nairobi",
    "Africa/Lagos",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Europe/Paris",
    "Asia/Jakarta",
    "America/Mexico_City",
    "Asia/Manila",
    "",
]
CATEGORIES = [
    "cso_representative",
    "Expert / academic",
    "community_member",
    "user_customer",
    "Person with lived experience",
    "hrd_journalist",
    "investor",
    "other",
]
RELATIONS = [
    "potentially_affected",
    "legitimate_representative",
    "Other relevant stakeholder / expert",
]
TOPICS = [
    "content moderation",
    "privacy",
    "surveillance",
    "labour rights",
    "child safety",
    "freedom of expression",
    "AI fairness",
    "accessibility",
    "disinformation",
]
HEADERS = [
    "Name",
    "Email",
    "Organisation",
    "Country",
    "Languages",
    "Category",
    "Relation",
    "Time zone",
    "Topics",
    "Phone",
    "Key relationship",
    "Tags",
    "Notes",
]


def generate(path: Path, rows: int, seed: int = 20261125) -> None:
    """Write a realistic CSV of `rows` stakeholders (unique emails)."""
    rng = random.Random(seed)
    organisations = [
        f"{rng.choice(LAST_NAMES)} {kind} {n}"
        for n in range(800)
        for kind in [rng.choice(["Foundation", "Institute", "Collective", "Union"])]
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(rows):
            writer.writerow(
                [
                    f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    f"person{n}@example{n % 97}.org",
                    rng.choice(organisations) if rng.random() < 0.7 else "",
                    rng.choice(COUNTRIES),
                    ", ".join(rng.sample(LANGUAGES, rng.randint(1, 3))),
                    rng.choice(CATEGORIES),
                    rng.choice(RELATIONS),
                    rng.choice(TIME_ZONES),
                    "; ".join(rng.sample(TOPICS, rng.randint(0, 2))),
                    f"+{rng.randint(1, 99)} {rng.randint(100000000, 999999999)}"
                    if rng.random() < 0.5
                    else "",
                    rng.choice(["yes", "no", "", "oui", "no"]),
                    "bench-import" if n % 10 == 0 else "",
                    "Met at the regional consultation." if rng.random() < 0.2 else "",
                ]
            )


def setup_django(database_url: str | None, var_dir: Path) -> None:
    """Point Heard at a fresh database and migrate it."""
    os.environ["HEARD_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def run(rows: int) -> None:
    """Generate, preview and apply; print the figures."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from heard.core.models import Membership, Role, User, Workspace
    from heard.imports import services
    from heard.stakeholders.models import Stakeholder

    workspace = Workspace.objects.create(name="Bench", slug=f"bench-{int(time.time())}")
    user = User.objects.create_user(email=f"bench{time.time()}@example.org", password="x" * 20)
    Membership.objects.create(workspace=workspace, user=user, role=Role.OWNER)

    path = Path(os.environ["HEARD_VAR_DIR"]) / "bench.csv"
    started = time.perf_counter()
    generate(path, rows)
    print(
        f"generate  {rows:>8} rows  {time.perf_counter() - started:6.2f} s  "
        f"({path.stat().st_size / 1_048_576:.1f} MB)"
    )

    def phase(name, function):
        started, cpu = time.perf_counter(), time.process_time()
        result = function()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"{name:<9} {rows:>8} rows  {seconds:6.2f} s  {rows / seconds:9.0f} rows/s  "
            f"(CPU of this process {cpu:.2f} s)"
        )
        return result, seconds

    upload = SimpleUploadedFile("bench.csv", path.read_bytes(), content_type="text/csv")
    job, _ = phase(
        "upload",
        lambda: services.create_import(
            workspace=workspace, actor=user, upload=upload, kind="stakeholders"
        ),
    )
    phase("preview", lambda: services.preview(workspace=workspace, actor=user, job=job))
    assert job.error_count == 0, job.problems[:5]
    _, apply_seconds = phase(
        "apply", lambda: services.apply(workspace=workspace, actor=user, job=job, match_mode="skip")
    )
    created = Stakeholder.objects.for_workspace(workspace).count()
    print(f"result    {created} stakeholders created; {job.summary['result']}")
    print(f"target    apply ≤ 30 s: {'met' if apply_seconds <= 30 else 'NOT met'}")


def main() -> None:
    """Parse options, set up a database, run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--database-url",
        default=None,
        help="default: a fresh SQLite database in a temporary directory",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="heard-bench-") as directory:
        setup_django(options.database_url, Path(directory))
        run(options.rows)


if __name__ == "__main__":
    main()
