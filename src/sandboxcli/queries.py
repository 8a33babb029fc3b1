"""Regions, batches, projects and events: each function takes an open connection and returns records
(records.py). No Rich, no Typer, no printing: the API wraps these, the CLI renders what it returns.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import records as m
from .errors import NotFound
from .i18n import N_, Choices, Message, Name
from .sources import best_first
from .vocabulary import programme_rank

if TYPE_CHECKING:
    from . import aggregates as agg

_BATCH_SQL = "SELECT b.* FROM batches b"
_MISSING_SQL = ("SELECT b.programme, b.region, b.number, b.key, b.evidence, b.source_id, i.key AS implied_key "
                "FROM missing_batches b JOIN batches i ON i.id = b.implied_by")
_SOURCE_COLUMNS = "s.id, s.url, s.title, s.publisher, s.date, s.is_copy, s.original_id"


def source_refs(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, m.SourceRef]:
    """The cited pages with these ids."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    rows = conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources s WHERE s.id IN ({','.join('?' * len(wanted))})",
                        wanted)
    return {r[0]: m.SourceRef(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows}


def batch_scope(programme: str | Sequence[str] | None = None,
                region: str | Sequence[str] | None = None) -> tuple[str, list[str]]:
    """A condition on the batches alias `b` for optional programmes and regions (one or any of several), and its
    parameters: the one place batch filters are written."""
    conditions, params = ["1"], []
    for column, value in (("b.programme", programme), ("b.region", region)):
        if value is None:
            continue
        values = [value] if isinstance(value, str) else list(value)
        conditions.append(f"{column} IN ({','.join('?' * len(values)) or 'NULL'})")
        params += values
    return " AND ".join(conditions), params


def _batch_summary(row: sqlite3.Row, source: m.SourceRef) -> m.BatchSummary:
    count = row["announced_count"]
    return m.BatchSummary(
        programme=row["programme"], region=row["region"], key=row["key"], number=row["number"], label=row["label"],
        announced=row["announced"], announced_precision=row["announced_precision"], regulator=row["regulator"],
        announced_count=count, announced_count_derived=bool(row["announced_count_derived"]),
        known_count=row["known_count"], complete=m.batch_complete(count, row["known_count"]),
        source=source, listed=True, evidence=None, implied_by=None,
    )


def _missing_summary(row: sqlite3.Row, source: m.SourceRef) -> m.BatchSummary:
    """A batch known only by numbering: its number, how it is known and the batch (and source) implying it."""
    return m.BatchSummary(
        programme=row["programme"], region=row["region"], key=row["key"], number=row["number"], label=None,
        announced=None, announced_precision=None, regulator=None, announced_count=None, announced_count_derived=False,
        known_count=0, complete=False, source=source, listed=False, evidence=row["evidence"],
        implied_by=row["implied_key"],
    )


def _batch_summaries(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row],
                     missing: Sequence[sqlite3.Row] = ()) -> list[m.BatchSummary]:
    """Summaries of recorded batches (`rows` of batches) and of batches known only by numbering (`missing`)."""
    sources = source_refs(conn, [*(r["source_id"] for r in rows), *(r["source_id"] for r in missing)])
    return ([_batch_summary(r, sources[r["source_id"]]) for r in rows]
            + [_missing_summary(r, sources[r["source_id"]]) for r in missing])


def _batch_order(b: m.BatchSummary) -> tuple[int, bool, int, bool, str, str]:
    """Programmes in their order; in each, numbered batches by number (missing ones in their place), then the
    unnumbered by date, undated last."""
    return (programme_rank(b.programme), b.number is None, b.number or 0, b.announced is None, b.announced or "",
            b.key)


def projects_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> list[m.Project]:
    """Full project records (applicants, technologies, batch context) in the order of `ids`."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    applicants: dict[int, list[m.Applicant]] = defaultdict(list)
    for a in conn.execute(
        f"SELECT pa.project_id, pa.entity_id, e.name_en, e.name_zh, e.kind, pa.branch, pa.as_written, e.id IS NULL "
        f"FROM project_applicants pa LEFT JOIN entities e ON e.id = pa.entity_id "
        f"WHERE pa.project_id IN ({marks}) ORDER BY pa.project_id, pa.position", ids):
        if a[-1]:  # an applicant that is no institution: the database is damaged (the runner asks integrity.damage)
            raise LookupError(f"project {a[0]}: applicant {a[1]!r} is not in entities")
        applicants[a[0]].append(m.Applicant(*a[1:-1]))
    technologies: dict[int, list[str]] = defaultdict(list)
    for t in conn.execute(f"SELECT project_id, technology FROM project_technologies WHERE project_id IN ({marks}) "
                          f"ORDER BY project_id, position", ids):
        technologies[t[0]].append(t[1])
    rows = {r["id"]: r for r in conn.execute(
        f"SELECT p.*, b.programme, b.region, b.key AS batch_key, b.number AS batch_number, "
        f"b.announced AS batch_announced, rg.name_en AS region_name_en, rg.name_zh AS region_name_zh "
        f"FROM projects p JOIN batches b ON b.id = p.batch_id JOIN regions rg ON rg.slug = b.region "
        f"WHERE p.id IN ({marks})", ids)}
    cited: dict[int, list[str]] = defaultdict(list)  # a project's pages; its `source` is the best of them
    for pid, sid in conn.execute(f"SELECT project_id, source_id FROM project_sources WHERE project_id IN ({marks}) "
                                 f"ORDER BY project_id, position", ids):
        cited[pid].append(sid)
    sources = source_refs(conn, [s for r in rows.values() for s in (r["source_id"], *cited[r["id"]])])
    best = {pid: best_first(sources[s] for s in (rows[pid]["source_id"], *cited[pid]))[0] for pid in rows}
    by_column = column_fields(next(iter(rows.values())).keys()) if rows else []
    flags = m.booleans(m.Project)

    def from_columns(r: sqlite3.Row) -> dict[str, Any]:
        return {name: bool(r[name]) if name in flags else r[name] for name in by_column}

    return [
        m.Project(**from_columns(r), applicants=applicants[r["id"]], technologies=technologies[r["id"]],
                  source=best[r["id"]], notes=json.loads(r["notes"]) if r["notes"] else [])
        for r in (rows[i] for i in ids)
    ]


_OWN_CODE = ("applicants", "technologies", "source", "notes")
"""The fields of m.Project with structure, filled by their own code in projects_by_id."""


def column_fields(columns: Iterable[str]) -> list[str]:
    """The fields of m.Project read from the column of the same name: every one but those with structure, in the
    record's order. A project's simple fields (dbbuild/schema.py PROJECT_FIELDS) and its batch's context come
    this way, without a line each; a field with neither a column nor code of its own is a bug, named here."""
    have = set(columns)
    missing = [name for name in m.Project.fields if name not in have and name not in _OWN_CODE]
    if missing:
        raise RuntimeError(f"records.Project field {missing[0]!r} is not a column of projects: declare it in "
                           "dbbuild/schema.py (PROJECT_FIELDS) and rebuild (python -m sandboxcli.dbbuild)")
    return [name for name in m.Project.fields if name not in _OWN_CODE]


_CHINESE_DIGITS = "一二三四五六七八九"


def _chinese_number(key: str) -> int | None:
    """一 to 九十九 written in Chinese numerals (首 is the first), or None: 十二 is 12, 二十 is 20, 二十一 is 21."""
    if key == "首":
        return 1
    if len(key) == 1 and key in _CHINESE_DIGITS:
        return _CHINESE_DIGITS.index(key) + 1
    tens, ten, ones = key.partition("十")
    if not ten or len(tens) > 1 or len(ones) > 1 or not set(tens + ones) <= set(_CHINESE_DIGITS):
        return None
    return (_CHINESE_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CHINESE_DIGITS.index(ones) + 1 if ones else 0)


def batch_key(text: str) -> str:
    """The key a user means: "2", "batch 2", "Batch-2", "#2", "第二批" and "第2批" all mean "2"; "首批" means "1";
    "第十二批" "12" and "第二十一批" "21"."""
    key = unicodedata.normalize("NFKC", text).strip().lower().removeprefix("batch").strip(" -#")
    if key.startswith("第") and key.endswith("批"):
        key = key[1:-1]
    elif key == "首批":
        key = "首"
    number = _chinese_number(key)
    if number is not None:
        return str(number)
    return key or text


def region_row(conn: sqlite3.Connection, region: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM regions WHERE slug = ?", (region,)).fetchone()
    if row is None:
        raise NotFound(Message(N_("unknown region {region!r}"), region=region))
    return row  # type: ignore[no-any-return]  # sqlite3 types fetchone() as Any


def region_batches(conn: sqlite3.Connection, region: str,
                   programme: str | None = None) -> tuple[m.RegionRef, list[m.BatchSummary]]:
    """Every batch of one region (optionally one programme): by number, those known only by numbering in their
    place (Chongqing 1, 2, 3, 4, 5, 6), then the unnumbered ones by date, undated last."""
    r = region_row(conn, region)
    where, params = batch_scope(programme, region)
    rows = conn.execute(f"{_BATCH_SQL} WHERE {where}", params).fetchall()
    missing = conn.execute(f"{_MISSING_SQL} WHERE {where}", params).fetchall()
    batches = sorted(_batch_summaries(conn, rows, missing), key=_batch_order)
    if not batches:
        message = N_("{region} has no batches in the {programme} programme") if programme else N_(
            "{region} has no batches")
        raise NotFound(Message(message, region=Name(r["name_en"], r["name_zh"]), programme=programme),
                       N_("`sandbox list-cities` shows where each programme runs"))
    return m.RegionRef(region=region, name_en=r["name_en"], name_zh=r["name_zh"]), batches


def batch_detail(conn: sqlite3.Connection, region: str, key: str,
                 programme: str | None = None) -> tuple[m.BatchInfo, list[m.Project]]:
    """One batch with its projects, sources, events and notes.

    Without `programme`, the PBOC regulatory pilot wins where a region has a batch of that number in several
    programmes (Guangzhou has PBOC and CSRC batches 1 and 2). A batch known only by numbering (Chongqing 3) is
    answered with what is known: that it exists, the batch implying it and that batch's source; no projects.
    """
    r = region_row(conn, region)
    key = batch_key(key)
    where, params = batch_scope(programme, region)
    rows = conn.execute(f"{_BATCH_SQL} WHERE {where} AND b.key = ?", [*params, key]).fetchall()
    names_sql = "SELECT name_en, name_zh FROM programmes WHERE id = ?"
    missing = [] if rows else conn.execute(f"{_MISSING_SQL} WHERE {where} AND b.key = ?", [*params, key]).fetchall()
    if missing:
        gap = min(missing, key=lambda x: programme_rank(x["programme"]))
        summary = _batch_summaries(conn, [], [gap])[0]
        names = conn.execute(names_sql, (gap["programme"],)).fetchone()
        return m.BatchInfo(
            **{name: getattr(summary, name) for name in m.BatchSummary.fields}, region_name_en=r["name_en"],
            region_name_zh=r["name_zh"], programme_name_en=names[0], programme_name_zh=names[1], notes=[],
            sources=[summary.source], events=[]), []
    if not rows:
        available = region_batches(conn, region, programme)[1]
        keys = Choices(list(dict.fromkeys(b.key for b in available)))
        message = N_("{region} has no batch {key!r} in {programme}") if programme else N_(
            "{region} has no batch {key!r}")
        raise NotFound(Message(message, region=Name(r["name_en"], r["name_zh"]), key=key, programme=programme),
                       Message(N_("its batches: {keys}"), keys=keys))
    row = min(rows, key=lambda x: programme_rank(x["programme"]))
    summary = _batch_summaries(conn, [row])[0]
    source_ids = [s[0] for s in conn.execute(
        "SELECT source_id FROM batch_sources WHERE batch_id = ? ORDER BY position", (row["id"],))]
    events = batch_events(conn, row["id"])
    ids = [x[0] for x in conn.execute("SELECT id FROM projects WHERE batch_id = ? ORDER BY position", (row["id"],))]
    names = conn.execute(names_sql, (row["programme"],)).fetchone()
    sources = source_refs(conn, source_ids)
    info = m.BatchInfo(
        **{name: getattr(summary, name) for name in m.BatchSummary.fields},
        region_name_en=r["name_en"], region_name_zh=r["name_zh"], programme_name_en=names[0],
        programme_name_zh=names[1], notes=json.loads(row["notes"]) if row["notes"] else [],
        sources=[sources[s] for s in source_ids], events=events)
    return info, projects_by_id(conn, ids)


_EVENTS = ("SELECT e.date, e.date_precision, e.kind, e.note, e.project_id, e.source_id FROM events e "
           "JOIN batches b ON b.id = e.batch_id WHERE {which} ORDER BY e.date IS NULL, e.date, e.id")


def batch_events(conn: sqlite3.Connection, batch_id: int) -> list[m.Event]:
    """A batch's lifecycle events, its projects' included, oldest first."""
    return _events(conn, _EVENTS.format(which="e.batch_id = ?"), (batch_id,))


def project_events(conn: sqlite3.Connection, project_id: int, batch_id: int) -> list[m.Event]:
    """A project's lifecycle events: its own and its batch's batch-wide ones, oldest first."""
    return _events(conn, _EVENTS.format(which="e.project_id = ? OR (e.project_id IS NULL AND e.batch_id = ?)"),
                   (project_id, batch_id))


def _events(conn: sqlite3.Connection, sql: str, params: tuple[int, ...]) -> list[m.Event]:
    rows = conn.execute(sql, params).fetchall()
    sources = source_refs(conn, (r[5] for r in rows))
    return [m.Event(r[0], r[1], r[2], r[3], r[4], sources[r[5]]) for r in rows]


def technologies(conn: sqlite3.Connection) -> list[agg.TechnologyCount]:
    """Every technology with its family and the number of projects using it; families first, members under them.

    A family's `projects` counts the projects using it or any member (what `search --tech FAMILY` finds)."""
    from . import aggregates as agg  # only `technologies` counts here; `show` and `search` need not load it

    rows = conn.execute(
        "SELECT t.slug, t.label_en, t.label_zh, t.parent, "
        "(SELECT count(DISTINCT pt.project_id) FROM project_technologies pt JOIN technologies x "
        " ON x.slug = pt.technology WHERE x.slug = t.slug OR x.parent = t.slug) AS n "
        "FROM technologies t").fetchall()
    by_family: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for r in rows:
        by_family[r["parent"] or r["slug"]].append(r)
    families = sorted(by_family, key=lambda f: (-max(x["n"] for x in by_family[f]), f))
    out = []
    for family in families:
        members = sorted(by_family[family], key=lambda x: (x["parent"] is not None, -x["n"], x["slug"]))
        out += [agg.TechnologyCount(x["slug"], x["label_en"], x["label_zh"], x["parent"], x["n"]) for x in members]
    return out


def project_detail(conn: sqlite3.Connection, project_id: int) -> m.ProjectDetail:
    """One project with its batch's label and regulator, every source and its lifecycle events."""
    found = projects_by_id(conn, [project_id]) if -2**63 <= project_id < 2**63 and conn.execute(
        "SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone() else []
    if not found:
        top = conn.execute("SELECT max(id) FROM projects").fetchone()[0]
        raise NotFound(Message(N_("no project {id}"), id=project_id),
                       Message(N_("project ids run from 1 to {top}; `sandbox search` shows them"), top=top))
    p = found[0]
    batch = conn.execute("SELECT b.id, b.label, b.regulator FROM projects p JOIN batches b ON b.id = p.batch_id "
                         "WHERE p.id = ?", (project_id,)).fetchone()
    source_ids = [r[0] for r in conn.execute(
        "SELECT source_id FROM project_sources WHERE project_id = ? ORDER BY position", (project_id,))]
    sources = source_refs(conn, source_ids)
    events = project_events(conn, project_id, batch["id"])
    origin, origin_source = conn.execute("SELECT name_en_from, name_en_source_id FROM projects WHERE id = ?",
                                         (project_id,)).fetchone()
    refs = source_refs(conn, [origin_source] if origin_source else [])
    return m.ProjectDetail(**{name: getattr(p, name) for name in m.Project.fields}, batch_label=batch["label"],
                           regulator=batch["regulator"], sources=[sources[s] for s in source_ids], events=events,
                           name_en_from=origin, name_en_source=refs.get(origin_source or ""))


def event_rows(conn: sqlite3.Connection, kinds: Sequence[str], regions: Sequence[str], programmes: Sequence[str],
               since: str | None, until: str | None) -> list[m.EventRow]:
    """Lifecycle events of the given kinds (all when empty) in the given regions and programmes, oldest first."""
    from .dates import upper_bound

    where, params = batch_scope(programmes or None, regions or None)
    if kinds:
        where += f" AND e.kind IN ({','.join('?' * len(kinds))})"
        params += list(kinds)
    if since:
        where += " AND e.date >= ?"
        params.append(since)
    if until:
        where += " AND e.date <= ?"
        params.append(upper_bound(until))
    rows = conn.execute(
        f"SELECT e.date, e.date_precision, e.kind, e.note, b.programme, b.region, r.name_en, r.name_zh, b.key, "
        f"e.project_id, p.name_zh, p.name_en, e.source_id, b.number, b.announced FROM events e "
        f"JOIN batches b ON b.id = e.batch_id "
        f"JOIN regions r ON r.slug = b.region LEFT JOIN projects p ON p.id = e.project_id "
        f"WHERE {where} ORDER BY e.date IS NULL, e.date, b.region, e.id", params).fetchall()
    sources = source_refs(conn, (r[12] for r in rows))
    return [m.EventRow(date=r[0], date_precision=r[1], kind=r[2], note=r[3], programme=r[4], region=r[5],
                       region_name_en=r[6], region_name_zh=r[7], batch_key=r[8], project_id=r[9],
                       project_name_zh=r[10], project_name_en=r[11], source=sources[r[12]], batch_number=r[13],
                       batch_announced=r[14]) for r in rows]


def schema_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every table and column with its type and the description the build stored (the Datasette metadata)."""
    described = {(r[0], r[1]): r[2] for r in conn.execute("SELECT table_name, column_name, description "
                                                         "FROM column_descriptions")}
    out: list[dict[str, Any]] = []
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%_fts_%' AND name != 'column_descriptions' ORDER BY name")]
    for table in tables:
        out.append({"table": table, "column": None, "type": None, "description": described.get((table, ""))})
        for col in conn.execute("SELECT name, type FROM pragma_table_info(?)", (table,)):
            out.append({"table": table, "column": col[0], "type": col[1] or None,
                        "description": described.get((table, col[0]))})
    return out
