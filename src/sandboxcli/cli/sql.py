"""`sandbox sql SQL`."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_, Message
from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt
from .runner import run

if TYPE_CHECKING:
    from ..api import Sandbox
    from ..results import Result

RESULTS = ("Rows",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def parameters(names: list[str], values: list[str]) -> dict[str, str]:
    """Pair `-p NAME VALUE` (two words, as sqlite-utils takes them: Click hands the VALUEs over with the
    statement's words, in order) and `-p NAME=VALUE`."""
    from ..errors import UsageError

    pairs: dict[str, str] = {}
    rest = list(values)
    for name in names:
        if "=" in name:
            key, value = name.split("=", 1)
        elif rest:
            key, value = name, rest.pop(0)
        else:
            raise UsageError(Message(N_("-p {name} has no value"), name=name),
                             N_("write -p NAME VALUE or -p NAME=VALUE"))
        pairs[key] = value
    if rest:
        raise UsageError(Message(N_("unexpected words after the statement: {words}"), words=" ".join(rest)),
                         N_("quote the whole statement as one argument"))
    return pairs


def sql(
    ctx: typer.Context,
    words: Annotated[list[str] | None, typer.Argument(
        metavar=N_("[SQL]"),
        help=N_("One read-only statement (SELECT, WITH, read-only PRAGMA); - reads it from stdin."),
        show_default=False)] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar=N_("NAME VALUE"), show_default=False,
        help=N_("A value for :NAME in the statement (NAME VALUE or NAME=VALUE); repeat for several."))] = None,
    schema: Annotated[bool, typer.Option("--schema", help=N_("List every table and column with its description."))]
    = False,
    timeout: Annotated[float, typer.Option("--timeout", metavar=N_("SECONDS"),
                                           help=N_("Give up after this many seconds (0.1 to 300)."))] = 5.0,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Run read-only SQL against the bundled database.

    A write is refused, and a runaway query is stopped after --timeout seconds. `--schema` lists the tables and
    columns; values go in as named parameters rather than pasted into the SQL.

    Example: sandbox sql "select key from batches where region = :r" -p r hebei
    """

    def ask(sandbox: "Sandbox") -> "Result":
        from ..errors import UsageError

        if schema:
            return sandbox.schema()
        if not words:
            raise UsageError(N_("give one SQL statement, - to read it from stdin, or --schema"),
                             Message(N_("e.g. {example}"), example='sandbox sql "select * from regions"'))
        query, values = words[0], words[1:]
        text = query
        if query == "-":
            try:
                text = sys.stdin.buffer.read().decode("utf-8") if hasattr(sys.stdin, "buffer") else sys.stdin.read()
            except UnicodeDecodeError:
                raise UsageError(N_("the SQL on standard input is not UTF-8 text")) from None
        return sandbox.sql(text, parameters(param or [], values), timeout)

    run(ctx, ask, fmt, as_json, layout)
