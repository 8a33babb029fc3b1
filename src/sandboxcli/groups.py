"""Corporate groups: which institutions belong to which, as cited pages state it (entities.parent_id).

A group such as Ant Group may never have applied itself while its members did (MYbank); asking for the group means
asking for its members too. These functions walk the tree in both directions and say, for every tie, how the page
describes it and which page that is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from . import aggregates as agg
from .queries import source_refs

_LINK_SQL = """SELECT e.id, e.name_en, e.name_zh, e.parent_id, p.name_en, p.name_zh, e.parent_relation,
                      e.parent_source_id
               FROM entities e JOIN entities p ON p.id = e.parent_id"""


def _links(conn: sqlite3.Connection, where: str, params: Sequence[object]) -> list[agg.GroupLink]:
    rows = conn.execute(f"{_LINK_SQL} WHERE {where} ORDER BY e.id", params).fetchall()
    refs = source_refs(conn, [r[7] for r in rows])
    return [agg.GroupLink(r[0], r[1], r[2], r[3], r[4], r[5], r[6], refs[r[7]]) for r in rows]


def part_of(conn: sqlite3.Connection, entity_id: str) -> list[agg.GroupLink]:
    """The ties from an institution up to the top of its group, nearest first ([] when it belongs to none)."""
    chain: list[agg.GroupLink] = []
    current, seen = entity_id, {entity_id}
    while True:
        link = _links(conn, "e.id = ?", (current,))
        if not link or link[0].parent_id in seen:  # the build forbids loops; never walk one forever
            return chain
        chain.append(link[0])
        current = link[0].parent_id
        seen.add(current)


def members(conn: sqlite3.Connection, entity_id: str) -> list[agg.GroupMember]:
    """Every institution below this one, at any depth, each with its tie to its own parent and its applications."""
    out: list[agg.GroupMember] = []
    frontier, seen = [entity_id], {entity_id}
    while frontier:
        marks = ",".join("?" * len(frontier))
        links = [x for x in _links(conn, f"e.parent_id IN ({marks})", frontier) if x.entity_id not in seen]
        for x in links:
            n = conn.execute("SELECT count(DISTINCT project_id) FROM project_applicants WHERE entity_id = ?",
                             (x.entity_id,)).fetchone()[0]
            out.append(agg.GroupMember(x.entity_id, x.name_en, x.name_zh, n, x))
            seen.add(x.entity_id)
        frontier = [x.entity_id for x in links]
    return out

