"""Issue 19, part 2: counts of different programmes are never added together, batches known only by their number
are first-class, and counts that look contradictory ("8 +?" announced, 10 known) are explained on screen and in JSON.

Expected values are read off the YAML by hand (data/sources/pboc-regulatory-pilot/chongqing.yaml has batches 1, 2
and 6 and two unnumbered ones; gansu.yaml 1 and 3; liaoning.yaml only 2; shenzhen.yaml 1 and 2 of 4 applications
each, plus two unnumbered batches of unknown size with one project each), or by a separate simple reading of it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import yaml

from .conftest import REAL_DB, REAL_SOURCES

PBOC = "pboc-regulatory-pilot"


def _json(result) -> dict:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _gaps_read_from_yaml(sources: Path) -> set[tuple[str, str, int]]:
    """A plain reading of the batch files: every number below a series' highest that no batch has."""
    gaps = set()
    for path in sources.glob("*/*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or "batches" not in doc:
            continue
        numbers = {b["number"] for b in doc["batches"] if b.get("number") is not None}
        gaps |= {(doc["programme"], doc["region"], n) for n in range(1, max(numbers, default=0)) if n not in numbers}
    return gaps


def test_missing_batches_table_holds_every_gap_in_the_numbering() -> None:
    conn = sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True)
    rows = conn.execute("SELECT m.programme, m.region, m.number, m.evidence, b.key, m.source_id = b.source_id "
                        "FROM missing_batches m JOIN batches b ON b.id = m.implied_by").fetchall()
    conn.close()
    assert {(r[0], r[1], r[2]) for r in rows} == _gaps_read_from_yaml(REAL_SOURCES)
    implied = {(r[1], r[2]): r[4] for r in rows}
    assert implied == {("chongqing", 3): "6", ("chongqing", 4): "6", ("chongqing", 5): "6", ("gansu", 2): "3",
                       ("liaoning", 1): "2"}
    assert all(r[3] == "numbering" and r[5] for r in rows)


def test_show_region_lists_missing_batches_in_their_place(real) -> None:
    doc = _json(real("show", "chongqing", "--programme", "pboc", "--json"))
    assert [(b["key"], b["listed"]) for b in doc["results"]] == [
        ("1", True), ("2", True), ("3", False), ("4", False), ("5", False), ("6", True), ("2025-listing", True),
        ("undated-new-batch", True)]
    table = real("show", "chongqing", env={"COLUMNS": "120"}).stdout
    assert "by number only (batch 6 exists)" in table
    assert "By number only: a later batch's number implies it" in table


@pytest.mark.parametrize(("city", "batch", "implied_by"), [("chongqing", "3", "6"), ("重庆", "第五批", "6"),
                                                          ("gansu", "2", "3"), ("liaoning", "1", "2")])
def test_a_batch_known_by_number_says_what_is_known(real, city: str, batch: str, implied_by: str) -> None:
    doc = _json(real("show", city, batch, "--json"))
    b = doc["batch"]
    assert (b["listed"], b["evidence"], b["implied_by"]) == (False, "numbering", implied_by)
    assert (b["announced"], b["announced_count"], b["known_count"], doc["count"]) == (None, None, 0, 0)
    table = real("show", city, batch, env={"COLUMNS": "80"})
    assert table.exit_code == 0
    text = " ".join(table.stdout.split())
    assert f"exists by numbering: batch {implied_by} exists" in text
    assert "its date, regulator and size are unknown" in text


def test_a_batch_beyond_the_last_number_is_still_not_found(real) -> None:
    result = real("show", "chongqing", "7")
    assert result.exit_code == 1
    assert "its batches: 1, 2, 3, 4, 5, 6," in result.stderr


def test_list_cities_counts_missing_batches_and_unsized_ones(real) -> None:
    doc = _json(real("list-cities", "--programme", "pboc", "--json"))
    figures = {r["region"]: r["programmes"][0] for r in doc["results"]}
    # batches 1, 2, 6, 2025-listing, undated-new-batch + 3, 4, 5; sizes 5 and 6 given; 5+3+3+1+1 known
    assert {k: figures["chongqing"][k] for k in ("batches", "batches_missing", "announced_count",
                                                  "announced_unknown_batches", "known",
                                                  "known_in_unsized_batches")} == {
        "batches": 8, "batches_missing": 3, "announced_count": 11, "announced_unknown_batches": 6, "known": 13,
        "known_in_unsized_batches": 5}
    shenzhen = figures["shenzhen"]
    assert (shenzhen["announced_count"], shenzhen["announced_unknown_batches"], shenzhen["known"],
            shenzhen["known_in_unsized_batches"]) == (8, 2, 10, 2)
    assert (figures["liaoning"]["batches"], figures["liaoning"]["batches_missing"]) == (2, 1)
    table = real("list-cities", "--programme", "pboc", env={"COLUMNS": "80"}).stdout
    assert "8 (3)" in table and "11 +?" in table
    assert "Batches N (n): n known only by number" in table
    assert "+?: plus batches whose size no source gives" in table
    assert "Known > Announced: batches of unknown size still have named applications." in table


def test_legends_appear_only_for_marks_shown(real) -> None:
    out = real("list-cities", "--programme", "csrc", env={"COLUMNS": "80"}).stdout
    assert "+?" in out and "Batches N (n)" not in out and "Known > Announced" not in out


def test_compare_gives_each_programme_separately(real) -> None:
    doc = _json(real("compare", "beijing", "shanghai", "--json"))
    assert [p["programme"] for p in doc["programmes"]] == [PBOC, "csrc-capital-market-pilot",
                                                           "pboc-application-pilot"]
    beijing = doc["results"][0]
    assert set(beijing) == {"region", "name_en", "name_zh", "programmes"}, "no figure may sum programmes"
    pboc = beijing["programmes"][0]
    # beijing.yaml: batches 1-4 and 2023-11 of 6, 11, 5 (derived), 1 and 1 applications; 6+11+1+1+1 named
    assert (pboc["programme"], pboc["batches"], pboc["announced_count"], pboc["known"]) == (PBOC, 5, 24, 20)
    assert pboc["first_date"] == "2020-01-14"
    categories = pboc["financial_service"] + pboc["technology_product"] + pboc["category_unknown"]
    assert categories == pboc["known"]
    shanghai_pboc = doc["results"][1]["programmes"][0]
    assert (shanghai_pboc["batches"], shanghai_pboc["announced_count"], shanghai_pboc["known"]) == (3, 16, 16)
    assert shanghai_pboc["top_technologies"][0]["key"] == "blockchain"


def test_compare_one_programme_and_regions_without_it(real) -> None:
    doc = _json(real("compare", "shanghai", "chongqing", "--programme", "csrc", "--json"))
    assert [p["programme"] for p in doc["programmes"]] == ["csrc-capital-market-pilot"]
    assert [len(r["programmes"]) for r in doc["results"]] == [1, 0]
    table = real("compare", "shanghai", "chongqing", "--programme", "csrc", env={"COLUMNS": "80"}).stdout
    assert "CSRC capital-market fintech innovation pilot" in table
    assert "PBOC fintech" not in table
    assert [line.split() for line in table.splitlines() if line.startswith("Batches")] == [["Batches", "1", "—"]]


def test_compare_table_has_one_section_per_programme_in_both_languages(real) -> None:
    for lang, titles in (("en", ["PBOC fintech innovation regulatory pilot", "CSRC capital-market fintech",
                                 "PBOC fintech application pilot"]),
                         ("zh", ["金融科技创新监管试点", "资本市场金融科技创新试点", "金融科技应用试点"])):
        for width in ("60", "80", "120"):
            out = real("compare", "shenzhen", "chongqing", "--lang", lang, env={"COLUMNS": width}).stdout
            positions = [out.find(t) for t in titles]
            assert -1 not in positions and positions == sorted(positions), (lang, width)
            assert max(len(line) for line in out.splitlines()) <= int(width)
    zh = real("compare", "shenzhen", "chongqing", "--lang", "zh", env={"COLUMNS": "80"}).stdout
    assert "8 (3)" not in zh and "8（3）" in zh
    assert "已知多于公示" in zh


def test_coverage_totals_account_for_missing_batches(real) -> None:
    doc = _json(real("coverage", "--json"))
    pboc = next(t for t in doc["totals"] if t["programme"] == PBOC)
    assert pboc["batches_missing"] == 5
    assert pboc["announced_count"] == pboc["known_in_batches_of_known_size"] + pboc["missing"]
    assert pboc["known"] == pboc["known_in_batches_of_known_size"] + pboc["known_in_unsized_batches"]
    gaps = [(r["region"], r["batch_key"]) for r in doc["results"] if not r["listed"]]
    assert sorted(gaps) == [("chongqing", "3"), ("chongqing", "4"), ("chongqing", "5"), ("gansu", "2"),
                            ("liaoning", "1")]
    assert sum(1 for r in doc["results"] if r["programme"] == PBOC) == pboc["batches"]
    table = real("coverage", "--programme", "pboc", env={"COLUMNS": "120"}).stdout
    line = " ".join(table.split())
    expected = (f"sandbox: Announced {pboc['announced_count']} = Known {pboc['known_in_batches_of_known_size']} "
                f"+ Missing "
                f"{pboc['missing']} (batches of given size); Known {pboc['known']} = "
                f"{pboc['known_in_batches_of_known_size']} + {pboc['known_in_unsized_batches']} in "
                f"{pboc['batches_of_unknown_size']} batches of unknown size (5 known only by number).")
    assert expected in line


def test_compare_csv_has_one_row_per_region_and_programme(real) -> None:
    import csv
    import io

    result = real("compare", "beijing", "chongqing", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # beijing: sandbox, CSRC and app pilot; chongqing: sandbox and app pilot
    assert [(r["region"], r["programme"]) for r in rows] == [
        ("beijing", PBOC), ("beijing", "csrc-capital-market-pilot"), ("beijing", "pboc-application-pilot"),
        ("chongqing", PBOC), ("chongqing", "pboc-application-pilot")]
    assert (rows[3]["batches"], rows[3]["batches_missing"]) == ("8", "3")
