"""`sandbox sql SQL`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from .options import FormatOpt, JsonOpt, LayoutOpt
from .runner import run

if TYPE_CHECKING:
    from ..api import Sandbox
    from ..records import Result


def pair_params(args: list[str]) -> list[str]:
    """`-p NAME VALUE` (two words, as sqlite-utils takes them) → `-p NAME=VALUE`, the one word Typer can pass on."""
    out: list[str] = []
    i = 0
    while i < len(args):
        if args[i] in ("-p", "--param") and i + 2 < len(args) + 1 and i + 1 < len(args):
            name = args[i + 1]
            if "=" not in name and i + 2 < len(args):
                out += [args[i], f"{name}={args[i + 2]}"]
                i += 3
                continue
        out.append(args[i])
        i += 1
    return out


def sql(
    query: Annotated[str | None, typer.Argument(
        metavar="[SQL]", help="One read-only statement (SELECT, WITH, read-only PRAGMA); - reads it from stdin.",
        show_default=False)] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME VALUE", help="A value for :NAME in the statement; repeat for several.",
        show_default=False)] = None,
    schema: Annotated[bool, typer.Option("--schema", help="List every table and column with its description.")]
    = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Give up after this many seconds (0.1 to 300).")]
    = 5.0,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
) -> None:
    """Run read-only SQL against the bundled database.

    A write is refused, and a runaway query is stopped after --timeout seconds. `--schema` lists the tables and
    columns; values go in as named parameters rather than pasted into the SQL.

    Example: sandbox sql "select key, label from batches where region = :city" -p city guangzhou
    """

    def ask(sandbox: Sandbox) -> Result:
        from ..errors import UsageError

        if schema:
            return sandbox.schema()
        if query is None:
            raise UsageError("give one SQL statement, - to read it from stdin, or --schema",
                             'e.g. sandbox sql "select * from regions"')
        text = sys.stdin.read() if query == "-" else query
        params = dict(p.split("=", 1) for p in param or [])
        return sandbox.sql(text, params, timeout)

    run(ask, fmt, as_json, layout)
