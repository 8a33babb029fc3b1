"""How typed names are compared: shared by the build (alias tables) and the query path (lookups).

Standard library only: this module is imported by every command.
"""

from __future__ import annotations

import re
import unicodedata

_SURROUNDING = " \t\"'`“”‘’「」『』《》<>()（）[]【】{},，.。;；:：!！?？、"
_REGION_NOISE = re.compile(r"[\s'’‘`´\-_.·・]+")
_REGION_SUFFIXES = ("newarea", "newdistrict", "壮族自治区", "自治区", "新区", "city", "province", "市", "省")


def normalise_region(text: str) -> str:
    """Fold case, width, spaces, apostrophes and hyphens, and drop a trailing 市 / 省 / 新区 / New Area.

    So "Xiong'an New Area", "xiong-an", "雄安新区" and "雄安" all become the same key.
    """
    key = _REGION_NOISE.sub("", unicodedata.normalize("NFKC", text).casefold().strip(_SURROUNDING))
    for suffix in _REGION_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def normalise_name(text: str) -> str:
    """Fold case and width, squeeze spaces and drop surrounding quotes, brackets and punctuation: how applicant
    names, technology words, formats and every other typed choice are compared."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).strip(_SURROUNDING)


def printable(text: str) -> str:
    """`text` with control characters (ESC, CR, VT ...) shown as escapes: nothing from input steers the terminal."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def is_latin(text: str) -> bool:
    """True when `text` has Latin letters or digits and no CJK characters: such names match on word boundaries."""
    return any(ch.isascii() and ch.isalnum() for ch in text) and not any("\u3400" <= ch <= "\u9fff" for ch in text)


def like_pattern(text: str) -> str:
    """`%text%` for `LIKE ? ESCAPE '\\'`, with the wildcards and the escape character inside `text` escaped."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_NOT_WORD = r"[^\w\u3400-\u9fff]+"
"""Compiled on first use (by `re`'s cache): compiling it costs 2.5 ms, which only free-text search should pay."""


def word_text(text: str) -> str:
    """Text folded for word-start matching: case and width folded, every run of punctuation one space, a space at
    each end. The build stores names this way and a Latin-script query word is folded the same way, so
    `LIKE '% ant%'` finds words that start with "ant" and never "merchants"."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " " + " ".join(re.sub(_NOT_WORD, " ", folded).split()) + " "


def word_start(query: str) -> str:
    """The word-start rule, defined once: a Latin-script query matches a name where one of the name's words starts
    with it ("merch" finds "China Merchants Bank", "ant" never finds "merchants"). Both sides are folded by
    `word_text`, so the rule is "the folded query, after a space, inside the folded name". This is the needle;
    search.py looks for it with SQL (`LIKE '% needle%'` on stored word text), `starts_a_word` in Python."""
    return " " + word_text(query).strip()


def starts_a_word(query: str, name: str) -> bool:
    """Whether `query` starts a word of `name` (the rule of `word_start`)."""
    return word_start(query) in word_text(name)


def has_whole_words(name: str, text: str) -> bool:
    """Whether `text` contains `name` as whole words ("the guangzhou branch of cmb" contains "cmb", not "cm")."""
    return word_start(name) + " " in word_text(text)
