"""The query commands: list-cities, show, search, compare, coverage, technologies.

Each parses its options, calls one query function and hands a View to `clikit.run`. No SQL and no Rich here.
"""

from __future__ import annotations

import sqlite3
from typing import Annotated

import typer

from .clikit import (
    FormatOpt,
    JsonOpt,
    ProgrammeOpt,
    complete_category,
    complete_region,
    complete_technology,
    run,
)
from .errors import UsageError
from .render.view import View


def list_cities(programme: ProgrammeOpt = None, fmt: FormatOpt = None, as_json: JsonOpt = False) -> None:
    """List every city and province with batches: programmes, batch count, applications announced and known,
    first and latest batch date.

    Example: sandbox list-cities --programme csrc
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import queries, resolve

        prog = resolve.programme(programme)
        return View("list-cities", {"programme": prog}, queries.list_regions(conn, prog))

    run(fmt, as_json, view)


def show(
    city: Annotated[str, typer.Argument(help="City or province: English, pinyin or Chinese.",
                                        autocompletion=complete_region)],
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
                        {"region": {"region": rb.region, "name_en": rb.region_name_en, "name_zh": rb.region_name_zh}})
        detail = queries.batch_detail(conn, region, batch, prog)
        info = {**detail.summary.as_dict(), "region_name_en": detail.region_name_en,
                "region_name_zh": detail.region_name_zh, "programme_name_en": detail.programme_name_en,
                "notes": detail.notes, "sources": detail.sources, "events": detail.events}
        query = {"city": city, "region": region, "batch": batch, "programme": detail.summary.programme}
        return View("show", query, detail.projects, {"batch": info})

    run(fmt, as_json, view)


def search(
    text: Annotated[list[str] | None, typer.Argument(help="Words to find in project and applicant names.",
                                                         show_default=False)] = None,
    tech: Annotated[str | None, typer.Option("--tech", "-t", help="Technology slug or name (blockchain, 区块链, ai).",
                                                autocompletion=complete_technology)] = None,
    applicant: Annotated[str | None, typer.Option("--applicant", "-a",
                                                     help="Institution: any language, alias or part.")] = None,
    category: Annotated[str | None, typer.Option("--category", "-c", help="financial-service or technology-product.",
                                                    autocompletion=complete_category)] = None,
    city: Annotated[str | None, typer.Option("--city", help="Only this city or province.",
                                                autocompletion=complete_region)] = None,
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

    run(fmt, as_json, view)


def compare(
    cities: Annotated[list[str], typer.Argument(help="Two or more cities or provinces.",
                                                autocompletion=complete_region)],
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

    run(fmt, as_json, view)


def technologies(fmt: FormatOpt = None, as_json: JsonOpt = False) -> None:
    """List the technologies `search --tech` accepts, with how many projects use each.

    Example: sandbox technologies --format csv
    """

    def view(conn: sqlite3.Connection) -> View:
        from . import queries

        return View("technologies", {}, queries.technologies(conn))

    run(fmt, as_json, view)


def coverage(
    city: Annotated[str | None, typer.Option("--city", help="Only this city or province.",
                                             autocompletion=complete_region)] = None,
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

    run(fmt, as_json, view)
