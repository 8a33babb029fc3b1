"""How help reads: docstrings reflowed and translated paragraph by paragraph, wrapped in terminal cells without
breaking slugs (cli/wrap.py), `sandbox show CITY [BATCH]` usage lines, and every label in the reader's language,
Typer's own (Options, [default: …], [required]) included.

All of it goes through the extension points Click offers: the context's `formatter_class` (our HelpFormatter
subclass), the command's `context_class`, `format_usage`, `format_options`, `get_params`, and for usage errors
`parse_args`, `resolve_command` and `invoke`, where the command and its context still say what went wrong; nothing
in Typer or Click is replaced. Those errors are made structured here and worded in cli/usage.py.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any

import typer
import typer.core

from ..i18n import ENGLISH, N_, Translator
from .clicktypes import FloatRange, HelpFormatter, IntRange, UsageError
from .runner import invocation

if TYPE_CHECKING:
    from .clicktypes import Context

SECTIONS = [N_("Arguments"), N_("Options"), N_("Commands")]
"""The headings of a help page: Typer writes them in English, our formatter's `write_heading` translates them."""

TYPER_TEXTS = [N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("Install completion for the current shell."),
               N_("Show completion for the current shell, to copy it or customize the installation.")]
"""Typer's usage pieces and the help of its completion options, translated where they are shown (`_Translated`)."""


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


class SandboxFormatter(HelpFormatter):
    """Click's help formatter with our wrapping (cli/wrap.py: between words and CJK characters, in terminal cells,
    no orphans) and section headings in the reader's language, with the reader's colon (选项：). The methods follow
    Click's own, with its `wrap_text` and `term_len` swapped for ours. `t`, the reader's Translator, is set by the
    context that makes the formatter."""

    t: Translator = ENGLISH

    def write_heading(self, heading: str) -> None:
        line = self.t._("{heading}:").format(heading=self.t._(heading))
        self.write(" " * self.current_indent + line + "\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from .wrap import term_len, wrap_text

        prefix = "Usage: " if prefix is None else prefix
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if text_width >= term_len(usage_prefix) + 20:  # the arguments fit to the right of the prefix
            indent = " " * term_len(usage_prefix)
            self.write(wrap_text(args, text_width, initial_indent=usage_prefix, subsequent_indent=indent))
        else:  # the prefix is too long: the arguments go on the next line
            self.write(usage_prefix + "\n")
            indent = " " * (max(self.current_indent, term_len(prefix)) + 4)
            self.write(wrap_text(args, text_width, initial_indent=indent, subsequent_indent=indent))
        self.write("\n")

    def write_text(self, text: str) -> None:
        from .wrap import wrap_text

        indent = " " * self.current_indent
        self.write(wrap_text(text, self.width, initial_indent=indent, subsequent_indent=indent,
                             preserve_paragraphs=True) + "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """A definition list (options, commands): the first column as wide as its widest entry up to `col_max`
        cells, the second wrapped beside it."""
        from .wrap import term_len, wrap_text

        rows = list(rows)
        first_col = min(max((term_len(first) for first, _second in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if term_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - term_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10), preserve_paragraphs=True).splitlines()
            self.write(f"{lines[0] if lines else ''}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class SandboxContext(typer.Context):
    formatter_class = SandboxFormatter

    def make_formatter(self) -> SandboxFormatter:
        formatter = SandboxFormatter(width=self.terminal_width, max_width=self.max_content_width)
        formatter.t = invocation(self)
        return formatter


def _default_text(param: Any, value: Any) -> str:
    """A default as Typer's help shows it, for the kinds of default this CLI has: `(text)` when show_default is
    text, nothing for an unset flag or None, else the value. (Typer also words flag pairs, Enums, lists and
    functions; tests/test_click_boundary.py fails when a new parameter needs one of those rules.)"""
    if isinstance(param.show_default, str):
        return f"({param.show_default})"
    if value is None or (getattr(param, "is_bool_flag", False) and not value):
        return ""
    return str(value)


def help_record(param: Any, ctx: Context) -> tuple[str, str] | None:
    """A parameter's line in the help: Typer's first column (its flags and metavar, or the argument's name) and
    its help with the extras in brackets (`[default: 10; 1<=x<=1000]`, `[required]`) in the reader's language.

    Typer composes the extras in English through the process-wide gettext; they are composed here instead, by
    Typer's rules (tests/test_click_boundary.py compares both in English for every parameter of every command).
    """
    record = param.get_help_record(ctx)
    if record is None:
        return None
    t = invocation(ctx)
    extra = []
    if param.show_envvar and param.envvar is not None:
        envvar = param.envvar
        extra.append(t._("env var: {var}").format(var=envvar if isinstance(envvar, str) else ", ".join(envvar)))
    resilient = ctx.resilient_parsing
    ctx.resilient_parsing = True  # as Typer does: the default is shown as given, not converted (which may fail)
    try:
        default = param.get_default(ctx, call=False)
    finally:
        ctx.resilient_parsing = resilient
    if isinstance(param.show_default, str) or (default is not None and (param.show_default or ctx.show_default)):
        text = _default_text(param, default)
        if text:
            extra.append(t._("default: {default}").format(default=text))
    if param.param_type_name == "option" and isinstance(param.type, (IntRange, FloatRange)):
        from .usage import describe_range

        extra.append(describe_range(param.type))
    if param.required:
        extra.append(t._("required"))
    help_text = param.help or ""
    if extra:
        brackets = "[" + t._("; ").join(extra) + "]"  # 默认：10；1<=x<=1000 in Chinese
        help_text = f"{help_text}  {brackets}" if help_text else brackets
    return record[0], help_text


class _Translated:
    """What the root group and every command share: help in the reader's language (usage prefix, parameters'
    help and metavars, section headings and extras, the help option), usage lines without Typer's braces, and
    Click's usage errors made structured (cli/usage.py) while the command and its context are at hand."""

    context_class: Any = SandboxContext

    def format_usage(self, ctx: Context, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=invocation(ctx)._("Usage: "))

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        t = invocation(ctx)
        return [t._(re.sub(r"^\{(.*)\}$", r"\1", p)) for p in pieces]

    def get_params(self, ctx: Context) -> list[Any]:
        """Every parameter's help and metavar in the reader's language: options are made when their module is
        imported, in English (the catalogue's key), and worded here with the invocation's Translator (Typer builds
        the Click command afresh for each invocation, so the wording does not outlive it)."""
        t = invocation(ctx)
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
            option.help = invocation(ctx)._("Show this message and exit.")
        return option

    def format_parameters(self, ctx: Context, formatter: Any) -> None:
        """The Arguments and Options sections, as Typer lays them out, with our `help_record`."""
        sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            record = help_record(param, ctx)
            if record is not None and param.param_type_name in sections:
                sections[param.param_type_name].append(record)
        for kind, heading in (("argument", "Arguments"), ("option", "Options")):
            if sections[kind]:
                with formatter.section(heading):
                    formatter.write_dl(sections[kind])

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Click's parsing; a usage error it raises comes out structured (usage.refined), and extra arguments a
        command does not take are a usage.UnexpectedArguments (Click words them and gives them no type)."""
        given = list(args)  # Click's parser consumes the list it is given
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except UsageError as error:
            from .usage import refined

            better = refined(error, self, ctx, given)
            if better is error:
                raise
            raise better from error
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            from .usage import UnexpectedArguments

            raise UnexpectedArguments(rest, ctx)
        return rest


class SandboxCommand(_Translated, typer.core.TyperCommand):
    def format_options(self, ctx: Context, formatter: Any) -> None:
        self.format_parameters(ctx, formatter)


class SandboxGroup(_Translated, typer.core.TyperGroup):
    def format_options(self, ctx: Context, formatter: Any) -> None:
        self.format_parameters(ctx, formatter)
        self.format_commands(ctx, formatter)

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        """Typer's resolution; a name that is no command is a usage.NoSuchCommand with the close names (Typer
        only writes it into a message)."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            if type(error) is not UsageError or not args or self.get_command(ctx, args[0]) is not None:
                raise
            from .usage import NoSuchCommand

            raise NoSuchCommand(args[0], get_close_matches(args[0], list(self.commands)), ctx) from error

    def invoke(self, ctx: Context) -> Any:
        """Typer's invocation; a command line with no command (`sandbox --`) is a usage.MissingCommand.

        Told by state: the one plain UsageError the group itself raises before a command is chosen (an unknown
        command is a NoSuchCommand by then, and a command's own errors carry the command's context)."""
        try:
            return super().invoke(ctx)
        except UsageError as error:
            if type(error) is not UsageError or error.ctx is not ctx or ctx.invoked_subcommand is not None:
                raise
            from .usage import MissingCommand

            raise MissingCommand(ctx) from error
