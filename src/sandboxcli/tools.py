"""Commands beyond the core questions: timeline, stats, applicant, export and sql.

Same layering and error rules as commands.py: parse, call one library function, hand a View to `clikit.run`.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Annotated

import typer

from .clikit import FormatOpt, JsonOpt, ProgrammeOpt, complete_region, fail, quiet_exit_on_broken_pipe, run
from .errors import SandboxError, UsageError
from .render.view import View

CityOpt = Annotated[str | None, typer.Option("--city", help="Only this city or province.",
                                             autocompletion=complete_region)]


def timeline(
    by: Annotated[str, typer.Option("--by", help="Group by month or year.", metavar="[month|year]")] = "year",
    programme: ProgrammeOpt = None,
    city: CityOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Draw batches and applications over time, per programme, as a bar chart (--json gives the series).

    Example: sandbox timeline --by month --programme pboc
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import resolve
        from .analysis import timeline as run_timeline

        if by not in ("month", "year"):
            raise UsageError(f"--by {by!r} is not month or year")
        prog = resolve.programme(programme)
        region = resolve.region(conn, city) if city is not None else None
        return View("timeline", {"by": by, "programme": prog, "region": region},
                    run_timeline(conn, by, prog, region))

    run(fmt, as_json, view)


def stats(
    programme: ProgrammeOpt = None,
    city: CityOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, max=1000, help="How many technologies and applicants.")] = 10,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Count known applications by programme, category, technology and institution kind, and list the top
    applicants; shares are of the known applications in scope.

    Example: sandbox stats --programme pboc --top 5
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import resolve
        from .analysis import stats as run_stats

        prog = resolve.programme(programme)
        region = resolve.region(conn, city) if city is not None else None
        return View("stats", {"programme": prog, "region": region, "top": top}, run_stats(conn, prog, region, top))

    run(fmt, as_json, view)


def applicant(
    name: Annotated[str, typer.Argument(help="Institution: English or Chinese name, alias, or part of a name.")],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Profile an institution: every project in every region and programme, its names and aliases in both
    languages, and its co-applicants. Names resolve like `search --applicant`.

    Example: sandbox applicant 招商银行
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import resolve
        from .analysis import applicant_profiles

        ids = resolve.entities(conn, name)
        return View("applicant", {"name": name, "entities": ids}, applicant_profiles(conn, ids))

    run(fmt, as_json, view)


def export(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder to write one file per table into.",
                                             file_okay=False)] = None,
    table: Annotated[str | None, typer.Option("--table", "-t", help="Only this table (see --list).")] = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start CSV files with a UTF-8 byte-order mark (Excel).")] = False,
    list_tables: Annotated[bool, typer.Option("--list", help="List the tables and their columns.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", "-f", metavar="[csv|json|ndjson]",
                                            help="File format (default: csv).", show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Export the whole data set as flat, documented tables for Excel, pandas or R.

    With --out, one file per table (projects.csv, batches.csv, ...); without it, one table (--table) to stdout.

    Example: sandbox export --out sandbox-data --bom
    """
    from .db import connect
    from .export import TABLES, write_table

    try:
        if as_json and fmt not in (None, "json"):
            raise UsageError(f"--json contradicts --format {fmt}", "use one of them")
        fmt = "json" if as_json else (fmt or "csv")
        if fmt not in ("csv", "json", "ndjson"):
            raise UsageError(f"unknown format {fmt!r}", "choose csv, json or ndjson")
        if table is not None and table not in TABLES:
            raise UsageError(f"unknown table {table!r}", "choose one of " + ", ".join(TABLES))
        if bom and fmt != "csv":
            raise UsageError("--bom applies to CSV only")
        conn = connect()
        try:
            if list_tables:
                for name, spec in TABLES.items():
                    print(f"{name}: {spec.description}\n  {', '.join(spec.columns(conn))}")
                return
            if out is None:
                if table is None:
                    raise UsageError("say which table to print, or give --out DIR for all of them",
                                     "e.g. sandbox export --table projects")
                write_table(conn, table, fmt, sys.stdout, bom)
                return
            out.mkdir(parents=True, exist_ok=True)
            for name in [table] if table else list(TABLES):
                path = out / f"{name}.{fmt}"
                with path.open("w", encoding="utf-8", newline="") as handle:
                    count = write_table(conn, name, fmt, handle, bom)
                print(f"wrote {path} ({count} rows)", file=sys.stderr)
        finally:
            conn.close()
    except BrokenPipeError:
        quiet_exit_on_broken_pipe()
    except OSError as exc:
        fail(UsageError(f"cannot write to {out}: {exc.strerror or exc}"))
    except SandboxError as error:
        fail(error)


def sql(
    query: Annotated[str, typer.Argument(help="One read-only SQL statement (SELECT, WITH, read-only PRAGMA).")],
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, max=300, help="Give up after this many seconds.")]
    = 5.0,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Run read-only SQL against the bundled database (schema: data/README.md); a write is refused, and a runaway
    query is stopped after --timeout seconds.

    Example: sandbox sql "select region, count(*) from batches group by region" --format csv
    """

    def view(conn: sqlite3.Connection) -> View:
        from .sqlrun import run_sql

        columns, rows = run_sql(conn, query, timeout)
        return View("sql", {"sql": query}, rows, {"columns": columns})

    run(fmt, as_json, view)
