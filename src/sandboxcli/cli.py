"""The `sandbox` command: assembles the Typer app from the command modules and starts it.

Exit codes: 0 ok, 1 not found, 2 usage, 3 database problem, 70 internal error (errors.py).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from . import __version__
from .commands import compare, coverage, list_cities, search, show, technologies
from .tools import applicant, export, sql, stats, timeline


def _version(value: bool) -> None:
    if value:
        print(f"sandbox {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """China's fintech regulatory sandboxes (PBOC, CSRC) from a cited, bilingual database.

    Every fact carries the URL of the public page it comes from.

    Start with `sandbox list-cities`, then `sandbox show guangzhou 2`.

    Every command takes --json (or --format json|ndjson|csv) for scripts.
    """


COMMANDS = {"list-cities": list_cities, "show": show, "search": search, "compare": compare,
            "coverage": coverage, "technologies": technologies, "applicant": applicant, "timeline": timeline,
            "stats": stats, "export": export, "sql": sql}


def make_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with `only` one of them.

    Typer converts every registered command into Click objects at each start (about 1.4 ms per command, measured):
    a process that runs one command registers only that one.
    """
    new = typer.Typer(name="sandbox", no_args_is_help=True, pretty_exceptions_enable=False,
                      context_settings={"help_option_names": ["-h", "--help"]})
    new.callback()(_root)
    for name, function in COMMANDS.items():
        if only in (None, name):
            new.command(name)(function)
    return new


app = make_app()


def main() -> None:
    """Console-script entry point.

    Click's own usage errors (a missing argument, an unknown option) become one line on stderr and exit 2, like
    every other error of this tool, instead of a usage block and a boxed message.
    """
    first = sys.argv[1] if len(sys.argv) > 1 else None
    target = make_app(first) if first in COMMANDS else app
    try:
        code = target(standalone_mode=False)
    except Exception as exc:  # typer vendors Click privately: recognise its errors by their interface
        exit_code = getattr(exc, "exit_code", None)
        if not (hasattr(exc, "format_message") and isinstance(exit_code, int)):
            raise
        where = f"sandbox {first} --help" if first in COMMANDS else "sandbox --help"
        message = " ".join(exc.format_message().split()).rstrip(".")
        print(f"error: {message}; see `{where}`", file=sys.stderr)
        sys.exit(exit_code)
    sys.exit(code if isinstance(code, int) else 0)
