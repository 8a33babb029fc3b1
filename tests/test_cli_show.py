"""`sandbox show`: one batch, or a region's batches, on the real database and on the fixture database."""

from __future__ import annotations

import json

import pytest

from .conftest import snapshot


def test_show_guangzhou_2_json_on_real_data(real) -> None:
    """The seed batch: four projects, CMB's Guangzhou branch among the applicants, every project with a source."""
    result = real("show", "guangzhou", "2", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["command"] == "show"
    assert doc["query"]["programme"] == "pboc-regulatory-pilot"
    assert doc["batch"]["announced"] == "2021-06-04"
    assert (doc["batch"]["announced_count"], doc["batch"]["known_count"]) == (4, 4)
    assert doc["count"] == 4
    cmb = [a for p in doc["results"] for a in p["applicants"] if a["entity_id"] == "cmb"]
    assert cmb == [{"entity_id": "cmb", "name_en": "China Merchants Bank", "name_zh": "招商银行", "kind": "bank",
                    "branch": "Guangzhou branch (广州分行)", "as_written": None}]
    assert all(p["source"]["url"].startswith("http") for p in doc["results"])


def test_show_prefers_the_pboc_sandbox_and_programme_picks_csrc(real) -> None:
    """Guangzhou has PBOC and CSRC batches numbered 2: --programme chooses."""
    pboc = json.loads(real("show", "guangzhou", "2", "--json").stdout)
    csrc = json.loads(real("show", "guangzhou", "2", "--programme", "csrc", "--json").stdout)
    assert pboc["batch"]["programme"] == "pboc-regulatory-pilot"
    assert csrc["batch"]["programme"] == "csrc-capital-market-pilot"
    assert csrc["count"] == 0 and csrc["batch"]["announced_count"] is None


def test_incomplete_batch_says_so_in_the_table(real) -> None:
    """A batch whose projects are not all known says "5 announced, 1 known" plainly."""
    result = real("show", "beijing", "3")
    assert result.exit_code == 0
    assert "5* announced, 1 known" in result.stdout
    assert "incomplete" in result.stdout
    assert "derived" in result.stdout


@pytest.mark.parametrize("city", ["guangzhou", "Guangzhou", "GUANGZHOU", "广州", "广州市", " guang zhou "])
def test_city_spellings_resolve(real, city: str) -> None:
    result = real("show", city, "2", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["query"]["region"] == "guangzhou"


@pytest.mark.parametrize("city", ["xiongan", "Xiong'an", "xiong-an", "Xiong’an New Area", "雄安", "雄安新区",
                                  "XIONGAN"])
def test_xiongan_spellings_resolve(real, city: str) -> None:
    result = real("show", city, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["query"]["region"] == "xiongan"


def test_show_region_lists_batches(real) -> None:
    doc = json.loads(real("show", "beijing", "--json").stdout)
    keys = [(b["programme"], b["key"]) for b in doc["results"]]
    assert keys[:4] == [("pboc-regulatory-pilot", k) for k in ("1", "2", "3", "4")]
    assert ("csrc-capital-market-pilot", "1") in keys


def test_show_json_snapshot_on_fixture(fixture) -> None:
    """The documented JSON shape, byte for byte."""
    result = fixture("show", "guangzhou", "2", "--json")
    assert result.exit_code == 0
    snapshot("show_guangzhou_2.json", result.stdout)


def test_show_csv_snapshot_on_fixture(fixture) -> None:
    result = fixture("show", "guangzhou", "2", "--format", "csv")
    assert result.exit_code == 0
    snapshot("show_guangzhou_2.csv", result.stdout)


def test_show_ndjson_is_one_project_per_line(fixture) -> None:
    lines = fixture("show", "guangzhou", "2", "-f", "ndjson").stdout.splitlines()
    assert [json.loads(x)["position"] for x in lines] == [1, 2]


def test_show_table_snapshot_at_fixed_width(fixture) -> None:
    """The table at 100 columns, no colour codes when not a terminal, CJK aligned, names wrapped not cut."""
    result = fixture("show", "guangzhou", "1", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "…" not in result.stdout
    snapshot("show_guangzhou_1.txt", result.stdout)


def test_unknown_batch_lists_the_batches_there_are(fixture) -> None:
    result = fixture("show", "guangzhou", "9")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: Guangzhou has no batch '9'; its batches: 1, 2"


def test_unknown_city_suggests(fixture) -> None:
    result = fixture("show", "guangzou")
    assert result.exit_code == 1
    assert result.stdout == ""
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith("error: unknown city or region 'guangzou'; did you mean 'guangzhou'")


def test_unnumbered_batch_by_key(fixture) -> None:
    doc = json.loads(fixture("show", "xiongan", "latest", "--json").stdout)
    assert doc["batch"]["key"] == "latest" and doc["batch"]["number"] is None and doc["count"] == 0


@pytest.mark.parametrize("batch", ["2", "batch 2", "Batch-2", "#2", "第二批", "第2批"])
def test_batch_spellings(fixture, batch: str) -> None:
    doc = json.loads(fixture("show", "guangzhou", batch, "--json").stdout)
    assert doc["batch"]["key"] == "2"


def test_first_batch_in_chinese(fixture) -> None:
    assert json.loads(fixture("show", "广州", "首批", "--json").stdout)["batch"]["key"] == "1"
