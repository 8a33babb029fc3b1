"""Regions' figures per programme, for `sandbox list-cities` and `sandbox compare`: each function takes an open
connection and returns records. Figures of different programmes are never added together: every figure belongs to
one region in one programme.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from . import aggregates as agg
from .queries import batch_scope, region_row
from .vocabulary import programme_rank

_ALL_BATCHES = """(SELECT programme, region, key, announced, announced_count, known_count, 1 AS listed FROM batches
                  UNION ALL
                  SELECT programme, region, key, NULL, NULL, 0, 0 FROM missing_batches)"""
"""Every batch known to exist: those in the sources and those known only by numbering (missing_batches), which
have no date, no announced size and no known application. Counts of batches are taken over this."""


def _totals(conn: sqlite3.Connection, programme: str | None,
            regions: Sequence[str] | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """Per region and programme: the fields of ProgrammeTotals, over every batch known to exist (_ALL_BATCHES)."""
    where, params = batch_scope(programme, regions)
    rows = conn.execute(
        f"""SELECT b.region, b.programme, count(*) AS batches, sum(NOT b.listed) AS batches_missing,
                   coalesce(sum(b.announced_count), 0) AS announced_count,
                   sum(b.announced_count IS NULL) AS announced_unknown_batches, sum(b.known_count) AS known,
                   sum(CASE WHEN b.announced_count IS NULL THEN b.known_count ELSE 0 END) AS known_in_unsized_batches,
                   min(b.announced) AS first_date, max(b.announced) AS latest_date
            FROM {_ALL_BATCHES} b WHERE {where} GROUP BY b.region, b.programme""", params)
    return {(r["region"], r["programme"]): {k: r[k] for k in agg.ProgrammeTotals.fields} for r in rows}


def list_regions(conn: sqlite3.Connection, programme: str | None = None) -> list[agg.RegionSummary]:
    """Every region with batches (in `programme` if given), with figures per programme.

    Regions of the PBOC sandbox come first, in the order they joined it; then the others by name.
    """
    totals = _totals(conn, programme)
    out = []
    for r in conn.execute("SELECT * FROM regions"):
        mine = sorted((t for (region, _), t in totals.items() if region == r["slug"]),
                      key=lambda t: programme_rank(t["programme"]))
        if not mine:
            continue
        out.append(agg.RegionSummary(
            region=r["slug"], name_en=r["name_en"], name_zh=r["name_zh"], province_en=r["province_en"],
            programmes=[agg.ProgrammeTotals(**t) for t in mine]))

    def sort_key(x: agg.RegionSummary) -> tuple[int, str, str]:
        first = x.programmes[0]
        return (programme_rank(first.programme), first.first_date or "9999", x.name_en)

    out.sort(key=sort_key)
    return out


def programme_refs(conn: sqlite3.Connection, ids: Iterable[str]) -> list[agg.ProgrammeRef]:
    """The programmes with these ids, with their names, in the programmes' order."""
    wanted = set(ids)
    rows = conn.execute("SELECT id, name_en, name_zh FROM programmes").fetchall()
    return sorted((agg.ProgrammeRef(*r) for r in rows if r[0] in wanted), key=lambda p: programme_rank(p.programme))


_TOP = """SELECT programme, key, label, n, label_zh FROM (
    SELECT b.programme, {key} AS key, {label} AS label, {count} AS n, {label_zh} AS label_zh,
           row_number() OVER (PARTITION BY b.programme ORDER BY {count} DESC, {key}) AS place
    FROM {joins} JOIN projects p ON p.id = {project} JOIN batches b ON b.id = p.batch_id
    WHERE {where} GROUP BY b.programme, {key})
WHERE place <= ? ORDER BY programme, place"""


def compare_regions(conn: sqlite3.Connection, regions: Sequence[str], programme: str | None = None,
                    top: int = 3) -> list[agg.Comparison]:
    """Side-by-side figures for each region, in the order given: one entry per programme the region has (only
    `programme` when given), each over that programme's batches alone."""
    totals = _totals(conn, programme, regions)
    out = []
    for slug in regions:
        r = region_row(conn, slug)
        where, params = batch_scope(programme, slug)
        cats: dict[str, dict[str, int]] = defaultdict(dict)
        for prog, category, n in conn.execute(
                f"SELECT b.programme, coalesce(p.category, 'unknown'), count(*) FROM projects p "
                f"JOIN batches b ON b.id = p.batch_id WHERE {where} GROUP BY 1, 2", params):
            cats[prog][category] = n
        ranked: dict[str, dict[str, list[agg.Ranked]]] = {"tech": defaultdict(list), "applicant": defaultdict(list)}
        for kind, sql in (
            ("tech", _TOP.format(key="t.slug", label="t.label_en", count="count(*)", label_zh="t.label_zh",
                                 joins="project_technologies pt JOIN technologies t ON t.slug = pt.technology",
                                 project="pt.project_id", where=where)),
            ("applicant", _TOP.format(key="e.id", label="coalesce(e.name_en, e.name_zh)",
                                      count="count(DISTINCT pa.project_id)", label_zh="e.name_zh",
                                      joins="project_applicants pa JOIN entities e ON e.id = pa.entity_id",
                                      project="pa.project_id", where=where)),
        ):
            for prog, *item in conn.execute(sql, [*params, top]):
                ranked[kind][prog].append(agg.Ranked(*item))
        with_bank = dict(conn.execute(
            f"SELECT b.programme, count(*) FROM batches b JOIN projects p ON p.batch_id = b.id WHERE {where} "
            f"AND EXISTS (SELECT 1 FROM project_applicants pa JOIN entities e ON e.id = pa.entity_id "
            f"WHERE pa.project_id = p.id AND e.kind = 'bank') GROUP BY b.programme", params).fetchall())
        mine = sorted((t for (region, _), t in totals.items() if region == slug),
                      key=lambda t: programme_rank(t["programme"]))
        entries = []
        for t in mine:
            prog, known, banks = t["programme"], t["known"], with_bank.get(t["programme"], 0)
            entries.append(agg.ProgrammeComparison(
                **t, financial_service=cats[prog].get("financial-service", 0),
                technology_product=cats[prog].get("technology-product", 0),
                category_unknown=cats[prog].get("unknown", 0), top_technologies=ranked["tech"][prog],
                top_applicants=ranked["applicant"][prog], with_bank_applicant=banks,
                bank_share=round(banks / known, 3) if known else None))
        out.append(agg.Comparison(region=slug, name_en=r["name_en"], name_zh=r["name_zh"], programmes=entries))
    return out
