"""The offline language guess and the minutes splitter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heard.feedback.language import detect_language
from heard.feedback.minutes import split_minutes, split_text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The appeal process should have a human reviewer and we are not heard", "en"),
        ("Les modérateurs ne sont pas formés pour les langues locales", "fr"),
        ("Los usuarios no tienen acceso a la apelación en su idioma", "es"),
        ("Os usuários não têm acesso ao recurso na sua língua", "pt"),
        ("يجب أن تكون عملية الاستئناف متاحة باللغة العربية", "ar"),
        ("Модерация контента не работает", "ru"),
        ("Watu wengi hawana simu na hii ni shida kwa sisi", "sw"),
        ("内容审核需要本地语言", "zh"),
        ("ok", ""),
        ("12345 !!!", ""),
    ],
)
def test_detect_language(text, code):
    assert detect_language(text) == code


@given(st.text(max_size=300))
def test_detect_language_never_fails(text):
    assert isinstance(detect_language(text), str)


def test_split_on_blank_lines_and_bullets():
    minutes = "Intro\ncontinues.\n\n- first\n  goes on\n* second\n\n1. third\n2) fourth"
    assert split_text(minutes) == ["Intro continues.", "first goes on", "second", "third", "fourth"]


def test_speakers_recognised_by_name_or_first_name():
    pieces = split_minutes(
        "Amina: appeals take too long\n\nKofi Mensah: local moderators\n\nNobody: hi",
        {1: "Amina Yusuf", 2: "Kofi Mensah"},
    )
    assert [(p.text, p.stakeholder_id) for p in pieces] == [
        ("appeals take too long", 1),
        ("local moderators", 2),
        ("Nobody: hi", None),
    ]


def test_ambiguous_first_name_is_not_attributed():
    (piece,) = split_minutes("Amina: hello there", {1: "Amina Yusuf", 2: "Amina Diallo"})
    assert piece.stakeholder_id is None


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), max_size=10
    )
)
def test_split_keeps_every_word(paragraphs):
    text = "\n\n".join(paragraphs)
    pieces = split_text(text)
    assert all(p and p == " ".join(p.split()) for p in pieces)
    words = lambda s: [w for w in s.split() if w not in {"-", "*", "•", "–", "·"}]  # noqa: E731
    joined = " ".join(pieces).split()
    for word in " ".join(paragraphs).split():
        if word.strip("-*•–·0123456789.)") == "" and word not in joined:
            continue  # a bullet marker
        assert word in joined or not words(word)
