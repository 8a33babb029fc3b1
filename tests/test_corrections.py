"""The audit's corrections: one application listed in several regions counts once, bylines are authors and never
publishers, a batch keeps no commentary in its fields, and Sichuan's third batch keeps both reported dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sandboxcli.dbbuild.__main__ import main as build_main

from .conftest import ROOT

SOURCES = ROOT / "data" / "sources"


def _listings(programme: str) -> list[dict]:
    out = []
    for path in sorted((SOURCES / programme).glob("*.yaml")):
        for batch in yaml.safe_load(path.read_text(encoding="utf-8"))["batches"]:
            out += batch.get("projects") or []
    return out


def test_distinct_applications_count_a_multi_region_application_once(real) -> None:
    """UnionPay's face-payment application is listed in Beijing, Shanghai and Sichuan: one application."""
    listings = _listings("pboc-application-pilot")
    shared = [p for p in listings if p.get("application") == "unionpay-face-payment-security"]
    assert len(shared) == 3 and {p["name_zh"] for p in shared} == {"人脸识别线下支付安全应用"}
    distinct = len({p.get("application") or id(p) for p in listings})
    totals = {t["programme"]: t for t in json.loads(real("coverage", "--json").stdout)["totals"]}
    app = totals["pboc-application-pilot"]
    assert (app["known"], app["distinct_applications"]) == (len(listings), distinct) == (12, 10)
    assert "the 12 known listings are 10 distinct applications" in real("coverage", env={"COLUMNS": "100"}).stdout


def test_an_application_key_on_one_listing_is_refused(fixture_sources: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A key that joins nothing is a typo: reported at its line."""
    path = fixture_sources / "pboc-regulatory-pilot" / "guangzhou.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    source: src-b\n"
    assert old in text
    path.write_text(text.replace(old, old + "    application: lonely-key\n", 1), encoding="utf-8")
    assert build_main(["--sources", str(fixture_sources), "--output", str(tmp_path / "x.db")]) == 1
    err = capsys.readouterr().err
    assert "application 'lonely-key' has one listing" in err and "guangzhou.yaml:" in err


def test_bylines_are_authors_never_publishers() -> None:
    """A signed article's author (or the author's employer) is not recorded as the page's publisher."""
    sources = {s["id"]: s for s in yaml.safe_load((SOURCES / "sources.yaml").read_text(encoding="utf-8"))["sources"]}
    for sid in ("wxredian-998c4d48", "5er-109454", "360doc-59033730", "43b-455336"):
        assert sources[sid]["author"] and sources[sid]["publisher"] is None, sid
    assert all(s.get("publisher") != s.get("author") for s in sources.values() if s.get("author"))


def test_batch_fields_hold_facts_and_a_dated_key_replaces_latest(real) -> None:
    """Chongqing 6's regulator is a name, not commentary; Beijing's 'latest batch' is known by its month."""
    cq = json.loads(real("show", "chongqing", "6", "--json").stdout)["batch"]
    assert cq["regulator"] == "PBOC (中国人民银行)"
    assert any("央行公示" in n for n in cq["notes"])
    bj = {b["key"]: b for b in json.loads(real("show", "beijing", "--json").stdout)["results"]}
    assert bj["2023-11"]["label"] is None
    assert all("最新" not in (b["label"] or "") for b in bj.values())


def test_sichuan_third_batch_records_both_reported_dates(real) -> None:
    """金融时报's copy (2021-10-14) is the announcement; 每经's 2022-01-29 notice is an event of the batch."""
    doc = json.loads(real("show", "chengdu", "3", "--json").stdout)
    assert doc["batch"]["announced"] == "2021-10-14"
    assert ("2022-01-29", "japandaiwa-2111555") in {(e["date"], e["source"]["id"]) for e in doc["batch"]["events"]}


def test_each_application_pilot_has_one_start_date_with_its_citation() -> None:
    """December 2018 (the joint notice, dcits-1) for every application pilot; the other dates live in a note."""
    for path in sorted((SOURCES / "pboc-application-pilot").glob("*.yaml")):
        batch = yaml.safe_load(path.read_text(encoding="utf-8"))["batches"][0]
        assert str(batch["announced"]) == "2018-12" and "dcits-1" in batch["sources"], path.name
        assert any("December 2018" in n and "October 2019" in n for n in batch["notes"]), path.name
        approvals = [e for e in batch.get("events") or [] if str(e["date"]) in ("2019-10", "2019-12")
                     and "approved" in (e.get("note") or "")]
        assert approvals == [], path.name


def test_no_regulator_field_holds_a_remark() -> None:
    """Remarks about what a source does not say belong in notes, never in the regulator field."""
    for path in sorted(SOURCES.glob("*/*.yaml")):
        for batch in yaml.safe_load(path.read_text(encoding="utf-8"))["batches"]:
            regulator = batch.get("regulator") or ""
            assert not any(w in regulator for w in ("not named", "headline", "excerpt", "guidance")), (path.name,
                                                                                                      regulator)


def test_every_english_name_says_where_it_comes_from(real) -> None:
    """Translations are ours; every other English name is an official or press rendering with the page it is from."""
    for programme in ("pboc-regulatory-pilot", "csrc-capital-market-pilot", "pboc-application-pilot"):
        for p in _listings(programme):
            if p.get("name_en") and not p.get("name_en_translated"):
                assert p.get("name_en_from") in ("official", "press") and p.get("name_en_source"), p["name_en"]
    doc = json.loads(real("project", "27", "--json").stdout)["results"][0]
    assert (doc["name_en_from"], doc["name_en_source"]["id"]) == ("press", "chinabankingnews-2022-01-31")
    assert json.loads(real("project", "12", "--json").stdout)["results"][0]["name_en_from"] == "translation"
    assert "English name  an English report's rendering [1]" in real("project", "27", env={"COLUMNS": "80"}).stdout


def test_an_untraced_english_name_is_refused(fixture_sources: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = fixture_sources / "pboc-regulatory-pilot" / "guangzhou.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    name_en_from: press\n    name_en_source: src-a\n" in text
    path.write_text(text.replace("    name_en_from: press\n    name_en_source: src-a\n", "", 1), encoding="utf-8")
    assert build_main(["--sources", str(fixture_sources), "--output", str(tmp_path / "x.db")]) == 1
    assert "needs name_en_from (official or press) and name_en_source" in capsys.readouterr().err
