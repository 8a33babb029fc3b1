"""What every command shares: output options, shell completion, and `run`, which turns domain errors into one
stderr line and an exit code (errors.py) and renders the result in the requested format."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from typing import Annotated, NoReturn

import typer

from .errors import EXIT_INTERNAL, DataError, SandboxError, UsageError
from .render.view import FORMATS, View


def complete_region(incomplete: str) -> list[str]:
    """Shell completion: region slugs from the database."""
    from .completion import regions

    return regions(incomplete)


def complete_technology(incomplete: str) -> list[str]:
    """Shell completion: technology slugs from the database."""
    from .completion import technologies

    return technologies(incomplete)


def complete_category(incomplete: str) -> list[str]:
    return [c for c in ("financial-service", "technology-product") if c.startswith(incomplete)]


FormatOpt = Annotated[str | None, typer.Option("--format", "-f", metavar="[table|json|ndjson|csv]",
                                                 help="Output format (default: table).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
ProgrammeOpt = Annotated[
    str | None,
    typer.Option("--programme", "-p", help="pboc (the regulatory sandbox), csrc or application.", show_default=False),
]


def fail(error: SandboxError) -> NoReturn:
    message = f"error: {error.message}"
    if error.suggestion:
        message += f"; {error.suggestion}"
    print(message.replace("\n", " "), file=sys.stderr)
    raise typer.Exit(error.exit_code)


def output_format(fmt: str | None, as_json: bool) -> str:
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", "choose " + ", ".join(FORMATS))
    if as_json and fmt not in (None, "json"):
        raise UsageError(f"--json contradicts --format {fmt}", "use one of them")
    return "json" if as_json else (fmt or "table")


def emit(view: View, fmt: str) -> None:
    try:
        if fmt == "table":
            from .render import table

            table.render(view)
        else:
            from .render import formats

            writers = {"json": formats.write_json, "ndjson": formats.write_ndjson, "csv": formats.write_csv}
            writers[fmt](view, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_exit_on_broken_pipe()


def quiet_exit_on_broken_pipe() -> NoReturn:
    """The reader (`| head`) has gone: stop quietly with 0, and keep Python from complaining when it flushes
    stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(0)


def run(fmt: str | None, as_json: bool, make_view: Callable[[sqlite3.Connection], View]) -> None:
    """Everything a command does, with every domain error turned into one stderr line and an exit code."""
    from .db import connect

    try:
        output = output_format(fmt, as_json)
        conn = connect()
        try:
            view = make_view(conn)
        finally:
            conn.close()
        emit(view, output)
    except SandboxError as error:
        fail(error)
    except sqlite3.DatabaseError as exc:
        fail(DataError(f"the database could not be read ({exc})", "rebuild it or reinstall sandboxcli"))
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if os.environ.get("SANDBOX_DEBUG"):
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); please report it, with the command you ran "
              "(SANDBOX_DEBUG=1 shows the traceback)", file=sys.stderr)
        raise typer.Exit(EXIT_INTERNAL) from None
