"""`heard keys rotate`: ciphertext at rest, re-encrypted under the newest key."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet, MultiFernet
from django.core.management import call_command
from django.db import connection

from heard.core import crypto
from heard.stakeholders.models import Stakeholder

pytestmark = pytest.mark.django_db


def raw_row(pk) -> tuple[str, str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT email, phone, messaging_handle, email_index FROM stakeholders_stakeholder "
            "WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


def test_contacts_are_encrypted_at_rest(make_person):
    person = make_person("Amina", email="amina@example.org", phone="+254 700")
    email, phone, _handle, index = raw_row(person.pk)
    assert "amina" not in email and "254" not in phone
    assert crypto.decrypt(email) == "amina@example.org"
    assert index == crypto.blind_index("amina@example.org")


def test_rotate_reencrypts_under_the_new_key(settings, make_person, capsys):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    person = make_person("Amina", email="amina@example.org", messaging_handle="@amina")
    before = raw_row(person.pk)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("keys", "rotate", batch=1)
    after = raw_row(person.pk)
    assert after[0] != before[0]
    only_new = MultiFernet([Fernet(new_key.encode())])
    assert only_new.decrypt(after[0].encode()).decode() == "amina@example.org"
    assert only_new.decrypt(after[2].encode()).decode() == "@amina"
    assert after[3] == crypto.blind_index("amina@example.org") != before[3]
    assert "re-encrypted" in capsys.readouterr().out
    # The app reads the rotated rows with only the new key configured.
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert Stakeholder.objects.get(pk=person.pk).email == "amina@example.org"


def test_rotate_leaves_unreadable_values_and_reports_them(settings, make_person, capsys):
    person = make_person("Amina", email="amina@example.org")
    before = raw_row(person.pk)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    call_command("keys", "rotate")
    assert raw_row(person.pk) == before
    assert "unreadable" in capsys.readouterr().out
