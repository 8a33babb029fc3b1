"""The `sandbox` command: a registry of commands, one module each in this package, and the entry point.

A process imports only the module of the command it runs (the registry names modules, not functions): every query
is a fresh process, and start-up is most of what a user waits for.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.core
from typer._click import Context  # Typer 0.28 ships its own copy of Click

from .. import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

COMMANDS = {
    "list-cities": "list_cities",
    "show": "show",
    "search": "search",
    "project": "project",
    "compare": "compare",
    "applicant": "applicant",
    "technologies": "technologies",
    "events": "events",
    "timeline": "timeline",
    "stats": "stats",
    "coverage": "coverage",
    "export": "export",
    "sql": "sql",
}
"""Command name → module (and function) name in this package, in the order `sandbox --help` lists them."""


def command_function(name: str) -> Callable[..., None]:
    module = importlib.import_module(f".{COMMANDS[name]}", __name__)
    function: Callable[..., None] = getattr(module, COMMANDS[name])
    return function


def _version(value: bool) -> None:
    if value:
        print(f"sandbox {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """China's fintech regulatory sandboxes (PBOC, CSRC) from a cited, bilingual database.

    Every fact carries the public page it comes from. Try `sandbox show guangzhou 2` or
    `sandbox search blockchain`. Every command takes --json (or --format json|ndjson|csv) for scripts.
    """


def reflow(doc: str | None) -> str:
    """A docstring as help text: paragraphs joined into single lines, so the terminal, not the source file,
    decides where lines break (no orphan words at any width)."""
    import inspect

    paragraphs = [" ".join(p.split()) for p in inspect.cleandoc(doc or "").split("\n\n")]
    # An example is a command line to copy: Click's \b keeps it on one line instead of rewrapping it.
    return "\n\n".join("\b\n" + p if p.startswith("Example:") else p for p in paragraphs)


def _wrap_help_between_words_only() -> None:
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


class SandboxCommand(typer.core.TyperCommand):
    """Usage lines as users read them elsewhere: `sandbox show CITY [BATCH]`, not Typer's `{CITY}`."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [re.sub(r"^\{(.*)\}$", r"\1", piece) for piece in super().collect_usage_pieces(ctx)]


def make_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with `only` one of them (what a process running it needs)."""
    _wrap_help_between_words_only()
    new = typer.Typer(name="sandbox", no_args_is_help=True, pretty_exceptions_enable=False, add_completion=True,
                      context_settings={"help_option_names": ["-h", "--help"]}, help=reflow(_root.__doc__),
                      rich_markup_mode=None)
    new.callback()(_root)
    for name in COMMANDS:
        if only in (None, name):
            function = command_function(name)
            text = reflow(function.__doc__)
            new.command(name, help=text, short_help=text.split("\n\n")[0], cls=SandboxCommand)(function)
    return new


def __getattr__(name: str) -> Any:
    """`sandboxcli.cli.app`: the full app, built on first use (tests and completion), not at import."""
    if name == "app":
        return make_app()
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point: every outcome, Click's own usage errors included, is one stderr line at most
    and a documented exit code (cli/runner.py)."""
    from .runner import check_arguments, error_line, guard_output

    check_arguments(sys.argv[1:])
    first = sys.argv[1] if len(sys.argv) > 1 else None
    target = make_app(first if first in COMMANDS else None)
    outcome: list[Any] = []
    error: list[Exception] = []

    def invoke() -> None:
        try:
            outcome.append(target(standalone_mode=False))
        except Exception as exc:  # typer vendors Click privately: recognise its errors by their interface
            if hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int):
                error.append(exc)
            else:
                raise

    guard_output(invoke)
    if error:
        exc = error[0]
        where = f"sandbox {first} --help" if first in COMMANDS else "sandbox --help"
        print(error_line(exc.format_message(), f"see `{where}`"), file=sys.stderr)  # type: ignore[attr-defined]
        sys.exit(exc.exit_code)  # type: ignore[attr-defined]
    code = outcome[0] if outcome else 0
    sys.exit(code if isinstance(code, int) else 0)
