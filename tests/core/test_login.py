"""Signing in with email and password, throttling, signing out, changing and resetting passwords."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _login(client: Client, email: str, password: str):
    return client.post(LOGIN, {"username": email, "password": password})


def test_login_with_email_and_password_goes_home():
    user = UserFactory(email="amina@example.org")
    client = Client()
    response = _login(client, "Amina@Example.org ", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_is_refused_with_a_message():
    UserFactory(email="amina@example.org")
    client = Client()
    response = _login(client, "amina@example.org", "nope")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b'role="alert"' in response.content


def test_sixth_attempt_is_refused_even_with_the_right_password():
    user = UserFactory(email="amina@example.org")
    client = Client()
    for _ in range(4):
        assert _login(client, user.email, "wrong").status_code == 200
    fifth = _login(client, user.email, "wrong")
    assert fifth.status_code == 429
    sixth = _login(client, user.email, PASSWORD)
    assert sixth.status_code == 429
    assert "_auth_user_id" not in client.session
    page = sixth.content.decode()
    assert "Sign-in is paused" in page
    assert "You can try again after" in page
    assert "/accounts/password/reset/" in page


def test_changing_the_case_of_the_email_does_not_dodge_the_count():
    user = UserFactory(email="amina@example.org")
    client = Client()
    for variant in (
        "amina@example.org",
        "Amina@example.org",
        "AMINA@example.org",
        "amina@Example.org",
    ):
        _login(client, variant, "wrong")
    assert _login(client, "aMiNa@example.org", "wrong").status_code == 429
    assert _login(client, user.email, PASSWORD).status_code == 429


def test_lockout_is_per_username_so_other_accounts_still_sign_in():
    victim = UserFactory(email="victim@example.org")
    other = UserFactory(email="other@example.org")
    client = Client()
    for _ in range(5):
        _login(client, victim.email, "wrong")
    assert _login(client, other.email, PASSWORD).status_code == 302


def test_logout_is_post_only():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/password/").status_code == 200
    new = "a much longer passphrase 42"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_change_rejects_weak_password_naming_the_field():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"},
    )
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_by_email_with_a_link_built_from_the_request():
    user = UserFactory(email="amina@example.org")
    client = Client()
    response = client.post(
        "/accounts/password/reset/", {"email": "amina@example.org"}, HTTP_HOST="heard.example.com"
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject == "Reset your Heard password"
    link = re.search(r"http://heard\.example\.com(/accounts/password/reset/\S+/)", message.body)
    assert link, message.body

    page = client.get(link.group(1), HTTP_HOST="heard.example.com", follow=True)
    assert page.context["validlink"]
    new = "a much longer passphrase 42"
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
        HTTP_HOST="heard.example.com",
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    # The link works once.
    again = client.get(link.group(1), HTTP_HOST="heard.example.com", follow=True)
    assert not again.context["validlink"]


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same():
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
