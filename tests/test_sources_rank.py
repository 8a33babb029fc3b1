"""The one "best first" rule (sources.best_first) on pages made up for each case: an original before a copy, a
regulator's own page before a report of it, a named publisher before an unnamed one, a title before none; ties keep
the order given; each URL once."""

from __future__ import annotations

from sandboxcli.records import SourceRef
from sandboxcli.sources import best_first, is_official, site_of


def ref(page_id: str, url: str, *, title: str | None = "T", publisher: str | None = "P",
        copy: bool = False) -> SourceRef:
    return SourceRef(page_id, url, title, publisher, None, copy, None)


def ids(refs: list[SourceRef]) -> list[str]:
    return [r.id for r in best_first(refs)]


def test_an_original_without_publisher_comes_before_a_copy_with_one() -> None:
    copy = ref("copy", "https://aggregator.example/1", copy=True)
    original = ref("original", "https://news.example/1", publisher=None, title=None)
    assert ids([copy, original]) == ["original", "copy"]


def test_a_regulators_page_comes_before_a_named_report() -> None:
    report = ref("report", "https://news.example/2")
    notice = ref("notice", "http://jrj.sh.gov.cn/x.html", publisher=None, title=None)
    assert ids([report, notice]) == ["notice", "report"]


def test_a_named_publisher_before_an_unnamed_one_and_a_title_before_none() -> None:
    pages = [ref("bare", "https://a.example/", publisher=None, title=None),
             ref("titled", "https://b.example/", publisher=None),
             ref("named", "https://c.example/", title=None)]
    assert ids(pages) == ["named", "titled", "bare"]


def test_ties_keep_the_order_given_and_each_url_is_cited_once() -> None:
    pages = [ref("b", "https://b.example/"), ref("a", "https://a.example/"), ref("b-again", "https://b.example/")]
    assert ids(pages) == ["b", "a"]


def test_government_sites_by_host() -> None:
    assert site_of("HTTP://User@Jrj.SH.gov.cn:8080/a?b#c") == "jrj.sh.gov.cn"
    assert is_official("http://www.pbc.gov.cn/x") and is_official("https://csrc.gov.cn/")
    assert not is_official("https://gov.cn.example.com/") and not is_official("https://example.com/?u=x.gov.cn")
