"""References in every style, checked against strings written by hand from data/sources/sources.yaml (read here
with PyYAML, not through the database) for three kinds of page: a regulator's own notice, a news report and a copy
on a third-party site; the machine styles are parsed with real parsers (bibtexparser, rispy, json)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import bibtexparser
import pytest
import rispy
import yaml

from sandboxcli.citations import STYLES, cite
from sandboxcli.records import SourceDetail

from .conftest import REAL_SOURCES

ACCESSED = "2026-12-06"
"""data/sources/dataset.yaml's `compiled`, checked in test_access_date_is_the_compilation_date."""

REGULATOR = "jrj-sh-20211229"  # 上海市地方金融监管局's notice on its own site
NEWS = "chinabankingnews-2021-06-06"  # an English news report
ORIGINAL = "mpaypass-25114723"  # a Chinese news report ...
COPY = "steamlinelogistics-02685393"  # ... and an untitled copy of it on another site
NAMED_COPY = "nifd-824"  # a copy whose original (中国银行保险报) is not cited


@cache
def _yaml_sources() -> dict[str, dict[str, Any]]:
    doc = yaml.safe_load((REAL_SOURCES / "sources.yaml").read_text(encoding="utf-8"))
    return {s["id"]: s for s in doc["sources"]}


def page(source_id: str) -> SourceDetail:
    """A page's record straight from the YAML (site = the URL's host)."""
    s = _yaml_sources()[source_id]
    host = s["url"].split("://", 1)[1].split("/", 1)[0]
    return SourceDetail(id=s["id"], url=s["url"], site=host, title=s.get("title"), publisher=s.get("publisher"),
                        author=s.get("author"),
                        date=s.get("date"), date_precision=None, language=s.get("language"),
                        is_copy=bool(s.get("copy")), original_id=s.get("original"),
                        official=host.endswith(".gov.cn"), note=s.get("note"), copies=[], projects=0, batches=0,
                        events=0)


def test_access_date_is_the_compilation_date() -> None:
    """The accessed date these tests expect is what the maintainers recorded."""
    dataset = yaml.safe_load((REAL_SOURCES / "dataset.yaml").read_text(encoding="utf-8"))
    assert dataset["compiled"] == ACCESSED


GBT = {
    REGULATOR: "上海市地方金融监管局．关于开展资本市场金融科技创新试点(上海)工作的通知［EB/OL］．（2021-12-30）"
               "［2026-12-06］．http://jrj.sh.gov.cn/zwdt-tz/20211229/a8efdaa1ba974b10a5371d2c2782d5d7.html．",
    NEWS: "China Banking News. Guangzhou’s Fintech Sandbox Unveils Second Batch of Innovation Projects[EB/OL]. "
          "(2021-06-06)[2026-12-06]. https://www.chinabankingnews.com/2021/06/06/"
          "guangzhous-fintech-sandbox-unveils-second-batch-of-innovation-projects/.",
    NAMED_COPY: "中国银行保险报．首批金融科技创新监管工具完成测试［EB/OL］．（2021-09-30）［2026-12-06］．"
                "http://www.nifd.cn/MediaCoverage/Details/824．转载于 www.nifd.cn．",
    COPY: "steamlinelogistics.com 上的无标题转载［EB/OL］．［2026-12-06］．"
          "http://steamlinelogistics.com/20200825/102685393.html．"
          "原文：https://m.mpaypass.com.cn/news/202008/25114723.html．",
}

APA = {
    REGULATOR: "上海市地方金融监管局. (2021, December 30). 关于开展资本市场金融科技创新试点(上海)工作的通知. Retrieved "
               "December 6, 2026, from http://jrj.sh.gov.cn/zwdt-tz/20211229/a8efdaa1ba974b10a5371d2c2782d5d7.html",
    NEWS: "China Banking News. (2021, June 6). Guangzhou’s Fintech Sandbox Unveils Second Batch of Innovation "
          "Projects. Retrieved December 6, 2026, from https://www.chinabankingnews.com/2021/06/06/"
          "guangzhous-fintech-sandbox-unveils-second-batch-of-innovation-projects/",
    NAMED_COPY: "中国银行保险报. (2021, September 30). 首批金融科技创新监管工具完成测试 [Copy on www.nifd.cn]. "
                "Retrieved December 6, 2026, from http://www.nifd.cn/MediaCoverage/Details/824",
    COPY: "[Untitled copy on steamlinelogistics.com; original: https://m.mpaypass.com.cn/news/202008/25114723.html]. "
          "(n.d.). Retrieved December 6, 2026, from http://steamlinelogistics.com/20200825/102685393.html",
}

BIBTEX_REGULATOR = """@online{jrj-sh-20211229,
  author = {{上海市地方金融监管局}},
  title = {关于开展资本市场金融科技创新试点(上海)工作的通知},
  date = {2021-12-30},
  url = {http://jrj.sh.gov.cn/zwdt-tz/20211229/a8efdaa1ba974b10a5371d2c2782d5d7.html},
  urldate = {2026-12-06},
  langid = {chinese}
}"""

RIS_ORIGINAL = """TY  - ELEC
ID  - mpaypass-25114723
TI  - 金融科技创新监管试点应用集齐9地,银行参与度90%
AU  - 移动支付网
PY  - 2020
DA  - 2020/08/25/
UR  - https://m.mpaypass.com.cn/news/202008/25114723.html
Y2  - 2026/12/06/
LA  - zh
ER  -"""


def _original(source_id: str) -> SourceDetail | None:
    original = page(source_id).original_id
    return page(original) if original else None


@pytest.mark.parametrize("source_id", sorted(GBT))
def test_gbt7714_full_width_for_chinese_pages_half_width_for_english(source_id: str) -> None:
    """GB/T 7714-2015 [EB/OL] entries: publisher as the responsible body, (date)[accessed], the URL, a copy named."""
    assert cite("gbt7714", page(source_id), _original(source_id), ACCESSED) == GBT[source_id]


@pytest.mark.parametrize("source_id", sorted(APA))
def test_apa_reference(source_id: str) -> None:
    """APA 7: organisation author, (Year, Month Day), title kept in Chinese, retrieval date from the data."""
    assert cite("apa", page(source_id), _original(source_id), ACCESSED) == APA[source_id]


def test_bibtex_entry_of_a_regulator_notice() -> None:
    """biblatex @online; the organisation is braced so BibTeX never splits it into personal names."""
    assert cite("bibtex", page(REGULATOR), None, ACCESSED) == BIBTEX_REGULATOR


def test_ris_record_of_a_news_report() -> None:
    assert cite("ris", page(ORIGINAL), None, ACCESSED) == RIS_ORIGINAL


def test_csl_json_item_of_a_news_report() -> None:
    item = json.loads(cite("csl-json", page(NEWS), None, ACCESSED))
    assert item == {
        "id": NEWS, "type": "webpage",
        "title": "Guangzhou’s Fintech Sandbox Unveils Second Batch of Innovation Projects",
        "author": [{"literal": "China Banking News"}], "issued": {"date-parts": [[2021, 6, 6]]},
        "accessed": {"date-parts": [[2026, 12, 6]]},
        "URL": "https://www.chinabankingnews.com/2021/06/06/"
               "guangzhous-fintech-sandbox-unveils-second-batch-of-innovation-projects/",
        "language": "en",
    }


PARSED = [REGULATOR, NEWS, ORIGINAL, COPY, NAMED_COPY, "sccf-5389", "fastread-146253"]


def test_bibtex_parses_with_bibtexparser_and_keeps_the_organisation_whole() -> None:
    text = "\n\n".join(cite("bibtex", page(s), _original(s), ACCESSED) for s in PARSED)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert list(entries) == PARSED
    assert entries[REGULATOR]["author"] == "{上海市地方金融监管局}"
    assert entries[ORIGINAL]["title"] == r"金融科技创新监管试点应用集齐9地,银行参与度90\%"
    assert entries[COPY]["note"] == "Copy on steamlinelogistics.com; original: " \
                                    "https://m.mpaypass.com.cn/news/202008/25114723.html"
    assert all(e.entry_type == "online" and e["urldate"] == ACCESSED for e in library.entries)


def test_ris_parses_with_rispy() -> None:
    text = "\n\n".join(cite("ris", page(s), _original(s), ACCESSED) for s in PARSED)
    records = rispy.loads(text)
    assert [r["id"] for r in records] == PARSED
    first = records[0]
    assert first["type_of_reference"] == "ELEC"
    assert first["authors"] == ["上海市地方金融监管局"]  # one name, not split at a comma or space
    assert first["title"] == "关于开展资本市场金融科技创新试点(上海)工作的通知"
    assert first["urls"] == [page(REGULATOR).url]
    assert first["access_date"] == "2026/12/06/"


def test_csl_json_items_have_the_csl_fields() -> None:
    for source_id in PARSED:
        item = json.loads(cite("csl-json", page(source_id), _original(source_id), ACCESSED))
        assert {"type", "title", "URL", "accessed"} <= set(item), source_id
        assert ("issued" in item) == (page(source_id).date is not None), source_id


def test_a_title_with_tex_specials_is_escaped() -> None:
    """`%` ends a line in TeX: a title with 90% would lose its end without the escape."""
    entry = cite("bibtex", page(ORIGINAL), None, ACCESSED)
    assert r"90\%}" in entry and "90%}" not in entry


def test_every_style_gives_text_for_a_page_with_nothing_but_a_url() -> None:
    for style in STYLES:
        text = cite(style, page("fastread-146253"), None, ACCESSED)
        assert "https://fastread.xyz/?p=146253" in text and "None" not in text, style


SIGNED = "5er-109454"  # a signed article: the byline names 陈玉海 with his position; no outlet is shown
TWO_AUTHORS = "yfsoft-34704"  # a report signed by two people


def test_a_byline_is_the_author_without_the_position_noted_beside_it() -> None:
    assert cite("gbt7714", page(SIGNED), None, ACCESSED) == (
        "陈玉海．科技赋能金融试点助力发展—广东省金融科技应用试点稳步推进［EB/OL］．［2026-12-06］．"
        "https://5er.cn/read/109454.html．转载于 5er.cn．")
    assert cite("apa", page(TWO_AUTHORS), None, ACCESSED) == (
        "李昕 & 赵艳阳. (n.d.). 2023年资本市场金融科技创新试点报告(附试点名单)(北京资本市场金融科技创新试点) "
        "[Copy on gxzws.yfsoft.com.cn]. Retrieved December 6, 2026, from http://gxzws.yfsoft.com.cn/34704.html")


def test_two_authors_stay_two_whole_names_in_every_machine_style() -> None:
    entry = bibtexparser.parse_string(cite("bibtex", page(TWO_AUTHORS), None, ACCESSED)).entries[0]
    assert entry["author"] == "{李昕} and {赵艳阳}"
    assert rispy.loads(cite("ris", page(TWO_AUTHORS), None, ACCESSED))[0]["authors"] == ["李昕", "赵艳阳"]
    item = json.loads(cite("csl-json", page(TWO_AUTHORS), None, ACCESSED))
    assert item["author"] == [{"literal": "李昕"}, {"literal": "赵艳阳"}]
