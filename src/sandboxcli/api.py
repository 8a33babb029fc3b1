"""The Python API: the same questions the `sandbox` commands ask, answered as typed records.

    import sandboxcli

    with sandboxcli.open() as sandbox:               # the bundled database (or open(path))
        batch = sandbox.batch("guangzhou", 2)        # names as a user types them: 广州, "batch 2", 第二批 ...
        print(batch.batch.announced, batch.count)
        for project in sandbox.search(technologies=["blockchain"], cities=["beijing", "shanghai"]).results:
            print(project.id, project.name_en)

Every method returns a `Result` (records.py) whose `as_dict()` is exactly the JSON object the matching command
prints with `--json`. Names are resolved the way the CLI resolves them; a name that matches nothing raises
`NotFound`, input that cannot be answered `UsageError`, a damaged database `DataError` (all `SandboxError`, with a
`.message` and a `.suggestion`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from . import resolve
from . import results as res
from .errors import UsageError
from .i18n import N_, _


def _many(values: str | Iterable[str] | None) -> list[str]:
    """Filter values from a string, a comma list ("beijing,shanghai") or several of either; blanks dropped."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _check_date(value: str | None, flag: str) -> str | None:
    from .dates import DATE_HINT, date_problem

    if value is None:
        return None
    problem = date_problem(value.strip())
    if problem:
        raise UsageError(f"{flag} {problem}", _(DATE_HINT))
    return value.strip()


class Sandbox:
    """An open, read-only database and the questions to ask it. Use as a context manager, or call `close()`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _region(self, city: str | None) -> str | None:
        return resolve.region(self.conn, city) if city is not None else None

    def regions(self, programme: str | None = None) -> res.RegionList:
        """Every city and province with batches, with figures per programme (`sandbox list-cities`)."""
        from .figures import list_regions

        prog = resolve.programme(programme)
        return res.RegionList(command="list-cities", query={"programme": prog},
                            results=list_regions(self.conn, prog))

    def region(self, city: str, programme: str | None = None) -> res.RegionBatchList:
        """One region's batches (`sandbox show CITY`), those known only by their number in their place."""
        from .queries import region_batches

        prog = resolve.programme(programme)
        slug = resolve.region(self.conn, city)
        ref, batches = region_batches(self.conn, slug, prog)
        return res.RegionBatchList(command="show", query={"city": city, "region": slug, "programme": prog},
                                 region=ref, results=batches)

    def batch(self, city: str, batch: str | int, programme: str | None = None) -> res.BatchView:
        """One batch with every project (`sandbox show CITY BATCH`). A batch known only by its number (Chongqing 3,
        since batch 6 exists) has `batch.listed` false, `batch.implied_by` "6" and no projects."""
        from .queries import batch_detail

        prog = resolve.programme(programme)
        slug = resolve.region(self.conn, city)
        info, projects = batch_detail(self.conn, slug, str(batch), prog)
        return res.BatchView(command="show", query={"city": city, "region": slug, "batch": str(batch),
                                                  "programme": info.programme},
                           batch=info, results=projects)

    def project(self, project_id: int) -> res.ProjectView:
        """One project with every field, its sources and lifecycle events (`sandbox project ID`)."""
        from .queries import project_detail

        detail = project_detail(self.conn, project_id)
        return res.ProjectView(command="project", query={"id": project_id}, results=[detail])

    def search(self, text: str | None = None, *, technologies: str | Iterable[str] | None = None,
               applicants: str | Iterable[str] | None = None, categories: str | Iterable[str] | None = None,
               cities: str | Iterable[str] | None = None, programmes: str | Iterable[str] | None = None,
               statuses: str | Iterable[str] | None = None, since: str | None = None,
               until: str | None = None) -> res.ProjectList:
        """Projects matching every filter given; several values of one filter match any of them (`sandbox search`).

        A technology family (privacy-computing) includes its members; an applicant matches by name, alias or the
        start of a word of one; a status matches the project's status or a lifecycle event of that kind.
        """
        from .search import SearchQuery
        from .search import search as run_search

        tech = [resolve.technology(self.conn, t) for t in _many(technologies)]
        names = _many(applicants)
        entities = sorted({e for name in names for e in resolve.entities(self.conn, name)}) if names else None
        q = SearchQuery(
            text=" ".join(text.split()) if text and text.strip() else None,
            technologies=resolve.with_family(self.conn, tech) if tech else (),
            applicants=tuple(names),
            entities=tuple(entities) if entities is not None else None,
            categories=tuple(dict.fromkeys(c for c in (resolve.category(x) for x in _many(categories)) if c)),
            regions=tuple(dict.fromkeys(resolve.region(self.conn, c) for c in _many(cities))),
            programmes=tuple(dict.fromkeys(p for p in (resolve.programme(x) for x in _many(programmes)) if p)),
            statuses=tuple(dict.fromkeys(resolve.status(s) for s in _many(statuses))),
            since=_check_date(since, "--since"), until=_check_date(until, "--until"),
        )
        return res.ProjectList(command="search", query=q.as_dict(), results=run_search(self.conn, q))

    def events(self, kinds: str | Iterable[str] | None = None, *, cities: str | Iterable[str] | None = None,
               programmes: str | Iterable[str] | None = None, since: str | None = None,
               until: str | None = None) -> res.EventList:
        """Lifecycle events (completed testing, exited, launched ...) with their batch and project
        (`sandbox events`)."""
        from .queries import event_rows

        wanted = tuple(dict.fromkeys(resolve.event_kind(k) for k in _many(kinds)))
        regions = tuple(dict.fromkeys(resolve.region(self.conn, c) for c in _many(cities)))
        progs = tuple(dict.fromkeys(p for p in (resolve.programme(x) for x in _many(programmes)) if p))
        start, end = _check_date(since, "--since"), _check_date(until, "--until")
        query = {"kinds": list(wanted), "regions": list(regions), "programmes": list(progs), "since": start,
                 "until": end}
        return res.EventList(command="events", query=query,
                           results=event_rows(self.conn, wanted, regions, progs, start, end))

    def compare(self, cities: Sequence[str], programme: str | None = None) -> res.ComparisonTable:
        """Regions side by side, per programme (`sandbox compare`): no figure adds programmes together."""
        from .figures import compare_regions, programme_refs

        prog = resolve.programme(programme)
        regions = list(dict.fromkeys(resolve.region(self.conn, c) for c in _many(cities)))
        if len(regions) < 2:
            raise UsageError(_("compare needs at least two different cities"),
                             _("e.g. {example}").format(example="sandbox compare beijing shanghai"))
        results = compare_regions(self.conn, regions, prog)
        shown = [prog] if prog else [p.programme for r in results for p in r.programmes]
        return res.ComparisonTable(command="compare", query={"cities": list(cities), "regions": regions,
                                                           "programme": prog},
                                   programmes=programme_refs(self.conn, shown), results=results)

    def technology_labels(self) -> dict[str, str]:
        """Technology slug → Chinese label (for tables in Chinese)."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT slug, label_zh FROM technologies")}

    def technologies(self) -> res.TechnologyList:
        """Every technology, its family and how many projects use it (`sandbox technologies`)."""
        from .queries import technologies

        return res.TechnologyList(command="technologies", query={}, results=technologies(self.conn))

    def coverage(self, city: str | None = None, programme: str | None = None,
                 incomplete: bool = False) -> res.CoverageReport:
        """How complete the data is, per batch and per programme (`sandbox coverage`)."""
        from .coverage import coverage

        prog = resolve.programme(programme)
        region = self._region(city)
        rows, totals, sources = coverage(self.conn, prog, region, incomplete)
        return res.CoverageReport(command="coverage", query={"programme": prog, "region": region,
                                                           "incomplete": incomplete},
                                totals=totals, sources=sources, results=rows)

    def timeline(self, by: str = "year", programme: str | None = None, city: str | None = None) -> res.Timeline:
        """Batches and applications per month or year and programme (`sandbox timeline`)."""
        from .analysis import timeline

        by = resolve.choice(by, ("month", "year"), N_("grouping"))
        prog = resolve.programme(programme)
        region = self._region(city)
        return res.Timeline(command="timeline", query={"by": by, "programme": prog, "region": region},
                          results=timeline(self.conn, by, prog, region))

    def stats(self, programme: str | None = None, city: str | None = None, top: int = 10) -> res.Stats:
        """Known applications counted by programme, category, technology, institution kind and applicant."""
        from .analysis import stats

        if not 1 <= top <= 1000:
            raise UsageError(_("--top {top} is not between 1 and 1000").format(top=top))
        prog = resolve.programme(programme)
        region = self._region(city)
        return res.Stats(command="stats", query={"programme": prog, "region": region, "top": top},
                       results=stats(self.conn, prog, region, top))

    def applicant(self, name: str) -> res.ApplicantProfiles:
        """The institutions a name matches; full profiles when it matches a few (`sandbox applicant`)."""
        from .analysis import applicant_profiles, institution_matches

        ids = resolve.entities(self.conn, name)
        matches = institution_matches(self.conn, ids)
        profiles = applicant_profiles(self.conn, ids) if len(ids) <= res.ApplicantProfiles.MAX_PROFILES else []
        return res.ApplicantProfiles(command="applicant", query={"name": name, "entities": ids}, matches=matches,
                                   results=profiles)

    def export(self, table: str) -> res.Rows:
        """One flat table of the data set (`sandbox export --table`)."""
        from .export import TABLES, table_rows

        name = resolve.choice(table, tuple(TABLES), N_("table"))
        columns, rows = table_rows(self.conn, name)
        return res.Rows(command="export", query={"table": name}, columns=columns, results=rows)

    def export_tables(self) -> res.Rows:
        """The tables `export` writes, what each holds, and its columns (`sandbox export --list`)."""
        from .export import TABLES

        rows = [{"table": name, "description": spec.description, "columns": spec.columns(self.conn)}
                for name, spec in TABLES.items()]
        return res.Rows(command="export", query={"list": True}, columns=["table", "description", "columns"],
                      results=rows)

    def sql(self, query: str, params: Mapping[str, Any] | None = None, timeout: float = 5.0) -> res.Rows:
        """One read-only SQL statement with named parameters (`sandbox sql`)."""
        from .sqlrun import run_sql

        columns, rows = run_sql(self.conn, query, params, timeout)
        return res.Rows(command="sql", query={"sql": query, "params": dict(params or {})}, columns=columns,
                      results=rows)

    def schema(self) -> res.Rows:
        """Every table and column of the database with its description (`sandbox sql --schema`)."""
        from .queries import schema_rows

        return res.Rows(command="sql", query={"schema": True}, columns=["table", "column", "type", "description"],
                      results=schema_rows(self.conn))


def open(path: str | Path | None = None) -> Sandbox:
    """Open the bundled database read-only (or the one at `path`, or `$SANDBOX_DB`)."""
    from .db import connect

    return Sandbox(connect(Path(path) if path is not None else None))
