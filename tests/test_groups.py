"""Corporate groups: a group's members answer for it, the tie is shown with its page, a group that never applied
says so, and the builder refuses a parent that is unknown, loops or names no page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sandboxcli.db import connect
from sandboxcli.dbbuild.__main__ import main as build_main
from sandboxcli.groups import members, part_of

from .conftest import ROOT

SOURCES = ROOT / "data" / "sources"


def _yaml_projects_of(*entity_ids: str) -> set[str]:
    """Chinese or English names of the projects these institutions applied for, read straight from the YAML."""
    names = set()
    for path in sorted(SOURCES.glob("*/*.yaml")):
        for batch in yaml.safe_load(path.read_text(encoding="utf-8")).get("batches") or []:
            for p in batch.get("projects") or []:
                if any(a["entity"] in entity_ids for a in p.get("applicants") or []):
                    names.add(p["name_zh"] or p["name_en"])
    return names


def _entity(entity_id: str) -> dict:
    doc = yaml.safe_load((SOURCES / "entities.yaml").read_text(encoding="utf-8"))
    return next(e for e in doc["entities"] if e["id"] == entity_id)


@pytest.mark.parametrize("name", ["蚂蚁", "Ant Group", "蚂蚁集团", "Ant"])
def test_ant_group_answers_with_mybank_and_the_cited_tie(real, name: str) -> None:
    """`applicant 蚂蚁` is Ant Group: it applied for nothing itself, MYbank is its member, MYbank's projects are its."""
    doc = json.loads(real("applicant", name, "--json").stdout)
    assert doc["query"]["entities"] == ["ant-group"]
    profile = doc["results"][0]
    assert profile["own_applications"] == 0
    [member] = profile["members"]
    link = _entity("mybank")["parent"]
    assert member["entity_id"] == "mybank" and member["link"]["relation"] == link["relation"] == "affiliate"
    assert member["link"]["source"]["id"] == link["source"]
    assert {p["name_zh"] or p["name_en"] for p in profile["projects"]} == _yaml_projects_of("mybank") != set()
    assert profile["co_applicants"] == []  # MYbank applied alone; a group's member is not its co-applicant


def test_the_tie_and_the_groups_absence_are_shown_in_both_languages(real) -> None:
    """The table says whose the applications are and cites the page for the tie."""
    en = real("applicant", "Ant Group", env={"COLUMNS": "100"}).stdout
    assert "MYbank, an affiliate of Ant Group [1]" in en
    assert "Ant Group itself is not an applicant in this data" in en
    assert "[1] South China Morning Post" in en
    member = real("applicant", "MYbank", env={"COLUMNS": "100"}).stdout
    assert "Part of a group: MYbank, an affiliate of Ant Group [1]" in member
    zh = real("applicant", "蚂蚁", "--lang", "zh", env={"COLUMNS": "100"}).stdout
    assert "网商银行，蚂蚁集团的关联公司[1]" in zh
    assert "蚂蚁集团本身不是申请机构" in zh


def test_a_group_with_several_members_has_all_their_projects(real) -> None:
    """Tencent: its cloud subsidiary's and WeBank's projects, each member with its own count."""
    profile = json.loads(real("applicant", "腾讯", "--json").stdout)["results"][0]
    assert profile["entity_id"] == "tencent"
    counts = {x["entity_id"]: x["applications"] for x in profile["members"]}
    assert counts == {"tencent-cloud": len(_yaml_projects_of("tencent-cloud")),
                      "webank": len(_yaml_projects_of("webank"))}
    assert {p["name_zh"] or p["name_en"] for p in profile["projects"]} == _yaml_projects_of("tencent-cloud", "webank")


def test_search_by_a_group_finds_its_members_projects_and_says_which_members(real) -> None:
    """`search --applicant 蚂蚁` is MYbank's projects, and the output names MYbank as the member taken in."""
    doc = json.loads(real("search", "--applicant", "蚂蚁", "--json").stdout)
    assert {p["name_zh"] or p["name_en"] for p in doc["results"]} == _yaml_projects_of("mybank")
    assert [x["entity_id"] for g in doc["query"]["group_members"] for x in g["members"]] == ["mybank"]
    assert "Ant Group includes its member MYbank." in real("search", "--applicant", "Ant Group").stdout
    assert "腾讯包括其成员机构腾讯云计算、微众银行。" in real("search", "--applicant", "腾讯", "--lang", "zh").stdout


def test_an_institution_outside_any_group_is_unchanged(real) -> None:
    """CMB belongs to no group here: no ties, no members, every project its own."""
    profile = json.loads(real("applicant", "招商银行", "--json").stdout)["results"][0]
    assert profile["part_of"] == [] and profile["members"] == []
    assert profile["own_applications"] == len(profile["projects"])


def test_every_recorded_parent_names_a_page_and_a_known_relation() -> None:
    """No tie without its page: each `parent` in entities.yaml is a mapping with a source that exists."""
    sources = {s["id"] for s in yaml.safe_load((SOURCES / "sources.yaml").read_text(encoding="utf-8"))["sources"]}
    entities = yaml.safe_load((SOURCES / "entities.yaml").read_text(encoding="utf-8"))["entities"]
    parents = [e["parent"] for e in entities if "parent" in e]
    assert len(parents) >= 8
    assert all(p["source"] in sources and p["relation"] in ("subsidiary", "affiliate") for p in parents)


GROUP_ENTITIES = """
- {id: grp, name_en: Group, name_zh: 集团, kind: other, aliases: []}
- {id: sub, name_en: Sub, name_zh: 子公司, kind: other, PARENT, aliases: []}
"""


@pytest.mark.parametrize(("parent", "expected"), [
    pytest.param("parent: {id: grq, relation: subsidiary, source: src-a}",
                 "entities.yaml:7: entity 'sub': parent 'grq' is not another entity (did you mean 'grp'?)",
                 id="unknown-parent"),
    pytest.param("parent: {id: grp, relation: subsidiary}", "entities.yaml:7: parent is missing 'source'",
                 id="missing-source"),
    pytest.param("parent: grp",
                 "entities.yaml:7: 'parent' must be a mapping {id: <entity>, relation: subsidiary|affiliate, source: "
                 "<source id>}: every relation names the page it comes from", id="bare-id"),
    pytest.param("parent: {id: grp, relation: owner, source: src-a}",
                 "entities.yaml:7: 'relation' is 'owner'; expected one of subsidiary, affiliate", id="bad-relation"),
    pytest.param("parent: {id: sub, relation: subsidiary, source: src-a}",
                 "entities.yaml:7: entity 'sub': parent 'sub' is not another entity", id="own-parent"),
])
def test_a_bad_parent_is_reported_at_its_line(fixture_sources: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str], parent: str, expected: str) -> None:
    """An unknown parent, a missing page, a bare id, an unknown relation: one file:line message each."""
    path = fixture_sources / "entities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + GROUP_ENTITIES.lstrip("\n").replace("PARENT", parent),
                    encoding="utf-8")
    code = build_main(["--sources", str(fixture_sources), "--output", str(tmp_path / "x.db")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{fixture_sources.as_posix()}/{expected}" in err.splitlines(), err


def test_a_loop_of_parents_is_refused(fixture_sources: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Two institutions that are each other's parent: the loop is named, the build fails."""
    path = fixture_sources / "entities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "- {id: aa, name_en: A, name_zh: null, kind: other, parent: {id: bb, relation: affiliate, source: src-a}}\n"
        "- {id: bb, name_en: B, name_zh: null, kind: other, parent: {id: aa, relation: affiliate, source: src-a}}\n"),
        encoding="utf-8")
    assert build_main(["--sources", str(fixture_sources), "--output", str(tmp_path / "x.db")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"{fixture_sources.as_posix()}/entities.yaml:6: entity 'aa': its parents form a loop (aa → bb → aa)" in err


def test_a_chain_of_parents_builds(fixture_sources: Path, tmp_path: Path) -> None:
    """A member of a member (several levels) is fine: parents are written before the members that name them."""
    path = fixture_sources / "entities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "- {id: cc, name_en: C, name_zh: null, kind: other, parent: {id: bb, relation: subsidiary, source: src-a}}\n"
        "- {id: bb, name_en: B, name_zh: null, kind: other, parent: {id: aa, relation: affiliate, source: src-a}}\n"
        "- {id: aa, name_en: A, name_zh: null, kind: other}\n"), encoding="utf-8")
    assert build_main(["--sources", str(fixture_sources), "--output", str(tmp_path / "x.db")]) == 0
    # And it is walked to the top and down to the bottom: cc is part of bb, which is part of aa.
    conn = connect(tmp_path / "x.db")
    try:
        assert [(x.entity_id, x.parent_id, x.relation) for x in part_of(conn, "cc")] == [
            ("cc", "bb", "subsidiary"), ("bb", "aa", "affiliate")]
        assert [(x.entity_id, x.link.parent_id) for x in members(conn, "aa")] == [("bb", "aa"), ("cc", "bb")]
    finally:
        conn.close()


def test_stats_count_each_group_with_its_members(real) -> None:
    """A group's count in stats is its own and its members' distinct projects, read from the YAML."""
    doc = json.loads(real("stats", "--top", "50", "--json").stdout)
    groups = {s["key"]: s["count"] for s in doc["results"] if s["dimension"] == "group"}
    assert groups["tencent"] == len(_yaml_projects_of("tencent", "tencent-cloud", "webank")) == 4
    assert groups["china-telecom"] == len(_yaml_projects_of("china-telecom", "bestpay"))
    assert groups["ant-group"] == len(_yaml_projects_of("mybank"))
    assert "cmb" not in groups  # an institution without members is no group
    zh = real("stats", "--lang", "zh", env={"COLUMNS": "100"}).stdout
    assert "企业集团（含成员机构的创新应用）" in zh and "腾讯" in zh


def test_the_pages_behind_group_ties_say_what_rests_on_them(real) -> None:
    """A page that states a tie to a group is not 'unused': `sources ID` lists the ties it backs and `--cited-by
    group` finds it. Expected from entities.yaml by hand: scmp-3133227 states two ties (MYbank → Ant Group, WeBank →
    Tencent, both affiliates); seven pages state the eight ties."""
    doc = json.loads(real("sources", "scmp-3133227", "--json").stdout)
    ties = [(u["name_en"], u["role"], u["group_id"]) for u in doc["results"] if u["kind"] == "group"]
    assert sorted(ties) == [("MYbank", "affiliate", "ant-group"), ("WeBank", "affiliate", "tencent")]
    assert doc["source"]["groups"] == 2
    listed = json.loads(real("sources", "--cited-by", "group", "--json").stdout)
    assert sorted(d["id"] for d in listed["results"]) == [
        "chinabankingnews-2018-08-31", "chinastocks-jd-fintech-arm", "ec100-6584427", "ktszz-3397", "scmp-3133227",
        "technode-2019-04-04", "zprce-246073"]
    table = real("sources", "scmp-3133227", env={"COLUMNS": "120"}).stdout
    assert "Nothing in the data rests on this page" not in table
    assert "MYbank 网商银行, part of Ant Group 蚂蚁集团" in table


def test_an_exact_name_says_which_other_institutions_contain_it(real) -> None:
    """度小满 is exactly Du Xiaoman's name (entities.yaml), so the answer is Du Xiaoman's alone;
    度小满(重庆)科技有限公司, a separate institution with no cited tie, also contains the words and is named beside
    the answer, not added."""
    doc = json.loads(real("applicant", "度小满", "--json").stdout)
    assert doc["query"]["entities"] == ["du-xiaoman"]
    assert [x["entity_id"] for x in doc["query"]["also_containing"]] == ["du-xiaoman-chongqing"]
    other = _entity("du-xiaoman-chongqing")
    assert (other["name_en"], other["name_zh"]) == (doc["query"]["also_containing"][0]["name_en"],
                                                    doc["query"]["also_containing"][0]["name_zh"])
    table = real("applicant", "度小满", env={"COLUMNS": "200"}).stdout
    assert table.startswith('Also containing "度小满", not included: ') and "度小满(重庆)科技有限公司" in table
    found = json.loads(real("search", "--applicant", "度小满", "--json").stdout)
    assert {p["name_zh"] or p["name_en"] for p in found["results"]} == _yaml_projects_of("du-xiaoman")
    assert list(found["query"]["applicants_also_containing"]) == ["度小满"]
    # A group's members are in its answer already; a name contained by no other institution says nothing more.
    assert json.loads(real("applicant", "腾讯", "--json").stdout)["query"]["also_containing"] == []
    assert json.loads(real("applicant", "招商银行", "--json").stdout)["query"]["also_containing"] == []
    assert "applicants_also_containing" not in json.loads(real("search", "--applicant", "招商银行", "--json").stdout)[
        "query"]


def test_one_application_listed_in_several_regions_shares_its_key(real) -> None:
    """pboc-application-pilot/{beijing,shanghai,sichuan}.yaml list UnionPay's face-payment security application each
    with `application: unionpay-face-payment-security`; a script can group the listings by that key."""
    listed = {}
    for path in sorted(SOURCES.glob("*/*.yaml")):
        for batch in yaml.safe_load(path.read_text(encoding="utf-8")).get("batches") or []:
            for p in batch.get("projects") or []:
                if p.get("application"):
                    listed.setdefault(p["application"], set()).add(p["name_zh"])
    assert list(listed) == ["unionpay-face-payment-security"] and len(listed["unionpay-face-payment-security"]) == 1
    doc = json.loads(real("search", "--programme", "application", "--json").stdout)
    keys = {p["id"]: p["application"] for p in doc["results"]}
    assert sorted(i for i, key in keys.items() if key == "unionpay-face-payment-security") == [113, 123, 124]
    assert sum(key is None for key in keys.values()) == len(keys) - 3
