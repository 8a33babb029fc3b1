"""The questions journalists, analysts and researchers ask, answered on the real database the way they mean them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandboxcli.api import open as open_sandbox
from sandboxcli.errors import NotFound

from .conftest import REAL_DB


def ids(result) -> set[int]:
    assert result.exit_code == 0, result.stderr
    return {p["id"] for p in json.loads(result.stdout)["results"]}


def test_ant_is_not_china_merchants_bank(real) -> None:
    """'Ant' is Ant Group (MYbank's group), never China Merchants Bank, whose English name contains 'ant'."""
    assert json.loads(real("search", "--applicant", "Ant", "--json").stdout)["query"]["entities"] == [
        "ant-group", "mybank"]
    result = real("search", "--applicant", "Antelope")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no institution matches 'Antelope'")
    assert ids(real("search", "--applicant", "Merch", "--json")) == ids(real("search", "--applicant", "cmb", "--json"))


def test_a_name_matching_many_institutions_lists_them_to_choose_from(real) -> None:
    doc = json.loads(real("applicant", "bank", "--json").stdout)
    assert doc["results"] == [] and len(doc["matches"]) > 20
    assert {"entity_id", "name_en", "name_zh", "kind", "applications"} <= set(doc["matches"][0])
    table = real("applicant", "bank").stdout
    assert "institutions match 'bank'" in table and "Agricultural Bank of China" in table


def test_an_institutions_projects_say_which_programme(real) -> None:
    table = real("applicant", "工商银行", env={"COLUMNS": "140"}).stdout
    assert "(CSRC)" in table, "the CSRC project must not read as sandbox batch 1"


def test_repeated_filters_mean_any_of_them(real) -> None:
    beijing = ids(real("search", "--city", "beijing", "--json"))
    shanghai = ids(real("search", "--city", "shanghai", "--json"))
    assert ids(real("search", "--city", "beijing", "--city", "shanghai", "--json")) == beijing | shanghai
    assert ids(real("search", "--city", "beijing,shanghai", "--json")) == beijing | shanghai


def test_a_technology_family_includes_its_members(real) -> None:
    members = ("multi-party-computation", "federated-learning", "trusted-execution-environment",
               "homomorphic-encryption")
    union = set().union(*(ids(real("search", "--tech", t, "--json")) for t in ("privacy-computing", *members)))
    assert ids(real("search", "--tech", "privacy-computing", "--json")) == union
    tree = json.loads(real("technologies", "--json").stdout)["results"]
    assert {t["slug"] for t in tree if t["parent"] == "privacy-computing"} == set(members)


def test_free_text_finds_technologies_in_both_languages(real) -> None:
    tech = ids(real("search", "--tech", "blockchain", "--json"))
    assert tech <= ids(real("search", "区块链", "--json"))
    assert tech <= ids(real("search", "blockchain", "--json"))


def test_short_latin_words_match_word_starts_only(real) -> None:
    found = json.loads(real("search", "AI", "--json").stdout)["results"]
    assert found
    for p in found:
        text = " ".join([p["name_en"] or "", *[a["name_en"] or "" for a in p["applicants"]]])
        assert "blockchain" not in text.lower() or re.search(r"\bai", text.lower()) or p["technologies"]


def test_lifecycle_questions(real) -> None:
    done = json.loads(real("search", "--status", "completed-testing", "--json").stdout)
    assert done["count"] > 0
    events = json.loads(real("events", "completed-testing", "exited", "--since", "2021", "--json").stdout)
    assert events["count"] > 0
    assert {e["kind"] for e in events["results"]} <= {"completed-testing", "exited"}
    assert all(e["date"] >= "2021" for e in events["results"])
    assert all(e["source"]["url"].startswith("http") for e in events["results"])


def test_one_project_whole(real) -> None:
    doc = json.loads(real("project", "1", "--json").stdout)
    p = doc["results"][0]
    assert {"id", "name_zh", "applicants", "technologies", "notes", "sources", "events", "regulator"} <= set(p)
    assert p["sources"] and all("publisher" in s and "is_copy" in s for s in p["sources"])
    assert real("project", "99999").exit_code == 1
    assert real("project", "abc").exit_code == 2
    table = real("project", "1").stdout
    assert "#1" in table and "Sources:" in table


@pytest.mark.parametrize(("args", "expect"), [
    (("show", "guangzhou", "2", "-f", "CSV"), 0),
    (("show", "广州", "２"), 0),
    (("show", "「广州」", "第二批"), 0),
    (("search", "--tech", "  Blockchain. "), 0),
])
def test_input_is_normalised_the_same_way_everywhere(real, args: tuple[str, ...], expect: int) -> None:
    assert real(*args).exit_code == expect


def test_suggestions_by_prefix(real) -> None:
    result = real("search", "--tech", "privacy")
    assert result.exit_code == 1 and "did you mean 'privacy-computing'" in result.stderr


def test_sql_reads_the_schema_with_parameters_and_stdin(real) -> None:
    info = json.loads(real("sql", "pragma table_info(projects)", "--json").stdout)
    assert "name_zh" in {r["name"] for r in info["results"]}
    schema = json.loads(real("sql", "--schema", "--json").stdout)["results"]
    assert any(r["table"] == "projects" and r["column"] == "name_zh" and r["description"] for r in schema)
    rows = json.loads(real("sql", "select key from batches where region = :r and number = :n", "-p", "r",
                           "guangzhou", "-p", "n=2", "--json").stdout)["results"]
    assert rows == [{"key": "2"}, {"key": "2"}] or rows == [{"key": "2"}]
    assert real("sql", "insert into regions(slug) values ('x')").exit_code == 2
    proc = subprocess.run([sys.executable, "-m", "sandboxcli", "sql", "-", "--json"], input="select 1 as one",
                          capture_output=True, text=True, env={**os.environ, "SANDBOX_DB": str(REAL_DB)},
                          timeout=60, check=False)
    assert json.loads(proc.stdout)["results"] == [{"one": 1}]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_latin_applicant_queries_never_match_inside_a_word(data: st.DataObject) -> None:
    with open_sandbox(REAL_DB) as sandbox:
        aliases = [r[0] for r in sandbox.conn.execute("SELECT alias_key FROM entity_aliases") if r[0].isascii()]
        alias = data.draw(st.sampled_from(aliases))
        start = data.draw(st.integers(0, max(len(alias) - 3, 0)))
        query = alias[start:start + data.draw(st.integers(3, 8))].strip()
        if len(query) < 3 or not query.isalnum():
            return
        try:
            found = sandbox.search(applicants=[query]).results
        except NotFound:
            return
        pattern = re.compile(r"(?<![0-9a-z])" + re.escape(query.casefold()))
        # An applicant matches by its own names or those of a group above it (Tencent → WeBank).
        keys = {e: [k for (k,) in sandbox.conn.execute(
            "WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT parent_id FROM entities JOIN up ON entities.id = up.id "
            "WHERE parent_id IS NOT NULL) SELECT alias_key FROM entity_aliases WHERE entity_id IN (SELECT id FROM up)",
            (e,))] for e in {a.entity_id for p in found for a in p.applicants}}
        for p in found:
            assert any(pattern.search(k) or (query.casefold() in k and k == query.casefold())
                       for a in p.applicants for k in keys[a.entity_id])


@settings(max_examples=30, deadline=None)
@given(first=st.sampled_from(["beijing", "shanghai", "shenzhen", "chongqing", "guangzhou", "hebei"]),
       second=st.sampled_from(["blockchain", "big-data", "artificial-intelligence", "privacy-computing"]),
       third=st.sampled_from(["blockchain", "knowledge-graph", "5g", "api"]))
def test_repeated_filters_are_the_union_of_single_ones(first: str, second: str, third: str) -> None:
    with open_sandbox(REAL_DB) as sandbox:
        def found(**kw: object) -> set[int]:
            return {p.id for p in sandbox.search(**kw).results}  # type: ignore[arg-type]

        assert found(technologies=[second, third]) == found(technologies=[second]) | found(technologies=[third])
        both = found(cities=[first], technologies=[second, third])
        assert both == found(cities=[first]) & (found(technologies=[second]) | found(technologies=[third]))


SANDBOX = Path(sys.executable).with_name("sandbox")


def _complete(words: str) -> list[str]:
    env = {**os.environ, "_SANDBOX_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)), "SANDBOX_DB": str(REAL_DB)}
    proc = subprocess.run([str(SANDBOX)], capture_output=True, text=True, env=env, timeout=60, check=False)
    return proc.stdout.split()


@pytest.mark.skipif(not SANDBOX.exists(), reason="needs the installed `sandbox` script")
@pytest.mark.parametrize(("words", "expected"), [
    ("sandbox show Gua", {"Guangzhou", "Guangdong", "Guangxi"}),
    ("sandbox show 广", {"广州市", "广东省", "广西壮族自治区"}),
    ("sandbox show guangzhou ", {"1", "2"}),
    ("sandbox search --programme c", {"csrc"}),
    ("sandbox show beijing --format n", {"ndjson"}),
    ("sandbox export --table pro", {"projects", "project_technologies"}),
])
def test_completion_completes_what_the_tool_accepts(words: str, expected: set[str]) -> None:
    assert set(_complete(words)) == expected
