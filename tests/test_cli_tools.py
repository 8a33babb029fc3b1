"""timeline, stats, applicant, export and sql."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import snapshot


def test_timeline_by_year_json_snapshot(fixture) -> None:
    snapshot("timeline_year.json", fixture("timeline", "--json").stdout)


def test_timeline_by_month_counts_batches(fixture) -> None:
    doc = json.loads(fixture("timeline", "--by", "month", "--json").stdout)
    assert [(p["period"], p["programme"], p["batches"], p["announced_count"], p["known"]) for p in doc["results"]] == [
        ("2020-08", "pboc-regulatory-pilot", 2, 5, 2),
        ("2021-06", "pboc-regulatory-pilot", 1, 2, 2),
        ("2023-09", "csrc-capital-market-pilot", 1, 1, 1),
    ]


def test_timeline_chart_draws_bars(fixture) -> None:
    out = fixture("timeline").stdout
    assert "█" in out and "░" in out and "2020" in out


def test_timeline_rejects_other_periods(fixture) -> None:
    result = fixture("timeline", "--by", "week")
    assert result.exit_code == 2 and "unknown grouping 'week'; choose month, year" in result.stderr


def test_stats_counts(fixture) -> None:
    doc = json.loads(fixture("stats", "--json").stdout)
    by = {(s["dimension"], s["key"]): s["count"] for s in doc["results"]}
    assert by[("programme", "pboc-regulatory-pilot")] == 4
    assert by[("technology", "blockchain")] == 3
    assert by[("institution-kind", "bank")] == 5
    assert by[("institution-kind", "technology-company")] == 1
    assert by[("applicant", "cmb")] == 2


def test_stats_real_data_banks_dominate(real) -> None:
    doc = json.loads(real("stats", "--programme", "pboc", "--json").stdout)
    bank = next(s for s in doc["results"] if s["dimension"] == "institution-kind" and s["key"] == "bank")
    assert bank["share"] > 0.8


@pytest.mark.parametrize("name", ["CMB", "招商银行", "china merchants"])
def test_applicant_profile(real, name: str) -> None:
    doc = json.loads(real("applicant", name, "--json").stdout)
    [profile] = doc["results"]
    assert profile["entity_id"] == "cmb" and set(profile["regions"]) == {"guangzhou", "shenzhen"}
    assert "CMB" in profile["aliases"]
    assert {"china-electronic-port", "zhongke-huizhi"} <= {c["key"] for c in profile["co_applicants"]}


def test_applicant_miss_suggests(real) -> None:
    result = real("applicant", "Zhaoshang Bank of Atlantis")
    assert result.exit_code == 1 and result.stderr.startswith("error: no institution matches")


def test_export_all_tables_with_bom(fixture, tmp_path: Path) -> None:
    result = fixture("export", "--out", str(tmp_path), "--bom")
    assert result.exit_code == 0, result.stderr
    projects = (tmp_path / "projects.csv").read_bytes()
    assert projects.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(projects.decode("utf-8-sig"))))
    assert len(rows) == 5 and rows[0]["name_zh"] == "雄安区块链平台"
    assert {p.name for p in tmp_path.iterdir()} >= {"projects.csv", "batches.csv", "applicants.csv",
                                                      "institutions.csv", "events.csv", "sources.csv"}


def test_export_one_table_to_stdout_as_ndjson(fixture) -> None:
    lines = fixture("export", "--table", "institutions", "--format", "ndjson").stdout.splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["abc", "acme-tech", "boc", "cmb"]


def test_export_csv_snapshot(fixture) -> None:
    snapshot("export_projects.csv", fixture("export", "--table", "projects").stdout)


@pytest.mark.parametrize(("args", "message"), [
    ((), "error: say which table to print"),
    (("--table", "nope"), "error: unknown table 'nope'"),
    (("--table", "projects", "--format", "xml"), "error: unknown format 'xml'"),
    (("--table", "projects", "--format", "json", "--bom"), "error: --bom applies to CSV only"),
])
def test_export_usage_errors(fixture, args, message: str) -> None:
    result = fixture("export", *args)
    assert result.exit_code == 2 and result.stderr.startswith(message)


def test_sql_reads(fixture) -> None:
    doc = json.loads(fixture("sql", "select slug, name_en from regions order by slug", "--json").stdout)
    assert doc["results"][0] == {"slug": "guangzhou", "name_en": "Guangzhou"}
    assert doc["columns"] == ["slug", "name_en"]


def test_sql_csv(fixture) -> None:
    out = fixture("sql", "select count(*) as n from projects", "-f", "csv").stdout
    assert out == "n\n5\n"


@pytest.mark.parametrize("statement", ["delete from projects", "drop table projects", "update regions set slug = 'x'",
                                       "insert into regions values ('x','x','x','city','x','x')",
                                       "attach database '/tmp/x.db' as x", "pragma writable_schema = 1",
                                       "create table t(x)"])
def test_sql_refuses_writes(fixture, fixture_db: Path, statement: str) -> None:
    before = fixture_db.read_bytes()
    result = fixture("sql", statement)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: only read-only statements are allowed")
    assert fixture_db.read_bytes() == before


def test_sql_time_limit(fixture) -> None:
    result = fixture("sql", "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c",
                     "--timeout", "0.2")
    assert result.exit_code == 2 and "stopped after 0.2 s" in result.stderr


@pytest.mark.parametrize("statement", ["select * from nowhere", "select 1; select 2", "", "selec 1"])
def test_sql_errors_are_one_line(fixture, statement: str) -> None:
    result = fixture("sql", statement)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_export_json_flag(fixture) -> None:
    doc = json.loads(fixture("export", "--table", "regions", "--json").stdout)
    assert (doc["command"], doc["query"], doc["count"]) == ("export", {"table": "regions"}, 3)
    assert [r["id"] for r in doc["results"]] == ["guangzhou", "shenzhen", "xiongan"]
    assert fixture("export", "--table", "regions", "--json", "-f", "csv").exit_code == 2
