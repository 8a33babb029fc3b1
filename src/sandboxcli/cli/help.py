"""How help and Click's own messages read: docstrings reflowed and translated paragraph by paragraph, slugs never
broken across lines, `sandbox show CITY [BATCH]` usage lines, and Click's usage errors in the reader's language."""

from __future__ import annotations

import inspect
import re
from typing import Any

import typer.core
from typer._click import Context  # Typer 0.28 ships its own copy of Click

from ..i18n import N_, _

CLICK_MESSAGES = [
    (r"^Missing argument '(?P<name>.+)'\.?$", N_("Missing argument {name!r}")),
    (r"^No such option: (?P<name>\S+)$", N_("No such option: {name}")),
    (r"^No such option: (?P<name>\S+) Did you mean (?P<close>.+)\?$",
     N_("No such option: {name}. Did you mean {close}?")),
    (r"^No such command '(?P<name>.+)'\.$", N_("No such command {name!r}")),
    (r"^No such command '(?P<name>.+)'\. Did you mean (?P<close>.+)\?$",
     N_("No such command {name!r}. Did you mean {close}?")),
    (r"^Got unexpected extra arguments? \((?P<args>.*)\)$", N_("Got unexpected extra arguments ({args})")),
    (r"^Option '(?P<name>.+)' requires an argument\.$", N_("Option {name!r} requires an argument")),
    (r"^Invalid value for '(?P<name>.+)': (?P<detail>.+)$", N_("Invalid value for {name!r}: {detail}")),
    (r"^Missing command\.$", N_("Missing command")),
]
"""Click's messages (its copy inside Typer does not translate them) and the catalogue's words for them."""


def click_message(text: str) -> str:
    """A Click usage error in the reader's language (as it is when no pattern matches)."""
    message = " ".join(text.split())
    for pattern, template in CLICK_MESSAGES:
        found = re.match(pattern, message)
        if found:
            return _(template).format(**found.groupdict())
    return message


def reflow(doc: str | None) -> str:
    """A docstring as help text in the reader's language: each paragraph joined into one line (the terminal, not
    the source file, decides where lines break) and translated; an example kept on one line to copy."""
    out = []
    for paragraph in paragraphs(doc):
        if paragraph.startswith("Example:"):
            out.append("\b\n" + _("Example:") + paragraph[len("Example:"):])
        else:
            out.append(_(paragraph))
    return "\n\n".join(out)


def paragraphs(doc: str | None) -> list[str]:
    """The paragraphs of a docstring, each on one line: the messages a translator sees."""
    return [" ".join(p.split()) for p in inspect.cleandoc(doc or "").split("\n\n") if p.strip()]


def wrap_between_words_only() -> None:
    """Help text wraps between words only: slugs such as privacy-computing or in-testing are typed back whole.

    Click (Typer's own copy) wraps help with a textwrap.TextWrapper subclass, created inside wrap_text with the
    standard library's default of breaking after hyphens; this gives it a subclass whose default is not to.
    """
    from typer._click import _textwrap

    base = _textwrap.TextWrapper
    if getattr(base, "keeps_hyphenated_words", False):
        return

    class WholeWords(base):  # type: ignore[misc, valid-type]
        keeps_hyphenated_words = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("break_on_hyphens", False)
            super().__init__(*args, **kwargs)

    _textwrap.TextWrapper = WholeWords  # type: ignore[misc]


class _Translated:
    """What the root group and every command share: the usage prefix and the help option in the reader's
    language, and usage lines without Typer's braces."""

    def format_usage(self, ctx: Context, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [re.sub(r"^\{(.*)\}$", r"\1", p).replace("[OPTIONS]", _("[OPTIONS]")) for p in pieces]

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class SandboxCommand(_Translated, typer.core.TyperCommand):
    pass


class SandboxGroup(_Translated, typer.core.TyperGroup):
    pass


TYPER_MESSAGES = [N_("Arguments"), N_("Options"), N_("Commands"), N_("default: {default}"), N_("required"),
                  N_("(dynamic)"), N_("env var: {var}")]
"""Typer's own help labels: it looks them up with the standard gettext functions, in this catalogue when the
reader's language is Chinese (i18n.set_language)."""
