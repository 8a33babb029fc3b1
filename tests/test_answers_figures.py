"""Figures — coverage, timeline, stats, compare, list-cities, show, project, applicant — on the bundled database,
each expected value added up by hand from data/sources/ (the files are named beside each).

Guangzhou and Gansu in the PBOC sandbox are small enough to count in full:

    pboc-regulatory-pilot/guangzhou.yaml
      batch 1  2020-08-24  announced 5  known 2  categories: none given; big-data ×2, internet-of-things,
               complex-network; ICBC, Guangzhou Rural Commercial Bank (banks); one name is a description, two
               English names translated, one project without a Chinese name
      batch 2  2021-06-04  announced 4  known 4  3 financial services + 1 technology product; knowledge-graph ×2,
               artificial-intelligence ×2, big-data, blockchain; applicants ABC | Bank of Guangzhou, SequoiaDB |
               SAFE, CGB | ISCAS Guangzhou, China Electronic Port (no Chinese name), CMB, Zhongke Huizhi;
               only project 3 has a Chinese name
    pboc-regulatory-pilot/gansu.yaml
      batch 1  2021-09-06  announced 2  known 2  financial services; robotics, artificial-intelligence;
               Bank of Gansu, Bank of Lanzhou
      batch 3  2023-12-19  size not announced, known 3  no category; AI ×2, big-data ×2, image-recognition,
               knowledge-graph; Gansu Rural Credit Union (other), Bank of Gansu, Bank of Lanzhou; two names are
               descriptions without Chinese, one placement inferred, all three English names translated
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import sandboxcli
from sandboxcli.errors import NotFound

from .conftest import REAL_DB

PBOC, CSRC, APP = "pboc-regulatory-pilot", "csrc-capital-market-pilot", "pboc-application-pilot"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[sandboxcli.api.Sandbox]:
    with sandboxcli.open(REAL_DB) as opened:
        yield opened


# --- coverage ------------------------------------------------------------------------------------------------------


def test_coverage_of_guangzhou(sandbox) -> None:
    report = sandbox.coverage("guangzhou", "pboc")
    rows = [(r.batch_key, r.announced, r.announced_count, r.known_count, r.missing, r.complete,
             r.projects_without_name_zh, r.projects_without_name_en, r.translated_names_en,
             r.names_that_are_descriptions, r.placements_inferred) for r in report.results]
    assert rows == [("1", "2020-08-24", 5, 2, 3, False, 1, 0, 2, 1, 0),
                    ("2", "2021-06-04", 4, 4, 0, True, 3, 0, 0, 0, 0)]
    (totals,) = report.totals
    assert totals.as_dict() == {
        "programme": PBOC, "batches": 2, "batches_complete": 1, "batches_of_unknown_size": 0, "announced_count": 9,
        "batches_missing": 0, "known": 6, "distinct_applications": 6, "known_in_batches_of_known_size": 6,
        "known_in_unsized_batches": 0,
        "missing": 3, "share_known": 0.667,
        "projects_without_name_zh": 4, "projects_without_name_en": 0, "applicants_without_name_zh": 1,
        "applicants_without_name_en": 0,
        # Every row cites a source; Guangzhou has no events, and none of nothing is reported as complete.
        "share_with_source": {"batches": 1.0, "projects": 1.0, "project_applicants": 1.0, "events": 1.0}}


def test_coverage_with_a_batch_of_unknown_size(sandbox) -> None:
    # gansu.yaml has batches 1 and 3, so batch 2 exists but is in no source: a row of unknown size, nothing known,
    # after the dated ones.
    report = sandbox.coverage("gansu", "pboc")
    rows = [(r.batch_key, r.announced_count, r.known_count, r.missing, r.complete, r.projects_without_name_zh,
             r.translated_names_en, r.names_that_are_descriptions, r.placements_inferred, r.listed)
            for r in report.results]
    assert rows == [("1", 2, 2, 0, True, 0, 2, 0, 0, True), ("3", None, 3, None, False, 2, 3, 2, 1, True),
                    ("2", None, 0, None, False, 0, 0, 0, 0, False)]
    (totals,) = report.totals
    assert (totals.batches, totals.batches_complete, totals.batches_of_unknown_size, totals.batches_missing,
            totals.announced_count, totals.known, totals.known_in_batches_of_known_size,
            totals.known_in_unsized_batches, totals.missing, totals.share_known) == (3, 1, 2, 1, 2, 5, 2, 3, 0, 1.0)
    incomplete = sandbox.coverage("gansu", "pboc", incomplete=True)
    assert [r.batch_key for r in incomplete.results] == ["3", "2"]
    assert incomplete.totals[0].batches == 3  # totals still count every batch in scope


def test_coverage_totals_per_programme_in_order(sandbox) -> None:
    # Guangzhou: two PBOC batches, and CSRC batches 1 and 2 (csrc guangzhou.yaml: undated, sizes unknown, none known).
    report = sandbox.coverage("guangzhou")
    assert [(t.programme, t.batches, t.batches_of_unknown_size, t.announced_count, t.known, t.share_known)
            for t in report.totals] == [(PBOC, 2, 0, 9, 6, 0.667), (CSRC, 2, 2, 0, 0, None)]
    assert [(r.programme, r.batch_key) for r in report.results] == [(PBOC, "1"), (PBOC, "2"), (CSRC, "1"),
                                                                    (CSRC, "2")]


def test_source_coverage_adds_up(sandbox) -> None:
    sources = sandbox.coverage().sources
    assert sources.with_title_and_publisher <= min(sources.with_title, sources.with_publisher)
    assert sources.share_with_publisher == round(sources.with_publisher / sources.sources, 3)
    assert sources.share_copies == round(sources.copies / sources.sources, 3)
    assert 0 < sources.copies < sources.sources


# --- timeline ------------------------------------------------------------------------------------------------------


def test_timeline_by_year_of_the_sandbox(sandbox) -> None:
    # Every dated PBOC batch (pboc-regulatory-pilot/*.yaml) by year: (batches, announced, of unknown size, known).
    points = [(p.period, p.programme, p.batches, p.announced_count, p.announced_unknown_batches, p.known)
              for p in sandbox.timeline("year", "pboc").results]
    assert points == [
        ("2020", PBOC, 12, 70, 0, 54),
        ("2021", PBOC, 9, 30, 0, 27),  # chengdu.yaml batch 3 (2021-10-14, 2 of 2) among them
        ("2022", PBOC, 1, 1, 0, 1),
        ("2023", PBOC, 4, 1, 3, 8),  # henan 2023-03, beijing 2023-11 (1), gansu 3 and chongqing 6: sizes unknown
        ("2024", PBOC, 1, 6, 0, 1),  # hebei 2024-01-listing
        ("2025", PBOC, 1, 7, 0, 2),  # jiangsu ai-theme-1
    ]


def test_timeline_by_month_in_one_city(sandbox) -> None:
    points = [(p.period, p.programme, p.batches, p.announced_count, p.known)
              for p in sandbox.timeline("month", city="shanghai").results]
    # the application pilot is dated 2018-12 (pboc-application-pilot/shanghai.yaml)
    assert points == [("2018-12", APP, 1, 23, 3), ("2020-07", PBOC, 1, 8, 8), ("2020-12", PBOC, 1, 5, 5),
                      ("2021-03", PBOC, 1, 3, 3), ("2022-12", CSRC, 1, 26, 0)]


def test_timeline_puts_programmes_of_one_period_in_programme_order(sandbox) -> None:
    # 2021: nine PBOC batches and CSRC Beijing batch 1 (2021-11-19, 16 announced, 1 known).
    year = [(p.period, p.programme, p.batches, p.announced_count, p.known) for p in sandbox.timeline("year").results
            if p.period == "2021"]
    assert year == [("2021", PBOC, 9, 30, 27), ("2021", CSRC, 1, 16, 1)]


# --- stats ---------------------------------------------------------------------------------------------------------


def test_stats_of_guangzhou(sandbox) -> None:
    items = [(s.dimension, s.key, s.count, s.share) for s in sandbox.stats("pboc", "guangzhou", top=3).results]
    assert items == [
        ("programme", PBOC, 6, 1.0),
        ("category", "financial-service", 3, 0.5), ("category", "unknown", 2, 0.333),
        ("category", "technology-product", 1, 0.167),
        ("technology", "big-data", 3, 0.5), ("technology", "artificial-intelligence", 2, 0.333),
        ("technology", "knowledge-graph", 2, 0.333),
        ("institution-kind", "bank", 6, 1.0), ("institution-kind", "other", 1, 0.167),
        ("institution-kind", "public-body", 1, 0.167), ("institution-kind", "technology-company", 1, 0.167),
        ("applicant", "abc", 1, 0.167), ("applicant", "bank-of-guangzhou", 1, 0.167), ("applicant", "cgb", 1, 0.167),
    ]
    labels = {(s.dimension, s.key): (s.label, s.label_zh) for s in sandbox.stats("pboc", "guangzhou").results}
    assert labels[("category", "unknown")] == ("not given", None)
    assert labels[("applicant", "cmb")] == ("China Merchants Bank", "招商银行")
    assert labels[("technology", "blockchain")] == ("Blockchain", "区块链")
    assert sum(1 for d, _ in labels if d == "applicant") == 10  # eleven applicants, the top ten


# --- compare and list-cities ---------------------------------------------------------------------------------------


def _entry(comparison: object) -> dict:
    (entry,) = comparison.programmes  # type: ignore[attr-defined]
    return entry.as_dict()


def test_compare_guangzhou_and_gansu(sandbox) -> None:
    guangzhou, gansu = sandbox.compare(["广州", "Gansu"], "pboc").results
    assert (guangzhou.region, guangzhou.name_en, guangzhou.name_zh) == ("guangzhou", "Guangzhou", "广州市")
    assert _entry(guangzhou) == {
        "programme": PBOC, "batches": 2, "batches_missing": 0, "announced_count": 9, "announced_unknown_batches": 0,
        "known": 6, "known_in_unsized_batches": 0, "first_date": "2020-08-24", "latest_date": "2021-06-04",
        "financial_service": 3, "technology_product": 1, "category_unknown": 2,
        "top_technologies": [
            {"key": "big-data", "label": "Big data", "count": 3, "label_zh": "大数据"},
            {"key": "artificial-intelligence", "label": "Artificial intelligence", "count": 2, "label_zh": "人工智能"},
            {"key": "knowledge-graph", "label": "Knowledge graph", "count": 2, "label_zh": "知识图谱"}],
        "top_applicants": [
            {"key": "abc", "label": "Agricultural Bank of China", "count": 1, "label_zh": "中国农业银行"},
            {"key": "bank-of-guangzhou", "label": "Bank of Guangzhou", "count": 1, "label_zh": "广州银行"},
            {"key": "cgb", "label": "China Guangfa Bank", "count": 1, "label_zh": "广发银行"}],
        "with_bank_applicant": 6, "bank_share": 1.0}
    # Gansu: batches 1 and 3 and batch 2, known only by numbering; sizes of 2 and 3 unknown.
    entry = _entry(gansu)
    assert {k: entry[k] for k in ("batches", "batches_missing", "announced_count", "announced_unknown_batches", "known",
                                  "known_in_unsized_batches", "first_date", "latest_date", "financial_service",
                                  "technology_product", "category_unknown", "with_bank_applicant", "bank_share")} == {
        "batches": 3, "batches_missing": 1, "announced_count": 2, "announced_unknown_batches": 2, "known": 5,
        "known_in_unsized_batches": 3, "first_date": "2021-09-06", "latest_date": "2023-12-19", "financial_service": 2,
        "technology_product": 0, "category_unknown": 3, "with_bank_applicant": 4, "bank_share": 0.8}
    assert [(r["key"], r["count"]) for r in entry["top_technologies"]] == [
        ("artificial-intelligence", 3), ("big-data", 2), ("image-recognition", 1)]
    assert [(r["key"], r["count"]) for r in entry["top_applicants"]] == [
        ("bank-of-gansu", 2), ("bank-of-lanzhou", 2), ("gansu-rural-credit-union", 1)]


def test_compare_keeps_programmes_apart(sandbox) -> None:
    # Without a programme Guangzhou has an entry for CSRC batches 1 and 2 too (undated, sizes unknown, none known).
    guangzhou, _ = sandbox.compare(["guangzhou", "gansu"]).results
    assert [p.programme for p in guangzhou.programmes] == [PBOC, CSRC]
    assert guangzhou.programmes[1].as_dict() == {
        "programme": CSRC, "batches": 2, "batches_missing": 0, "announced_count": 0, "announced_unknown_batches": 2,
        "known": 0, "known_in_unsized_batches": 0, "first_date": None, "latest_date": None, "financial_service": 0,
        "technology_product": 0, "category_unknown": 0, "top_technologies": [], "top_applicants": [],
        "with_bank_applicant": 0, "bank_share": None}


def test_a_region_absent_from_the_programme_has_no_entry(sandbox) -> None:
    _, gansu = sandbox.compare(["guangzhou", "gansu"], "csrc").results
    assert gansu.as_dict() == {"region": "gansu", "name_en": "Gansu", "name_zh": "甘肃省", "programmes": []}


def test_list_cities_order(sandbox) -> None:
    regions = sandbox.regions().results
    slugs = [r.region for r in regions]
    # PBOC regions by their first batch (2020-01-14 Beijing ... 2020-08-14 Hangzhou, Suzhou, Xiong'an by name),
    assert slugs[:9] == ["beijing", "shanghai", "shenzhen", "chongqing", "hangzhou", "suzhou", "xiongan", "chengdu",
                         "guangzhou"]
    # PBOC regions whose batches are all undated, by name; then CSRC-only regions, then application-pilot-only.
    # (sichuan.yaml and zhejiang.yaml list only undated statements)
    assert slugs[-15:] == ["anhui", "guangxi", "guizhou", "hainan", "hubei", "liaoning", "shandong", "shanxi",
                           "sichuan", "zhejiang", "jinan", "nanjing", "fujian", "guangdong", "shaanxi"]
    assert len(slugs) == 28
    assert (regions[0].name_zh, regions[0].province_en) == ("北京市", "Beijing")  # regions.yaml
    beijing = [(t.programme, t.batches, t.announced_count, t.announced_unknown_batches, t.known, t.first_date,
                t.latest_date) for t in regions[0].programmes]
    assert beijing == [(PBOC, 5, 24, 0, 20, "2020-01-14", "2023-11"), (CSRC, 2, 16, 1, 1, "2021-11-19", "2021-11-19"),
                       (APP, 1, 46, 0, 1, "2018-12", "2018-12")]


def test_list_cities_of_one_programme(sandbox) -> None:
    assert [r.region for r in sandbox.regions("csrc").results] == [
        "beijing", "shanghai", "chengdu", "guangzhou", "jinan", "nanjing", "shenzhen", "zhejiang"]


# --- show, project, applicant ----------------------------------------------------------------------------------------


def test_a_region_lists_programmes_in_order_and_undated_keys_last(sandbox) -> None:
    # chongqing.yaml: batches 1, 2 and 6, so 3, 4 and 5 exist in no source (implied by 6); then the unnumbered.
    batches = sandbox.region("chongqing").results
    assert [(b.programme, b.key, b.listed) for b in batches] == [
        (PBOC, "1", True), (PBOC, "2", True), (PBOC, "3", False), (PBOC, "4", False), (PBOC, "5", False),
        (PBOC, "6", True), (PBOC, "2025-listing", True), (PBOC, "undated-new-batch", True), (APP, "pilot", True)]
    assert [b.complete for b in batches[:3]] == [True, False, False]  # 5 of 5, 3 of 6, nothing of batch 3
    assert (batches[2].implied_by, batches[2].evidence, batches[2].number, batches[2].known_count) == (
        "6", "numbering", 3, 0)


def test_show_prefers_the_sandbox_and_names_the_batches_there_are(sandbox) -> None:
    assert sandbox.batch("guangzhou", "第一批").batch.programme == PBOC
    csrc = sandbox.batch("guangzhou", 1, "csrc")
    assert (csrc.batch.programme, csrc.batch.announced, csrc.count) == (CSRC, None, 0)
    with pytest.raises(NotFound) as missing:
        sandbox.batch("guangzhou", "9")
    assert (missing.value.message, missing.value.suggestion) == ("Guangzhou has no batch '9'", "its batches: 1, 2")
    with pytest.raises(NotFound) as in_csrc:
        sandbox.batch("guangzhou", "3", "csrc")
    assert in_csrc.value.message == "Guangzhou has no batch '3' in csrc-capital-market-pilot"
    with pytest.raises(NotFound) as no_batches:
        sandbox.region("anhui", "csrc")
    assert no_batches.value.message == "Anhui has no batches in the csrc-capital-market-pilot programme"


def test_a_batch_has_all_its_events_and_a_project_its_own_and_the_batchs(sandbox) -> None:
    # pboc beijing.yaml batch 1: service launched 2020-03-16 (the batch); projects 1 and 4 completed testing
    # 2021-09-28.
    view = sandbox.batch("beijing", 1)
    assert [(e.date, e.kind) for e in view.batch.events] == [("2020-03-16", "service-launched"),
                                                             ("2021-09-28", "completed-testing"),
                                                             ("2021-09-28", "completed-testing")]
    first, second = view.results[0], view.results[1]
    assert [(e.date, e.kind) for e in sandbox.project(first.id).results[0].events] == [
        ("2020-03-16", "service-launched"), ("2021-09-28", "completed-testing")]
    assert [(e.date, e.kind) for e in sandbox.project(second.id).results[0].events] == [
        ("2020-03-16", "service-launched")]


def test_an_unknown_project_names_the_range(sandbox) -> None:
    with pytest.raises(NotFound) as missing:
        sandbox.project(125)
    # 124 projects in data/sources/*/*.yaml, numbered from 1.
    assert (missing.value.message, missing.value.suggestion) == (
        "no project 125", "project ids run from 1 to 124; `sandbox search` shows them")


def test_an_applicant_profile(sandbox) -> None:
    # entities.yaml: cmb is China Merchants Bank, 招商银行, aliases CMB and 招行. In the PBOC batch files: shenzhen.yaml
    # batch 1 project 3 (2020-07-31, alone), guangzhou.yaml batch 2 project 4 (2021-06-04, with ISCAS Guangzhou,
    # China Electronic Port and Zhongke Huizhi) and shenzhen.yaml gba-cross-boundary (undated, with CMB Wing Lung).
    (profile,) = sandbox.applicant("China Merchants Bank").results
    assert (profile.entity_id, profile.name_en, profile.name_zh, profile.kind) == ("cmb", "China Merchants Bank",
                                                                                   "招商银行", "bank")
    assert profile.aliases == ["CMB", "招行"]
    assert [(p.region, p.batch_key, p.position) for p in profile.projects] == [
        ("shenzhen", "1", 3), ("guangzhou", "2", 4), ("shenzhen", "gba-cross-boundary", 1)]
    assert (profile.regions, profile.programmes) == (["guangzhou", "shenzhen"], [PBOC])
    assert [(r.key, r.count) for r in profile.co_applicants] == [
        ("china-electronic-port", 1), ("cmb-wing-lung-bank", 1), ("iscas-guangzhou", 1), ("zhongke-huizhi", 1)]


def test_an_institution_in_several_regions_and_programmes(sandbox) -> None:
    # Bank of Lanzhou, alone each time: shenzhen.yaml batch 2 project 3 (2021-01-12), gansu.yaml batch 1 project 2
    # (2021-09-06) and batch 3 project 3 (2023-12-19).
    (profile,) = sandbox.applicant("兰州银行").results
    assert [(p.region, p.batch_key, p.position) for p in profile.projects] == [
        ("shenzhen", "2", 3), ("gansu", "1", 2), ("gansu", "3", 3)]
    assert (profile.regions, profile.aliases, profile.co_applicants) == (["gansu", "shenzhen"], [], [])


def test_schema_describes_every_table_and_column_from_the_metadata(sandbox) -> None:
    """`sandbox sql --schema`: data/metadata.json documents each table and column; the FTS index's shadow tables
    and the descriptions table itself are left out."""
    import json

    documented = json.loads((REAL_DB.parent / "metadata.json").read_text(encoding="utf-8"))["databases"]["sandbox"]
    tables = {name: spec for name, spec in documented["tables"].items() if name != "column_descriptions"}
    rows = sandbox.schema().results
    assert [r["table"] for r in rows if r["column"] is None] == sorted([*tables, "project_search_fts"])
    for name, spec in tables.items():
        mine = [r for r in rows if r["table"] == name]
        assert mine[0] == {"table": name, "column": None, "type": None, "description": spec["description"]}
        assert {r["column"]: r["description"] for r in mine[1:]} == spec["columns"]
    assert {r["type"] for r in rows if r["table"] == "regions" and r["column"] == "slug"} == {"TEXT"}


def test_a_batch_carries_its_context(sandbox) -> None:
    # guangzhou.yaml batch 2 and programmes.yaml; sources.yaml for the main source.
    info = sandbox.batch("guangzhou", "2").batch
    assert (info.region_name_en, info.region_name_zh, info.label, info.regulator, info.number, info.key) == (
        "Guangzhou", "广州市", "广州金融科技创新监管工具第二批", "PBOC Guangzhou Branch (中国人民银行广州分行)", 2, "2")
    assert info.programme_name_en == 'PBOC fintech innovation regulatory pilot ("regulatory sandbox")'
    assert info.programme_name_zh == "金融科技创新监管试点（2021年4月起：金融科技创新监管工具）"
    assert [s.id for s in info.sources] == ["chinabankingnews-2021-06-06", "cnstock-4713071", "jrdaily-929",
                                            "gdjr-3309869", "easyfang-61062021"]
    assert info.source.as_dict() == {
        "id": "chinabankingnews-2021-06-06", "is_copy": False, "original_id": None, "date": "2021-06-06",
        "url": "https://www.chinabankingnews.com/2021/06/06/guangzhous-fintech-sandbox-unveils-second-batch-of-"
               "innovation-projects/",
        "title": "Guangzhou’s Fintech Sandbox Unveils Second Batch of Innovation Projects",
        "publisher": "China Banking News"}
    assert len(info.notes) == 2 and info.notes[0].startswith("A Chinese official name was found only for the SAFE")
    assert (info.announced_count, info.known_count, info.complete, info.events) == (4, 4, True, [])


def test_a_project_whole(sandbox) -> None:
    # beijing.yaml batch 1 project 1: source fastread-146253, more sources bjtitle-6001566 and mpaypass-16210703.
    first = sandbox.batch("beijing", "1").results[0]
    detail = sandbox.project(first.id).results[0]
    assert detail.name_en == ("Internet of Things-based item traceability certification management and supply "
                              "chain finance")
    assert (detail.programme, detail.region, detail.batch_key, detail.position, detail.batch_announced) == (
        PBOC, "beijing", "1", 1, "2020-01-14")
    assert [a.entity_id for a in detail.applicants] == ["icbc"]
    assert detail.technologies == ["internet-of-things", "blockchain"]
    assert [s.id for s in detail.sources] == ["fastread-146253", "bjtitle-6001566", "mpaypass-16210703"]
    # `source` is the best of those pages (sources.best_first, tested in test_sources_rank.py).
    assert detail.status == "completed-testing" and detail.source.id in {s.id for s in detail.sources}


def test_an_event_row_names_its_batch_and_project(sandbox) -> None:
    # zhejiang.yaml 2024-ruifeng-statement: planned start 2024-12-31 (source fxbaogao-4429927), a batch event; its
    # one project is 基于图数据库的普惠金融服务.
    (row,) = sandbox.events("planned-start", since="2024-12-31", until="2024-12-31").results
    assert (row.date, row.date_precision, row.kind, row.programme, row.region, row.region_name_en,
            row.region_name_zh, row.batch_key, row.project_id, row.source.id) == (
        "2024-12-31", "day", "planned-start", PBOC, "zhejiang", "Zhejiang", "浙江省", "2024-ruifeng-statement", None,
        "fxbaogao-4429927")
    assert row.note == "The applicant's statement gives this as the planned date of formal operation (拟正式运营时间)."
    # A project's own event carries its names: beijing.yaml batch 2 project 2 completed testing on 2021-09-28.
    done = [e for e in sandbox.events("completed-testing", cities="beijing").results if e.project_name_en
            and e.project_name_en.startswith("Blockchain-based industrial")]
    assert len(done) == 1 and done[0].project_id is not None and done[0].batch_key == "2"


def test_months_without_a_known_size_count_zero_announced(sandbox) -> None:
    # December 2023: gansu.yaml batch 3 (3 known) and chongqing.yaml batch 6 (3 known), neither size announced.
    months = {p.period: p for p in sandbox.timeline("month", "pboc").results}
    december = months["2023-12"]
    assert (december.batches, december.announced_count, december.announced_unknown_batches,
            december.known) == (2, 0, 2, 6)
    assert "2023" not in months and "2020-12" in months


def test_technologies_list_families_with_their_members(sandbox) -> None:
    rows = sandbox.technologies().results
    slugs = [t.slug for t in rows]
    family = slugs.index("privacy-computing")
    members = rows[family + 1: family + 5]
    assert {t.slug for t in members} == {"federated-learning", "homomorphic-encryption", "multi-party-computation",
                                         "trusted-execution-environment"}
    assert all(t.parent == "privacy-computing" for t in members) and rows[family].parent is None
    assert [(-t.projects, t.slug) for t in members] == sorted((-t.projects, t.slug) for t in members)
    # A family counts the projects using it or a member: what `search --tech FAMILY` finds.
    assert rows[family].projects == len(sandbox.search(technologies="privacy-computing").results)
    assert rows[slugs.index("blockchain")].projects == len(sandbox.search(technologies="blockchain").results)
    tops = [t for t in rows if t.parent is None]
    biggest = [max([t.projects, *(x.projects for x in rows if x.parent == t.slug)]) for t in tops]
    assert biggest == sorted(biggest, reverse=True)  # families by their largest count


def test_institution_matches_count_applications(sandbox) -> None:
    # Projects naming each bank in data/sources/*/*.yaml: ABC 12, ICBC 12, BOC 6, PSBC 4; ties by id.
    matches = sandbox.applicant("bank of chin").matches
    assert [(m.entity_id, m.applications, m.kind) for m in matches] == [
        ("abc", 12, "bank"), ("icbc", 12, "bank"), ("boc", 6, "bank"), ("psbc", 4, "bank")]
    assert (matches[2].name_en, matches[2].name_zh, matches[2].parent_id) == ("Bank of China", "中国银行", None)


def test_bank_share_per_programme(sandbox) -> None:
    # Shanghai's known applications without a bank applicant: sandbox batch 2 project 2 (Allinpay) and the
    # application pilot's projects 2 (no applicant recorded) and 3 (UnionPay). Sandbox: 15 of 8 + 5 + 3; pilot: 1 of 3.
    shanghai, _ = sandbox.compare(["shanghai", "beijing"]).results
    assert [(p.programme, p.known, p.with_bank_applicant, p.bank_share) for p in shanghai.programmes] == [
        (PBOC, 16, 15, 0.938), (CSRC, 0, 0, None), (APP, 3, 1, 0.333)]


def test_compare_counts_only_the_programme_asked_for(sandbox) -> None:
    # Beijing's sandbox batches: only batch 3's project is a financial service; 20 known (6 + 11 + 1 + 1 + 1);
    # technologies: blockchain 4 (b1p1, b2p2, b2p10, b3p1), big-data 3 (b1p5, b3p1, b4p1), api 2 (b1p4, b1p6).
    beijing, _ = sandbox.compare(["beijing", "gansu"], "pboc").results
    (entry,) = beijing.programmes
    assert (entry.known, entry.financial_service, entry.technology_product, entry.category_unknown) == (20, 1, 0, 19)
    assert [(r.key, r.count) for r in entry.top_technologies] == [("blockchain", 4), ("big-data", 3), ("api", 2)]


def test_stats_in_one_programme_of_a_region_with_several(sandbox) -> None:
    from sandboxcli.analysis import stats

    items = sandbox.stats("pboc", "beijing").results
    (programme,) = [(s.key, s.count, s.share, s.label_zh) for s in items if s.dimension == "programme"]
    assert programme == (PBOC, 20, 1.0, "金融科技创新监管试点（2021年4月起：金融科技创新监管工具）")
    # Without --top, the ten biggest applicants (Guangzhou's sandbox has eleven).
    assert sum(1 for s in stats(sandbox.conn, PBOC, "guangzhou") if s.dimension == "applicant") == 10


def test_an_institution_in_three_programmes_lists_them_in_programme_order(sandbox) -> None:
    (icbc,) = sandbox.applicant("工商银行").results
    assert icbc.programmes == [PBOC, CSRC, APP]


def test_a_region_ref_and_what_a_miss_suggests(sandbox) -> None:
    from sandboxcli.i18n import translator

    assert sandbox.region("广州").region.as_dict() == {"region": "guangzhou", "name_en": "Guangzhou",
                                                      "name_zh": "广州市"}
    with pytest.raises(NotFound) as missing:
        sandbox.region("anhui", "csrc")
    assert missing.value.suggestion == "`sandbox list-cities` shows where each programme runs"
    assert "Anhui" in missing.value.message and "安徽省" not in missing.value.message  # str(): English
    message, _ = missing.value.worded(translator("zh"))  # a Chinese reader's wording names the region in Chinese
    assert "安徽省" in message and "Anhui" not in message


def test_batch_summaries_of_a_region(sandbox) -> None:
    # beijing.yaml: batch 3 (2020-12-25) announced 5, a derived count; batch 2023-11 is dated to the month.
    batches = {(b.programme, b.key): b for b in sandbox.region("beijing").results}
    third = batches[(PBOC, "3")]
    assert third.as_dict() | {"source": None} == {
        "programme": PBOC, "region": "beijing", "key": "3", "number": 3, "label": "2020年第三批",
        "announced": "2020-12-25", "announced_precision": "day",
        "regulator": "PBOC Business Management Department (中国人民银行营业管理部) / Beijing fintech innovation "
                     "regulatory pilot",
        "announced_count": 5, "announced_count_derived": True, "known_count": 1, "complete": False, "source": None,
        "listed": True, "evidence": None, "implied_by": None}
    assert third.source.id == "tellerreport-g3mimttv"
    month = batches[(PBOC, "2023-11")]
    assert (month.number, month.announced, month.announced_precision, month.announced_count_derived) == (
        None, "2023-11", "month", False)


def test_a_missing_batch_lists_the_batches_of_the_programme_asked_for(sandbox) -> None:
    from sandboxcli.i18n import translator

    with pytest.raises(NotFound) as csrc:
        sandbox.batch("beijing", "9", "csrc")  # csrc beijing.yaml: batches 1 and 2
    assert csrc.value.suggestion == "its batches: 1, 2"
    assert csrc.value.worded(translator("zh"))[1] == "已有批次：1、2"  # the keys stay a list until worded
    with pytest.raises(NotFound) as chinese:
        sandbox.batch("guangzhou", "9")
    message, _ = chinese.value.worded(translator("zh"))
    assert "广州市" in message and "Guangzhou" not in message


def test_the_query_functions_own_defaults_and_edges(sandbox) -> None:
    from sandboxcli.analysis import institution_matches, timeline
    from sandboxcli.coverage import coverage
    from sandboxcli.queries import region_batches

    assert institution_matches(sandbox.conn, []) == []
    assert [p.period for p in timeline(sandbox.conn, programme=PBOC)] == ["2020", "2021", "2022", "2023", "2024",
                                                                         "2025"]
    rows, _, _ = coverage(sandbox.conn, PBOC, "guangzhou")
    assert [r.batch_key for r in rows] == ["1", "2"]  # every batch unless asked for the incomplete ones
    assert (rows[0].region, rows[0].region_name_en, rows[0].region_name_zh) == ("guangzhou", "Guangzhou", "广州市")
    with pytest.raises(NotFound) as unknown:
        region_batches(sandbox.conn, "atlantis")
    assert unknown.value.message == "unknown region 'atlantis'"


def test_coverage_totals_follow_programme_order(sandbox) -> None:
    assert [t.programme for t in sandbox.coverage().totals] == [PBOC, CSRC, APP]


def test_source_coverage_counts_sources_yaml() -> None:
    import yaml

    from sandboxcli.coverage import source_coverage
    from sandboxcli.db import connect

    listed = yaml.safe_load((REAL_DB.parent / "sources" / "sources.yaml").read_text(encoding="utf-8"))
    pages = listed["sources"] if isinstance(listed, dict) else listed
    n = len(pages)
    publisher = sum(1 for s in pages if s.get("publisher"))
    copies = sum(1 for s in pages if s.get("copy"))
    conn = connect(REAL_DB)
    try:
        counted = source_coverage(conn)
    finally:
        conn.close()
    assert counted.as_dict() == {
        "sources": n, "with_title": sum(1 for s in pages if s.get("title")), "with_publisher": publisher,
        "with_title_and_publisher": sum(1 for s in pages if s.get("title") and s.get("publisher")),
        "copies": copies, "share_with_publisher": round(publisher / n, 3), "share_copies": round(copies / n, 3)}


def test_coverage_reports_rows_without_a_source(tmp_path) -> None:
    """The build refuses a row without a source, so coverage is 100% in the real data; on a copy where one of
    Guangzhou's two batches and one of its six projects lose theirs, the shares say so."""
    import sqlite3

    copy = tmp_path / "damaged.db"
    source, conn = sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True), sqlite3.connect(copy)
    source.backup(conn)
    source.close()
    conn.execute("UPDATE batches SET source_id = 'gone' WHERE region = 'guangzhou' AND programme = ? AND key = '1'",
                 (PBOC,))
    conn.execute("UPDATE projects SET source_id = 'gone' WHERE id = (SELECT min(p.id) FROM projects p JOIN batches b "
                 "ON b.id = p.batch_id WHERE b.region = 'guangzhou' AND b.programme = ?)", (PBOC,))
    conn.commit()
    conn.close()
    from sandboxcli.coverage import coverage
    from sandboxcli.db import connect

    damaged = connect(copy)
    try:
        _, (totals,), _ = coverage(damaged, PBOC, "guangzhou")
    finally:
        damaged.close()
    assert totals.share_with_source == {"batches": 0.5, "projects": 0.833, "project_applicants": 1.0,
                                        "events": 1.0}


def test_every_field_of_a_project(sandbox) -> None:
    # sichuan.yaml 2024-abc-mianyang-statement, its one project: known from the applicant's statement only.
    (project,) = sandbox.batch("sichuan", "2024-abc-mianyang-statement").results
    fields = project.as_dict()
    assert project.as_cell() == f"#{project.id}"  # in another result's CSV cell: the id `sandbox project` takes
    assert fields["notes"][0].startswith("The region is inferred from the applicant, ABC's Mianyang branch")
    assert fields["source"]["id"] == "fxbaogao-4626135"
    assert fields | {"id": None, "notes": None, "source": None} == {
        "id": None, "programme": PBOC, "region": "sichuan", "region_name_en": "Sichuan", "region_name_zh": "四川省",
        "batch_key": "2024-abc-mianyang-statement", "batch_number": None, "batch_announced": None, "position": 1,
        "name_zh": "基于大数据技术的农房增信贷款服务",
        "name_en": "Farm-house credit-enhancement loan service based on big-data technology",
        "name_en_translated": True, "name_is_description": False, "name_incomplete": False,
        "category": "financial-service", "category_derived": False, "placement_inferred": True, "status": None,
        "statement_no": "91510703905408887D-2024-0001", "planned_start": "2024-12-10",
        "applicants": [{"entity_id": "abc", "name_en": "Agricultural Bank of China", "name_zh": "中国农业银行",
                        "kind": "bank", "branch": "Mianyang branch (绵阳分行)",
                        "as_written": "中国农业银行股份有限公司绵阳分行"}],
        "technologies": ["big-data", "mobile-internet", "image-recognition"], "source": None, "notes": None,
        "application": None}


def test_flags_of_projects(sandbox) -> None:
    # hebei.yaml 2025-listing project 2: every source breaks the name off after 基于人; no English name.
    cut = sandbox.batch("hebei", "2025-listing").results[1]
    assert (cut.name_zh, cut.name_en, cut.name_incomplete, cut.technologies, cut.category) == (
        "基于人", None, True, [], None)
    # suzhou.yaml batch 1 project 2: category derived, placement inferred, three applicants in order.
    derived = sandbox.batch("suzhou", "1").results[1]
    assert (derived.category, derived.category_derived, derived.placement_inferred, derived.batch_number) == (
        "technology-product", True, True, 1)
    assert [a.entity_id for a in derived.applicants] == ["changshu-rcb", "jiangsu-rural-credit-union", "payegis"]
    # sichuan.yaml 2024-fund-flow-verification: a description, not a name.
    (described,) = sandbox.batch("sichuan", "2024-fund-flow-verification").results
    assert (described.name_is_description, described.name_zh, len(described.notes)) == (True, None, 2)
    assert [a.entity_id for a in described.applicants] == ["icbc", "boc", "abc"]


def test_events_carry_their_details(sandbox) -> None:
    # beijing.yaml batch 1: the batch's launch (2020-03-16) and projects 1 and 4 completing testing (2021-09-28).
    view = sandbox.batch("beijing", "1")
    ids = [p.id for p in view.results]
    launch, *done = view.batch.events
    assert (launch.date_precision, launch.project_id, launch.source.id) == ("day", None,
                                                                           "blocking-beijing-first-batch")
    assert launch.note.startswith("The PBOC Business Management Department announced that all 6 applications")
    assert sorted(e.project_id for e in done) == [ids[0], ids[3]]
    assert {e.note for e in done} == {"The application was announced as having completed testing."}
    # beijing.yaml batch 2 project 2 (Bank of China): launched 2020-10-12, completed testing 2021-09-28.
    second = sandbox.batch("beijing", "2").results[1]
    rows = [e for e in sandbox.events(cities="beijing", programmes="pboc").results if e.project_id == second.id]
    assert [(e.date, e.kind, e.note) for e in rows] == [
        ("2020-10-12", "service-launched", "Bank of China officially launched the service."),
        ("2021-09-28", "completed-testing", "The application was announced as having completed testing.")]
    assert {(e.programme, e.region, e.region_name_en, e.region_name_zh, e.batch_key, e.date_precision,
             e.project_name_zh, e.project_name_en) for e in rows} == {
        (PBOC, "beijing", "Beijing", "北京市", "2", "day", "基于区块链的产业金融服务",
         "Blockchain-based industrial financial services")}


def test_a_project_detail_names_its_batch(sandbox) -> None:
    first = sandbox.batch("guangzhou", "2").results[0]
    detail = sandbox.project(first.id).results[0]
    assert (detail.batch_label, detail.regulator) == ("广州金融科技创新监管工具第二批",
                                                      "PBOC Guangzhou Branch (中国人民银行广州分行)")


def test_a_batch_known_only_by_numbering(sandbox) -> None:
    # chongqing.yaml batch 6 (2023-12-26, source mpaypass-15103138) implies batches 3, 4 and 5, which no source
    # lists: what is known of batch 3 is that it exists, why, and the source saying so.
    view = sandbox.batch("重庆", "第三批")
    assert view.results == []
    info = view.batch.as_dict()
    assert info["source"]["id"] == "mpaypass-15103138"
    assert info | {"source": None, "sources": None} == {
        "programme": PBOC, "region": "chongqing", "key": "3", "number": 3, "label": None, "announced": None,
        "announced_precision": None, "regulator": None, "announced_count": None, "announced_count_derived": False,
        "known_count": 0, "complete": False, "source": None, "listed": False, "evidence": "numbering",
        "implied_by": "6", "region_name_en": "Chongqing", "region_name_zh": "重庆市",
        "programme_name_en": 'PBOC fintech innovation regulatory pilot ("regulatory sandbox")',
        "programme_name_zh": "金融科技创新监管试点（2021年4月起：金融科技创新监管工具）", "notes": [], "sources": None,
        "events": []}
    assert [s["id"] for s in info["sources"]] == ["mpaypass-15103138"]
    listed = {b.key: b for b in sandbox.region("chongqing", "pboc").results}
    assert listed["4"].as_dict() == listed["3"].as_dict() | {"key": "4", "number": 4}
    assert {k: v for k, v in listed["3"].as_dict().items() if k in info} == {
        k: v for k, v in info.items() if k in m_fields(listed["3"])}


def m_fields(record: object) -> tuple[str, ...]:
    return type(record).fields  # type: ignore[attr-defined, no-any-return]


def test_unnumbered_batches_dated_first(sandbox) -> None:
    # hebei.yaml: 2024-01-listing (announced 2024-01), then 2025-listing (undated); jiangsu.yaml: ai-theme-1
    # (2025-12), then digital-finance-theme (undated).
    assert [b.key for b in sandbox.region("hebei").results] == ["2024-01-listing", "2025-listing"]
    assert [b.key for b in sandbox.region("jiangsu", "pboc").results] == ["ai-theme-1", "digital-finance-theme"]


def test_coverage_rows_by_programme_then_date(sandbox) -> None:
    # Beijing: sandbox batches by date (2020-01-14 ... 2023-11), CSRC 1 (2021-11-19) and undated 2, the
    # application pilot (undated).
    assert [(r.programme, r.batch_key) for r in sandbox.coverage("beijing").results] == [
        (PBOC, "1"), (PBOC, "2"), (PBOC, "3"), (PBOC, "4"), (PBOC, "2023-11"), (CSRC, "1"), (CSRC, "2"),
        (APP, "pilot")]
    gap = sandbox.coverage("gansu", "pboc").results[-1]
    assert (gap.region, gap.region_name_en, gap.region_name_zh, gap.evidence, gap.projects_without_name_zh,
            gap.projects_without_name_en) == ("gansu", "Gansu", "甘肃省", "numbering", 0, 0)


def test_programme_refs_in_programme_order(sandbox) -> None:
    from sandboxcli.figures import programme_refs

    refs = programme_refs(sandbox.conn, ["pboc-application-pilot", "pboc-regulatory-pilot"])
    assert [r.as_dict() for r in refs] == [
        {"programme": PBOC, "name_en": 'PBOC fintech innovation regulatory pilot ("regulatory sandbox")',
         "name_zh": "金融科技创新监管试点（2021年4月起：金融科技创新监管工具）"},
        {"programme": APP, "name_en": "PBOC fintech application pilot (ten provinces, 2019)",
         "name_zh": "金融科技应用试点"}]


def test_a_copy_names_its_original(sandbox) -> None:
    # beijing.yaml batch 3: its sixth source, jtlskj-26385, is a copy (sources.yaml) of abchina-1974431, cited too.
    sources = {s.id: s for s in sandbox.batch("beijing", "3").batch.sources}
    assert sources["jtlskj-26385"].as_dict() == {
        "id": "jtlskj-26385", "url": "http://m.jtlskj.com/26385.html", "title": "金融科技创新应用声明书",
        "publisher": "中国农业银行股份有限公司", "date": None, "is_copy": True, "original_id": "abchina-1974431"}
    assert (sources["abchina-1974431"].is_copy, sources["abchina-1974431"].original_id) == (False, None)
    # guangzhou.yaml batch 2's last source is a copy whose original is not cited.
    copy = sandbox.batch("guangzhou", "2").batch.sources[-1]
    assert (copy.id, copy.is_copy, copy.original_id, copy.publisher, copy.date) == (
        "easyfang-61062021", True, None, "南方都市报", "2021-12-31")


def test_technology_rows_carry_both_labels(sandbox) -> None:
    rows = {t.slug: t for t in sandbox.technologies().results}
    # technologies.yaml
    assert (rows["privacy-computing"].label_en, rows["privacy-computing"].label_zh) == ("Privacy computing", "隐私计算")
    assert (rows["tokenization"].label_en, rows["tokenization"].label_zh, rows["tokenization"].parent) == (
        "Payment tokenization", "支付标记化", None)


def test_an_empty_choice_of_programmes_or_regions_matches_no_batch(sandbox) -> None:
    from sandboxcli.queries import batch_scope

    for scope in (batch_scope([]), batch_scope(None, []), batch_scope()):
        where, params = scope
        count = sandbox.conn.execute(f"SELECT count(*) FROM batches b WHERE {where}", params).fetchone()[0]
        assert (count == 0) is (scope != batch_scope())


def test_where_an_english_name_comes_from(sandbox) -> None:
    # beijing.yaml batch 4: the English name is China Banking News's (name_en_from: press).
    (carbon,) = sandbox.batch("beijing", "4").results
    detail = sandbox.project(carbon.id).results[0]
    assert (detail.name_en_from, detail.name_en_source.id) == ("press", "chinabankingnews-2022-03-07")


@pytest.mark.parametrize("project_id", [2**63, -(2**63) - 1, 2**63 - 1, -(2**63)])
def test_project_ids_beyond_sqlite_integers_are_not_found(sandbox, project_id: int) -> None:
    with pytest.raises(NotFound):
        sandbox.project(project_id)
