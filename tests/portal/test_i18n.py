"""The portal speaks the stakeholder's language: French, Spanish, Arabic (right to left)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from heard.portal import services
from heard.stakeholders import services as registry
from tests.portal.conftest import magic_path, sign_in

pytestmark = pytest.mark.django_db


def test_arriving_by_link_uses_the_stakeholders_language(workspace, person, held_engagement):
    registry.update_stakeholder(
        workspace=workspace, actor=None, stakeholder=person, languages=["fr"]
    )
    client = Client()
    shown = client.get(magic_path(person)).content.decode()
    assert '<html lang="fr" dir="ltr">' in shown and "Continuer vers mon portail" in shown
    sign_in(client, person)
    home = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="fr"' in home
    assert "Mes engagements" in home and "Vos autres" not in home


def test_portal_page_in_french(portal_client, held_engagement, decided_input):
    portal_client.cookies["django_language"] = "fr"
    body = portal_client.get(
        reverse("portal:engagement", args=[held_engagement.pk])
    ).content.decode()
    assert '<html lang="fr" dir="ltr">' in body
    assert "Ce que vous nous avez dit et ce que nous avons fait" in body
    assert "Adoptée en partie" in body  # the outcome label, from the portal's catalogue
    assert "Se déconnecter" in body


def test_portal_page_in_arabic_is_right_to_left(portal_client, held_engagement, decided_input):
    portal_client.cookies["django_language"] = "ar"
    body = portal_client.get(
        reverse("portal:engagement", args=[held_engagement.pk])
    ).content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert "ما أخبرتنا به وما فعلناه" in body
    assert "اعتُمدت جزئيًا" in body
    assert "تسجيل الخروج" in body


def test_spanish_and_the_language_preference(portal_client, person):
    services.save_preferences(stakeholder=person, language="es", contact_channel="")
    client = Client()
    sign_in(client, person)
    body = client.get(reverse("portal:preferences")).content.decode()
    assert '<html lang="es"' in body and "Preferencias y consentimiento" in body


def test_link_email_is_in_the_stakeholders_language(
    workspace, person, django_capture_on_commit_callbacks
):
    from django.core import mail

    services.save_preferences(stakeholder=person, language="ar", contact_channel="")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_link(workspace=workspace, actor=None, stakeholder=person)
    assert "بوابة أصحاب المصلحة" in mail.outbox[0].subject


def test_the_input_forms_help_text_is_translated_too(portal_client, held_engagement):
    portal_client.cookies["django_language"] = "fr"
    url = reverse("portal:engagement_input", args=[held_engagement.pk])
    body = portal_client.get(url).content.decode()
    assert "10\u202f000" in body or "10,000" in body
    assert "At most" not in body and "caractères" in body
