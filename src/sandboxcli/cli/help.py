"""How help and Click's own messages read: docstrings reflowed and translated paragraph by paragraph, slugs never
broken across lines, `sandbox show CITY [BATCH]` usage lines, and Click's usage errors in the reader's language."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import typer.core
from typer._click import Context, HelpFormatter  # Typer 0.28 ships its own copy of Click

from ..i18n import ENGLISH, N_, Translator

CLICK_MESSAGES = [
    (r"^Missing argument '(?P<name>.+)'\.?$", N_("Missing argument {name!r}")),
    (r"^No such option: (?P<name>\S+)$", N_("No such option: {name}")),
    (r"^No such option: (?P<name>\S+) Did you mean (?P<close>.+)\?$",
     N_("No such option: {name}. Did you mean {close}?")),
    (r"^No such option: (?P<name>\S+) \(Possible options: (?P<close>.+)\)$",
     N_("No such option: {name}. Did you mean {close}?")),
    (r"^No such command '(?P<name>.+)'\.$", N_("No such command {name!r}")),
    (r"^No such command '(?P<name>.+)'\. Did you mean (?P<close>.+)\?$",
     N_("No such command {name!r}. Did you mean {close}?")),
    (r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$", N_("Got unexpected extra arguments ({args})")),
    (r"^Invalid value for (?P<name>'[^']+'(?: / '[^']+')*): (?P<value>\S+) is not in the range (?P<range>\S+?)\.?$",
     N_("Invalid value for {name}: {value} is not in the range {range}")),
    (r"^Invalid value for (?P<name>'[^']+'(?: / '[^']+')*): (?P<value>.+) is not a valid int(?: range)?\.?$",
     N_("Invalid value for {name}: {value} is not a whole number")),
    (r"^Invalid value for (?P<name>'[^']+'(?: / '[^']+')*): (?P<value>.+) is not a valid float(?: range)?\.?$",
     N_("Invalid value for {name}: {value} is not a number")),
    (r"^Invalid value for (?P<name>'[^']+'(?: / '[^']+')*): Directory (?P<path>.+) is a file\.?$",
     N_("Invalid value for {name}: {path} is a file, not a folder")),
    (r"^Option '(?P<name>.+)' requires an argument\.$", N_("Option {name!r} requires an argument")),
    (r"^Invalid value for (?P<name>'[^']+'(?: / '[^']+')*): (?P<detail>.+)$", N_("Invalid value for {name}: {detail}")),
    (r"^Missing command\.$", N_("Missing command")),
]
"""Click's messages (its copy inside Typer does not translate them) and the catalogue's words for them."""


def click_message(text: str, t: Translator) -> str:
    """A Click usage error in `t`'s language (as it is when no pattern matches)."""
    message = " ".join(text.split())
    for pattern, template in CLICK_MESSAGES:
        found = re.match(pattern, message)
        if found:
            return t._(template).format(**found.groupdict())
    return message


def reflow(doc: str | None, t: Translator) -> str:
    """A docstring as help text in `t`'s language: each paragraph joined into one line (the terminal, not the
    source file, decides where lines break) and translated; an example kept on one line to copy."""
    out = []
    for paragraph in paragraphs(doc):
        if paragraph.startswith("Example:"):
            out.append("\b\n" + t._("Example: {command}").format(command=paragraph[len("Example:"):].strip()))
        else:
            out.append(t._(paragraph))
    return "\n\n".join(out)


def reader(ctx: Any) -> Translator:
    """The Translator of the invocation whose Click context `ctx` is: main() or the root callback (or a command's
    --lang) put it in the context object; English when neither did."""
    obj = getattr(ctx, "obj", None)
    return obj if isinstance(obj, Translator) else ENGLISH


WORDED_HELP: dict[str, Callable[[Translator], str]] = {}
"""Option help made from lists (the lifecycle words), by its English text: how to word it in another language,
since the catalogue cannot look it up whole. Filled by `worded_help` as the command modules define their options."""


def worded_help(words: Callable[[Translator], str]) -> str:
    """Option help worded by `words`: English as Click sees it (Typer copies help into a plain str), worded again
    in the reader's language when the help is shown (`get_params` finds it in WORDED_HELP)."""
    english = words(ENGLISH)
    WORDED_HELP[english] = words
    return english


def paragraphs(doc: str | None) -> list[str]:
    """The paragraphs of a docstring, each on one line: the messages a translator sees."""
    return [" ".join(p.split()) for p in inspect.cleandoc(doc or "").split("\n\n") if p.strip()]


def adapt_help_formatting() -> None:
    """Help wraps the way tables do: between words only (slugs such as privacy-computing are typed back whole), and
    between CJK characters, measured in terminal cells (a Chinese character takes two).

    Click (Typer's own copy) wraps help with a textwrap.TextWrapper subclass created inside `wrap_text`, which breaks
    after hyphens and counts characters, and aligns option columns with `term_len`, which counts characters too;
    this gives it a wrapper and a `term_len` that measure cells.
    """
    from typer._click import _textwrap, formatting
    from typer._click._compat import strip_ansi

    from ..render.text import cell_len, pieces

    base = _textwrap.TextWrapper
    if getattr(base, "measures_cells", False):
        return

    class CellWrapper(base):  # type: ignore[misc, valid-type]
        measures_cells = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("break_on_hyphens", False)
            super().__init__(*args, **kwargs)

        def _split(self, text: str) -> list[str]:
            return [piece for chunk in super()._split(text) for piece in pieces(chunk)]

        def _wrap_chunks(self, chunks: list[str]) -> list[str]:
            """textwrap's algorithm (without max_lines, which Click does not use) with widths in cells."""
            lines: list[str] = []
            chunks.reverse()
            while chunks:
                line: list[str] = []
                used = 0
                indent = self.subsequent_indent if lines else self.initial_indent
                width = self.width - cell_len(indent)
                if self.drop_whitespace and chunks[-1].strip() == "" and lines:
                    del chunks[-1]
                while chunks and used + cell_len(chunks[-1]) <= width:
                    used += cell_len(chunks[-1])
                    line.append(chunks.pop())
                if chunks and cell_len(chunks[-1]) > width:
                    self._handle_long_word(chunks, line, used, width)
                if self.drop_whitespace and line and line[-1].strip() == "":
                    del line[-1]
                if line:
                    lines.append(indent + "".join(line))
            return self._no_orphan(lines)

        def _no_orphan(self, lines: list[str]) -> list[str]:
            """A last line of one word takes the previous line's last word with it ("(default: the" / "locale).")
            reads as "(default:" / "the locale).")."""
            if len(lines) < 2 or " " in lines[-1][len(self.subsequent_indent):].strip():
                return lines
            if not lines[-1].isascii():
                return lines  # CJK text has no words to keep together: its last line is not an orphan
            head, space, word = lines[-2].rpartition(" ")
            last = self.subsequent_indent + word + " " + lines[-1][len(self.subsequent_indent):]
            if space and " " in head.strip() and cell_len(last) <= self.width:
                lines[-2:] = [head, last]
            return lines

    def term_len(x: str) -> int:
        return cell_len(strip_ansi(x))

    _textwrap.TextWrapper = CellWrapper  # type: ignore[misc]
    formatting.term_len = term_len  # type: ignore[attr-defined]


class SandboxFormatter(HelpFormatter):
    """Section headings with the reader's colon (选项：); `t` is set by the context that makes the formatter."""

    t: Translator = ENGLISH

    def write_heading(self, heading: str) -> None:
        line = self.t._("{heading}:").format(heading=heading)
        self.write(" " * self.current_indent + line + "\n")


class SandboxContext(Context):
    formatter_class = SandboxFormatter

    def make_formatter(self) -> SandboxFormatter:
        formatter = SandboxFormatter(width=self.terminal_width, max_width=self.max_content_width)
        formatter.t = reader(self)
        return formatter


class _Translated:
    """What the root group and every command share: the usage prefix and the help option in the reader's
    language, and usage lines without Typer's braces."""

    def format_usage(self, ctx: Context, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=reader(ctx)._("Usage: "))

    context_class: Any = SandboxContext

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        t = reader(ctx)
        return [t._(re.sub(r"^\{(.*)\}$", r"\1", p)) for p in pieces]

    def get_params(self, ctx: Context) -> list[Any]:
        """Every parameter's help and metavar in the reader's language: options are made when their module is
        imported, in English (the catalogue's key), and worded here with the invocation's Translator (Typer builds
        the Click command afresh for each invocation, so the wording does not outlive it)."""
        t = reader(ctx)
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        if t is ENGLISH:
            return params
        for param in params:
            help_text = getattr(param, "help", None)
            if help_text:
                param.help = WORDED_HELP[help_text](t) if help_text in WORDED_HELP else t._(help_text)
            if getattr(param, "metavar", None):
                param.metavar = t._(param.metavar)
        return params

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = reader(ctx)._("Show this message and exit.")
        return option


class SandboxCommand(_Translated, typer.core.TyperCommand):
    pass


class SandboxGroup(_Translated, typer.core.TyperGroup):
    pass


TYPER_MESSAGES = [N_("Arguments"), N_("Options"), N_("Commands"), N_("default: {default}"), N_("required"),
                  N_("(dynamic)"), N_("env var: {var}"), N_("[OPTIONS]"), N_("COMMAND [ARGS]..."),
                  N_("Install completion for the current shell."),
                  N_("Show completion for the current shell, to copy it or customize the installation.")]
"""Typer's own help labels: it looks them up with the standard gettext functions, in this catalogue when the
reader's language is Chinese (i18n.typer_labels)."""
