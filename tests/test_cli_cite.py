"""`sandbox cite`, `sandbox sources` and the data's version against the real data: expected pages, orders and
counts worked out by reading data/sources by hand (or with PyYAML here), never from the code under test."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
import yaml

from .conftest import REAL_SOURCES


@cache
def _sources() -> list[dict[str, Any]]:
    return list(yaml.safe_load((REAL_SOURCES / "sources.yaml").read_text(encoding="utf-8"))["sources"])


@cache
def _batches() -> list[dict[str, Any]]:
    out = []
    for path in sorted(REAL_SOURCES.glob("*/*.yaml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8"))["batches"]
    return out


PROJECT_1 = ["mpaypass-16210703", "0daily-5145439", "blocking-beijing-first-batch", "nifd-824", "fastread-146253",
             "bjtitle-6001566"]
"""Beijing batch 1's first project rests on fastread-146253 (main), bjtitle-6001566 and mpaypass-16210703 (more),
0daily-5145439 (its English name: `name_en_source`), nifd-824 (its completed-testing event) and
blocking-beijing-first-batch (the batch's service-launched event). Best first: the originals (移动支付网, then
Bplus新加坡's English report), in the data's order; then the copies that name a title and publisher; then the
copies that name neither."""


def test_cite_a_project_gives_its_pages_best_first(real) -> None:
    doc = json.loads(real("cite", "1", "--json").stdout)
    assert [c["source"]["id"] for c in doc["results"]] == PROJECT_1
    assert [c["number"] for c in doc["results"]] == [1, 2, 3, 4, 5, 6]
    assert doc["style"] == "apa" and doc["accessed"] == "2026-12-06"


def test_cite_in_english_is_apa_one_reference_a_line_never_wrapped(real) -> None:
    out = real("cite", "1", env={"COLUMNS": "60"}).stdout.splitlines()
    assert len(out) == 6
    assert out[0] == ("移动支付网. (2020, March 16). 北京金融科技创新监管试点公布首批名单 中国银联“手机POS创新应用”"
                      "入选. Retrieved December 6, 2026, from https://m.mpaypass.com.cn/news/202003/16210703.html")


def test_cite_in_chinese_is_gbt7714_numbered(real) -> None:
    out = real("--lang", "zh", "cite", "1").stdout.splitlines()
    assert out[0] == ("[1] 移动支付网．北京金融科技创新监管试点公布首批名单 中国银联“手机POS创新应用”入选［EB/OL］．"
                      "（2020-03-16）［2026-12-06］．https://m.mpaypass.com.cn/news/202003/16210703.html．")
    assert out[5].startswith("[6] app.bjtitle.com 上的无标题转载［EB/OL］．［2026-12-06］．")


def test_a_page_an_english_name_comes_from_is_cited_and_lists_those_projects(real) -> None:
    """`project 1` shows its English name as "an English report's rendering [4]", page 0daily-5145439; `cite 1`
    left that page out, and `sources 0daily-5145439` said only Beijing batch 1 rested on it. The projects whose
    English name it gives are read here from the batch files (`name_en_source`), numbered in file order as the
    builder numbers them: anhui.yaml names no project, so Beijing's batch 1 holds #1-#6."""
    named = [p["name_zh"] for b in _batches() for p in b.get("projects", [])
             if p.get("name_en_source") == "0daily-5145439"]
    assert len(named) == 6
    doc = json.loads(real("sources", "0daily-5145439", "--json").stdout)
    uses = [(u["kind"], u["role"], u["project_id"], u["name_zh"]) for u in doc["results"]]
    assert [u for u in uses if u[1] == "english-name"] == [
        ("project", "english-name", n, name) for n, name in enumerate(named, 1)]
    assert doc["source"]["projects"] == 6
    table = real("sources", "0daily-5145439", env={"COLUMNS": "120"}).stdout
    assert "its English name" in table and "7 facts rest on this page." in table
    assert "0daily-5145439" in [c["source"]["id"] for c in json.loads(real("cite", "2", "--json").stdout)["results"]]


def test_a_copy_names_its_original_when_the_original_is_cited(real) -> None:
    """steamlinelogistics-02685393 is recorded as a copy of 移动支付网's report mpaypass-25114723."""
    text = real("cite", "steamlinelogistics-02685393", "--style", "gbt7714").stdout
    assert "原文：https://m.mpaypass.com.cn/news/202008/25114723.html" in text


def test_several_targets_make_one_bibliography_each_page_once(real) -> None:
    one = json.loads(real("cite", "1", "--json").stdout)["results"]
    both = json.loads(real("cite", "1", "#1", "mpaypass-16210703", "--json").stdout)["results"]
    assert [c["source"]["id"] for c in both] == [c["source"]["id"] for c in one]


def test_cite_a_batch_by_city_and_number(real) -> None:
    """Guangzhou batch 2 lists five sources; gdjr-3309869 is on the Guangdong regulator's own (.gov.cn) site, so
    it comes first; the two copies (21世纪经济报道, 南方都市报) come last."""
    gz2 = next(b for b in _batches() if b.get("number") == 2 and "广州" in (b.get("label") or ""))
    doc = json.loads(real("cite", "广州", "第二批", "--json").stdout)
    ids = [c["source"]["id"] for c in doc["results"]]
    assert set(gz2["sources"]) <= set(ids)
    assert ids[0] == "gdjr-3309869"
    assert ids[-2:] == ["jrdaily-929", "easyfang-060h161062021"] or all(
        c["source"]["is_copy"] for c in doc["results"][-2:])


def test_cite_all_in_bibtex_is_one_entry_per_source_and_parses(real, tmp_path: Path) -> None:
    out = real("cite", "--all", "--style", "bibtex")
    assert out.exit_code == 0, out.stderr
    library = bibtexparser.parse_string(out.stdout)
    assert not library.failed_blocks
    assert sorted(e.key for e in library.entries) == sorted(s["id"] for s in _sources())


def test_cite_in_ris_and_csl_json_parse(real) -> None:
    records = rispy.loads(real("cite", "guangzhou", "2", "--style", "ris").stdout)
    items = json.loads(real("cite", "guangzhou", "2", "--style", "csl-json").stdout)
    assert [r["id"] for r in records] == [i["id"] for i in items]
    assert len(items) >= 5
    for item in items:
        assert {"type", "title", "URL", "accessed"} <= set(item)
        assert item["accessed"] == {"date-parts": [[2026, 12, 6]]}


def test_cite_errors_are_one_line_with_a_documented_code(real) -> None:
    cases = {("cite",): 2, ("cite", "beijing"): 2, ("cite", "999"): 1, ("cite", "no-such-page"): 1,
             ("cite", "1", "--style", "mla"): 2, ("cite", "1", "--all"): 2}
    for args, code in cases.items():
        result = real(*args)
        assert result.exit_code == code, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), args


def test_project_view_lists_its_sources_best_first_with_titles(real) -> None:
    """The issue: `sandbox project 1` showed a publisher-less copy first and no titles."""
    out = real("project", "1", env={"COLUMNS": "200"}).stdout
    sources = out[out.index("Sources:"):].splitlines()
    assert sources[1].startswith("[1] 移动支付网, 2020-03-16: “北京金融科技创新监管试点公布首批名单")
    zh = real("--lang", "zh", "project", "1", env={"COLUMNS": "200"}).stdout
    assert "[1] 移动支付网，2020年3月16日：《北京金融科技创新监管试点公布首批名单" in zh


def test_version_prints_the_data_version_date_and_counts(real) -> None:
    dataset = yaml.safe_load((REAL_SOURCES / "dataset.yaml").read_text(encoding="utf-8"))
    projects = sum(len(b.get("projects") or []) for b in _batches())
    gaps = 0  # batches known only by their number: numbers below a file's highest that the file does not list
    for path in REAL_SOURCES.glob("*/*.yaml"):
        numbers = {b["number"] for b in yaml.safe_load(path.read_text(encoding="utf-8"))["batches"] if b.get("number")}
        gaps += len(set(range(1, max(numbers, default=0))) - numbers)
    lines = real("--version").stdout.splitlines()
    assert gaps > 0
    assert lines[1] == (f"data {dataset['version']}, compiled {dataset['compiled']}: {projects} projects, "
                        f"{len(_batches()) + gaps} batches ({gaps} known only by number), {len(_sources())} sources")


def test_every_json_envelope_says_which_data_answered(real) -> None:
    dataset = yaml.safe_load((REAL_SOURCES / "dataset.yaml").read_text(encoding="utf-8"))
    for args in (("show", "guangzhou", "2"), ("search", "blockchain"), ("sources",)):
        data = json.loads(real(*args, "--json").stdout)["data"]
        assert data["version"] == dataset["version"] and data["compiled"] == dataset["compiled"], args
        assert data["sources"] == len(_sources())


def test_sources_filters(real) -> None:
    copies = json.loads(real("sources", "--copy", "--json").stdout)["results"]
    assert sorted(s["id"] for s in copies) == sorted(s["id"] for s in _sources() if s.get("copy"))
    official = json.loads(real("sources", "--official", "--json").stdout)["results"]
    assert sorted(s["id"] for s in official) == sorted(
        s["id"] for s in _sources() if s["url"].split("/")[2].endswith(".gov.cn"))
    mpaypass = json.loads(real("sources", "--publisher", "移动支付网", "--json").stdout)["results"]
    assert sorted(s["id"] for s in mpaypass) == sorted(
        s["id"] for s in _sources() if s.get("publisher") == "移动支付网")
    domain = json.loads(real("sources", "--domain", "mpaypass.com.cn", "--json").stdout)["results"]
    assert {s["id"] for s in domain} == {s["id"] for s in _sources() if "mpaypass.com.cn/" in s["url"]}
    english = json.loads(real("sources", "--language", "en", "--original", "--json").stdout)["results"]
    assert {s["id"] for s in english} == {s["id"] for s in _sources()
                                           if s.get("language") == "en" and not s.get("copy")}


def test_sources_id_lists_what_rests_on_the_page(real) -> None:
    """By hand from the YAML: mpaypass-25114723 is a batch source of Chengdu 1 and Guangzhou 1, the main source
    of one Guangzhou-1 project and a further source of another; steamlinelogistics-02685393 is its copy."""
    doc = json.loads(real("sources", "mpaypass-25114723", "--json").stdout)
    assert doc["source"]["copies"] == ["steamlinelogistics-02685393"]
    uses = sorted((u["kind"], u["region"], u["batch_key"], u["role"] or "") for u in doc["results"])
    assert uses == [("batch", "chengdu", "1", ""), ("batch", "guangzhou", "1", ""),
                    ("project", "guangzhou", "1", "main"), ("project", "guangzhou", "1", "more")]
    copy = json.loads(real("sources", "steamlinelogistics-02685393", "--json").stdout)
    assert copy["original"]["id"] == "mpaypass-25114723"
    assert real("sources", "no-such-page").exit_code == 1


def test_a_batch_known_only_by_its_number_cites_the_page_that_implies_it(real) -> None:
    """Chongqing's PBOC batch 3 is known only because batch 6 exists; batch 6's main source is mpaypass-15103138."""
    batch6 = next(b for b in yaml.safe_load((REAL_SOURCES / "pboc-regulatory-pilot" / "chongqing.yaml").read_text(
        encoding="utf-8"))["batches"] if b.get("number") == 6)
    result = real("cite", "chongqing", "3", "--json")
    assert result.exit_code == 0, result.stderr
    assert [c["source"]["id"] for c in json.loads(result.stdout)["results"]] == [batch6["sources"][0]]


@pytest.mark.parametrize("option", ["--publisher", "--domain", "--language", "--cited-by"])
def test_a_blank_sources_filter_is_refused_like_every_other_filter(real, option: str) -> None:
    """A blank value would silently list every page (155 here) instead of none."""
    result = real("sources", option, " ")
    assert result.exit_code == 2 and result.stdout == "", result.stdout[:200]
    assert result.stderr.startswith("error: ")


def test_an_unknown_source_id_suggests_close_ones(real) -> None:
    result = real("sources", "chinabankingnew")
    assert result.exit_code == 1
    assert "did you mean 'chinabankingnews-" in result.stderr
