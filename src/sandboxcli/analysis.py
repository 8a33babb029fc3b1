"""Questions across the whole data set: the timeline of batches, counts by dimension, one institution's profile."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from . import aggregates as agg
from . import records as m
from .queries import batch_scope, projects_by_id
from .vocabulary import programme_rank


def timeline(conn: sqlite3.Connection, by: str = "year", programme: str | None = None,
             region: str | None = None) -> list[agg.TimelinePoint]:
    """Dated batches grouped by month or year and programme, oldest first.

    A batch dated only to the year counts in its year when grouping by month too (period `YYYY`), rather than
    being guessed into a month; undated batches are left out (`sandbox coverage` lists them).
    """
    where, params = batch_scope(programme, region)
    width = 7 if by == "month" else 4
    rows = conn.execute(
        f"""SELECT substr(b.announced, 1, {width}) AS period, b.programme, count(*) AS batches,
                   coalesce(sum(b.announced_count), 0) AS announced, sum(b.announced_count IS NULL) AS unknown,
                   sum(b.known_count) AS known
            FROM batches b WHERE b.announced IS NOT NULL AND {where}
            GROUP BY period, b.programme ORDER BY period""", params).fetchall()
    points = [agg.TimelinePoint(r["period"], r["programme"], r["batches"], r["announced"], r["unknown"], r["known"])
              for r in rows]
    return sorted(points, key=lambda p: (p.period, programme_rank(p.programme)))


APPLICATION = "coalesce(p.application, p.id)"
"""One application, whatever the number of regions listing it: its `application` key when the data says several
listings are one application, else the project itself."""


def stats(conn: sqlite3.Connection, programme: str | None = None, region: str | None = None,
          top: int = 10) -> list[agg.StatItem]:
    """Known applications counted by programme, category, technology, institution kind, applicant and group.

    An application listed in several regions (UnionPay's face-payment security application, in three regions'
    pilots) is one application: every count is of distinct applications (`APPLICATION`), not of listings."""
    where, params = batch_scope(programme, region)
    projects = "FROM projects p JOIN batches b ON b.id = p.batch_id"
    with_applicants = (projects + " JOIN project_applicants pa ON pa.project_id = p.id "
                                  "JOIN entities e ON e.id = pa.entity_id")
    total = conn.execute(f"SELECT count(DISTINCT {APPLICATION}) {projects} WHERE {where}", params).fetchone()[0]

    def items(dimension: str, select: str, joins: str, limit: int | None = None,
              label_zh: str = "NULL") -> list[agg.StatItem]:
        sql = f"SELECT {select} AS n, {label_zh} {joins} WHERE {where} GROUP BY 1 ORDER BY n DESC, 1"
        rows = conn.execute(sql + (f" LIMIT {int(limit)}" if limit else ""), params).fetchall()
        return [agg.StatItem(dimension, str(k), str(label), n, round(n / total, 3) if total else None, zh)
                for k, label, n, zh in rows]

    return [
        *items("programme", f"b.programme, pr.name_en, count(DISTINCT {APPLICATION})",
               projects + " JOIN programmes pr ON pr.id = b.programme", label_zh="pr.name_zh"),
        *items("category", "coalesce(p.category, 'unknown'), coalesce(p.category, 'not given'), "
                           f"count(DISTINCT {APPLICATION})", projects),
        *items("technology", f"t.slug, t.label_en, count(DISTINCT {APPLICATION})",
               projects + " JOIN project_technologies pt ON pt.project_id = p.id "
                          "JOIN technologies t ON t.slug = pt.technology", top, label_zh="t.label_zh"),
        *items("institution-kind", "coalesce(e.kind, 'unknown'), coalesce(e.kind, 'not classified'), "
                                   f"count(DISTINCT {APPLICATION})", with_applicants),
        *items("applicant", f"e.id, coalesce(e.name_en, e.name_zh), count(DISTINCT {APPLICATION})", with_applicants,
               top, label_zh="e.name_zh"),
        *items("group", f"g.id, coalesce(g.name_en, g.name_zh), count(DISTINCT {APPLICATION})",
               projects + _IN_GROUP, top, label_zh="g.name_zh"),
    ]


_IN_GROUP = """ JOIN project_applicants pa ON pa.project_id = p.id
    JOIN (WITH RECURSIVE up(id, top) AS (SELECT id, id FROM entities
                                         UNION SELECT e.id, up.top FROM entities e JOIN up ON e.parent_id = up.id)
          SELECT id, top FROM up) u ON u.id = pa.entity_id
    JOIN entities g ON g.id = u.top AND g.id IN (SELECT parent_id FROM entities WHERE parent_id IS NOT NULL)"""
"""Each applicant link counted for the applicant's groups (an institution with members, at any level above it), so a
group's count takes in its members' applications: Tencent counts Tencent Cloud's and WeBank's."""


def applicant_profiles(conn: sqlite3.Connection, entity_ids: Sequence[str]) -> list[agg.ApplicantProfile]:
    """Every project, region, programme, alias and co-applicant of each institution, with the group it belongs to
    and, for a group, its members and their projects (a group's co-applicants are institutions outside it)."""
    from .groups import members, part_of

    out = []
    for entity_id in entity_ids:
        e = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        aliases = [r[0] for r in conn.execute("SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias",
                                              (entity_id,)) if r[0] not in (e["name_en"], e["name_zh"])]
        group = members(conn, entity_id)
        inside = [entity_id, *(x.entity_id for x in group)]
        marks = ",".join("?" * len(inside))
        ids = [r[0] for r in conn.execute(
            "SELECT DISTINCT p.id FROM project_applicants pa JOIN projects p ON p.id = pa.project_id "
            f"JOIN batches b ON b.id = p.batch_id WHERE pa.entity_id IN ({marks}) "
            "ORDER BY b.announced IS NULL, b.announced, b.region, p.position", inside)]
        own = conn.execute("SELECT count(DISTINCT project_id) FROM project_applicants WHERE entity_id = ?",
                           (entity_id,)).fetchone()[0]
        projects = projects_by_id(conn, ids)
        co = [agg.Ranked(*r) for r in conn.execute(
            f"""SELECT e.id, coalesce(e.name_en, e.name_zh), count(DISTINCT pa.project_id) AS n, e.name_zh
                FROM project_applicants pa JOIN entities e ON e.id = pa.entity_id
                WHERE pa.project_id IN ({",".join("?" * len(ids)) or "NULL"}) AND pa.entity_id NOT IN ({marks})
                GROUP BY e.id ORDER BY n DESC, e.id""", (*ids, *inside))]
        out.append(agg.ApplicantProfile(
            entity_id=entity_id, name_en=e["name_en"], name_zh=e["name_zh"], kind=e["kind"], aliases=aliases,
            regions=sorted({p.region for p in projects}),
            programmes=sorted({p.programme for p in projects}, key=lambda x: programme_rank(x)),
            projects=projects, co_applicants=co, own_applications=own, part_of=part_of(conn, entity_id),
            members=group))
    return out


def institution_matches(conn: sqlite3.Connection, entity_ids: Sequence[str]) -> list[m.InstitutionMatch]:
    """The institutions with these ids and their number of applications, most applications first."""
    marks = ",".join("?" * len(entity_ids)) or "NULL"
    rows = conn.execute(
        f"SELECT e.id, e.name_en, e.name_zh, e.kind, e.parent_id, "
        f"(SELECT count(DISTINCT pa.project_id) FROM project_applicants pa WHERE pa.entity_id = e.id) AS n "
        f"FROM entities e WHERE e.id IN ({marks}) ORDER BY n DESC, e.id", list(entity_ids))
    return [m.InstitutionMatch(*r) for r in rows]


def named_institutions(conn: sqlite3.Connection, entity_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Institutions as `{"entity_id", "name_en", "name_zh"}` by id, for a query to name them."""
    if not entity_ids:
        return []
    marks = ",".join("?" * len(entity_ids))
    rows = conn.execute(f"SELECT id, name_en, name_zh FROM entities WHERE id IN ({marks}) ORDER BY id", entity_ids)
    return [{"entity_id": r[0], "name_en": r[1], "name_zh": r[2]} for r in rows]
