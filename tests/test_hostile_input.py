"""What a fuzzer found, as tests: input that is too large, not text, or full of control characters gets one clear
line and a usage exit code, never "internal error"; awkward SQL results stay valid JSON; limits hold."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REAL_DB


def _run(*args: str | bytes, **env: str | bytes) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if k not in ("SANDBOX_DB", "LANG", "LC_ALL", "SANDBOX_LANG")}
    return subprocess.run([sys.executable, "-m", "sandboxcli", *args], capture_output=True, timeout=60,
                          env={**base, "SANDBOX_DB": str(REAL_DB), **env}, check=False)  # type: ignore[dict-item]


def test_database_path_that_is_not_utf8(tmp_path: Path) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/\xb9\xe3"))
    folder.mkdir()
    shutil.copy(REAL_DB, folder / "copy.db")
    proc = _run("list-cities", "--json", SANDBOX_DB=os.fsencode(folder / "copy.db"))
    assert proc.returncode == 0 and json.loads(proc.stdout)["count"] > 0


@pytest.mark.parametrize("args", [
    ("search", *(["word"] * 1200)),
    ("search", "--applicant", "x" * 60_000),
    ("show", "x" * 100_000),
])
def test_input_too_large_is_a_usage_error(real, args: tuple[str, ...]) -> None:
    result = real(*args)
    assert result.exit_code in (1, 2), result.stderr
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert "internal error" not in result.stderr and "could not be read" not in result.stderr


def test_a_100_kb_word_is_searched_like_any_other(real) -> None:
    result = real("search", "a" * 100_000)
    assert (result.exit_code, result.stdout.strip(), result.stderr) == (0, "No matching projects.", "")


@pytest.mark.parametrize("args", [
    ("show", "\x1b[31mred\x1b[0m"),
    ("search", "--tech", "\x0bvt\x1b]0;title\x07"),
    ("export", "--table", "projects", "--format", "x\ry"),
    ("sql", "select * from nowhere\x1b[2J"),
])
def test_control_characters_never_reach_the_terminal(real, args: tuple[str, ...]) -> None:
    result = real(*args)
    assert result.exit_code in (1, 2)
    assert not any(ch in result.stderr for ch in "\x1b\x0b\r\x07"), result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(("sql", "check"), [
    ("SELECT randomblob(4) AS b", lambda row: row["b"]["$base64"] is True),
    ("SELECT 1e999 AS x", lambda row: row["x"] is None),
    ('SELECT name_en AS "[/]" FROM entities LIMIT 1', lambda row: "[/]" in row),
    ("SELECT count(*) AS n FROM project_search_fts", lambda row: row["n"] > 0),
])
def test_sql_results_are_always_valid_json(real, sql: str, check) -> None:
    result = real("sql", sql, "--json")
    assert result.exit_code == 0, result.stderr
    assert check(json.loads(result.stdout)["results"][0])
    assert real("sql", sql).exit_code == 0  # and render as a table


@pytest.mark.parametrize("timeout", ["nan", "inf", "0", "-1", "301"])
def test_sql_timeout_must_be_a_real_limit(real, timeout: str) -> None:
    result = real("sql", "select 1", "--timeout", timeout)
    assert result.exit_code == 2 and "--timeout" in result.stderr


def test_sql_limits_hold_while_fetching_and_rendering(real) -> None:
    rows = real("sql", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 200000) "
                       "SELECT i FROM n")
    assert rows.exit_code == 2 and "more than 100,000 rows" in rows.stderr
    blob = real("sql", "SELECT zeroblob(2000000) AS z")
    assert blob.exit_code == 0 and "<blob, 2,000,000 bytes>" in blob.stdout
    assert real("sql", "pragma user_version = 3").exit_code == 2


def test_export_into_a_read_only_folder_changes_nothing(real, tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "projects.csv").write_text("old\n")
    os.chmod(target, 0o500)
    try:
        result = real("export", "--out", str(target), "--force")
    finally:
        os.chmod(target, 0o700)
    if os.geteuid() == 0:  # root writes anyway: then everything is written, in one step
        assert result.exit_code == 0 and (target / "sources.csv").exists()
    else:
        assert result.exit_code == 74 and len(result.stderr.splitlines()) == 1
        assert (target / "projects.csv").read_text() == "old\n"


@pytest.mark.parametrize("args", [("search", "--since", "9" * 100_000), ("project", "x" * 100_000),
                                  ("--lang", "z" * 100_000, "show"), ("z" * 100_000,)])
def test_an_error_quoting_a_100_kb_argument_stays_short(args: tuple[str, ...]) -> None:
    proc = _run(*args)
    assert proc.returncode in (1, 2) and len(proc.stderr.splitlines()) == 1
    assert len(proc.stderr.decode()) < 500


@pytest.mark.parametrize(("sql", "message"), [
    ("vacuum", "only read-only statements are allowed"),
    ("select 1; select 2", "give one SQL statement at a time"),
    ("select :q", "no value for :q; give it with -p q VALUE"),
])
def test_sql_errors_say_what_to_do(real, sql: str, message: str) -> None:
    result = real("sql", sql)
    assert result.exit_code == 2 and message in result.stderr


def test_sql_from_stdin_that_is_not_utf8() -> None:
    proc = subprocess.run([sys.executable, "-m", "sandboxcli", "sql", "-"], input=b"select '\xb9\xe3'",
                          capture_output=True, timeout=60, env={**os.environ, "SANDBOX_DB": str(REAL_DB)}, check=False)
    assert (proc.returncode, proc.stderr) == (2, b"error: the SQL on standard input is not UTF-8 text\n")


def test_a_megabyte_cell_is_shortened_in_a_table_and_whole_in_csv(real) -> None:
    sql = "select printf('%.*c', 1000000, 'x') as big"
    table = real("sql", sql)
    assert table.exit_code == 0 and "(1,000,000 characters; --format csv prints them all)" in table.stdout
    assert len(table.stdout) < 10_000
    assert len(real("sql", sql, "--format", "csv").stdout) > 1_000_000


def test_an_escape_in_a_folder_name_is_shown_escaped(real, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = real("export", "--out", "o\x1b[31m", "--table", "regions")
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "o\\x1b[31m" in result.stdout


def test_utf8_sent_to_a_process_whose_locale_is_ascii() -> None:
    proc = _run("show", "广州", LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    assert proc.returncode == 2
    assert b"it is UTF-8" in proc.stderr and b"LANG=C.UTF-8" in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_a_database_with_a_leftover_journal_says_so(real, tmp_path: Path) -> None:
    """A write cut off mid-way leaves a "hot" journal that only a writer may roll back; this tool never writes."""
    copy = tmp_path / "hot.db"
    shutil.copy(REAL_DB, copy)
    (tmp_path / "hot.db-journal").write_bytes(copy.read_bytes()[:512] + bytes(512))
    result = real("list-cities", env={"SANDBOX_DB": str(copy)})
    assert result.exit_code == 3 and "unfinished write (a -journal file beside it)" in result.stderr
    assert copy.read_bytes() == REAL_DB.read_bytes()
