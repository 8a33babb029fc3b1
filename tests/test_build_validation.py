"""A broken source file gets `data/sources/<file>:<line>: what is wrong`, a non-zero exit, and an untouched DB."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandboxcli.dbbuild.__main__ import main as build_main

GZ = "pboc-regulatory-pilot/guangzhou.yaml"

CASES = [
    pytest.param("regions.yaml", "slug: xiongan,", "slug: xiongan, colour: red,",
                 "regions.yaml:3: unknown key 'colour' in region", id="unknown-key"),
    pytest.param(GZ, "region: guangzhou", "region: guangzou",
                 f"{GZ}:2: unknown region 'guangzou' (did you mean 'guangzhou'?) (add it to data/sources/regions.yaml)",
                 id="unknown-region"),
    pytest.param(GZ, "{entity: boc, branch: null}", "{entity: bocc, branch: null}",
                 f"{GZ}:50: unknown entity 'bocc' (did you mean 'boc'?) (add it to data/sources/entities.yaml)",
                 id="unknown-entity"),
    pytest.param(GZ, "technologies: [big-data]", "technologies: [big-dta]",
                 f"{GZ}:51: unknown technology 'big-dta' (did you mean 'big-data'?) (add it to "
                 "data/sources/technologies.yaml)", id="unknown-technology"),
    pytest.param(GZ, "    source: src-b\n", "    source: src-z\n",
                 f"{GZ}:53: unknown source id 'src-z' (did you mean 'src-c'?)", id="unknown-source"),
    pytest.param(GZ, "announced: 2021-06-04", "announced: 2021-02-30",
                 f"{GZ}:27: bad date '2021-02-30': no such day", id="impossible-date"),
    pytest.param(GZ, "announced: 2021-06-04", "announced: 2021-13",
                 f"{GZ}:27: bad date '2021-13': no such month", id="impossible-month"),
    pytest.param(GZ, "announced: 2021-06-04", "announced: 4 June 2021",
                 f"{GZ}:27: bad date '4 June 2021': use YYYY-MM-DD, YYYY-MM or YYYY", id="bad-date-format"),
    pytest.param(GZ, "announced_count: 2\n", "announced_count: 1\n",
                 f"{GZ}:29: 2 projects listed but only 1 announced", id="known-exceeds-announced"),
    pytest.param(GZ, "name_en: Big-data financing for small firms",
                 "name_en: Risk \"early-warning\" system (knowledge graph)",
                 f"{GZ}:45: duplicate project 'risk \"early-warning\" system (knowledge graph)' in this batch "
                 "(first at line 34)", id="duplicate-project"),
    pytest.param(GZ, "- number: 2", "- number: 1",
                 f"{GZ}:25: duplicate batch '1' (first at line 4)", id="duplicate-batch"),
    pytest.param(GZ, "category: financial-service\n    applicants:\n    - {entity: boc",
                 "category: finance\n    applicants:\n    - {entity: boc",
                 f"{GZ}:48: 'category' is 'finance'; expected one of financial-service, technology-product",
                 id="bad-category"),
    pytest.param(GZ, "    source: src-b\n", "",
                 f"{GZ}:45: missing 'source': every fact names the source it comes from", id="missing-source"),
    pytest.param(GZ, "batches:\n", "batches:\n  - [unclosed\n",
                 f"{GZ}:5: YAML syntax: while parsing a flow sequence: expected ',' or ']', but got ':'",
                 id="yaml-syntax"),
    pytest.param("entities.yaml", "name_en: Acme Technology,", "name_en: Acme Technology Co., Ltd.,",
                 "entities.yaml:5: unknown key 'Ltd.' in entity", id="unquoted-comma"),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES)
def test_broken_source_is_reported_at_its_line(
    fixture_sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    file: str, old: str, new: str, expected: str,
) -> None:
    """The message names the file and line, the exit code is 1, and the existing database is not touched."""
    path = fixture_sources / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    db = tmp_path / "existing.db"
    db.write_bytes(b"previous database")
    code = build_main(["--sources", str(fixture_sources), "--output", str(db)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{fixture_sources.as_posix()}/{expected}" in err.splitlines(), err
    assert "Traceback" not in err
    assert db.read_bytes() == b"previous database"
    assert list(tmp_path.glob(".existing.db.*")) == []


@pytest.mark.parametrize("command", [[], ["add", "notice.txt", "--programme", "pboc-regulatory-pilot", "--region",
                                          "chongqing", "--batch", "9", "--announced", "2025-01-01", "--source-url",
                                          "https://example.org/n.html"]])
def test_missing_source_folder_is_one_line(command: list[str], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """The build and `add` both refuse a --sources that is not a folder, in the same words, before reading anything."""
    nope = tmp_path / "nope"
    code = build_main([*command, "--sources", str(nope), "--output", str(tmp_path / "x.db")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == [f"error: {nope.as_posix()}: source folder not found (run from the repository root or pass "
                   "--sources)"]
    assert not (tmp_path / "x.db").exists()


def test_check_mode_validates_without_writing(fixture_sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "never.db"
    assert build_main(["--sources", str(fixture_sources), "--output", str(out), "--check"]) == 0
    assert not out.exists()


def _build_errors(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert build_main(["--sources", str(sources), "--output", str(tmp_path / "x.db")]) == 1
    prefix = f"{sources.as_posix()}/"
    return [line.removeprefix(prefix) for line in capsys.readouterr().err.splitlines()]


def test_a_duplicate_after_a_broken_project_is_reported_at_its_own_line(
        fixture_sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Lines stay with their projects when an earlier project of the batch is broken (the check once paired the
    projects that were read with the raw items, so every line after a broken project pointed one item too early)."""
    path = fixture_sources / GZ
    text = path.read_text(encoding="utf-8")
    second = text[text.index("  - name_zh: 基于大数据的小微企业融资服务"):text.index("    source: src-b\n") + 18]
    text = text.replace("  - name_zh: null\n", "  - a project written as one line\n  - name_zh: null\n", 1)
    path.write_text(text.replace(second, second + second, 1), encoding="utf-8")  # project 2 (now line 46) twice
    errors = _build_errors(fixture_sources, tmp_path, capsys)
    assert f"{GZ}: project must be a mapping (key: value lines)" in errors
    assert f"{GZ}:55: duplicate project '基于大数据的小微企业融资服务' in this batch (first at line 46)" in errors


def test_a_tally_without_a_date_is_reported_even_after_other_problems(
        fixture_sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Whether a tally's missing date is reported depends on that tally alone, not on problems in other files."""
    gz = fixture_sources / GZ
    gz.write_text(gz.read_text(encoding="utf-8").replace("region: guangzhou", "region: guangzou", 1), encoding="utf-8")
    (fixture_sources / "tallies.yaml").write_text(
        "tallies:\n- date: null\n  programme: pboc-regulatory-pilot\n  scope: a test\n  count: 1\n  exact: false\n"
        "  source: src-a\n", encoding="utf-8")
    errors = _build_errors(fixture_sources, tmp_path, capsys)
    assert any(e.startswith(f"{GZ}:2: unknown region 'guangzou'") for e in errors)
    assert "tallies.yaml:2: a tally needs a date" in errors
