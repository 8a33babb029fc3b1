"""The data speaks to its reader: notes say what is uncertain, not how the data was made; names are names; every
cited page says who published it (or why it cannot)."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from .conftest import REAL_DB

WORKFLOW = re.compile(r"\.ya?ml\b|\bround ?\d\b|\bresearch (file|note|round)s?\b|\bmerge[ds]?\b|\bdo not count\b|"
                      r"\bsee (the )?file\b|\bthis file\b|(?-i:\b(NEW|STILL|TODO|DERIVED|INFERRED|NB)\b)", re.I)
"""File names, research rounds, editing instructions and shouted working markers (NEW, STILL, DERIVED ...)."""
NAME_REMARK = re.compile(r"\((as translated|name cut off|official name|description|translated)[^)]*\)|cut off",
                         re.I)


@pytest.fixture(scope="module")
def db() -> sqlite3.Connection:
    return sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True)


def _notes(db: sqlite3.Connection) -> list[tuple[str, str]]:
    out = []
    for table in ("batches", "projects", "entities"):
        for ident, notes in db.execute(f"SELECT id, notes FROM {table} WHERE notes IS NOT NULL"):
            out += [(f"{table} {ident}", note) for note in json.loads(notes)]
    out += [(f"event {i}", note) for i, note in db.execute("SELECT id, note FROM events WHERE note IS NOT NULL")]
    out += [(f"source {i}", note) for i, note in db.execute("SELECT id, note FROM sources WHERE note IS NOT NULL")]
    return out


def test_notes_carry_no_file_names_or_workflow_words(db: sqlite3.Connection) -> None:
    offending = [(where, note) for where, note in _notes(db) if WORKFLOW.search(note)]
    assert offending == []


def test_names_hold_no_remarks(db: sqlite3.Connection) -> None:
    names = [("project", i, n) for i, a, b in db.execute("SELECT id, name_en, name_zh FROM projects")
             for n in (a, b) if n]
    names += [("entity", i, n) for i, a, b in db.execute("SELECT id, name_en, name_zh FROM entities")
              for n in (a, b) if n]
    names += [("batch label", i, n) for i, n in db.execute("SELECT id, label FROM batches WHERE label IS NOT NULL")]
    assert [x for x in names if NAME_REMARK.search(x[2])] == []


def test_every_source_names_title_and_publisher_or_says_why_not(db: sqlite3.Connection) -> None:
    missing = db.execute("SELECT id FROM sources WHERE (title IS NULL OR publisher IS NULL) AND note IS NULL")
    assert missing.fetchall() == []


def test_copies_cite_their_original_first(db: sqlite3.Connection) -> None:
    """Where a copy's original is cited too, every batch and project that cites both lists the original first."""
    for table, key in (("batch_sources", "batch_id"), ("project_sources", "project_id")):
        rows = db.execute(
            f"SELECT c.{key}, s.id FROM {table} c JOIN sources s ON s.id = c.source_id "
            f"JOIN {table} o ON o.{key} = c.{key} AND o.source_id = s.original_id WHERE o.position > c.position")
        assert rows.fetchall() == [], table


def test_entity_branches_are_not_aliases(db: sqlite3.Connection) -> None:
    """A branch (分行, 分公司, a provincial operator) is recorded on the applicant link, never as an alias."""
    aliases = [a for (a,) in db.execute("SELECT alias FROM entity_aliases")]
    assert [a for a in aliases if re.search(r"(分行|分公司|四川电信|四川移动)$", a)] == []
