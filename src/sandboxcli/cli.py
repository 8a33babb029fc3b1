"""The `sandbox` command: parse arguments, call a query, render the result, map errors to exit codes.

No SQL and no Rich here. Exit codes: 0 ok, 1 not found, 2 usage, 3 database problem (errors.py).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from typing import Annotated, NoReturn

import typer

from . import __version__
from .errors import EXIT_INTERNAL, DataError, SandboxError, UsageError
from .render.view import FORMATS, View

APP_SETTINGS = dict(
    name="sandbox",
    help="China's fintech regulatory sandboxes (PBOC, CSRC) from a cited, bilingual database.\n\n"
    "Every fact carries the URL of the public page it comes from.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete_region(incomplete: str) -> list[str]:
    """Shell completion: region slugs from the database."""
    from .completion import regions

    return regions(incomplete)


def _complete_technology(incomplete: str) -> list[str]:
    """Shell completion: technology slugs from the database."""
    from .completion import technologies

    return technologies(incomplete)


def _complete_category(incomplete: str) -> list[str]:
    return [c for c in ("financial-service", "technology-product") if c.startswith(incomplete)]


FormatOpt = Annotated[str | None, typer.Option("--format", "-f", metavar="[table|json|ndjson|csv]",
                                                 help="Output format (default: table).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
ProgrammeOpt = Annotated[
    str | None,
    typer.Option("--programme", "-p", help="pboc (the regulatory sandbox), csrc or application.", show_default=False),
]


def _fail(error: SandboxError) -> NoReturn:
    message = f"error: {error.message}"
    if error.suggestion:
        message += f"; {error.suggestion}"
    print(message.replace("\n", " "), file=sys.stderr)
    raise typer.Exit(error.exit_code)


def _output(fmt: str | None, as_json: bool) -> str:
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", "choose " + ", ".join(FORMATS))
    if as_json and fmt not in (None, "json"):
        raise UsageError(f"--json contradicts --format {fmt}", "use one of them")
    return "json" if as_json else (fmt or "table")


def _emit(view: View, fmt: str) -> None:
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
        # The reader (| head) has gone: stop quietly, and keep Python from complaining when it flushes at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def _run(fmt: str | None, as_json: bool, make_view: Callable[[sqlite3.Connection], View]) -> None:
    """Everything a command does, with every domain error turned into one stderr line and an exit code."""
    from .db import connect

    try:
        output = _output(fmt, as_json)
        conn = connect()
        try:
            view = make_view(conn)
        finally:
            conn.close()
        _emit(view, output)
    except SandboxError as error:
        _fail(error)
    except sqlite3.DatabaseError as exc:
        _fail(DataError(f"the database could not be read ({exc})", "rebuild it or reinstall sandboxcli"))
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if os.environ.get("SANDBOX_DEBUG"):
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); please report it, with the command you ran "
              "(SANDBOX_DEBUG=1 shows the traceback)", file=sys.stderr)
        raise typer.Exit(EXIT_INTERNAL) from None


def list_cities(programme: ProgrammeOpt = None, fmt: FormatOpt = None, as_json: JsonOpt = False) -> None:
    """List every city and province with batches: programmes, batch count, applications announced and known,
    first and latest batch date.

    Example: sandbox list-cities --programme csrc
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import queries, resolve

        prog = resolve.programme(programme)
        return View("list-cities", {"programme": prog}, queries.list_regions(conn, prog))

    _run(fmt, as_json, view)


def show(
    city: Annotated[str, typer.Argument(help="City or province: English, pinyin or Chinese.",
                                        autocompletion=_complete_region)],
    batch: Annotated[str | None, typer.Argument(help="Batch number, or the key of an unnumbered batch.")] = None,
    programme: ProgrammeOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one batch (date, regulator, announced vs known count, every project with applicants, technologies and
    source), or without BATCH the region's batches.

    Example: sandbox show guangzhou 2
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import queries, resolve

        prog = resolve.programme(programme)
        region = resolve.region(conn, city)
        if batch is None:
            rb = queries.region_batches(conn, region, prog)
            return View("show-region", {"city": city, "region": region, "programme": prog}, rb.batches,
                        {"region": rb})
        detail = queries.batch_detail(conn, region, batch, prog)
        info = {**detail.summary.as_dict(), "region_name_en": detail.region_name_en,
                "region_name_zh": detail.region_name_zh, "programme_name_en": detail.programme_name_en,
                "notes": detail.notes, "sources": detail.sources, "events": detail.events}
        query = {"city": city, "region": region, "batch": batch, "programme": detail.summary.programme}
        return View("show", query, detail.projects, {"batch": info})

    _run(fmt, as_json, view)


def search(
    text: Annotated[list[str] | None, typer.Argument(help="Words to find in project and applicant names.",
                                                         show_default=False)] = None,
    tech: Annotated[str | None, typer.Option("--tech", "-t", help="Technology slug or name (blockchain, 区块链, ai).",
                                                autocompletion=_complete_technology)] = None,
    applicant: Annotated[str | None, typer.Option("--applicant", "-a",
                                                     help="Institution: any language, alias or part.")] = None,
    category: Annotated[str | None, typer.Option("--category", "-c", help="financial-service or technology-product.",
                                                    autocompletion=_complete_category)] = None,
    city: Annotated[str | None, typer.Option("--city", help="Only this city or province.",
                                                autocompletion=_complete_region)] = None,
    programme: ProgrammeOpt = None,
    since: Annotated[str | None, typer.Option("--since", help="Announced on or after (2021, 2021-06).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Announced on or before (2021, 2021-06).")] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Search projects by words and filters (all must match), ordered by batch date then region.

    Example: sandbox search 供应链 --since 2021 ; sandbox search --applicant "China Merchants Bank" --json
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import resolve
        from .search import SearchQuery, check_date
        from .search import search as run_search

        q = SearchQuery(
            text=" ".join(text) if text else None,
            technology=resolve.technology(conn, tech) if tech is not None else None,
            entities=tuple(resolve.entities(conn, applicant)) if applicant is not None else None,
            applicant=applicant,
            category=resolve.category(category),
            region=resolve.region(conn, city) if city is not None else None,
            programme=resolve.programme(programme),
            since=check_date(since, "--since"),
            until=check_date(until, "--until"),
        )
        return View("search", q.as_dict(), run_search(conn, q))

    _run(fmt, as_json, view)


def compare(
    cities: Annotated[list[str], typer.Argument(help="Two or more cities or provinces.",
                                                autocompletion=_complete_region)],
    programme: ProgrammeOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Compare cities side by side: programmes, batches, applications, dates, category split, top technologies and
    applicants, share of applications with a bank applicant.

    Example: sandbox compare beijing shanghai shenzhen
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import queries, resolve

        prog = resolve.programme(programme)
        regions = list(dict.fromkeys(resolve.region(conn, c) for c in cities))
        if len(regions) < 2:
            raise UsageError("compare needs at least two different cities", "e.g. sandbox compare beijing shanghai")
        return View("compare", {"cities": cities, "regions": regions, "programme": prog},
                    queries.compare_regions(conn, regions, prog))

    _run(fmt, as_json, view)


def technologies(fmt: FormatOpt = None, as_json: JsonOpt = False) -> None:
    """List the technologies `search --tech` accepts, with how many projects use each.

    Example: sandbox technologies --format csv
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import queries

        return View("technologies", {}, queries.technologies(conn))

    _run(fmt, as_json, view)


def coverage(
    city: Annotated[str | None, typer.Option("--city", help="Only this city or province.",
                                             autocompletion=_complete_region)] = None,
    programme: ProgrammeOpt = None,
    incomplete: Annotated[bool, typer.Option("--incomplete", help="List only batches with unknown projects.")] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show how complete the data is: per programme and batch, applications announced vs known, names missing in
    either language, descriptions and inferred placements, and the share of rows that cite a source.

    Example: sandbox coverage --programme pboc --incomplete
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import resolve
        from .coverage import coverage as run_coverage

        prog = resolve.programme(programme)
        region = resolve.region(conn, city) if city is not None else None
        rows, totals = run_coverage(conn, prog, region, incomplete)
        return View("coverage", {"programme": prog, "region": region, "incomplete": incomplete}, rows,
                    {"totals": totals})

    _run(fmt, as_json, view)


def _version(value: bool) -> None:
    if value:
        print(f"sandbox {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """China's fintech regulatory sandboxes (PBOC, CSRC) from a cited, bilingual database."""


COMMANDS = {"list-cities": list_cities, "show": show, "search": search, "compare": compare,
            "coverage": coverage, "technologies": technologies}


def make_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with `only` one of them.

    Typer converts every registered command into Click objects at each start (about 1.4 ms per command, measured):
    a process that runs one command registers only that one.
    """
    new = typer.Typer(**APP_SETTINGS)
    new.callback()(_root)
    for name, function in COMMANDS.items():
        if only in (None, name):
            new.command(name)(function)
    return new


app = make_app()


def main() -> None:
    """Console-script entry point."""
    first = sys.argv[1] if len(sys.argv) > 1 else None
    (make_app(first) if first in COMMANDS else app)()
