"""`sandbox search`: filters combine with AND; names match in either language; free text is never FTS syntax."""

from __future__ import annotations

import json

import pytest

from .conftest import snapshot


def _hits(result) -> list[tuple[str, str, int]]:
    assert result.exit_code == 0, result.stderr
    return [(p["region"], p["batch_key"], p["position"]) for p in json.loads(result.stdout)["results"]]


@pytest.mark.parametrize("name", ["China Merchants Bank", "招商银行", "CMB", "cmb", "Merchants",
                                  "the Guangzhou branch of China Merchants Bank"])
def test_applicant_in_any_language_finds_cmb_in_guangzhou_and_shenzhen(real, name: str) -> None:
    hits = _hits(real("search", "--applicant", name, "--json"))
    regions = {h[0] for h in hits}
    assert {"guangzhou", "shenzhen"} <= regions
    assert ("guangzhou", "2", 4) in hits and ("shenzhen", "1", 3) in hits


def test_exact_alias_wins_over_parts_of_names(real) -> None:
    """'Bank of China' means BOC, not every '... Bank of China'."""
    doc = json.loads(real("search", "--applicant", "Bank of China", "--json").stdout)
    assert doc["query"]["entities"] == ["boc"]


def test_tech_blockchain(real) -> None:
    doc = json.loads(real("search", "--tech", "blockchain", "--json").stdout)
    assert doc["count"] >= 20
    assert all("blockchain" in p["technologies"] for p in doc["results"])
    dates = [p["batch_announced"] or "9999" for p in doc["results"]]
    assert dates == sorted(dates), "ordered by date"


@pytest.mark.parametrize("tech", ["blockchain", "Blockchain", "区块链", " BLOCKCHAIN "])
def test_tech_names(fixture, tech: str) -> None:
    assert len(_hits(fixture("search", "--tech", tech, "--json"))) == 3


def test_free_text_chinese_and_english(real) -> None:
    zh = _hits(real("search", "供应链", "--json"))
    en = _hits(real("search", "supply", "chain", "--json"))
    assert len(zh) >= 5 and len(en) >= 5


def test_short_words_use_the_base_table_fallback(real) -> None:
    """Two-character words (区块, 5G) find what trigram alone cannot."""
    assert len(_hits(real("search", "区块", "--json"))) >= 10
    assert len(_hits(real("search", "5G", "--json"))) >= 3


def test_filters_combine_with_and(real) -> None:
    hits = _hits(real("search", "--tech", "blockchain", "--city", "shanghai", "--category", "technology-product",
                      "--since", "2020", "--until", "2020-12", "--json"))
    assert hits == [("shanghai", "1", 5), ("shanghai", "1", 6), ("shanghai", "1", 7), ("shanghai", "1", 8)]


def test_since_until(fixture) -> None:
    assert _hits(fixture("search", "--since", "2021", "--json")) == [("guangzhou", "2", 1), ("guangzhou", "2", 2),
                                                                      ("guangzhou", "2", 1)]
    assert _hits(fixture("search", "--until", "2020-08-14", "--json")) == [("xiongan", "1", 1)]


def _oracle(db, word: str) -> list[int]:
    """Project ids whose names, applicants or technologies hold `word` (folded, punctuation as spaces): where a
    word starts for Latin script, anywhere for Chinese. What free text must return."""
    import sqlite3

    from sandboxcli.names import is_latin, word_text

    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT project_id, coalesce(name_zh, '') || ' ' || coalesce(name_en, '') || ' ' || "
                        "coalesce(applicants, '') || ' ' || coalesce(technologies, '') FROM project_search").fetchall()
    conn.close()
    folded = word_text(word).strip()
    if is_latin(word):
        return sorted(pid for pid, text in rows if " " + folded in word_text(text))
    return sorted(pid for pid, text in rows if folded in word_text(text))


@pytest.mark.parametrize("text", ['"', "'", "*", "-", ":", "(", ")", "AND", "NOT", "a:b", '"unclosed', "NEAR(x y)",
                                  "^", "col:value", "-minus", "block*", "()", '""',
                                  "early-warning", "区块链", "Xiong'an"])
def test_fts_syntax_is_searched_as_text(fixture, fixture_db, text: str) -> None:
    """Quotes, operators, '*', '-', ':' and parentheses are text, never FTS syntax: results equal the oracle's;
    punctuation alone is nothing to search for."""
    from sandboxcli.names import word_text

    result = fixture("search", "--json", "--", text)
    if not any(word_text(w).strip() for w in text.split()):
        assert result.exit_code == 2 and "no letters or digits" in result.stderr
        return
    assert result.exit_code == 0, result.stderr
    found = sorted(p["id"] for p in json.loads(result.stdout)["results"])
    expected = _oracle(fixture_db, text) if " " not in text else sorted(
        set(_oracle(fixture_db, text.split()[0])) & set(_oracle(fixture_db, text.split()[1])))
    assert found == expected


def test_quotes_inside_names_are_found(fixture) -> None:
    """The fixture has a name with "early-warning" in quotes."""
    assert len(_hits(fixture("search", '"early-warning"', "--json"))) == 1


def test_search_csv_snapshot(fixture) -> None:
    result = fixture("search", "--tech", "big-data", "-f", "csv")
    assert result.exit_code == 0
    snapshot("search_big_data.csv", result.stdout)


def test_search_json_snapshot(fixture) -> None:
    result = fixture("search", "--applicant", "CMB", "--json")
    snapshot("search_cmb.json", result.stdout)


def test_no_results_is_not_an_error(fixture) -> None:
    result = fixture("search", "nothing-like-this")
    assert result.exit_code == 0
    assert "No matching projects" in result.stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    ((), 2, "error: nothing to search for"),
    (("   ",), 2, "error: nothing to search for"),
    (("--tech", "blokchain"), 1, "error: unknown technology 'blokchain'; did you mean 'blockchain'"),
    (("--category", "finance"), 2, "error: unknown category 'finance'"),
    (("--programme", "cbirc"), 2, "error: unknown programme 'cbirc'"),
    (("--applicant", "Nonexistent Bank Ltd"), 1, "error: no institution matches 'Nonexistent Bank Ltd'"),
    (("--since", "yesterday"), 2, "error: --since 'yesterday' is not a date"),
    (("--since", "2022", "--until", "2021"), 2, "error: --since 2022 is after --until 2021"),
    (("x", "--json", "--format", "csv"), 2, "error: --json contradicts --format csv"),
    (("--city", "atlantis"), 1, "error: unknown city or region 'atlantis'"),
])
def test_bad_input_is_one_line_and_a_documented_code(fixture, args, code: int, message: str) -> None:
    result = fixture("search", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr


@pytest.mark.parametrize("date", ["2021-13", "2021-02-30", "2021-00", "0000"])
def test_impossible_dates_are_usage_errors(fixture, date: str) -> None:
    result = fixture("search", "--since", date)
    assert result.exit_code == 2 and "is not a date" in result.stderr
