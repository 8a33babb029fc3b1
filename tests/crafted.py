"""Damaged and hostile copies of the bundled database, made at test time: each is data/sandbox.db with one kind
of damage a file edited by someone else (or by a fuzzer) can have. The schema stays ours, so every command
opens the file and meets the damage while answering."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .conftest import REAL_DB

STEERING = "\x1b]0;PWNED\x07\x1b[2J\r\x08\x9b31m\u202e"
"""A window title (OSC … BEL), a screen clear, CR and BS, a one-character CSI, a right-to-left override."""


def _drop_not_null(conn: sqlite3.Connection, table: str, column: str) -> None:
    """Let a column hold NULL although the builder declared it NOT NULL (as a hand-edited file can)."""
    conn.execute("PRAGMA writable_schema = ON")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    declared = f'"{column}" TEXT NOT NULL'
    assert declared in sql
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql.replace(declared, f'"{column}" TEXT'), table))
    conn.execute("PRAGMA writable_schema = OFF")


def null_names(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE entities SET name_en = NULL, name_zh = NULL")


def null_urls(conn: sqlite3.Connection) -> None:
    _drop_not_null(conn, "sources", "url")


def null_urls_after(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE sources SET url = NULL")


def blob_names(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE entities SET name_en = CAST(name_en AS BLOB), name_zh = CAST(name_zh AS BLOB)")
    conn.execute("UPDATE projects SET name_en = CAST(name_en AS BLOB)")
    conn.execute("UPDATE regions SET name_en = CAST(name_en AS BLOB)")


def bad_counts(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE batches SET announced_count = 'many', known_count = 'few'")


def dangling(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE project_applicants SET entity_id = 'nobody'")
    conn.execute("UPDATE projects SET source_id = 'nowhere'")
    conn.execute("UPDATE project_technologies SET technology = 'nothing-' || technology")
    conn.execute("UPDATE batches SET region = 'atlantis' WHERE id % 2 = 0")


def not_dates(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE batches SET announced = 'soon'")
    conn.execute("UPDATE events SET date = '2021-13-45'")
    conn.execute("UPDATE sources SET date = 'yesterday'")


def steering(conn: sqlite3.Connection) -> None:
    """Control characters in every kind of text a command shows: names, publishers, URLs, notes, labels."""
    for table in ("projects", "batches"):
        conn.execute(f"UPDATE {table} SET notes = json_array('Note ' || ?)", (STEERING,))
    for table, columns in {"entities": ("name_en", "name_zh"), "projects": ("name_en", "name_zh"),
                           "sources": ("url", "publisher", "title"), "regions": ("name_en", "name_zh"),
                           "batches": ("label", "regulator"), "events": ("note",),
                           "technologies": ("label_en", "label_zh"), "project_applicants": ("branch",),
                           "column_descriptions": ("description",)}.items():
        for column in columns:
            conn.execute(f"UPDATE {table} SET {column} = coalesce({column}, 'x') || ?", (STEERING,))


def huge_field(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE projects SET name_en = printf('%.*c', 3000000, 'x') WHERE id IN (12, 49, 50)")
    conn.execute("UPDATE batches SET notes = printf('%.*c', 3000000, 'y')")


def wrong_types(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE regions SET name_en = 42")
    conn.execute("UPDATE projects SET position = 'first', category = 7")


DAMAGE: dict[str, list[Callable[[sqlite3.Connection], None]]] = {
    "null-names": [null_names], "null-urls": [null_urls, null_urls_after], "blob-names": [blob_names],
    "bad-counts": [bad_counts], "dangling": [dangling], "not-dates": [not_dates], "steering": [steering],
    "huge-field": [huge_field], "wrong-types": [wrong_types],
}
"""Each kind of damage: steps run on a copy, each step on a fresh connection (a changed schema needs one)."""


def altered(folder: Path, name: str, *statements: str) -> Path:
    """A copy of the bundled database at folder/name with these statements applied: one damage a test names."""
    path = folder / name
    shutil.copy(REAL_DB, path)
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def make(kind: str, folder: Path) -> Path:
    """A copy of the bundled database with one kind of damage (or, for the file-level kinds, a damaged file)."""
    path = folder / f"{kind}.db"
    shutil.copy(REAL_DB, path)
    if kind == "wal":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
        return path
    if kind == "random-fts-pages":
        _randomise_pages(path, "project_search_fts_data")
        return path
    for step in DAMAGE[kind]:
        conn = sqlite3.connect(path)
        step(conn)
        conn.commit()
        conn.close()
    return path


def _randomise_pages(path: Path, table: str) -> None:
    """Random bytes over the root page of a table (seeded: the same bytes every run)."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    rng = random.Random(20)
    start = (root - 1) * page_size
    data[start:start + page_size] = bytes(rng.randrange(256) for _ in range(page_size))
    path.write_bytes(bytes(data))


KINDS = [*DAMAGE, "wal", "random-fts-pages"]
