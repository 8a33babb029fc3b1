"""The batches reconcile with the national and regional tallies the sources state (data/sources/tallies.yaml).

An exact tally must equal the announced counts of the batches announced on or before its date; an inexact one must
not be exceeded. A data edit that breaks a tally fails here, naming the tally and the figures.
"""

from __future__ import annotations

import sqlite3

import pytest

from .conftest import REAL_DB


def _conn() -> sqlite3.Connection:
    return sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True)


def _tallies() -> list[tuple]:
    conn = _conn()
    rows = conn.execute("SELECT id, date, programme, scope, count, exact FROM tallies "
                        "WHERE measure = 'applications' ORDER BY id").fetchall()
    conn.close()
    return rows


def _sum(conn: sqlite3.Connection, programme: str, date: str, regions: list[str] | None = None) -> int:
    """Announced counts of the batches announced on or before `date` (a month tally covers the whole month)."""
    sql = ("SELECT coalesce(sum(announced_count), 0) FROM batches WHERE programme = ? AND announced IS NOT NULL "
           "AND announced <= ?")
    params: list[str] = [programme, date + ("-31" if len(date) == 7 else "")]
    if regions is not None:
        sql += f" AND region IN ({','.join('?' * len(regions))})"
        params += regions
    return conn.execute(sql, params).fetchone()[0]


def test_there_are_exact_tallies_to_check() -> None:
    assert sum(1 for t in _tallies() if t[5]) >= 6


@pytest.mark.parametrize("tally", _tallies(), ids=lambda t: f"{t[1]}-{t[4]}")
def test_batches_reconcile_with_tally(tally: tuple) -> None:
    tally_id, date, programme, scope, count, exact = tally
    conn = _conn()
    listed = dict(conn.execute("SELECT region, count FROM tally_regions WHERE tally_id = ?", (tally_id,)).fetchall())
    regional = bool(listed) and sum(listed.values()) == count
    total = _sum(conn, programme, date, list(listed) if regional else None)
    if exact:
        assert total == count, f"{scope} ({date}): the batches add up to {total}, the source says {count}"
    else:
        assert total <= count, f"{scope} ({date}): the batches add up to {total}, more than the {count} stated"
    for region, stated in listed.items():
        ours = _sum(conn, programme, date, [region])
        if exact:
            assert ours == stated, f"{region} at {date}: batches add up to {ours}, the source says {stated}"
        else:
            assert ours <= stated, f"{region} at {date}: batches add up to {ours}, more than {stated}"
    conn.close()
