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

import functools
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

from . import arguments, resolve
from . import results as res
from .errors import NotFound, UsageError
from .i18n import N_, Message
from .records import DataInfo

P = ParamSpec("P")
R = TypeVar("R")


ResultT = TypeVar("ResultT", bound=res.Result)


def _stamped(method: Callable[Concatenate[Sandbox, P], ResultT]) -> Callable[Concatenate[Sandbox, P], ResultT]:
    """Every result says which data answered it (`data`: version, compilation date, counts)."""

    @functools.wraps(method)
    def answer(self: Sandbox, /, *args: P.args, **kwargs: P.kwargs) -> ResultT:
        result = method(self, *args, **kwargs)
        result.data = self.data_info()
        return result

    return answer


class Sandbox:
    """An open, read-only database and the questions to ask it. Use as a context manager, or call `close()`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._data: DataInfo | None = None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def data_info(self) -> DataInfo:
        """Which data this is: its version, the date it was compiled (the "accessed" date of citations) and how
        many projects, batches and sources it holds (`sandbox --version`)."""
        if self._data is None:
            from .sources import data_info

            self._data = data_info(self.conn)
        return self._data

    def _region(self, city: str | None) -> str | None:
        if city is None:
            return None
        arguments.many(city, N_("city"))  # a blank city is refused as it is by the commands that take several
        return resolve.region(self.conn, city)

    @arguments.library_errors
    @_stamped
    def regions(self, programme: str | None = None) -> res.RegionList:
        """Every city and province with batches, with figures per programme (`sandbox list-cities`)."""
        from .figures import list_regions

        prog = resolve.programme(programme)
        return res.RegionList(command="list-cities", query={"programme": prog},
                            results=list_regions(self.conn, prog))

    @arguments.library_errors
    @_stamped
    def region(self, city: str, programme: str | None = None) -> res.RegionBatchList:
        """One region's batches (`sandbox show CITY`), those known only by their number in their place."""
        from .queries import region_batches

        prog = resolve.programme(programme)
        slug = resolve.region(self.conn, city)
        ref, batches = region_batches(self.conn, slug, prog)
        return res.RegionBatchList(command="show", query={"city": city, "region": slug, "programme": prog},
                                 region=ref, results=batches)

    @arguments.library_errors
    @_stamped
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

    @arguments.library_errors
    @_stamped
    def project(self, project_id: int) -> res.ProjectView:
        """One project with every field, its sources and lifecycle events (`sandbox project ID`)."""
        from .queries import project_detail

        detail = project_detail(self.conn, project_id)
        return res.ProjectView(command="project", query={"id": project_id}, results=[detail])

    @arguments.library_errors
    @_stamped
    def search(self, text: str | None = None, *, technologies: str | Iterable[str] | None = None,
               applicants: str | Iterable[str] | None = None, categories: str | Iterable[str] | None = None,
               cities: str | Iterable[str] | None = None, programmes: str | Iterable[str] | None = None,
               statuses: str | Iterable[str] | None = None, since: str | None = None,
               until: str | None = None) -> res.ProjectList:
        """Projects matching every filter given; several values of one filter match any of them (`sandbox search`).

        A technology family (privacy-computing) includes its members; words of `text` that name a technology (隐私计算,
        "privacy computing") also find the projects tagged with it or a member; an applicant matches by name, alias
        or the start of a word of one; a status word (in-service, exited, 出盒 …: vocabulary.LIFECYCLE_WORDS) means
        a set of stored statuses, matched by the project's status or a lifecycle event of one of those kinds. The
        result's query says how words were read (`read_as_technology`, `read_as_status`).
        """
        from .search import SearchQuery, read_as_technology, typed_words
        from .search import search as run_search

        tech = [resolve.technology(self.conn, t) for t in arguments.many(technologies, N_("technology"))]
        status_words = {word: list(resolve.statuses(word)) for word in arguments.many(statuses, N_("status"))}
        names = arguments.many(applicants, N_("applicant"))
        entities = sorted({e for name in names for e in resolve.entities(self.conn, name)}) if names else None
        groups: list[dict[str, Any]] = []
        if entities:  # a group means its members too (Ant Group → MYbank); the query says which were added
            from .groups import members

            for entity_id in entities:
                found = [x for x in members(self.conn, entity_id) if x.applications]
                if found:
                    name_en, name_zh = self.conn.execute("SELECT name_en, name_zh FROM entities WHERE id = ?",
                                                         (entity_id,)).fetchone()
                    groups.append({"group": entity_id, "name_en": name_en, "name_zh": name_zh, "members": [
                        {"entity_id": x.entity_id, "name_en": x.name_en, "name_zh": x.name_zh} for x in found]})
            entities = sorted({*entities, *(x["entity_id"] for g in groups for x in g["members"])})
        q = SearchQuery(
            text=" ".join(text.split()) if text and text.strip() else None,
            technologies=resolve.with_family(self.conn, tech) if tech else (),
            applicants=tuple(names),
            entities=tuple(entities) if entities is not None else None,
            categories=tuple(dict.fromkeys(
                c for c in (resolve.category(x) for x in arguments.many(categories, N_("category"))) if c)),
            regions=tuple(dict.fromkeys(resolve.region(self.conn, c) for c in arguments.many(cities, N_("city")))),
            programmes=tuple(dict.fromkeys(
                p for p in (resolve.programme(x) for x in arguments.many(programmes, N_("programme"))) if p)),
            statuses=tuple(dict.fromkeys(s for read in status_words.values() for s in read)),
            since=arguments.check_date(since, "--since"), until=arguments.check_date(until, "--until"),
            read_as_status=status_words,
        )
        projects = run_search(self.conn, q)  # checks the words first (too many, none)
        q.read_as_technology = read_as_technology(self.conn, typed_words(q.text))
        also: dict[str, list[dict[str, Any]]] = {}
        if names:  # only --applicant loads analysis (and the counting records) on the search path
            from .analysis import named_institutions

            also = {name: named_institutions(self.conn, ids) for name in names
                    if (ids := resolve.also_containing(self.conn, name, entities or []))}
        query = (q.as_dict() | ({"group_members": groups} if groups else {})
                 | ({"applicants_also_containing": also} if also else {}))
        return res.ProjectList(command="search", query=query, results=projects)

    @arguments.library_errors
    @_stamped
    def events(self, kinds: str | Iterable[str] | None = None, *, cities: str | Iterable[str] | None = None,
               programmes: str | Iterable[str] | None = None, since: str | None = None,
               until: str | None = None) -> res.EventList:
        """Lifecycle events (completed testing, exited, launched ...) with their batch and project
        (`sandbox events`). A kind may be a word people use, in either language (exited, 出盒, 上线): it means a set
        of stored kinds, given in the query's `read_as_kind`."""
        from .queries import event_rows

        read = {word: list(resolve.event_kinds(word)) for word in arguments.many(kinds, N_("event kind"))}
        wanted = tuple(dict.fromkeys(k for values in read.values() for k in values))
        regions = tuple(dict.fromkeys(resolve.region(self.conn, c) for c in arguments.many(cities, N_("city"))))
        progs = tuple(dict.fromkeys(
            p for p in (resolve.programme(x) for x in arguments.many(programmes, N_("programme"))) if p))
        start, end = arguments.check_date(since, "--since"), arguments.check_date(until, "--until")
        query = {"kinds": list(wanted), "regions": list(regions), "programmes": list(progs), "since": start,
                 "until": end, "read_as_kind": read}
        return res.EventList(command="events", query=query,
                           results=event_rows(self.conn, wanted, regions, progs, start, end))

    @arguments.library_errors
    @_stamped
    def compare(self, cities: Sequence[str], programme: str | None = None) -> res.ComparisonTable:
        """Regions side by side, per programme (`sandbox compare`): no figure adds programmes together."""
        from .figures import compare_regions, programme_refs

        prog = resolve.programme(programme)
        regions = list(dict.fromkeys(resolve.region(self.conn, c) for c in arguments.many(cities, N_("city"))))
        if len(regions) < 2:
            raise UsageError(N_("compare needs at least two different cities"),
                             Message(N_("e.g. {example}"), example="sandbox compare beijing shanghai"))
        results = compare_regions(self.conn, regions, prog)
        shown = [prog] if prog else [p.programme for r in results for p in r.programmes]
        return res.ComparisonTable(command="compare", query={"cities": list(cities), "regions": regions,
                                                           "programme": prog},
                                   programmes=programme_refs(self.conn, shown), results=results)

    def technology_labels(self) -> dict[str, str]:
        """Technology slug → Chinese label (for tables in Chinese)."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT slug, label_zh FROM technologies")}

    @arguments.library_errors
    @_stamped
    def technologies(self) -> res.TechnologyList:
        """Every technology, its family and how many projects use it (`sandbox technologies`)."""
        from .queries import technologies

        return res.TechnologyList(command="technologies", query={}, results=technologies(self.conn))

    @arguments.library_errors
    @_stamped
    def coverage(self, city: str | None = None, programme: str | None = None,
                 incomplete: bool = False) -> res.CoverageReport:
        """How complete the data is, per batch and per programme, and how complete its lifecycle facts are
        (`sandbox coverage`)."""
        from .coverage import coverage
        from .lifecycle import lifecycle_coverage

        prog = resolve.programme(programme)
        region = self._region(city)
        rows, totals, sources = coverage(self.conn, prog, region, incomplete)
        return res.CoverageReport(command="coverage", query={"programme": prog, "region": region,
                                                           "incomplete": incomplete},
                                totals=totals, sources=sources, lifecycle=lifecycle_coverage(self.conn, prog, region),
                                results=rows)

    @arguments.library_errors
    @_stamped
    def timeline(self, by: str = "year", programme: str | None = None, city: str | None = None) -> res.Timeline:
        """Batches and applications per month or year and programme (`sandbox timeline`)."""
        from .analysis import timeline

        by = resolve.choice(by, ("month", "year"), N_("grouping"))
        prog = resolve.programme(programme)
        region = self._region(city)
        return res.Timeline(command="timeline", query={"by": by, "programme": prog, "region": region},
                          results=timeline(self.conn, by, prog, region))

    @arguments.library_errors
    @_stamped
    def stats(self, programme: str | None = None, city: str | None = None, top: int = 10) -> res.Stats:
        """Known applications counted by programme, category, technology, institution kind and applicant."""
        from .analysis import stats

        if not 1 <= top <= 1000:
            raise UsageError(Message(N_("top={top} is not between 1 and 1000"), top=top), reason="top-out-of-range",
                             values={"top": top})
        prog = resolve.programme(programme)
        region = self._region(city)
        return res.Stats(command="stats", query={"programme": prog, "region": region, "top": top},
                       results=stats(self.conn, prog, region, top))

    @arguments.library_errors
    @_stamped
    def applicant(self, name: str) -> res.ApplicantProfiles:
        """The institutions a name matches; full profiles when it matches a few (`sandbox applicant`)."""
        from .analysis import applicant_profiles, institution_matches, named_institutions

        ids = resolve.entities(self.conn, name)
        matches = institution_matches(self.conn, ids)
        profiles = applicant_profiles(self.conn, ids) if len(ids) <= res.ApplicantProfiles.MAX_PROFILES else []
        also = named_institutions(self.conn, resolve.also_containing(self.conn, name, ids))
        return res.ApplicantProfiles(command="applicant", query={"name": name, "entities": ids,
                                                                 "also_containing": also},
                                   matches=matches, results=profiles)


    @arguments.library_errors
    @_stamped
    def export(self, table: str) -> res.Rows:
        """One flat table of the data set (`sandbox export --table`)."""
        from .export import TABLES, table_rows

        name = resolve.choice(table, tuple(TABLES), N_("table"))
        columns, rows = table_rows(self.conn, name)
        return res.Rows(command="export", query={"table": name}, columns=columns, results=rows)

    @arguments.library_errors
    @_stamped
    def export_tables(self) -> res.Rows:
        """The tables `export` writes, what each holds, and its columns (`sandbox export --list`)."""
        from .export import TABLES

        rows = [{"table": name, "description": spec.description, "columns": spec.columns(self.conn)}
                for name, spec in TABLES.items()]
        return res.Rows(command="export", query={"list": True}, columns=["table", "description", "columns"],
                      results=rows)

    @arguments.library_errors
    @_stamped
    def sql(self, query: str, params: Mapping[str, Any] | None = None, timeout: float = 5.0) -> res.Rows:
        """One read-only SQL statement with named parameters (`sandbox sql`)."""
        from .sqlrun import run_sql

        columns, rows = run_sql(self.conn, query, params, timeout)
        return res.Rows(command="sql", query={"sql": query, "params": dict(params or {})}, columns=columns,
                      results=rows)

    @arguments.library_errors
    @_stamped
    def schema(self) -> res.Rows:
        """Every table and column of the database with its description (`sandbox sql --schema`)."""
        from .queries import schema_rows

        return res.Rows(command="sql", query={"schema": True}, columns=["table", "column", "type", "description"],
                      results=schema_rows(self.conn))

    @arguments.library_errors
    @_stamped
    def cite(self, targets: Sequence[str | int] = (), style: str = "apa", *,
             everything: bool = False) -> res.Citations:
        """References for what answers rest on, one per page, best first (`sandbox cite`).

        A target is a project id (12 or "#12"), a city followed by a batch ("guangzhou", "2"), or a source id;
        several make one bibliography. `everything` cites every page in the data. `style`: gbt7714, apa, bibtex,
        ris or csl-json. The access date of every reference is the data's compilation date.
        """
        from .citations import STYLES
        from .sources import bibliography, cite_targets

        chosen = resolve.choice(style, STYLES, N_("citation style"))
        if everything and targets:
            raise UsageError(N_("everything=True cites every source: give no targets with it"),
                             reason="cite-all-with-targets")
        if everything:
            ids = [str(r[0]) for r in self.conn.execute("SELECT id FROM sources ORDER BY id")]
            understood: list[dict[str, Any]] = [{"all": True}]
        else:
            if not targets:
                raise UsageError(N_("nothing to cite"), N_("give a project id, a city and batch, a source id or "
                                                         "everything=True"), reason="nothing-to-cite")
            ids, understood = cite_targets(self.conn, [str(t) for t in targets])
        info = self.data_info()
        return res.Citations(command="cite", query={"targets": understood, "style": chosen}, style=chosen,
                             accessed=info.compiled, results=bibliography(self.conn, ids, chosen, info.compiled or ""))

    @arguments.library_errors
    @_stamped
    def sources(self, *, publisher: str | None = None, copy: bool | None = None, official: bool | None = None,
                domain: str | None = None, language: str | None = None,
                cited_by: str | None = None) -> res.SourceList:
        """The cited pages, best first, filtered by publisher (part of the name), copy or original, government
        site, domain (a host or the end of one), language and what cites them (`sandbox sources`)."""
        from . import sources as src

        publisher, domain = arguments.text_value(publisher, N_("publisher")), arguments.text_value(domain, N_("domain"))
        lang = resolve.choice(language, ("zh", "en", "ja", "other"), N_("language")) if language is not None else None
        kind = (resolve.choice(cited_by, ("project", "batch", "event", "group"), N_("kind of fact"))
                if cited_by is not None else None)
        query = {"publisher": publisher, "copy": copy, "official": official, "domain": domain, "language": lang,
                 "cited_by": kind}
        found = [d for d in src.details(self.conn) if src.matches(
            d, publisher=publisher, copy=copy, official=official, domain=domain, lang=lang, cited_by=kind)]
        return res.SourceList(command="sources", query=query, results=found)

    @arguments.library_errors
    @_stamped
    def source(self, source: str) -> res.SourceView:
        """One cited page with its original or copies and every batch, project and event resting on it
        (`sandbox sources ID`)."""
        from . import sources as src

        found = src.source_id(self.conn, source)
        if found is None:
            ids = {str(r[0]): str(r[0]) for r in self.conn.execute("SELECT id FROM sources")}
            raise NotFound(Message(N_("no source {id!r}"), id=source),
                           resolve.did_you_mean(source.strip().lower(), ids, N_("`sandbox sources` lists them")))
        detail = src.details(self.conn, [found])[0]
        original = src.details(self.conn, [detail.original_id])[0] if detail.original_id else None
        return res.SourceView(command="sources", query={"id": found}, source=detail, original=original,
                              results=src.uses(self.conn, found))


def open(path: str | Path | None = None) -> Sandbox:
    """Open the bundled database read-only (or the one at `path`, or `$SANDBOX_DB`)."""
    from .db import connect

    return Sandbox(connect(Path(path) if path is not None else None))
