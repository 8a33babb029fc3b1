"""`sandbox coverage`: how complete the data is, per programme and batch."""

from __future__ import annotations

import json

from .conftest import snapshot


def test_coverage_totals_on_real_data(real) -> None:
    doc = json.loads(real("coverage", "--json").stdout)
    totals = {t["programme"]: t for t in doc["totals"]}
    pboc = totals["pboc-regulatory-pilot"]
    # Counted from data/sources/pboc-regulatory-pilot/*.yaml (the batch counts are left to the question bank: batches
    # known only by their number join them this round): missing = Beijing 3 (4) + Chengdu 1 (3) + Chongqing 2 (3)
    # + Guangzhou 1 (3) + Hebei 2024-01 (5) + Jiangsu AI theme (5) + Liaoning 2 (1) + Suzhou 1 (3) + Xiong'an 1 (3).
    assert {k: pboc[k] for k in ("announced_count", "known", "missing")} == {
        "announced_count": 122, "known": 111, "missing": 30}
    assert all(v == 1 for t in doc["totals"] for v in t["share_with_source"].values())


def test_incomplete_lists_beijing_batch_3(real) -> None:
    rows = json.loads(real("coverage", "--incomplete", "--city", "beijing", "--json").stdout)["results"]
    b3 = [r for r in rows if r["batch_key"] == "3" and r["programme"] == "pboc-regulatory-pilot"]
    assert b3 and b3[0]["announced_count"] == 5 and b3[0]["known_count"] == 1 and b3[0]["missing"] == 4
    assert all(not r["complete"] for r in rows)


def test_coverage_json_snapshot(fixture) -> None:
    snapshot("coverage.json", fixture("coverage", "--json").stdout)


def test_coverage_table(fixture) -> None:
    out = fixture("coverage").stdout
    assert "Coverage by programme" in out and "By batch" in out and "100%" in out
