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
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                         "AND name NOT LIKE 'project_search_fts%'")]
    for table in tables:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")}
        assert table in described, f"{table} has no description in data/metadata.json"
        assert set(described[table]["columns"]) == columns, table
        assert all(described[table]["columns"].values()), table
    conn.close()
    assert meta["license"] == "CC BY 4.0"


def test_datasette_serves_the_database_with_its_metadata(real) -> None:
    """The web view lists each project with its region, programme, batch and date; its search box and the canned
    search find what `sandbox search` finds."""
    datasette_app = pytest.importorskip("datasette.app")

    async def fetch(*paths: str) -> list[dict]:
        ds = datasette_app.Datasette([str(REAL_DB)], metadata=json.loads(METADATA.read_text(encoding="utf-8")))
        return [(await ds.client.get(path)).json() for path in paths]

    batches, listed, search, ai, chain = asyncio.run(fetch(
        "/sandbox/batches.json?_shape=objects&region=guangzhou&key=2&programme=pboc-regulatory-pilot",
        "/sandbox/project_list.json?_shape=objects&_size=max",
        "/sandbox/project_list.json?_search=供应链&_shape=objects",
        "/sandbox/search.json?q=AI&_shape=objects&_size=max",
        "/sandbox/search.json?q=区块链&_shape=objects&_size=max"))
    assert [r["announced"] for r in batches["rows"]] == ["2021-06-04"]
    first = listed["rows"][0]
    assert {"region", "region_name_zh", "programme", "batch", "announced", "name_zh"} <= set(first)
    assert "·" in first["batch"], "the batch says whose it is, not just 2020年第一批"

    def cli_ids(*words: str) -> set[int]:
        return {p["id"] for p in json.loads(real("search", *words, "--json").stdout)["results"]}

    assert {r["id"] for r in search["rows"]} == cli_ids("供应链")
    assert {r["id"] for r in ai["rows"]} == cli_ids("AI") and ai["rows"]
    assert {r["id"] for r in chain["rows"]} == cli_ids("区块链")
