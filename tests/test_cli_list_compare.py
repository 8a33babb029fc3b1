"""`sandbox list-cities`, `compare` and `technologies`."""

from __future__ import annotations

import json

from .conftest import snapshot


def test_list_cities_covers_the_nine_pilot_cities(real) -> None:
    doc = json.loads(real("list-cities", "--programme", "pboc", "--json").stdout)
    regions = [r["region"] for r in doc["results"]]
    for city in ("beijing", "shanghai", "chongqing", "shenzhen", "xiongan", "hangzhou", "suzhou", "chengdu",
                 "guangzhou"):
        assert city in regions
    assert regions[0] == "beijing", "the sandbox started in Beijing"
    beijing = doc["results"][0]["programmes"][0]
    assert beijing["first_date"] == "2020-01-14"
    assert beijing["known"] <= beijing["announced_count"] + 10


def test_list_cities_json_snapshot(fixture) -> None:
    snapshot("list_cities.json", fixture("list-cities", "--json").stdout)


def test_list_cities_table_mentions_unknown_sizes(fixture) -> None:
    out = fixture("list-cities").stdout
    assert "Guangzhou" in out and "广州市" in out and "+?" in out


def test_compare_three_cities(real) -> None:
    doc = json.loads(real("compare", "beijing", "shanghai", "shenzhen", "--programme", "pboc", "--json").stdout)
    assert [c["region"] for c in doc["results"]] == ["beijing", "shanghai", "shenzhen"]
    [shanghai] = doc["results"][1]["programmes"]
    assert shanghai["programme"] == "pboc-regulatory-pilot"
    assert shanghai["batches"] == 3 and shanghai["known"] == 16
    assert shanghai["financial_service"] + shanghai["technology_product"] + shanghai["category_unknown"] == 16
    assert shanghai["top_technologies"][0]["key"] == "blockchain"
    assert 0 < shanghai["bank_share"] <= 1


def test_compare_json_snapshot(fixture) -> None:
    snapshot("compare.json", fixture("compare", "guangzhou", "xiongan", "--json").stdout)


def test_compare_table(fixture) -> None:
    out = fixture("compare", "guangzhou", "雄安").stdout
    assert "Guangzhou" in out and "Xiong'an New Area" in out and "Bank applicant" in out


def test_compare_needs_two_different_cities(fixture) -> None:
    result = fixture("compare", "guangzhou", "广州")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: compare needs at least two different cities")


def test_technologies_lists_counts(fixture) -> None:
    doc = json.loads(fixture("technologies", "--json").stdout)
    assert {r["slug"]: r["projects"] for r in doc["results"]} == {"blockchain": 3, "big-data": 2,
                                                                 "artificial-intelligence": 1}
