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


_TOP_TECHNOLOGIES = """SELECT region, programme, slug, label_en, n, label_zh FROM (
    SELECT b.region, b.programme, t.slug, t.label_en, count(*) AS n, t.label_zh,
           row_number() OVER (PARTITION BY b.region, b.programme ORDER BY count(*) DESC, t.slug) AS place
    FROM project_technologies pt JOIN technologies t ON t.slug = pt.technology
         JOIN projects p ON p.id = pt.project_id JOIN batches b ON b.id = p.batch_id
    WHERE {where} GROUP BY b.region, b.programme, t.slug)
WHERE place <= ? ORDER BY region, programme, place"""
"""The `top` technologies of each region and programme, most projects first (ties by slug)."""

_TOP_APPLICANTS = """SELECT region, programme, id, name, n, name_zh FROM (
    SELECT b.region, b.programme, e.id, coalesce(e.name_en, e.name_zh) AS name, count(DISTINCT pa.project_id) AS n,
           e.name_zh,
           row_number() OVER (PARTITION BY b.region, b.programme ORDER BY count(DISTINCT pa.project_id) DESC, e.id)
               AS place
    FROM project_applicants pa JOIN entities e ON e.id = pa.entity_id
         JOIN projects p ON p.id = pa.project_id JOIN batches b ON b.id = p.batch_id
    WHERE {where} GROUP BY b.region, b.programme, e.id)
WHERE place <= ? ORDER BY region, programme, place"""
"""The `top` applicants of each region and programme, by projects applied for (ties by entity id)."""


def compare_regions(conn: sqlite3.Connection, regions: Sequence[str], programme: str | None = None,
                    top: int = 3) -> list[agg.Comparison]:
    """Side-by-side figures for each region, in the order given: one entry per programme the region has (only
    `programme` when given), each over that programme's batches alone. Each figure is one query over all the
    regions, grouped by region and programme, so comparing ten regions costs what comparing two does."""
    totals = _totals(conn, programme, regions)
    where, params = batch_scope(programme, regions)
    cats: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for region, prog, category, n in conn.execute(
            f"SELECT b.region, b.programme, coalesce(p.category, 'unknown'), count(*) FROM projects p "
            f"JOIN batches b ON b.id = p.batch_id WHERE {where} GROUP BY 1, 2, 3", params):
        cats[region, prog][category] = n
    ranked: dict[str, dict[tuple[str, str], list[agg.Ranked]]] = {"tech": defaultdict(list),
                                                                  "applicant": defaultdict(list)}
    for kind, sql in (("tech", _TOP_TECHNOLOGIES), ("applicant", _TOP_APPLICANTS)):
        for region, prog, *item in conn.execute(sql.format(where=where), [*params, top]):
            ranked[kind][region, prog].append(agg.Ranked(*item))
    with_bank = {(region, prog): n for region, prog, n in conn.execute(
        f"SELECT b.region, b.programme, count(*) FROM batches b JOIN projects p ON p.batch_id = b.id WHERE {where} "
        f"AND EXISTS (SELECT 1 FROM project_applicants pa JOIN entities e ON e.id = pa.entity_id "
        f"WHERE pa.project_id = p.id AND e.kind = 'bank') GROUP BY b.region, b.programme", params)}
    out = []
    for slug in regions:
        r = region_row(conn, slug)
        mine = sorted((t for (region, _), t in totals.items() if region == slug),
                      key=lambda t: programme_rank(t["programme"]))
        entries = []
        for t in mine:
            key = (slug, t["programme"])
            known, banks = t["known"], with_bank.get(key, 0)
            entries.append(agg.ProgrammeComparison(
                **t, financial_service=cats[key].get("financial-service", 0),
                technology_product=cats[key].get("technology-product", 0),
                category_unknown=cats[key].get("unknown", 0), top_technologies=ranked["tech"][key],
                top_applicants=ranked["applicant"][key], with_bank_applicant=banks,
                bank_share=round(banks / known, 3) if known else None))
        out.append(agg.Comparison(region=slug, name_en=r["name_en"], name_zh=r["name_zh"], programmes=entries))
    return out
