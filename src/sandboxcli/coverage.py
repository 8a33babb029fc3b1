"""`sandbox coverage`: how complete the data is, so users can judge how complete an answer is.

Per batch: announced vs known applications, names missing in either language, descriptions standing in for names,
inferred placements; a batch known only by numbering (in no source) is a row too, of unknown size with nothing
known. Per programme: totals, distinct applications (one application listed in several regions counts once), and the
share of batches, projects, applicant links and events that name a source (the build enforces 100%; this reports it
rather than assuming it).
"""

from __future__ import annotations

import sqlite3

from . import aggregates as agg
from . import records as m
from .queries import batch_scope
from .vocabulary import programme_rank

_ROWS = """
SELECT b.programme, b.region, r.name_en AS region_name_en, r.name_zh AS region_name_zh, b.key, b.announced,
       b.announced_count, b.known_count,
       coalesce(sum(p.id IS NOT NULL AND p.name_zh IS NULL), 0) AS no_zh,
       coalesce(sum(p.id IS NOT NULL AND p.name_en IS NULL), 0) AS no_en,
       coalesce(sum(p.name_en_translated), 0) AS translated, coalesce(sum(p.name_is_description), 0) AS descriptions,
       coalesce(sum(p.placement_inferred), 0) AS inferred
FROM batches b JOIN regions r ON r.slug = b.region LEFT JOIN projects p ON p.batch_id = b.id
{where}
GROUP BY b.id
"""

_MISSING = """
SELECT b.programme, b.region, r.name_en AS region_name_en, r.name_zh AS region_name_zh, b.key, b.evidence
FROM missing_batches b JOIN regions r ON r.slug = b.region
{where}
"""

_SOURCED = (
    ("batches", "FROM batches b", "b.source_id"),
    ("projects", "FROM projects t JOIN batches b ON b.id = t.batch_id", "t.source_id"),
    ("project_applicants", "FROM project_applicants t JOIN projects p ON p.id = t.project_id "
                           "JOIN batches b ON b.id = p.batch_id", "t.source_id"),
    ("events", "FROM events t JOIN batches b ON b.id = t.batch_id", "t.source_id"),
)
"""The tables whose rows cite a source: each with its rows joined to their batch `b` (which the programme and
region filter is written on) and the column naming the row's source."""


def coverage(conn: sqlite3.Connection, programme: str | None = None, region: str | None = None,
             incomplete_only: bool = False) -> tuple[list[agg.CoverageRow], list[agg.CoverageTotals], m.SourceCoverage]:
    """Per-batch rows (optionally only incomplete ones) and per-programme totals over the same filter."""
    condition, params = batch_scope(programme, region)
    where = f"WHERE {condition}"
    rows = []
    for x in conn.execute(_ROWS.format(where=where), params):
        count, known = x["announced_count"], x["known_count"]
        rows.append(agg.CoverageRow(
            programme=x["programme"], region=x["region"], region_name_en=x["region_name_en"],
            region_name_zh=x["region_name_zh"], batch_key=x["key"],
            announced=x["announced"], announced_count=count, known_count=known,
            missing=None if count is None else count - known, complete=m.batch_complete(count, known),
            projects_without_name_zh=x["no_zh"], projects_without_name_en=x["no_en"],
            translated_names_en=x["translated"], names_that_are_descriptions=x["descriptions"],
            placements_inferred=x["inferred"], listed=True, evidence=None))
    for x in conn.execute(_MISSING.format(where=where), params):
        rows.append(agg.CoverageRow(
            programme=x["programme"], region=x["region"], region_name_en=x["region_name_en"],
            region_name_zh=x["region_name_zh"], batch_key=x["key"], announced=None, announced_count=None, known_count=0,
            missing=None, complete=False, projects_without_name_zh=0, projects_without_name_en=0,
            translated_names_en=0, names_that_are_descriptions=0, placements_inferred=0, listed=False,
            evidence=x["evidence"]))
    # by programme, then dated batches by date, then the undated (and those known only by numbering) by region
    rows.sort(key=lambda r: (programme_rank(r.programme), r.announced is None, r.announced or "", r.region_name_en,
                             r.batch_key))
    totals = [_programme_coverage(conn, prog, [r for r in rows if r.programme == prog], where, params)
              for prog in sorted({r.programme for r in rows}, key=lambda p: programme_rank(p))]
    if incomplete_only:
        rows = [r for r in rows if not r.complete]
    return rows, totals, source_coverage(conn)


def source_coverage(conn: sqlite3.Connection) -> m.SourceCoverage:
    """How many cited pages name a title and a publisher, and how many are copies on third-party sites."""
    n, title, publisher, both, copies = conn.execute(
        "SELECT count(*), count(title), count(publisher), sum(title IS NOT NULL AND publisher IS NOT NULL), "
        "sum(is_copy) FROM sources").fetchone()
    return m.SourceCoverage(sources=n, with_title=title, with_publisher=publisher, with_title_and_publisher=both or 0,
                            copies=copies or 0, share_with_publisher=round(publisher / n, 3) if n else None,
                            share_copies=round((copies or 0) / n, 3) if n else None)


def _programme_coverage(conn: sqlite3.Connection, programme: str, rows: list[agg.CoverageRow], where: str,
            params: list[str]) -> agg.CoverageTotals:
    scope = where + " AND b.programme = ?"
    args = [*params, programme]
    sized = [r for r in rows if r.announced_count is not None]
    announced = sum(r.announced_count or 0 for r in sized)
    known_sized = sum(r.known_count for r in sized)
    known = sum(r.known_count for r in rows)
    applicants = conn.execute(
        f"SELECT coalesce(sum(e.name_zh IS NULL), 0), coalesce(sum(e.name_en IS NULL), 0) FROM project_applicants pa "
        f"JOIN entities e ON e.id = pa.entity_id JOIN projects p ON p.id = pa.project_id "
        f"JOIN batches b ON b.id = p.batch_id {scope}", args).fetchone()
    distinct = conn.execute(f"SELECT count(DISTINCT coalesce(p.application, p.id)) FROM projects p "
                            f"JOIN batches b ON b.id = p.batch_id {scope}", args).fetchone()[0]
    shares = {}
    for table, rows_of, source_of in _SOURCED:
        total, sourced = conn.execute(
            f"SELECT count(*), count(s.id) {rows_of} LEFT JOIN sources s ON s.id = {source_of} {scope}",
            args).fetchone()
        shares[table] = round(sourced / total, 3) if total else 1.0
    return agg.CoverageTotals(
        programme=programme, batches=len(rows), batches_complete=sum(r.complete for r in rows),
        batches_of_unknown_size=len(rows) - len(sized), batches_missing=sum(not r.listed for r in rows),
        announced_count=announced, known=known, known_in_batches_of_known_size=known_sized,
        known_in_unsized_batches=known - known_sized,
        missing=sum(max(r.missing or 0, 0) for r in sized),
        share_known=round(known_sized / announced, 3) if announced else None,
        projects_without_name_zh=sum(r.projects_without_name_zh for r in rows),
        projects_without_name_en=sum(r.projects_without_name_en for r in rows),
        applicants_without_name_zh=applicants[0], applicants_without_name_en=applicants[1],
        share_with_source=shares, distinct_applications=distinct)
