"""The bundled database: built reproducibly from data/sources, cited throughout, and matching the seeds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sandboxcli.dbbuild.__main__ import build
from sandboxcli.dbbuild.__main__ import main as build_main
from sandboxcli.vocabulary import SCHEMA_VERSION

from .conftest import REAL_DB, REAL_SOURCES, snapshot


@pytest.fixture(scope="module")
def db() -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True)
    yield conn
    conn.close()


def test_committed_database_is_exactly_what_the_sources_build(tmp_path: Path) -> None:
    """A rebuild from data/sources gives the committed data/sandbox.db byte for byte."""
    out = tmp_path / "rebuilt.db"
    build(REAL_SOURCES, out)
    assert out.read_bytes() == REAL_DB.read_bytes(), "run `python -m sandboxcli.dbbuild` and commit data/sandbox.db"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """The build is deterministic: no timestamps, no random ids, a fixed row order."""
    build(REAL_SOURCES, tmp_path / "a.db")
    build(REAL_SOURCES, tmp_path / "b.db")
    assert (tmp_path / "a.db").read_bytes() == (tmp_path / "b.db").read_bytes()


def test_schema_matches_snapshot(db: sqlite3.Connection) -> None:
    """Table and column names are a public interface (SQL, Datasette): changes must be deliberate."""
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'project_search_fts_%' "
        "ORDER BY name")]
    schema = {t: [f"{c[1]} {c[2]}{' NOT NULL' if c[3] else ''}{' PK' if c[5] else ''}"
                  for c in db.execute(f"PRAGMA table_info([{t}])")] for t in tables}
    snapshot("schema.json", json.dumps(schema, indent=1, ensure_ascii=False) + "\n")


def _projects(db: sqlite3.Connection, region: str, key: str) -> list[tuple[str | None, str | None, str]]:
    return db.execute(
        """SELECT p.name_zh, p.name_en, group_concat(pa.entity_id || '|' || coalesce(pa.branch, ''), ';')
           FROM projects p JOIN batches b ON b.id = p.batch_id
           LEFT JOIN project_applicants pa ON pa.project_id = p.id
           WHERE b.programme = 'pboc-regulatory-pilot' AND b.region = ? AND b.key = ?
           GROUP BY p.id ORDER BY p.position""", (region, key)).fetchall()


def test_seed_guangzhou_batch_2_has_four_projects_with_their_applicants(db: sqlite3.Connection) -> None:
    """Seed 000: the four Guangzhou batch-2 projects and applicants, CMB through its Guangzhou branch."""
    rows = _projects(db, "guangzhou", "2")
    assert [r[1] for r in rows] == [
        "Risky transaction early warning system based on knowledge graph technology",
        "Micro and small-enterprise financing services based on big data risk control",
        "Identification of risky and illicit foreign exchange conduct based on knowledge graphs",
        "Verification system for submitted information based on the blockchain",
    ]
    assert rows[0][2] == "abc|Guangdong branch (广东省分行)"
    assert rows[1][2] == "bank-of-guangzhou|;sequoiadb|"
    assert rows[2][2] == "safe|Guangdong branch (广东省分局);cgb|"
    assert "cmb|Guangzhou branch (广州分行)" in rows[3][2].split(";")
    announced = db.execute("SELECT announced, announced_count FROM batches WHERE region = 'guangzhou' AND key = '2' "
                           "AND programme = 'pboc-regulatory-pilot'").fetchone()
    assert announced == ("2021-06-04", 4)


def test_seed_chongqing_batch_1_has_five_projects(db: sqlite3.Connection) -> None:
    """Seed 003: Chongqing's first batch (2020-08-07) lists five applications, 3 services and 2 products."""
    rows = _projects(db, "chongqing", "1")
    assert len(rows) == 5
    cats = db.execute("""SELECT p.category, count(*) FROM projects p JOIN batches b ON b.id = p.batch_id
                         WHERE b.region = 'chongqing' AND b.key = '1' AND b.programme = 'pboc-regulatory-pilot'
                         GROUP BY 1 ORDER BY 1""").fetchall()
    assert cats == [("financial-service", 3), ("technology-product", 2)]
    assert "chongqing-rcb|" in rows[0][2] and "tencent-cloud|" in rows[0][2]


def test_seed_beijing_batch_2_has_eleven_projects(db: sqlite3.Connection) -> None:
    """Seed 004: Beijing's second batch (2020-06-02) has 11 applications, all known."""
    rows = _projects(db, "beijing", "2")
    assert len(rows) == 11
    assert rows[0][0] == "基于智能机器人的移动金融服务项目" and rows[0][2] == "icbc|"
    assert db.execute("SELECT announced, announced_count, known_count FROM batches WHERE region = 'beijing' "
                      "AND key = '2' AND programme = 'pboc-regulatory-pilot'").fetchone() == ("2020-06-02", 11, 11)


@pytest.mark.parametrize("table", ["batches", "projects", "project_applicants", "events", "programmes"])
def test_every_row_names_a_source_that_exists(db: sqlite3.Connection, table: str) -> None:
    """Every batch, project, applicant link and event points at a stored source with a URL."""
    missing = db.execute(f"SELECT count(*) FROM {table} t LEFT JOIN sources s ON s.id = t.source_id "
                         f"WHERE s.url IS NULL").fetchone()[0]
    assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
    assert missing == 0


def test_known_never_exceeds_announced(db: sqlite3.Connection) -> None:
    """A batch never lists more projects than its notice announced."""
    over = db.execute("SELECT programme, region, key FROM batches WHERE announced_count < known_count").fetchall()
    assert over == []


def test_known_count_follows_from_projects(db: sqlite3.Connection) -> None:
    """batches.known_count is the number of project rows, never typed by hand."""
    wrong = db.execute("""SELECT b.id FROM batches b LEFT JOIN projects p ON p.batch_id = b.id
                          GROUP BY b.id HAVING count(p.id) != b.known_count""").fetchall()
    assert wrong == []


def test_foreign_keys_hold(db: sqlite3.Connection) -> None:
    """No row points at a missing region, entity, technology or source."""
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_data_size_is_about_what_the_evidence_holds(db: sqlite3.Connection) -> None:
    """About 60 batches and 100 named projects, merged without counting a project twice."""
    batches, projects = db.execute("SELECT (SELECT count(*) FROM batches), (SELECT count(*) FROM projects)").fetchone()
    assert 60 <= batches <= 80
    assert 100 <= projects <= 130
    dupes = db.execute("""SELECT b.id, p.name_zh FROM projects p JOIN batches b ON b.id = p.batch_id
                          WHERE p.name_zh IS NOT NULL GROUP BY b.id, p.name_zh HAVING count(*) > 1""").fetchall()
    assert dupes == []


def test_metadata_records_version_licence_and_counts(db: sqlite3.Connection) -> None:
    meta = dict(db.execute("SELECT key, value FROM metadata"))
    assert meta["schema_version"] == SCHEMA_VERSION
    assert "CC BY" in meta["licence"]
    counts = json.loads(meta["counts"])
    assert counts["projects"] == db.execute("SELECT count(*) FROM projects").fetchone()[0]


def test_trigram_index_finds_chinese_substrings(db: sqlite3.Connection) -> None:
    """The FTS5 trigram index matches inside Chinese names (unicode61 would not)."""
    hits = db.execute("SELECT count(*) FROM project_search_fts WHERE project_search_fts MATCH ?",
                      ('"供应链"',)).fetchone()[0]
    like = db.execute("SELECT count(*) FROM project_search WHERE name_zh LIKE '%供应链%' OR name_en LIKE '%供应链%' "
                      "OR applicants LIKE '%供应链%'").fetchone()[0]
    assert hits == like > 0


def test_build_command_reports_success(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.db"
    assert build_main(["--sources", str(REAL_SOURCES), "--output", str(out)]) == 0
    assert out.exists()
    assert "wrote" in capsys.readouterr().err
