"""What `add` writes reads back as written (every scalar, in block and flow position), and a new batch goes where
the file's order puts it, with the rest of the file untouched byte for byte."""

from __future__ import annotations

import pytest
import yaml

from sandboxcli.dbbuild import source_rows as r
from sandboxcli.dbbuild.notice_write import batch_spans, insert_batch, scalar
from sandboxcli.dbbuild.yamlio import _Loader

TRICKY = ["null", "true", "123", "2020-08-07", "2020-08", "a: b", "x # y", "- dash", "'quoted'", '"Panshi" product',
          "“磐石”智能风控产品", "Acme Co., Ltd.", "[list]", "{map}", "河北雄安分行",
          "Hebei Xiong'an branch (河北雄安分行)",
          "@at", "%pct", "*star", "&amp", "!bang", "|pipe", ">gt", "?q", " lead", "trail ", "", "back`tick"]


@pytest.mark.parametrize("text", TRICKY)
def test_scalar_reads_back(text: str) -> None:
    """Through the build's own loader (no timestamps), in a block mapping and in a flow mapping."""
    assert yaml.load(f"k: {scalar(text)}", Loader=_Loader) == {"k": text}
    assert yaml.load(f"{{k: {scalar(text, flow=True)}}}", Loader=_Loader) == {"k": text}


def batch(number: int | None, key: str, announced: str | None) -> r.Batch:
    return r.Batch("p", "x", number, key, None, announced, None, None, False, (), (), (), (), "")


FILE = """# comment
programme: p
region: x
batches:
- number: 1
  label: one
- number: 3
  label: three
# about the undated one
- key: undated
  label: u
"""
EXISTING = [batch(1, "1", "2020-01"), batch(3, "3", "2021-01"), batch(None, "undated", None)]


@pytest.mark.parametrize(("new", "before_line", "following"), [
    (batch(2, "2", "2020-06"), "- number: 3", 2),  # by number
    (batch(None, "2020-listing", "2020-06"), "- number: 3", 2),  # by date
    (batch(4, "4", None), "# about the undated one", 1),  # numbered: before the keyed one with no date
    (batch(None, "later", None), None, 0),  # undated: at the end
])
def test_insert_where_the_order_puts_it(new: r.Batch, before_line: str | None, following: int) -> None:
    """By number, by date, numbered before undated listings, else at the end; nothing else in the file moves."""
    block = "- NEW\n"
    text, after = insert_batch(FILE, block, new, EXISTING)
    assert after == following
    assert text.replace(block, "") == FILE
    lines = text.splitlines()
    at = lines.index("- NEW")
    assert (lines[at + 1] if at + 1 < len(lines) else None) == before_line


def test_batch_spans_give_a_comment_to_the_item_below() -> None:
    """A comment line just above a batch is kept with that batch when another is inserted before it."""
    lines = FILE.splitlines()
    assert [(lines[a], b - a) for a, b in batch_spans(FILE)] == [
        ("- number: 1", 2), ("- number: 3", 2), ("# about the undated one", 3)]
