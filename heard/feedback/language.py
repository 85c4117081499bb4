"""A small offline language guess for inputs: the script first, then stopword counts.

Good enough to pre-fill the language of a sentence typed during a session (the user can always
override it); not a general-purpose detector. Returns "" when unsure rather than guessing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Scripts that (nearly) name one language among those Heard's users engage in.
_SCRIPT_LANGUAGE = {
    "HEBREW": "he",
    "GREEK": "el",
    "THAI": "th",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "DEVANAGARI": "hi",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "ETHIOPIC": "am",
    "KHMER": "km",
    "MYANMAR": "my",
    "SINHALA": "si",
    "GUJARATI": "gu",
    "GURMUKHI": "pa",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "CJK": "zh",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Frequent short words; distinctive enough between the Latin-script languages listed.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to is in that it for are was with on as this be have not they we you "
        "our their should would there which from but by or"
    ),
    "fr": _words(
        "le la les des et est une un du que qui pour dans pas sur au aux nous vous ils "
        "elles sont avec ce cette mais ou leur être"
    ),
    "es": _words(
        "el la los las y es una un del que en por para con no se su sus pero como al "
        "son está muy nosotros ellos esta este"
    ),
    "pt": _words(
        "o a os as e é um uma do da dos das que em por para com não se seu sua mas "
        "como ao são está muito nós eles isso"
    ),
    "de": _words(
        "der die das und ist ein eine nicht mit den dem zu von auf für sich auch wir sie "
        "es sind wird werden aber oder"
    ),
    "it": _words(
        "il lo la gli le e è un una di del della che per con non si sono ma come anche "
        "noi loro questo questa"
    ),
    "nl": _words(
        "de het een en is van dat niet op te zijn met voor die er ook maar wij zij worden wordt"
    ),
    "sw": _words("na ya wa kwa ni za la katika hii kuwa si watu sisi wao lakini au pia hakuna"),
    "id": _words(
        "yang dan di ini itu dengan untuk tidak dari dalam akan kami mereka ada atau juga"
    ),
    "tr": _words("ve bir bu da de için ile çok ama gibi daha olarak biz onlar değil"),
}
# Distinctive letters nudge close pairs (es/pt, fr/it) apart.
_LETTERS = {
    "pt": "ãõç",
    "es": "ñ¿¡",
    "fr": "èêàùûœç",
    "de": "äöüß",
    "tr": "ğışİ",
}
_ARABIC_ONLY = {
    "fa": frozenset("پچژگ"),
    "ur": frozenset("ٹڈڑںےھ"),
}
_CYRILLIC = {"uk": frozenset("іїєґ")}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_HITS = 2


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("CJK"):
        return "CJK"
    return name.split(" ", 1)[0] if name else ""


def _by_script(letters: list[str]) -> str | None:
    """A language named by the dominant non-Latin script, or None for Latin text."""
    scripts = Counter(_script(c) for c in letters)
    script, count = scripts.most_common(1)[0]
    if script == "LATIN" or count * 2 < len(letters):
        return None
    chars = set(letters)
    if script == "ARABIC":
        for code, marks in _ARABIC_ONLY.items():
            if chars & marks:
                return code
        return "ar"
    if script == "CYRILLIC":
        return "uk" if chars & _CYRILLIC["uk"] else "ru"
    return _SCRIPT_LANGUAGE.get(script, "")


def detect_language(text: str) -> str:
    """The ISO 639-1 code `text` is most likely written in, or "" when unsure."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return ""
    by_script = _by_script(letters)
    if by_script is not None:
        return by_script
    words = [w.casefold() for w in _WORD.findall(text)]
    lowered = text.casefold()
    scores = {}
    for code, stopwords in _STOPWORDS.items():
        hits = sum(1 for w in words if w in stopwords)
        bonus = sum(0.5 for c in _LETTERS.get(code, "") if c in lowered)
        scores[code] = hits + bonus
    best, score = max(scores.items(), key=lambda item: item[1])
    runner_up = sorted(scores.values())[-2]
    if score < MIN_HITS or score == runner_up:
        return ""
    return best
