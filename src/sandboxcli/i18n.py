"""The language the tool speaks to people: English, or Chinese (中文) from a gettext catalogue.

Chosen by `--lang en|zh`, else `SANDBOX_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG` starting with
`zh`), else English. Only what people read changes: table labels, messages and help. JSON, NDJSON and CSV are the
same in every language, so a script never breaks because a colleague's locale differs.

The one place a translator works is `locale/zh/LC_MESSAGES/sandboxcli.po`; `scripts/i18n.py` extracts the
messages from the source (Babel) and compiles the `.mo` file the package ships. English needs no catalogue: the
messages are the English text, so an English run loads nothing and a Chinese run loads one small file.

The language is never a setting of this module: each invocation decides it (`detect`), gets a `Translator` for it
and passes that along (the CLI in Click's context object, the render layer in its RenderContext), so two
invocations in one process (tests, a program using the CLI in-process) never influence each other. The library
does not know the language at all: it marks its words with `N_()` and leaves what it composes as a `Message`
(with `Choices` and `Name` values) for the CLI to word.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "zh")
DOMAIN = "sandboxcli"
LOCALE_DIR = Path(__file__).with_name("locale")


def detect(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language asked for: `--lang X` / `--lang=X` in argv, else SANDBOX_LANG, else the locale, else English."""
    asked = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            asked = argv[i + 1]
        elif arg.startswith("--lang="):
            asked = arg.split("=", 1)[1]
    if asked is None:
        asked = environ.get("SANDBOX_LANG") or next(
            (environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(v)), "")
    return normalise(asked) or "en"


def normalise(value: str) -> str | None:
    """`zh`, `zh_CN.UTF-8`, `ZH-hans`, `中文` → zh; `en`, `C.UTF-8`, `en_GB` → en; anything else → None."""
    key = value.strip().lower()
    if key.startswith("zh") or key in ("中文", "chinese", "cn"):
        return "zh"
    if key.startswith("en") or key in ("c", "posix", "english") or key.startswith(("c.", "posix.")):
        return "en"
    return None


class Translator:
    """One language's words: `_`, `ngettext`, `listing` and `either`, for the invocation that chose it.

    Passed to whatever words text for a person (the CLI, the render layer through its RenderContext), never kept
    as a setting: two invocations in one process may speak different languages. Frozen; made by `translator()`.
    """

    __slots__ = ("_gettext", "_ngettext", "language")

    language: str
    _gettext: Callable[[str], str] | None
    _ngettext: Callable[[str, str, int], str] | None

    def __init__(self, language: str, catalogue: Any = None) -> None:
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "_gettext", catalogue.gettext if catalogue else None)
        object.__setattr__(self, "_ngettext", catalogue.ngettext if catalogue else None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Translator is frozen (tried to set {name})")

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    def _(self, message: str) -> str:
        """`message` in this language."""
        return self._gettext(message) if self._gettext else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural form for `n` (Chinese has one form)."""
        if self._ngettext:
            return self._ngettext(singular, plural, n)
        return singular if n == 1 else plural

    def listing(self, items: Sequence[str]) -> str:
        """Items in a sentence: "a, b, c", or "甲、乙、丙" in Chinese."""
        return self._(", ").join(items)

    def either(self, items: Sequence[str]) -> str:
        """Alternatives in a sentence: "a, b or c", or "甲、乙或丙" in Chinese."""
        if len(items) < 2:
            return "".join(items)
        joined = self._("{items} or {last}").format(items=self.listing(items[:-1]), last=items[-1])
        if self.language == "zh":  # Chinese puts a space between 或 and a Latin word: “pboc、csrc 或 application”
            last = items[-1]
            joined = joined.replace(f"或{last}", f"或 {last}" if last[:1].isascii() else f"或{last}")
            before = self.listing(items[:-1])
            if before[-1:].isascii():
                joined = joined.replace(f"{before}或", f"{before} 或", 1)
        return joined

    def words(self, text: str | Message) -> str:
        """A message in this language: a deferred Message worded, or a string marked with N_() translated."""
        return text.worded(self) if isinstance(text, Message) else self._(text)


ENGLISH = Translator("en")
"""English: the messages themselves, no catalogue."""

_LOADED: dict[str, Translator] = {"en": ENGLISH}
"""Each language's catalogue, read from its file once per process (a cache of a file read, not a setting)."""


def translator(language: str) -> Translator:
    """The Translator for `language` (`en` or `zh`; anything else is English)."""
    language = language if language in LANGUAGES else "en"
    found = _LOADED.get(language)
    if found is None:
        import gettext

        with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
            found = _LOADED[language] = Translator(language, gettext.GNUTranslations(handle))
    return found


class Message:
    """Text worded later, in the reader's language: an English template marked with `N_()` and its values.

    The library (queries, api, resolve …) never knows the reader's language: its errors carry Messages, `str()`
    gives the English text for Python callers, and the CLI words them with the invocation's Translator. A value
    may itself be a Message or a Choices (worded too); anything else is formatted as it is.
    """

    __slots__ = ("template", "values")

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values

    def worded(self, t: Translator) -> str:
        if not self.values:
            return t._(self.template)
        return t._(self.template).format(**{k: worded(v, t) for k, v in self.values.items()})

    def __str__(self) -> str:
        return self.worded(ENGLISH)

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.values!r})"


class Choices:
    """Words in a sentence, kept as a list until they are worded: "a, b, c" (`listing`) or, with `alternatives`,
    "a, b or c" (`either`), in the reader's language."""

    __slots__ = ("alternatives", "items")

    def __init__(self, items: Sequence[object], *, alternatives: bool = False) -> None:
        self.items = tuple(items)
        self.alternatives = alternatives

    def worded(self, t: Translator) -> str:
        items = [str(worded(i, t)) for i in self.items]
        return t.either(items) if self.alternatives else t.listing(items)

    def __str__(self) -> str:
        return self.worded(ENGLISH)


class Name:
    """A name known in both languages (a region's): the reader's, or the other when the reader's is missing."""

    __slots__ = ("en", "zh")

    def __init__(self, en: str | None, zh: str | None) -> None:
        self.en, self.zh = en, zh

    def worded(self, t: Translator) -> str:
        first, second = (self.zh, self.en) if t.language == "zh" else (self.en, self.zh)
        return first or second or ""

    def __str__(self) -> str:
        return self.worded(ENGLISH)


def worded(value: object, t: Translator) -> object:
    """A value of a Message in `t`'s language when it is a Message, Choices or Name; any other value as it is."""
    return value.worded(t) if isinstance(value, (Message, Choices, Name)) else value


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; translate it with a Translator where it is shown."""
    return message

