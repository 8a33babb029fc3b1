"""Web publishing: data/metadata.json describes every table and column, and Datasette (an optional extra) serves
the bundled database with it."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from .conftest import REAL_DB, ROOT

METADATA = ROOT / "data" / "metadata.json"


def test_metadata_describes_every_table_and_column() -> None:
    """A schema change without a description here fails, so the published site never drifts from the data."""
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    described = meta["databases"]["sandbox"]["tables"]
    conn = sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'project_search_fts%'")]
    for table in tables:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")}
        assert table in described, f"{table} has no description in data/metadata.json"
        assert set(described[table]["columns"]) == columns, table
        assert all(described[table]["columns"].values()), table
    conn.close()
    assert meta["license"] == "CC BY 4.0"


def test_datasette_serves_the_database_with_its_metadata() -> None:
    datasette_app = pytest.importorskip("datasette.app")

    async def fetch() -> tuple[dict, dict, dict]:
        ds = datasette_app.Datasette([str(REAL_DB)], metadata=json.loads(METADATA.read_text(encoding="utf-8")))
        batches = (await ds.client.get("/sandbox/batches.json?_shape=objects&region=guangzhou&key=2"
                                       "&programme=pboc-regulatory-pilot")).json()
        search = (await ds.client.get("/sandbox/project_search.json?_search=供应链&_shape=objects")).json()
        canned = (await ds.client.get("/sandbox/search.json?q=区块链&_shape=objects")).json()
        return batches, search, canned

    batches, search, canned = asyncio.run(fetch())
    assert [r["announced"] for r in batches["rows"]] == ["2021-06-04"]
    assert len(search["rows"]) >= 5
    assert len(canned["rows"]) >= 10
