"""Every command's table output at a fixed width: no colour codes when captured, nothing cut with "…", the
expected content present."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("args", "expected"), [
    (("show", "guangzhou"), ["Guangzhou 广州市: 4 batches", "首批", "第二批", "CSRC",
                             "by number only (batch 2 exists)"]),
    (("search", "--tech", "blockchain"), ["Xiong'an", "雄安区块链平台", "3 results"]),
    (("search", "区块链", "--city", "广州"), ["基于区块链的供应链", "证券区块链存证", "2 results"]),
    (("technologies",), ["blockchain", "Blockchain / 区块链"]),
    (("stats",), ["By programme", "Top technologies", "Top applicants", "China Merchants Bank"]),
    (("applicant", "CMB"), ["China Merchants Bank 招商银行", "Also written: CMB", "Co-applicants: Acme Technology"]),
    (("sql", "select slug, name_zh from regions order by slug"), ["guangzhou", "广州市", "3 rows"]),
    (("sql", "select 1 where 0"), ["0 rows"]),
    (("coverage", "--incomplete"), ["By batch", "Xiong'an"]),
    (("timeline", "--by", "month"), ["2020-08", "█"]),
    (("compare", "guangzhou", "xiongan", "--programme", "pboc"), ["Top applicants", "China Merchants Bank"]),
])
def test_table_output(fixture, args: tuple[str, ...], expected: list[str]) -> None:
    result = fixture(*args, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert "…" not in result.stdout
    for text in expected:
        assert text in result.stdout, text


def test_narrow_terminal_still_renders(fixture) -> None:
    result = fixture("show", "guangzhou", "1", env={"COLUMNS": "40"})
    assert result.exit_code == 0 and "基于" in result.stdout and "3 announced, 1 known" in result.stdout


def test_data_is_never_read_as_markup(fixture) -> None:
    """Square brackets in data stay as typed (Rich would otherwise treat "[bold]" as a style)."""
    result = fixture("sql", "select '[bold]x[/bold] [1]' as v")
    assert "[bold]x[/bold] [1]" in result.stdout
