"""The language the tool speaks to people: English, or Chinese (中文) from a gettext catalogue.

Chosen by `--lang en|zh`, else `SANDBOX_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG` starting with
`zh`), else English. Only what people read changes: table labels, messages and help. JSON, NDJSON and CSV are the
same in every language, so a script never breaks because a colleague's locale differs.

The one place a translator works is `locale/zh/LC_MESSAGES/sandboxcli.po`; `scripts/i18n.py` extracts the
messages from the source (Babel) and compiles the `.mo` file the package ships. English needs no catalogue: the
messages are the English text, so an English run loads nothing and a Chinese run loads one small file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

LANGUAGES = ("en", "zh")
DOMAIN = "sandboxcli"
LOCALE_DIR = Path(__file__).with_name("locale")

_current = "en"
_gettext = None
_ngettext = None


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


def set_language(language: str) -> None:
    """Speak `language` from now on (loads the catalogue for Chinese; English is the messages themselves)."""
    global _current, _gettext, _ngettext
    language = language if language in LANGUAGES else "en"
    if language == _current and (_gettext is not None) == (language == "zh"):
        return  # chosen already (the --lang option confirms what main() detected): the catalogue is parsed once
    _current = language
    _gettext = _ngettext = None
    if _current == "zh":
        import gettext

        with (LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        _gettext, _ngettext = catalogue.gettext, catalogue.ngettext


def language() -> str:
    return _current


def _(message: str) -> str:
    """`message` in the current language."""
    return _gettext(message) if _gettext else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language (Chinese has one form)."""
    if _ngettext:
        return _ngettext(singular, plural, n)
    return singular if n == 1 else plural


def listing(items: Sequence[str]) -> str:
    """Items in a sentence: "a, b, c", or "甲、乙、丙" in Chinese."""
    return _(", ").join(items)


def either(items: Sequence[str]) -> str:
    """Alternatives in a sentence: "a, b or c", or "甲、乙或丙" in Chinese."""
    if len(items) < 2:
        return "".join(items)
    joined = _("{items} or {last}").format(items=listing(items[:-1]), last=items[-1])
    if _current == "zh":  # Chinese puts a space between 或 and a Latin word: “pboc、csrc 或 application”
        joined = joined.replace(f"或{items[-1]}", f"或 {items[-1]}" if items[-1][:1].isascii() else f"或{items[-1]}")
        before = listing(items[:-1])
        if before[-1:].isascii():
            joined = joined.replace(f"{before}或", f"{before} 或", 1)
    return joined


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; translate it with `_()` where it is shown."""
    return message
