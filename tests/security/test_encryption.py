"""Field encryption at rest, proved on the raw database: every column of every table is read
with SQL (not through the models, which decrypt) and no contact detail, nor a high-risk
stakeholder's identity, is found in plaintext — before and after `heard keys rotate`.

tests/stakeholders/test_keys.py and tests/concerns/test_services.py check the encrypted
columns themselves; this walks the whole database, so a copy in a search column, an audit
entry, a queued task or a new table is caught too."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet, MultiFernet
from django.core.management import call_command
from django.db import connection

from heard.concerns.models import Concern
from heard.concerns.services import raise_concern, update_channel_settings
from heard.core import crypto
from heard.core.models import Role
from heard.stakeholders import services as stakeholder_services
from heard.stakeholders.models import SafetyLevel, Stakeholder
from tests.conftest import member_client

pytestmark = pytest.mark.django_db

CONTACTS = {
    "email": "zq.vortex@shield.example",
    "phone": "+44 7700 913377",
    "messaging_handle": "@zqvortex77",
}
HIGH_RISK_NAME = "Zainab Quarshie-Vortex"
CONCERN_CONTACT = {"contact_name": "Oluwaseun Brightwater", "contact_email": "obw@refuge.example"}


def plaintext_hits(needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every needle found in any column of any table."""
    hits = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - our own table names
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    text = (
                        bytes(value).decode("utf-8", "replace")
                        if isinstance(value, bytes | memoryview)
                        else str(value)
                    ).casefold()
                    hits += [(table, column, n) for n in needles if n.casefold() in text]
    return hits


@pytest.fixture
def records(workspace):
    """A high-risk stakeholder with every contact detail, and a concern with a contact,
    made through the services (so the audit log and search text are written too)."""
    owner = member_client(workspace, Role.OWNER).user
    stakeholder = stakeholder_services.create_stakeholder(
        workspace=workspace,
        actor=owner,
        name=HIGH_RISK_NAME,
        country="KE",
        safety_level=SafetyLevel.HIGH_RISK,
        **CONTACTS,
    )
    update_channel_settings(workspace=workspace, actor=owner, is_enabled=True)
    concern = raise_concern(
        workspace=workspace,
        actor=owner,
        description="The night shift is locked in.",
        channel="email",
        **CONCERN_CONTACT,
    )
    return stakeholder, concern


CONTACT_NEEDLES = [
    CONTACTS["email"],
    "shield.example",
    "7700 913377",
    "zqvortex77",
    *CONCERN_CONTACT.values(),
    "refuge.example",
]


def test_no_contact_detail_is_stored_in_plaintext_anywhere(records):
    assert plaintext_hits(CONTACT_NEEDLES) == []


def test_after_key_rotation_still_no_plaintext_and_values_still_decrypt(records, settings):
    stakeholder, concern = records
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("keys", "rotate")
    assert plaintext_hits(CONTACT_NEEDLES) == []
    # Only the new key is needed from now on: the old one can be retired.
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    only_new = MultiFernet([Fernet(new_key.encode())])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT email, phone, messaging_handle FROM stakeholders_stakeholder WHERE id = %s",
            [stakeholder.pk],
        )
        raw = cursor.fetchone()
    assert [only_new.decrypt(v.encode()).decode() for v in raw] == list(CONTACTS.values())
    fresh = Stakeholder.objects.get(pk=stakeholder.pk)
    assert [fresh.email, fresh.phone, fresh.messaging_handle] == list(CONTACTS.values())
    # The lookup hash was recomputed under the new key: duplicates are still found.
    assert (
        Stakeholder.objects.for_workspace(stakeholder.workspace)
        .filter(email_index=crypto.blind_index(CONTACTS["email"]))
        .exists()
    )
    concern = Concern.objects.get(pk=concern.pk)
    assert concern.contact_name == CONCERN_CONTACT["contact_name"]
    assert concern.contact_email == CONCERN_CONTACT["contact_email"]
