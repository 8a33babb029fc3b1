"""Lifecycle completeness: `coverage` counts the projects with any recorded fact about what became of them and sets
the counts the sources state beside what is recorded; CCB's carbon-ledger project has its start of testing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sandboxcli.dbbuild.__main__ import main as build_main

from .conftest import ROOT

SOURCES = ROOT / "data" / "sources"
LIFECYCLE = ("service-launched", "completed-testing", "exited")


def _projects(programme: str) -> list[tuple[dict, dict]]:
    """(batch, project) pairs of one programme, read straight from the YAML."""
    out = []
    for path in sorted((SOURCES / programme).glob("*.yaml")):
        for batch in yaml.safe_load(path.read_text(encoding="utf-8"))["batches"]:
            out += [(batch, p) for p in batch.get("projects") or []]
    return out


def _kinds(batch: dict, project: dict, until: str = "9999") -> set[str]:
    events = [*(batch.get("events") or []), *(project.get("events") or [])]
    return {e["kind"] for e in events if str(e["date"]) <= until}


def _pboc(real) -> dict:
    doc = json.loads(real("coverage", "--json").stdout)
    return next(x for x in doc["lifecycle"] if x["programme"] == "pboc-regulatory-pilot")


def test_projects_with_a_lifecycle_fact_match_a_reading_of_the_yaml(real) -> None:
    """A status, or a launch, completion or exit event of the project or its batch, counts; nothing else does."""
    pairs = _projects("pboc-regulatory-pilot")
    expected = sum(1 for b, p in pairs if p.get("status") or _kinds(b, p) & set(LIFECYCLE))
    pboc = _pboc(real)
    assert pboc["projects"] == len(pairs)
    assert pboc["with_lifecycle_fact"] == expected
    assert pboc["statuses"]["completed-testing"] == sum(1 for _, p in pairs if p.get("status") == "completed-testing")


def test_stated_lifecycle_counts_are_set_beside_the_recorded_ones(real) -> None:
    """The first four completions (Beijing 3, Shenzhen 1) are all recorded; of 177 stated by mid-2025 only those."""
    stated = {(s["date"], s["measure"]): s for s in _pboc(real)["stated"]}
    first = stated[("2021-09-28", "completed-testing")]
    assert (first["stated"], first["recorded"]) == (4, 4)
    assert first["regions"] == {"beijing": [3, 3], "shenzhen": [1, 1]}
    later = stated[("2025-06-18", "completed-testing")]
    recorded = sum(1 for b, p in _projects("pboc-regulatory-pilot")
                   if "completed-testing" in _kinds(b, p, "2025-06-18"))
    assert (later["stated"], later["recorded"]) == (177, recorded)
    assert later["source"]["url"] == "https://www.nfrm.org.cn/col47/88"


def test_the_lifecycle_tables_read_in_both_languages(real) -> None:
    en = real("coverage", env={"COLUMNS": "100"}).stdout
    assert "Lifecycle counts the sources state" in en and "https://www.nfrm.org.cn/col47/88" in en
    zh = real("coverage", "--lang", "zh", env={"COLUMNS": "100"}).stdout
    assert "来源所述的生命周期数量" in zh and "有记录" in zh


def test_ccb_carbon_ledger_project_has_its_start_of_testing(real) -> None:
    """China Banking News (2022-09-08): CCB formally began testing project 19 on 7 September 2022."""
    doc = json.loads(real("project", "19", "--json").stdout)["results"][0]
    assert "碳账本" in doc["name_zh"]
    assert doc["status"] == "in-testing"
    assert {(e["date"], e["kind"], e["source"]["id"]) for e in doc["events"]} >= {
        ("2022-09-07", "service-launched", "chinabankingnews-2022-09-08")}


def test_a_bad_measure_is_reported_at_its_line(fixture_sources: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A tally counting something the vocabulary does not know is refused with its file and line."""
    (fixture_sources / "tallies.yaml").write_text(
        "tallies:\n- {date: 2021-01, programme: pboc-regulatory-pilot, measure: graduated, scope: x, count: 1, "
        "exact: true, source: src-a}\n", encoding="utf-8")
    assert build_main(["--sources", str(fixture_sources), "--output", str(tmp_path / "x.db")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert (f"{fixture_sources.as_posix()}/tallies.yaml:2: 'measure' is 'graduated'; expected one of applications, "
            "service-launched, completed-testing, exited") in err


def _lifecycle(real, *args: str) -> list[dict]:
    return json.loads(real("coverage", *args, "--json").stdout)["lifecycle"]


def _expected(programme: str, region: str | None = None) -> tuple[int, int]:
    """(projects, projects with a lifecycle fact) of one programme, in one region if given, read from the YAML."""
    pairs = []
    for path in sorted((SOURCES / programme).glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if region in (None, doc["region"]):
            pairs += [(b, p) for b in doc["batches"] for p in b.get("projects") or []]
    return len(pairs), sum(1 for b, p in pairs if p.get("status") or _kinds(b, p) & set(LIFECYCLE))


def test_lifecycle_summaries_per_programme_in_programme_order(real) -> None:
    """One summary per programme, in programmes.yaml's order, each share the part with a fact to three places; the
    2025 count keeps the note tallies.yaml gives it."""
    summaries = _lifecycle(real)
    assert [s["programme"] for s in summaries] == [
        "pboc-regulatory-pilot", "csrc-capital-market-pilot", "pboc-application-pilot"]
    for s in summaries:
        total, with_fact = _expected(s["programme"])
        assert (s["projects"], s["with_lifecycle_fact"], s["share"]) == (total, with_fact, round(with_fact / total, 3))
    tallies = yaml.safe_load((SOURCES / "tallies.yaml").read_text(encoding="utf-8"))["tallies"]
    (note,) = [t["note"] for t in tallies if t.get("measure") == "completed-testing" and str(t["date"]) == "2025-06-18"]
    assert summaries[0]["stated"][-1]["note"] == note
    assert {c["programme"] for c in summaries[0]["stated"]} == {"pboc-regulatory-pilot"}
    assert [s["stated"] for s in summaries[1:]] == [[], []]  # tallies.yaml states no lifecycle count for them
    only = _lifecycle(real, "--programme", "application")
    assert [s["programme"] for s in only] == ["pboc-application-pilot"]


def test_a_city_narrows_the_summaries_and_keeps_the_counts_that_cover_it(real) -> None:
    """--city counts that city's projects only, lists only the programmes that ran there, and keeps a stated count
    split by region only when the city is one of its regions: the 2021-09-28 count covers Beijing and Shenzhen, the
    2025-06-18 count is nationwide (tallies.yaml), and is set against every recorded completion."""
    guangzhou = _lifecycle(real, "--city", "guangzhou")
    assert [s["programme"] for s in guangzhou] == ["pboc-regulatory-pilot", "csrc-capital-market-pilot"]
    pboc = guangzhou[0]
    total, with_fact = _expected("pboc-regulatory-pilot", "guangzhou")
    assert (pboc["projects"], pboc["with_lifecycle_fact"], pboc["share"]) == (total, with_fact,
                                                                              round(with_fact / total, 3))
    assert [(s["date"], s["stated"]) for s in pboc["stated"]] == [("2025-06-18", 177)]
    completed = sum(1 for b, p in _projects("pboc-regulatory-pilot")
                    if "completed-testing" in _kinds(b, p, "2025-06-18"))
    assert pboc["stated"][0]["recorded"] == completed
    # Guangzhou's two CSRC batches name no project: no share.
    assert (guangzhou[1]["projects"], guangzhou[1]["share"]) == (0, None)
    beijing = _lifecycle(real, "--city", "beijing")[0]
    assert [(s["date"], s["stated"], s["regions"]) for s in beijing["stated"]] == [
        ("2021-09-28", 4, {"beijing": [3, 3], "shenzhen": [1, 1]}), ("2025-06-18", 177, {})]
