"""`python -m sandboxcli.dbbuild add`: a batch removed from a copy of data/sources and added back from its notice
(in each form a notice comes in) gives the same projects, categories and applicant institutions, branches included.

The notices in tests/fixtures/notices/ were written from the names in the YAML, in the legal forms notices use
(…股份有限公司, …分行); the expected values are the batches as the committed YAML has them.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sandboxcli.dbbuild import source_rows as r
from sandboxcli.dbbuild.__main__ import build
from sandboxcli.dbbuild.__main__ import main as dbbuild_main
from sandboxcli.dbbuild.notice_add import main as add_main
from sandboxcli.dbbuild.validate import load_dataset

ROOT = Path(__file__).resolve().parents[1]
NOTICES = Path(__file__).parent / "fixtures" / "notices"
PBOC = "pboc-regulatory-pilot"


def remove_batch(path: Path, head: str) -> None:
    """Cut the top-level item `head` (e.g. '- number: 2') out of a batch file, up to the next item."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(head + "\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def shape(batch: r.Batch) -> list[tuple[str | None, str | None, list[tuple[str, str | None]]]]:
    return [(p.name_zh or p.name_en, p.category, [(a.entity, a.branch) for a in p.applicants])
            for p in batch.projects]


def find(data: r.Dataset, region: str, key: str) -> tuple[int, r.Batch]:
    return next((i, b) for i, b in enumerate(data.batches) if (b.programme, b.region, b.key) == (PBOC, region, key))


def no_build(sources: Path, output: Path, display_root: str) -> None:
    """Most tests read the YAML back; one checks the database (a build takes seconds on a shared machine)."""


def add(sources: Path, notice: Path | str, region: str, key: str, url: str, *extra: str, rebuild: bool = False) -> int:
    argv = [str(notice), "--programme", PBOC, "--region", region, "--batch", key, "--announced", "2020-01-01",
            "--source-url", url, "--sources", str(sources), "--output", str(sources.parent / "out.db"), *extra]
    return add_main(argv, build if rebuild else no_build)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    copy = tmp_path / "sources"
    shutil.copytree(ROOT / "data" / "sources", copy)
    return copy


ROUND_TRIPS = [
    pytest.param("chongqing", "1", "chongqing-1-numbered.txt", (), id="chongqing-1-numbered-lines"),
    pytest.param("xiongan", "2", "xiongan-2-tab.txt", (), id="xiongan-2-tab-table"),
    pytest.param("beijing", "1", "beijing-1-space.txt", (), id="beijing-1-space-table"),
    pytest.param("beijing", "2", "beijing-2.html", (), id="beijing-2-html-table"),
    pytest.param("shenzhen", "2", "shenzhen-2-prose.txt", (), id="shenzhen-2-report-sentence"),
    pytest.param("shenzhen", "1", "shenzhen-1-labelled.txt",
                 ("--entity", "华为技术有限公司=huawei", "--entity", "深圳前海微众银行股份有限公司=webank"),
                 id="shenzhen-1-labelled-lines"),
]


@pytest.mark.parametrize(("region", "key", "notice", "extra"), ROUND_TRIPS)
def test_round_trip(sources: Path, region: str, key: str, notice: str, extra: tuple[str, ...]) -> None:
    """Removing a batch and adding it back from its notice restores its projects, place and institutions."""
    before = load_dataset(sources)
    position, original = find(before, region, key)
    main_source = next(s for s in before.sources if s.id == original.sources[0])
    remove_batch(sources / PBOC / f"{region}.yaml", f"- number: {key}")
    assert add(sources, NOTICES / notice, region, key, main_source.url, *extra) == 0
    after = load_dataset(sources)
    new_position, added = find(after, region, key)
    assert shape(added) == shape(original)
    assert (new_position, added.announced_count) == (position, original.announced_count)
    assert added.sources == (main_source.id,)
    assert [e.id for e in after.entities] == [e.id for e in before.entities]
    assert len(after.sources) == len(before.sources)


def test_round_trip_values_by_hand(sources: Path) -> None:
    """Chongqing batch 1, read off the YAML by hand: the legal names and the bank branch resolve as recorded."""
    remove_batch(sources / PBOC / "chongqing.yaml", "- number: 1")
    url = "https://chinasdg.org/2020/08/08/chongqing-releases-first-regulatory-sandboxes-involving-blockchain/"
    assert add(sources, NOTICES / "chongqing-1-numbered.txt", "chongqing", "1", url, rebuild=True) == 0
    _, batch = find(load_dataset(sources), "chongqing", "1")
    assert shape(batch) == [
        ("基于多方学习的涉农信贷服务", "financial-service", [("chongqing-rcb", None), ("tencent-cloud", None)]),
        ("支持重庆地方方言的智能银行服务", "financial-service", [("chongqing-rcb", None)]),
        ("基于5G的数字化移动银行服务", "financial-service", [("bank-of-chongqing", None)]),
        ("基于区块链的数字函证平台", "technology-product",
         [("nifa", None), ("xiamen-bank", None), ("chongqing-fumin-bank", None), ("wisdom-baas", None)]),
        ("“磐石”智能风控产品", "technology-product",
         [("du-xiaoman-chongqing", None), ("china-everbright-bank", "Chongqing branch (重庆分行)")]),
    ]
    assert batch.label == "重庆市金融科技创新监管试点应用公示(2020年第一批)"
    assert [p.technologies for p in batch.projects] == [(), (), ("5g",), ("blockchain",), ()]
    written = [a.as_written for p in batch.projects for a in p.applicants]
    assert written[-1] == "中国光大银行股份有限公司重庆分行"
    with sqlite3.connect(sources.parent / "out.db") as db:  # the add rebuilt the database with the batch in it
        rows = db.execute("SELECT p.name_zh, pa.branch FROM projects p JOIN batches b ON b.id = p.batch_id "
                          "JOIN project_applicants pa ON pa.project_id = p.id WHERE b.region = 'chongqing' "
                          "AND b.key = '1' AND pa.entity_id = 'china-everbright-bank'").fetchall()
    assert rows == [("“磐石”智能风控产品", "Chongqing branch (重庆分行)")]


def test_same_notice_twice_changes_nothing(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The second add finds the batch (programme + region + key) and the source (URL) and writes nothing."""
    remove_batch(sources / PBOC / "xiongan.yaml", "- number: 2")
    url = "https://example.org/notice/2021-01-22.html"
    assert add(sources, NOTICES / "xiongan-2-tab.txt", "xiongan", "2", url) == 0
    first = {p: p.read_bytes() for p in sources.rglob("*.yaml")}
    assert add(sources, NOTICES / "xiongan-2-tab.txt", "xiongan", "2", url) == 0
    assert {p: p.read_bytes() for p in sources.rglob("*.yaml")} == first
    assert "nothing changed" in capsys.readouterr().err
    sources_yaml = (sources / "sources.yaml").read_text(encoding="utf-8")
    assert sources_yaml.count(url) == 1


def test_new_institution_is_proposed_and_flagged(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An applicant the data does not know becomes one flagged entity with its Chinese name and a kind from it."""
    notice = sources.parent / "notice.txt"
    notice.write_text("1. 基于联邦学习的普惠贷款服务（河北银行股份有限公司、某某数据科技有限公司）\n"
                      "2. 基于大数据的风控平台（某某数据科技有限公司）\n", encoding="utf-8")
    assert add(sources, notice, "hebei", "1", "https://example.org/hebei-1.html") == 0
    entities = (sources / "entities.yaml").read_text(encoding="utf-8").splitlines()
    new = [line for line in entities if "某某数据科技有限公司" in line]
    assert len(new) == 1
    assert "name_en: null" in new[0] and "kind: technology-company" in new[0] and "# new (dbbuild add)" in new[0]
    _, batch = find(load_dataset(sources), "hebei", "1")
    assert shape(batch)[0][2][0] == ("bank-of-hebei", None)
    assert shape(batch)[0][2][1][0] == shape(batch)[1][2][0][0]
    assert batch.projects[0].technologies == ("federated-learning",)
    assert "new institution" in capsys.readouterr().err


def test_ambiguous_name_stops_until_chosen(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name two institutions answer to is never guessed: nothing is written until --entity picks one."""
    entities = sources / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8").replace(
        "- {id: xiamen-bank, name_en: Xiamen Bank, name_zh: 厦门银行, kind: bank, aliases: []}",
        "- {id: xiamen-bank, name_en: Xiamen Bank, name_zh: 厦门银行, kind: bank, aliases: [海西银行]}\n"
        "- {id: haixi-bank, name_en: null, name_zh: 海西银行, kind: bank, aliases: []}"), encoding="utf-8")
    before = {p: p.read_bytes() for p in sources.rglob("*.yaml")}
    notice = sources.parent / "notice.txt"
    notice.write_text("1. 基于区块链的贸易融资（海西银行股份有限公司）\n", encoding="utf-8")
    assert add(sources, notice, "hebei", "1", "https://example.org/a.html") == 1
    err = capsys.readouterr().err
    assert "haixi-bank, xiamen-bank" in err and "--entity" in err
    assert {p: p.read_bytes() for p in sources.rglob("*.yaml")} == before
    assert add(sources, notice, "hebei", "1", "https://example.org/a.html", "--entity",
               "海西银行股份有限公司=haixi-bank") == 0
    _, batch = find(load_dataset(sources), "hebei", "1")
    assert shape(batch) == [("基于区块链的贸易融资", None, [("haixi-bank", None)])]


def test_batch_already_there_under_another_key_is_refused(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Xiong'an batch 2 notice given as batch 3 would count its projects twice: refused, with the right key."""
    before = {p: p.read_bytes() for p in sources.rglob("*.yaml")}
    assert add(sources, NOTICES / "xiongan-2-tab.txt", "xiongan", "3", "https://example.org/x.html") == 1
    err = capsys.readouterr().err
    assert "project '基于5G切片技术的敏捷银行服务' is already in batch 2 of this region" in err
    assert "rerun with --batch 2" in err
    assert {p: p.read_bytes() for p in sources.rglob("*.yaml")} == before


def test_entity_option_names_a_new_institution_or_is_refused(sources: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """--entity with a new id makes that institution even where a name would match; a name not in the notice is an
    error, not silently ignored."""
    notice = sources.parent / "notice.txt"
    notice.write_text("1. 基于区块链的贸易融资（兰州银行股份有限公司）\n", encoding="utf-8")
    assert add(sources, notice, "hebei", "1", "https://example.org/a.html", "--entity", "兰州银行=lanzhou") == 1
    assert "--entity: no applicant of the notice is written '兰州银行'" in capsys.readouterr().err
    assert add(sources, notice, "hebei", "1", "https://example.org/a.html", "--entity",
               "兰州银行股份有限公司=lanzhou-bank-new") == 0
    _, batch = find(load_dataset(sources), "hebei", "1")
    assert shape(batch) == [("基于区块链的贸易融资", None, [("lanzhou-bank-new", None)])]
    assert "- {id: lanzhou-bank-new, name_en: null, name_zh: 兰州银行股份有限公司, kind: bank" in \
        (sources / "entities.yaml").read_text(encoding="utf-8")


def test_dry_run_prints_the_diff_and_writes_nothing(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--dry-run shows the inserted batch and the new source as a diff; no file or database changes."""
    remove_batch(sources / PBOC / "xiongan.yaml", "- number: 2")
    before = {p: p.read_bytes() for p in sources.rglob("*.yaml")}
    assert add(sources, NOTICES / "xiongan-2-tab.txt", "xiongan", "9", "https://example.org/x.html",
               "--dry-run") == 0
    out = capsys.readouterr().out
    assert "+- number: 9\n" in out and "+- id: example-" in out
    assert "+  - name_zh: 基于运营商IMS信息验证的交易反欺诈系统\n" in out
    assert {p: p.read_bytes() for p in sources.rglob("*.yaml")} == before
    assert not (sources.parent / "out.db").exists()


@pytest.mark.parametrize(("extra", "message"), [
    (("--region", "chongqin"), "unknown region 'chongqin' (did you mean 'chongqing'?)"),
    (("--announced", "2020-02-30"), "--announced: bad date '2020-02-30': no such day"),
    (("--batch", "Batch 3"), "batch 'Batch 3': give its number"),
    (("--source-url", "example.org/x"), "must start with http:// or https://"),
])
def test_bad_input_is_one_line_each(sources: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...],
                                    message: str) -> None:
    """Bad options are reported as `error: …` lines with a suggestion where one helps; nothing is written."""
    argv = [str(NOTICES / "xiongan-2-tab.txt"), "--programme", PBOC, "--region", "xiongan", "--batch", "7",
            "--announced", "2021", "--source-url", "https://example.org/x", "--sources", str(sources)]
    for flag, value in zip(extra[::2], extra[1::2], strict=True):
        argv[argv.index(flag) + 1] = value
    assert add_main(argv, build) == 1
    err = capsys.readouterr().err
    assert f"error: {message}" in err or message in err
    assert "Traceback" not in err


def test_notice_from_stdin_in_gbk(sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-` reads the notice from standard input; a page saved in GBK (as many government sites serve) is read."""
    import io
    import sys

    page = "<p>1. 基于区块链的贸易融资（中国银行股份有限公司河北省分行）</p>".encode("gbk")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    assert add(sources, "-", "hebei", "1", "https://example.org/gbk.html") == 0
    _, batch = find(load_dataset(sources), "hebei", "1")
    assert shape(batch) == [("基于区块链的贸易融资", None, [("boc", "Hebei branch (河北省分行)")])]


def test_build_checks_run_on_the_result(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The build's validator sees the new batch before anything is written: a project listed twice is file:line."""
    notice = sources.parent / "notice.txt"
    notice.write_text("1. 甲服务（中国银行）\n2. 甲服务（中国银行）\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in sources.rglob("*.yaml")}
    assert add(sources, notice, "hebei", "9", "https://example.org/9.html") == 1
    err = capsys.readouterr().err
    assert f"{sources}/pboc-regulatory-pilot/hebei.yaml:" in err and "duplicate project '甲服务'" in err
    assert {p: p.read_bytes() for p in sources.rglob("*.yaml")} == before


def test_text_without_a_list_is_refused(sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report that only mentions a batch is not a list: one error line, exit 1."""
    notice = sources.parent / "notice.txt"
    notice.write_text("近日，某地公示了新一批创新应用。\n", encoding="utf-8")
    assert add(sources, notice, "hebei", "1", "https://example.org/a.html") == 1
    assert "no list of applications found" in capsys.readouterr().err


def test_build_without_arguments_still_builds(sources: Path) -> None:
    """`python -m sandboxcli.dbbuild` with no subcommand is the build, as before `add` existed."""
    out = sources.parent / "plain.db"
    assert dbbuild_main(["--sources", str(sources), "--output", str(out)]) == 0
    assert out.exists()


@pytest.mark.parametrize(("url", "expected"), [
    ("http://www.chinawuliu.com.cn/zixun/202007/15/513573.shtml", "chinawuliu-513573"),
    ("https://www.mpaypass.com.cn/news/202003/16210703.html", "mpaypass-16210703"),
    ("https://example.org/notice.html", "example-2025-03-01"),
])
def test_a_new_source_id_takes_the_articles_number(url: str, expected: str) -> None:
    """Of two numbers as long in a URL, the article's (the last) names the page, not the month folder before it."""
    from sandboxcli.dbbuild.notice_add import source_id

    assert source_id(url, "2025-03-01", set()) == expected
