"""`sandbox export`."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_, Message
from .options import JsonOpt, LangOpt, LayoutOpt, complete_format
from .runner import run

if TYPE_CHECKING:
    from ..api import Sandbox
    from ..results import Result

RESULTS = ("Rows", "FilesWritten")
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def complete_table(incomplete: str) -> list[str]:
    from ..export import TABLES

    return [name for name in TABLES if name.startswith(incomplete.lower())]


def export(
    ctx: typer.Context,
    out: Annotated[str | None, typer.Option("--out", "-o", metavar=N_("DIR"), show_default=False,
                                            help=N_("Folder to write one file per table into."))] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace files of the same name in the --out folder."))]
    = False,
    table: Annotated[str | None, typer.Option("--table", "-t", metavar=N_("TABLE"), show_default=False,
                                              help=N_("Only this table (see --list)."),
                                              autocompletion=complete_table)] = None,
    bom: Annotated[bool, typer.Option("--bom", help=N_("Start CSV with a UTF-8 byte-order mark (Excel)."))] = False,
    list_tables: Annotated[bool, typer.Option("--list", help=N_("List the tables and their columns."))] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", metavar=N_("FORMAT"), help=N_("csv (default), json, ndjson or table."),
        show_default=False, autocompletion=complete_format)] = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Export the data set as flat tables for Excel, pandas or R.

    With --out, one file per table (projects.csv, batches.csv ...), written together or not at all; a file of
    the same name already there is replaced only with --force. Without --out, one table (--table) to stdout.
    CSV by default; --list prints a table; --json with --out also prints what was written as JSON.

    Example: sandbox export --out sandbox-data --bom
    """

    def ask(sandbox: "Sandbox") -> "Result":
        from ..errors import UsageError
        from ..export import TABLES

        if list_tables:
            return sandbox.export_tables()
        if out is not None:
            from .files import write_tables
            from .runner import output_format

            file_format = output_format(fmt, as_json, "csv")
            if file_format == "table":
                raise UsageError(N_("files are written as csv, json or ndjson"), Message(N_("e.g. {example}"),
                                                                                         example="--format csv"))
            if bom and file_format != "csv":
                raise UsageError(N_("--bom applies to CSV only"))
            from ..resolve import choice

            if not out.strip():
                raise UsageError(N_("--out needs a folder name"), Message(N_("e.g. {example}"),
                                                                          example="--out sandbox-data"))
            names = [choice(table, tuple(TABLES), N_("table"))] if table else list(TABLES)
            return write_tables(sandbox, names, Path(out), file_format, bom, force)
        if force:
            raise UsageError(N_("--force applies to --out only"))
        if table is None:
            raise UsageError(N_("say which table to print, or give --out DIR for all of them"),
                             Message(N_("e.g. {example}"), example="sandbox export --table projects"))
        return sandbox.export(table)

    if out is not None:  # the files get the format; what is printed is the list of files written (JSON: --json)
        run(ctx, ask, "json" if as_json else None, False, layout)
    else:
        run(ctx, ask, fmt, as_json, layout, default="table" if list_tables else "csv", bom=bom)
