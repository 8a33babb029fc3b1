"""One function per question a user asks; each takes an open connection and returns plain records (models.py).

No Rich, no Typer, no printing: the CLI renders what these return.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from . import models as m
from .errors import NotFound
from .models import programme_rank

_BATCH_SQL = """
SELECT b.*, s.url AS source_url FROM batches b JOIN sources s ON s.id = b.source_id
"""


def batch_scope(programme: str | None, region: str | None) -> tuple[str, list[str]]:
    """A condition on the batches alias `b` for an optional programme and region, and its parameters."""
    conditions, params = ["1"], []
    if programme:
        conditions.append("b.programme = ?")
        params.append(programme)
    if region:
        conditions.append("b.region = ?")
        params.append(region)
    return " AND ".join(conditions), params


def _batch_summary(row: sqlite3.Row) -> m.BatchSummary:
    count = row["announced_count"]
    return m.BatchSummary(
        programme=row["programme"], region=row["region"], key=row["key"], number=row["number"], label=row["label"],
        announced=row["announced"], announced_precision=row["announced_precision"], regulator=row["regulator"],
        announced_count=count, announced_count_derived=bool(row["announced_count_derived"]),
        known_count=row["known_count"], complete=count is not None and row["known_count"] >= count,
        source_url=row["source_url"],
    )


def projects_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> list[m.Project]:
    """Full project records (applicants, technologies, batch context) in the order of `ids`."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    applicants: dict[int, list[m.Applicant]] = defaultdict(list)
    for a in conn.execute(
        f"SELECT pa.project_id, pa.entity_id, e.name_en, e.name_zh, e.kind, pa.branch, pa.as_written "
        f"FROM project_applicants pa JOIN entities e ON e.id = pa.entity_id "
        f"WHERE pa.project_id IN ({marks}) ORDER BY pa.project_id, pa.position", ids):
        applicants[a[0]].append(m.Applicant(*a[1:]))
    technologies: dict[int, list[str]] = defaultdict(list)
    for t in conn.execute(f"SELECT project_id, technology FROM project_technologies WHERE project_id IN ({marks}) "
                          f"ORDER BY project_id, position", ids):
        technologies[t[0]].append(t[1])
    rows = {r["id"]: r for r in conn.execute(
        f"SELECT p.*, b.programme, b.region, b.key AS batch_key, b.number AS batch_number, "
        f"b.announced AS batch_announced, rg.name_en AS region_name_en, s.url AS source_url "
        f"FROM projects p JOIN batches b ON b.id = p.batch_id JOIN regions rg ON rg.slug = b.region "
        f"JOIN sources s ON s.id = p.source_id WHERE p.id IN ({marks})", ids)}
    return [
        m.Project(
            id=r["id"], programme=r["programme"], region=r["region"], region_name_en=r["region_name_en"],
            batch_key=r["batch_key"], batch_number=r["batch_number"], batch_announced=r["batch_announced"],
            position=r["position"], name_zh=r["name_zh"], name_en=r["name_en"],
            name_en_translated=bool(r["name_en_translated"]), name_is_description=bool(r["name_is_description"]),
            category=r["category"], category_derived=bool(r["category_derived"]),
            placement_inferred=bool(r["placement_inferred"]), status=r["status"], statement_no=r["statement_no"],
            planned_start=r["planned_start"], applicants=applicants[r["id"]], technologies=technologies[r["id"]],
            source_url=r["source_url"], notes=json.loads(r["notes"]) if r["notes"] else [],
        )
        for r in (rows[i] for i in ids)
    ]


_CHINESE_DIGITS = {"首": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def batch_key(text: str) -> str:
    """The key a user means: "2", "batch 2", "Batch-2", "#2", "第二批" and "第2批" all mean "2"; "首批" means "1"."""
    key = text.strip().lower().removeprefix("batch").strip(" -#")
    if key.startswith("第") and key.endswith("批"):
        key = key[1:-1]
    elif key == "首批":
        key = "首"
    if key and all(ch in _CHINESE_DIGITS for ch in key) and len(key) <= 2:
        if len(key) == 2 and key[0] == "十":
            return str(10 + _CHINESE_DIGITS[key[1]])
        return str(_CHINESE_DIGITS[key[0]] * (10 if key[-1] == "十" and len(key) == 2 else 1))
    return key or text


def _region_row(conn: sqlite3.Connection, region: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM regions WHERE slug = ?", (region,)).fetchone()
    if row is None:
        raise NotFound(f"unknown region {region!r}")
    return row


def region_batches(conn: sqlite3.Connection, region: str, programme: str | None = None) -> m.RegionBatches:
    """Every batch of one region (optionally one programme), oldest first, undated last."""
    r = _region_row(conn, region)
    sql = _BATCH_SQL + " WHERE b.region = ?" + (" AND b.programme = ?" if programme else "")
    params = (region, programme) if programme else (region,)
    rows = conn.execute(sql + " ORDER BY b.programme, b.number IS NULL, b.number, b.announced IS NULL, "
                              "b.announced, b.key", params).fetchall()
    batches = sorted((_batch_summary(x) for x in rows), key=lambda b: programme_rank(b.programme))
    if not batches:
        where = f" in the {programme} programme" if programme else ""
        raise NotFound(f"{r['name_en']} has no batches{where}", "`sandbox list-cities` shows where each programme runs")
    return m.RegionBatches(region=region, region_name_en=r["name_en"], region_name_zh=r["name_zh"], batches=batches)


def batch_detail(conn: sqlite3.Connection, region: str, key: str, programme: str | None = None) -> m.BatchDetail:
    """One batch with its projects, sources, events and notes.

    Without `programme`, the PBOC regulatory pilot wins where a region has a batch of that number in several
    programmes (Guangzhou has PBOC and CSRC batches 1 and 2).
    """
    r = _region_row(conn, region)
    key = batch_key(key)
    sql = _BATCH_SQL + " WHERE b.region = ? AND b.key = ?" + (" AND b.programme = ?" if programme else "")
    params = (region, key, programme) if programme else (region, key)
    rows = conn.execute(sql, params).fetchall()
    if not rows:
        available = region_batches(conn, region, programme).batches
        keys = ", ".join(dict.fromkeys(b.key for b in available))
        raise NotFound(f"{r['name_en']} has no batch {key!r}" + (f" in {programme}" if programme else ""),
                       f"its batches: {keys}")
    row = min(rows, key=lambda x: programme_rank(x["programme"]))
    summary = _batch_summary(row)
    sources = [m.SourceRef(*s) for s in conn.execute(
        "SELECT s.id, s.url, s.title, s.publisher, s.date FROM batch_sources bs JOIN sources s ON s.id = bs.source_id "
        "WHERE bs.batch_id = ? ORDER BY bs.position", (row["id"],))]
    events = [m.Event(*e) for e in conn.execute(
        "SELECT e.date, e.date_precision, e.kind, e.note, e.project_id, s.url FROM events e "
        "JOIN sources s ON s.id = e.source_id WHERE e.batch_id = ? ORDER BY e.date IS NULL, e.date, e.id",
        (row["id"],))]
    ids = [x[0] for x in conn.execute("SELECT id FROM projects WHERE batch_id = ? ORDER BY position", (row["id"],))]
    programme_name = conn.execute("SELECT name_en FROM programmes WHERE id = ?", (row["programme"],)).fetchone()[0]
    return m.BatchDetail(
        summary=summary, region_name_en=r["name_en"], region_name_zh=r["name_zh"], programme_name_en=programme_name,
        notes=json.loads(row["notes"]) if row["notes"] else [], sources=sources, events=events,
        projects=projects_by_id(conn, ids),
    )


def _totals(conn: sqlite3.Connection, programme: str | None, by_programme: bool = False,
            regions: Sequence[str] | None = None) -> dict[Any, sqlite3.Row]:
    """Per region (or per region and programme) batch, announced and known counts and the date range."""
    conditions, params = [], []
    if programme:
        conditions.append("b.programme = ?")
        params.append(programme)
    if regions is not None:
        conditions.append(f"b.region IN ({','.join('?' * len(regions))})")
        params += list(regions)
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    group = "b.region, b.programme" if by_programme else "b.region"
    rows = conn.execute(
        f"""SELECT b.region, group_concat(DISTINCT b.programme) AS programmes, count(*) AS batches,
                   coalesce(sum(b.announced_count), 0) AS announced,
                   sum(b.announced_count IS NULL) AS unknown_batches, sum(b.known_count) AS known,
                   min(b.announced) AS first_date, max(b.announced) AS latest_date
            FROM batches b {where} GROUP BY {group}""", params)
    if by_programme:
        return {(r["region"], r["programmes"]): r for r in rows}
    return {r["region"]: r for r in rows}


def list_regions(conn: sqlite3.Connection, programme: str | None = None) -> list[m.RegionSummary]:
    """Every region with batches (in `programme` if given), with figures per programme.

    Regions of the PBOC sandbox come first, in the order they joined it; then the others by name.
    """
    totals = _totals(conn, programme, by_programme=True)
    out = []
    for r in conn.execute("SELECT * FROM regions"):
        mine = sorted((t for (region, _), t in totals.items() if region == r["slug"]),
                      key=lambda t: programme_rank(t["programmes"]))
        if not mine:
            continue
        out.append(m.RegionSummary(
            region=r["slug"], name_en=r["name_en"], name_zh=r["name_zh"], province_en=r["province_en"],
            programmes=[m.ProgrammeTotals(
                programme=t["programmes"], batches=t["batches"], announced=t["announced"],
                announced_unknown_batches=t["unknown_batches"], known=t["known"], first_date=t["first_date"],
                latest_date=t["latest_date"]) for t in mine]))

    def sort_key(x: m.RegionSummary) -> tuple[int, str, str]:
        first = x.programmes[0]
        return (programme_rank(first.programme), first.first_date or "9999", x.name_en)

    out.sort(key=sort_key)
    return out


def _programme_order(programmes: Iterable[str]) -> list[str]:
    return sorted(set(programmes), key=programme_rank)


def compare_regions(conn: sqlite3.Connection, regions: Sequence[str], programme: str | None = None,
                    top: int = 3) -> list[m.Comparison]:
    """Side-by-side figures for each region, in the order given."""
    totals = _totals(conn, programme, regions=regions)
    out = []
    for slug in regions:
        r = _region_row(conn, slug)
        t = totals.get(slug)
        where = "b.region = ?" + (" AND b.programme = ?" if programme else "")
        params: tuple[str, ...] = (slug, programme) if programme else (slug,)
        cats = dict(conn.execute(
            f"SELECT coalesce(p.category, 'unknown'), count(*) FROM projects p JOIN batches b ON b.id = p.batch_id "
            f"WHERE {where} GROUP BY 1", params).fetchall())
        techs = [m.Ranked(*x) for x in conn.execute(
            f"SELECT t.slug, t.label_en, count(*) AS n FROM project_technologies pt "
            f"JOIN technologies t ON t.slug = pt.technology JOIN projects p ON p.id = pt.project_id "
            f"JOIN batches b ON b.id = p.batch_id WHERE {where} GROUP BY t.slug ORDER BY n DESC, t.slug LIMIT ?",
            (*params, top))]
        applicants = [m.Ranked(*x) for x in conn.execute(
            f"SELECT e.id, coalesce(e.name_en, e.name_zh), count(DISTINCT pa.project_id) AS n "
            f"FROM project_applicants pa JOIN entities e ON e.id = pa.entity_id "
            f"JOIN projects p ON p.id = pa.project_id "
            f"JOIN batches b ON b.id = p.batch_id WHERE {where} GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?",
            (*params, top))]
        with_bank = conn.execute(
            f"SELECT count(*) FROM batches b JOIN projects p ON p.batch_id = b.id WHERE {where} AND EXISTS ("
            f"SELECT 1 FROM project_applicants pa JOIN entities e ON e.id = pa.entity_id "
            f"WHERE pa.project_id = p.id AND e.kind = 'bank')", params).fetchone()[0]
        known = t["known"] if t else 0
        out.append(m.Comparison(
            region=slug, name_en=r["name_en"], name_zh=r["name_zh"],
            programmes=_programme_order(t["programmes"].split(",")) if t else [],
            batches=t["batches"] if t else 0, announced=t["announced"] if t else 0,
            announced_unknown_batches=t["unknown_batches"] if t else 0, known=known,
            first_date=t["first_date"] if t else None, latest_date=t["latest_date"] if t else None,
            financial_service=cats.get("financial-service", 0), technology_product=cats.get("technology-product", 0),
            category_unknown=cats.get("unknown", 0), top_technologies=techs, top_applicants=applicants,
            with_bank_applicant=with_bank, bank_share=round(with_bank / known, 3) if known else None,
        ))
    return out


def technologies(conn: sqlite3.Connection) -> list[m.Ranked]:
    """Every technology with the number of projects using it, most used first."""
    return [m.Ranked(*x) for x in conn.execute(
        "SELECT t.slug, t.label_en || ' / ' || t.label_zh, count(pt.project_id) AS n FROM technologies t "
        "LEFT JOIN project_technologies pt ON pt.technology = t.slug GROUP BY t.slug ORDER BY n DESC, t.slug")]
