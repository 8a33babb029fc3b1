"""`sandbox export`."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_, _
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
    out: Annotated[str | None, typer.Option("--out", "-o", metavar=_("DIR"), show_default=False,
                                            help=_("Folder to write one file per table into."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Replace files of the same name in the --out folder."))]
    = False,
    table: Annotated[str | None, typer.Option("--table", "-t", metavar=_("TABLE"), show_default=False,
                                              help=_("Only this table (see --list)."),
                                              autocompletion=complete_table)] = None,
    bom: Annotated[bool, typer.Option("--bom", help=_("Start CSV with a UTF-8 byte-order mark (Excel)."))] = False,
    list_tables: Annotated[bool, typer.Option("--list", help=_("List the tables and their columns."))] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", metavar=_("FORMAT"), help=_("csv (default), json, ndjson or table."),
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
                raise UsageError(_("files are written as csv, json or ndjson"), _("e.g. {example}").format(
                    example="--format csv"))
            if bom and file_format != "csv":
                raise UsageError(_("--bom applies to CSV only"))
            from ..resolve import choice

            if not out.strip():
                raise UsageError(_("--out needs a folder name"), _("e.g. {example}").format(
                    example="--out sandbox-data"))
            names = [choice(table, tuple(TABLES), N_("table"))] if table else list(TABLES)
            return write_tables(sandbox, names, Path(out), file_format, bom, force)
        if force:
            raise UsageError(_("--force applies to --out only"))
        if table is None:
            raise UsageError(_("say which table to print, or give --out DIR for all of them"),
                             _("e.g. {example}").format(example="sandbox export --table projects"))
        return sandbox.export(table)

    if out is not None:  # the files get the format; what is printed is the list of files written (JSON: --json)
        run(ask, "json" if as_json else None, False, layout)
    else:
        run(ask, fmt, as_json, layout, default="table" if list_tables else "csv", bom=bom)
