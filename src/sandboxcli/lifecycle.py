"""How complete the lifecycle data is: which projects have any recorded fact about what became of them, and how the
counts the sources state (tallies.yaml, `measure` other than applications) compare with what is recorded.

A lifecycle fact is a project's status or an event of a lifecycle kind (vocabulary.LIFECYCLE_KINDS), its own or
one its whole batch shares (Beijing's first six launched together). A stated count is set against the projects with
an event of that kind dated on or before the count's date, in the regions the count covers: a gap means the data
does not yet name every project the source counts.
"""

from __future__ import annotations

import sqlite3

from . import aggregates as agg
from .dates import upper_bound
from .queries import batch_scope, source_refs
from .vocabulary import LIFECYCLE_KINDS, STATUSES, programme_rank

_HAS_STEP = """EXISTS (SELECT 1 FROM events e WHERE (e.project_id = p.id OR (e.project_id IS NULL
                AND e.batch_id = p.batch_id)) AND e.kind IN ({kinds}){dated})"""


def _step(kinds: tuple[str, ...], dated: bool = False) -> str:
    return _HAS_STEP.format(kinds=",".join(f"'{k}'" for k in kinds), dated=" AND e.date <= ?" if dated else "")


def _recorded(conn: sqlite3.Connection, programme: str, kind: str, date: str, regions: list[str] | None) -> int:
    where, params = batch_scope(programme, regions or None)
    return int(conn.execute(
        f"SELECT count(*) FROM projects p JOIN batches b ON b.id = p.batch_id WHERE {where} AND {_step((kind,), True)}",
        [*params, upper_bound(date)]).fetchone()[0])


def lifecycle_coverage(conn: sqlite3.Connection, programme: str | None = None,
                       region: str | None = None) -> list[agg.LifecycleCoverage]:
    """One summary per programme in scope, with the stated counts of that programme (all of them when no region is
    given; otherwise those that cover the region)."""
    where, params = batch_scope(programme, region)
    programmes = sorted({r[0] for r in conn.execute(f"SELECT DISTINCT b.programme FROM batches b WHERE {where}",
                                                     params)}, key=programme_rank)
    out = []
    for prog in programmes:
        scope, args = batch_scope(prog, region)
        base = f"FROM projects p JOIN batches b ON b.id = p.batch_id WHERE {scope}"
        total, with_fact = conn.execute(
            f"SELECT count(*), coalesce(sum(p.status IS NOT NULL OR {_step(LIFECYCLE_KINDS)}), 0) {base}",
            args).fetchone()
        statuses = {s: n for s, n in conn.execute(f"SELECT p.status, count(*) {base} AND p.status IS NOT NULL "
                                                  "GROUP BY p.status", args)}
        steps = {k: conn.execute(f"SELECT count(*) {base} AND {_step((k,))}", args).fetchone()[0]
                 for k in LIFECYCLE_KINDS}
        out.append(agg.LifecycleCoverage(
            programme=prog, projects=total, with_lifecycle_fact=with_fact,
            share=round(with_fact / total, 3) if total else None,
            statuses={s: statuses[s] for s in STATUSES if s in statuses},
            steps={k: n for k, n in steps.items() if n}, stated=_stated(conn, prog, region)))
    return out


def _stated(conn: sqlite3.Connection, programme: str, region: str | None) -> list[agg.StatedLifecycleCount]:
    rows = conn.execute("SELECT id, date, measure, scope, count, source_id, note FROM tallies "
                        "WHERE programme = ? AND measure != 'applications' ORDER BY date, id", (programme,)).fetchall()
    refs = source_refs(conn, [r[5] for r in rows])
    out = []
    for tally_id, date, measure, scope, count, source_id, note in rows:
        split = dict(conn.execute("SELECT region, count FROM tally_regions WHERE tally_id = ? ORDER BY region",
                                  (tally_id,)).fetchall())
        regional = bool(split) and sum(split.values()) == count
        if region is not None and regional and region not in split:
            continue
        out.append(agg.StatedLifecycleCount(
            date=date, programme=programme, measure=measure, scope=scope, stated=count,
            recorded=_recorded(conn, programme, measure, date, list(split) if regional else None),
            regions={r: [n, _recorded(conn, programme, measure, date, [r])] for r, n in split.items()},
            source=refs[source_id], note=note))
    return out
