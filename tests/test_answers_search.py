"""Answers that used to be quietly partial (issue 19): free text naming a technology, lifecycle words people use,
unnumbered batches shown by a name rather than a key, Chinese typos. Expected answers come from a separate, simple
reading of data/sources (PyYAML), never from the code under test."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
import yaml

from .conftest import REAL_SOURCES

Ref = tuple[str, str, str, int]
"""A project as the sources place it: programme, region, batch (its number or key), position in the batch."""


@cache
def _batches() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path in sorted(REAL_SOURCES.glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(doc["programme"], doc["region"], b) for b in doc["batches"]]
    return out


def _projects() -> list[tuple[Ref, dict[str, Any], dict[str, Any]]]:
    """(ref, project, its batch) for every project in the sources."""
    return [((programme, region, str(b.get("number", b.get("key"))), i), p, b)
            for programme, region, b in _batches() for i, p in enumerate(b.get("projects") or [], 1)]


def _family(slug: str) -> set[str]:
    techs = yaml.safe_load((REAL_SOURCES / "technologies.yaml").read_text(encoding="utf-8"))["technologies"]
    return {slug} | {t["slug"] for t in techs if t.get("parent") == slug}


def tagged(slug: str, regions: set[str] | None = None) -> set[Ref]:
    """Projects the sources tag with the technology or a member of its family (in `regions`, if given)."""
    family = _family(slug)
    return {ref for ref, p, _ in _projects() if family & set(p.get("technologies") or [])
            and (regions is None or ref[1] in regions)}


def refs(result: Any) -> set[Ref]:
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    return {(p["programme"], p["region"], p["batch_key"], p["position"]) for p in doc["results"]}


# 1. Free text that names a technology finds at least what --tech finds.

def test_the_hand_counts_of_the_issue_hold_in_the_sources() -> None:
    """The issue's figures, read from the YAML: 18 projects tagged privacy computing or a member, 9 of them in
    Beijing or Shanghai; `--tech` finds exactly those."""
    assert len(tagged("privacy-computing")) == 18
    assert len(tagged("privacy-computing", {"beijing", "shanghai"})) == 9


@pytest.mark.parametrize("words", [["隐私计算"], ["privacy", "computing"], ["Privacy-Computing"], ["privacycomputing"],
                                   ["PRIVACY", "COMPUTING"], ["privacy-computing"], ["privacy_computing"]])
@pytest.mark.parametrize("cities", [None, "北京,上海"])
def test_free_text_naming_privacy_computing_finds_every_tagged_project(real, words: list[str],
                                                                        cities: str | None) -> None:
    """`search 隐私计算 --city 北京,上海` found 2 of the 9 tagged projects; it must find them all, in any spelling."""
    city = ["--city", cities] if cities else []
    found = refs(real("search", *words, *city, "--json"))
    expected = tagged("privacy-computing", {"beijing", "shanghai"} if cities else None)
    assert expected <= found
    assert refs(real("search", "--tech", "privacy-computing", *city, "--json")) == expected


@pytest.mark.parametrize(("word", "slug"), [("人工智能", "artificial-intelligence"), ("大数据", "big-data"),
                                            ("AI", "artificial-intelligence"), ("big data", "big-data"),
                                            ("区块链", "blockchain"), ("Blockchain", "blockchain")])
def test_free_text_naming_a_technology_includes_its_family(real, word: str, slug: str) -> None:
    """人工智能 found 35 of 36: a project tagged only with a member (image recognition …) was missed."""
    assert tagged(slug) <= refs(real("search", *word.split(), "--json"))


def test_other_words_still_must_all_match(real) -> None:
    """A technology's words widen only themselves: every other word must still match (AND)."""
    both = refs(real("search", "隐私计算", "银联", "--json"))
    assert both == refs(real("search", "隐私计算", "--json")) & refs(real("search", "银联", "--json"))
    assert both and both < refs(real("search", "隐私计算", "--json"))
    # A plain word before a technology's words: the words after it are still read as the technology.
    doc = json.loads(real("search", "data", "privacy", "computing", "--json").stdout)
    assert list(doc["query"]["read_as_technology"]) == ["privacy computing"]
    after = refs(real("search", "data", "privacy", "computing", "--json"))
    assert after == refs(real("search", "data", "--json")) & refs(real("search", "privacy", "computing", "--json"))
    assert after and after != refs(real("search", "data", "privacy", "--json"))


def test_json_says_how_the_words_were_read(real) -> None:
    doc = json.loads(real("search", "privacy", "computing", "blockchain", "supply", "--json").stdout)
    read = doc["query"]["read_as_technology"]
    assert list(read) == ["privacy computing", "blockchain"]  # "supply" is a plain word
    assert read["privacy computing"][0] == "privacy-computing"
    assert set(read["privacy computing"]) == _family("privacy-computing")
    assert read["blockchain"] == ["blockchain"]
    assert json.loads(real("search", "供应链", "--json").stdout)["query"]["read_as_technology"] == {}


def test_the_table_says_how_the_words_were_read_in_both_languages(real) -> None:
    english = real("search", "隐私计算", "--city", "beijing").stdout
    assert english.splitlines()[0] == ('"隐私计算" read as the technology privacy-computing (with its members).')
    chinese = real("--lang", "zh", "search", "Blockchain", "--city", "beijing", env={"COLUMNS": "200"}).stdout
    assert chinese.splitlines()[0] == "“Blockchain”理解为技术：区块链 blockchain。"
    assert "read as" not in real("--lang", "en", "search", "供应链").stdout


# 2. Lifecycle words: exited, 出盒, 上线 … mean sets of stored values.

def _with_status_or_event(values: set[str]) -> set[Ref]:
    """Projects whose status is one of `values`, or with an event of such a kind (their own or their batch's)."""
    out = set()
    for ref, p, b in _projects():
        kinds = {e["kind"] for e in (p.get("events") or [])} | {e["kind"] for e in (b.get("events") or [])}
        if p.get("status") in values or kinds & values:
            out.add(ref)
    return out


def _events_of_kinds(values: set[str]) -> int:
    return sum(1 for _, _, b in _batches()
               for e in [*(b.get("events") or []), *(e for p in b.get("projects") or [] for e in p.get("events") or [])]
               if e["kind"] in values)


LEFT = ["exited", "exit", "exits", "graduated", "left", "出盒", "退出", "退出测试", "EXITED", "ｅｘｉｔｅｄ"]


@pytest.mark.parametrize("word", LEFT)
def test_exited_finds_the_applications_that_left_the_sandbox(real, word: str) -> None:
    """Four projects completed testing ("exit the box", 出盒); `--status exited` found none of them."""
    expected = _with_status_or_event({"completed-testing", "exited"})
    assert len(expected) == 4
    doc = json.loads(real("search", "--status", word, "--json").stdout)
    assert {(p["programme"], p["region"], p["batch_key"], p["position"]) for p in doc["results"]} == expected
    assert doc["query"]["read_as_status"] == {word: ["completed-testing", "exited"]}


@pytest.mark.parametrize(("words", "statuses"), [
    (["completed", "completed-testing", "完成测试", "测试完成"], {"completed-testing"}),
    (["launched", "live", "in-service", "上线", "投入运营", "运营"], {"in-service"}),
    (["testing", "in-testing", "测试中", "入盒"], {"in-testing"}),
    (["withdrawn", "terminated", "终止"], {"exited"}),
])
def test_status_words_in_both_languages(real, words: list[str], statuses: set[str]) -> None:
    expected = _with_status_or_event(statuses)
    for word in words:
        doc = json.loads(real("search", "--status", word, "--json").stdout)
        assert set(doc["query"]["statuses"]) == statuses, word
        assert {(p["programme"], p["region"], p["batch_key"], p["position"]) for p in doc["results"]} == expected


@pytest.mark.parametrize(("word", "kinds"), [
    ("exited", {"completed-testing", "exited"}), ("出盒", {"completed-testing", "exited"}),
    ("graduated", {"completed-testing", "exited"}), ("上线", {"service-launched"}),
    ("launched", {"service-launched"}), ("完成测试", {"completed-testing"}), ("终止", {"exited"}),
    ("milestone", {"milestone"}),
])
def test_events_read_the_same_words(real, word: str, kinds: set[str]) -> None:
    """`events exited` gave nothing although four applications completed testing."""
    doc = json.loads(real("events", word, "--json").stdout)
    assert set(doc["query"]["kinds"]) == kinds and doc["query"]["read_as_kind"] == {word: sorted(
        kinds, key=["completed-testing", "exited", "service-launched", "milestone"].index)}
    assert doc["count"] == _events_of_kinds(kinds)
    assert doc["count"] > 0 or kinds == {"exited"}  # no withdrawal is recorded


def test_the_table_says_what_a_lifecycle_word_was_read_as(real) -> None:
    assert real("events", "exited").stdout.splitlines()[0] == '"exited" read as completed-testing or exited.'
    assert real("--lang", "zh", "events", "出盒").stdout.splitlines()[0] == "“出盒”理解为完成测试或已退出。"
    assert real("--lang", "en", "search", "--status", "graduated").stdout.splitlines()[0] == (
        '--status "graduated" read as completed-testing or exited.')
    # a stored id means itself: nothing to say
    assert "read as" not in real("--lang", "en", "search", "--status", "completed-testing").stdout


def test_an_unknown_lifecycle_word_is_a_usage_error_with_a_suggestion(real) -> None:
    result = real("--lang", "zh", "search", "--status", "出和")
    assert result.exit_code == 2 and "是否想输入“出盒”" in result.stderr
    assert real("events", "testing").exit_code == 2  # a status, not an event kind


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_help_lists_the_vocabulary(real, lang: str) -> None:
    for command in ("search", "events"):
        text = real("--lang", lang, command, "--help", env={"COLUMNS": "400"}).stdout
        for word in ("graduated", "出盒", "上线", "完成测试", "completed-testing"):
            assert word in text, (command, word)


# 3. Unnumbered batches have a name where a number would stand.

def _unnumbered_keys() -> set[str]:
    return {b["key"] for _, _, b in _batches() if b.get("number") is None}


def test_no_unnumbered_key_shows_where_a_batch_number_would(real) -> None:
    """`project 97` in Chinese was headed 监管工具 第 2024-abc-mianyang-statement 批; pilot and 2023-11 stood in the
    batch column."""
    keys = _unnumbered_keys()
    assert {"2024-abc-mianyang-statement", "2023-11", "pilot"} <= keys
    everything = ["search", "--programme", "pboc,csrc,application"]
    for lang in ("en", "zh"):
        table = real("--lang", lang, *everything, env={"COLUMNS": "300"}).stdout
        events = real("--lang", lang, "events", env={"COLUMNS": "300"}).stdout
        # "pilot" is an English word of project names; "2023-11" is also a date, which Chinese writes 2023年11月
        for key in keys - {"pilot", *(["2023-11"] if lang == "en" else [])}:
            assert key not in table, (lang, key)
            assert f"{key} (" not in events and f"{key}（" not in events, (lang, key)  # notes may use the words
    chinese = real("--lang", "zh", *everything, env={"COLUMNS": "300"}).stdout
    assert "2023年11月公示" in chinese and "试点（应用试点）" in chinese
    assert "· announced 2023-11" in real("--lang", "en", *everything, "--layout", "records").stdout


def _project_id(real, region: str, key: str) -> int:
    doc = json.loads(real("search", "--city", region, "--json").stdout)
    return next(p["id"] for p in doc["results"] if p["batch_key"] == key)


def test_a_project_of_a_statement_batch_is_headed_by_a_name(real) -> None:
    pid = str(_project_id(real, "sichuan", "2024-abc-mianyang-statement"))
    chinese = real("--lang", "zh", "project", pid).stdout.splitlines()[0]
    assert "申请机构声明书（2024年）" in chinese and "2024-abc" not in chinese and "第" not in chinese
    assert "applicant's statement (2024)" in real("--lang", "en", "project", pid).stdout.splitlines()[0]


def test_keys_are_still_what_users_type_and_json_keeps_them(real) -> None:
    shown = real("show", "beijing", "2023-11", env={"COLUMNS": "300"})
    assert shown.exit_code == 0 and shown.stdout.splitlines()[0].endswith("· announced 2023-11")
    doc = json.loads(real("show", "beijing", "2023-11", "--json").stdout)
    assert doc["batch"]["key"] == "2023-11" and {p["batch_key"] for p in doc["results"]} == {"2023-11"}
    assert "第 2 批" in real("--lang", "zh", "show", "guangzhou", "2").stdout.splitlines()[0]


# 4. Chinese typos get suggestions.

@pytest.mark.parametrize(("args", "suggestion"), [
    (["show", "广洲"], "'广州'"), (["show", "北晶"], "'北京'"), (["search", "--city", "杭洲"], "'杭州'"),
    (["search", "--tech", "区块连"], "'区块链'"), (["search", "--tech", "隐私计箅"], "'隐私计算'"),
])
def test_a_chinese_typo_gets_a_suggestion(real, args: list[str], suggestion: str) -> None:
    result = real(*args)
    assert result.exit_code == 1
    assert f"did you mean {suggestion}" in result.stderr


def test_a_chinese_suggestion_prefers_the_same_first_character_and_reads_natively(real) -> None:
    result = real("--lang", "zh", "show", "州广")  # 州 first: 广州 is two characters off, nothing suggested
    assert "是否想输入" not in result.stderr
    stderr = real("--lang", "zh", "show", "广洲").stderr
    assert "是否想输入“广州”" in stderr and "'" not in stderr


def test_a_batch_heading_names_an_unnumbered_batch_in_both_languages(real) -> None:
    """`show CITY KEY` takes the key; the heading names the batch, never `batch 2024-…` / 第 2024-… 批."""
    zh = real("--lang", "zh", "show", "sichuan", "2024-abc-mianyang-statement", env={"COLUMNS": "300"})
    assert zh.exit_code == 0 and zh.stdout.splitlines()[0].endswith("· 申请机构声明书（2024年）")
    en = real("--lang", "en", "show", "shanghai", "pilot", "--programme", "application", env={"COLUMNS": "300"})
    assert en.stdout.splitlines()[0].endswith("· pilot") and "batch pilot" not in en.stdout


def test_events_carry_what_names_their_batch(real) -> None:
    """JSON gives an event's batch number and date beside its key, so a script can name the batch as the table
    does."""
    doc = json.loads(real("events", "--city", "hebei", "--json").stdout)
    listing = [e for e in doc["results"] if e["batch_key"] == "2024-01-listing"]
    hebei = {b["key"]: b for _, region, b in _batches() if region == "hebei" and "key" in b}
    assert listing and all(e["batch_number"] is None and e["batch_announced"] == str(hebei["2024-01-listing"][
        "announced"]) for e in listing)
