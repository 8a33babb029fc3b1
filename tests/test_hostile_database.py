"""A damaged or hostile database (SANDBOX_DB) gives an answer or exit 3 with one line naming the damage, never an
internal error, a hang or a control character on the terminal: every command, in every format and in Chinese,
against copies of the real database damaged at test time (tests/crafted.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sandboxcli.cli import COMMANDS

from . import crafted
from .conftest import REAL_DB
from .test_every_command import example

RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal from the database (a newline is a newline)."""

EXTRA = {"project": ["49"], "search": ["区块链"], "show": ["beijing"], "applicant": ["bank"]}
"""A second run for commands whose example misses some of the data: a project with notes and events, free text
(the FTS index), a region's batch list, a name matching many institutions."""


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("damaged")
    return {kind: crafted.make(kind, folder) for kind in crafted.KINDS}


def _runs() -> list[tuple[str, list[str]]]:
    runs = [(command, example(command)) for command in COMMANDS]
    return runs + [(command, args) for command, args in EXTRA.items()]


@pytest.mark.parametrize("kind", crafted.KINDS)
@pytest.mark.parametrize(("command", "args"), _runs(), ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_damaged_database_is_an_answer_or_exit_3(real, damaged, kind: str, command: str, args: list[str],
                                                  tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # export writes files
    args = [a for a in args if a != "--bom"]
    if "--format" in args:
        del args[args.index("--format"):args.index("--format") + 2]
    db = {"SANDBOX_DB": str(damaged[kind]), "COLUMNS": "80"}
    for extra in (["--format", "table"], ["--format", "json"], ["--format", "csv"], ["--lang", "zh"]):
        if "--out" in args and extra[-1] == "table":
            continue
        if "--out" in args:
            shutil.rmtree(tmp_path / "sandbox-data", ignore_errors=True)
        result = real(command, *args, *extra, env=db)
        assert result.exit_code in (0, 1, 3), (extra, result.stderr)
        if result.exit_code:
            assert result.stderr.startswith(("error: ", "错误：")) and len(result.stderr.splitlines()) == 1
        if result.exit_code == 3:
            assert "the database is damaged" in result.stderr or "数据库已损坏" in result.stderr
        if extra[-1] in ("table", "zh"):
            assert not RAW_CONTROL.search(result.stdout), (extra, result.stdout[:500])
        elif extra[-1] == "json" and result.exit_code == 0 and "--out" not in args:
            json.loads(result.stdout)
        assert not RAW_CONTROL.search(result.stderr)


@pytest.mark.parametrize(("kind", "damage"), [
    ("null-names", "entities row abc has no name in either language"),
    ("null-urls", "sources.url is empty (NULL) in row "),
    ("blob-names", "entities.name_en is b'Agricultural Bank of China', not text, in row abc"),
    ("bad-counts", "batches.announced_count is 'many', not integer, in row 1"),
    ("dangling", "refers to a row of "),
    ("huge-field", "holds a value longer than 1,000,000 bytes"),
    ("random-fts-pages", "malformed"),
])
def test_the_damage_is_named(real, damaged, kind: str, damage: str) -> None:
    """The one line says what is wrong and where (the rows are the first ones the builder writes)."""
    results = [real(*args, env={"SANDBOX_DB": str(damaged[kind])}) for args in (
        ["project", "49"], ["search", "区块链"], ["coverage"], ["compare", "beijing", "shanghai"])]
    lines = [r.stderr for r in results if r.exit_code == 3]
    assert lines and all(damage in line for line in lines), [r.stderr for r in results]


def test_sql_on_a_damaged_file_is_exit_3(real, damaged) -> None:
    result = real("sql", "select count(*) from project_search_fts where project_search_fts match 'blockchain'",
                  env={"SANDBOX_DB": str(damaged["random-fts-pages"])})
    assert result.exit_code == 3 and result.stderr.startswith("error: the database is damaged: ")


def test_a_date_that_is_no_date_is_named_in_chinese_too(real, damaged) -> None:
    """English shows a stored date as it is; Chinese writes it 2021年6月4日, which needs a real date."""
    english = real("show", "guangzhou", "2", env={"SANDBOX_DB": str(damaged["not-dates"])})
    assert english.exit_code == 0 and "Announced soon" in english.stdout
    chinese = real("--lang", "zh", "show", "guangzhou", "2", env={"SANDBOX_DB": str(damaged["not-dates"])})
    assert chinese.exit_code == 3 and "batches.announced" in chinese.stderr and "'soon'" in chinese.stderr


def test_a_project_named_with_an_osc_sequence_prints_it_escaped(real, damaged) -> None:
    result = real("project", "49", env={"SANDBOX_DB": str(damaged["steering"]), "COLUMNS": "200"})
    assert result.exit_code == 0
    assert "technology\\x1b]0;PWNED\\x07\\x1b[2J\\r\\x08\\x9b31m\\u202e" in result.stdout
    as_json = real("project", "49", "--json", env={"SANDBOX_DB": str(damaged["steering"])})
    assert json.loads(as_json.stdout)["results"][0]["name_en"].endswith(crafted.STEERING)  # data, not escapes


def test_json_from_a_hostile_database_has_no_raw_steering_character(real, damaged) -> None:
    """json.dumps escapes C0 controls but leaves U+009B (a one-character ESC [) and U+202E raw: JSON and NDJSON
    write them as \\u escapes, so `sandbox … --json` on a terminal is as harmless as a table, and a JSON reader
    still gets the data."""
    env = {"SANDBOX_DB": str(damaged["steering"])}
    for args in (["project", "49", "--json"], ["project", "49", "-f", "ndjson"],
                 ["sql", "select name_en from projects where id = 49", "--json"]):
        result = real(*args, env=env)
        assert result.exit_code == 0
        assert not RAW_CONTROL.search(result.stdout), args
        assert "\\u009b31m\\u202e" in result.stdout, args
        first = json.loads(result.stdout.splitlines()[0]) if "ndjson" in args else json.loads(result.stdout)
        row = first if "ndjson" in args else first["results"][0]
        assert row["name_en"].endswith(crafted.STEERING), args


def _on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run the console script with its stdout on a pseudo-terminal; what it wrote there, and its exit code."""
    import pty

    main, side = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "sandboxcli", *args], stdout=side, stderr=subprocess.DEVNULL,
                            env={**os.environ, **env})
    os.close(side)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the process closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8")


def test_csv_on_a_terminal_escapes_steering_characters_and_keeps_them_in_a_pipe(damaged) -> None:
    """`project 49 -f csv` typed at a terminal printed ESC ] 0;PWNED BEL (a new window title), ESC [2J (a cleared
    screen) and U+202E raw; on a terminal they are escapes now, as in a table. Piped, CSV is data and keeps them."""
    env = {"SANDBOX_DB": str(damaged["steering"]), "COLUMNS": "80"}
    code, seen = _on_a_terminal(["project", "49", "-f", "csv"], env)
    assert code == 0
    assert not RAW_CONTROL.search(seen.replace("\r\n", "\n"))  # the terminal's own line endings
    assert "technology\\x1b]0;PWNED\\x07\\x1b[2J\\r\\x08\\x9b31m\\u202e" in seen
    piped = subprocess.run([sys.executable, "-m", "sandboxcli", "project", "49", "-f", "csv"], capture_output=True,
                           env={**os.environ, **env}, timeout=60)
    assert crafted.STEERING.encode("utf-8") in piped.stdout


def test_wal_database_opens_without_creating_files(real, damaged, tmp_path: Path) -> None:
    folder = tmp_path / "wal"
    folder.mkdir()
    shutil.copy(damaged["wal"], folder / "w.db")
    assert (folder / "w.db").read_bytes()[18:20] == b"\x02\x02"
    result = real("show", "guangzhou", "2", "--json", env={"SANDBOX_DB": str(folder / "w.db")})
    assert result.exit_code == 0 and json.loads(result.stdout)["count"] == 4
    assert sorted(p.name for p in folder.iterdir()) == ["w.db"]


def test_wal_changes_waiting_beside_the_database_are_named(real, tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    shutil.copy(REAL_DB, path)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE regions SET name_en = 'Canton' WHERE slug = 'guangzhou'")
    writer.commit()
    try:
        result = real("show", "guangzhou", "2", env={"SANDBOX_DB": str(path)})
    finally:
        writer.close()
    assert result.exit_code == 3 and "changes waiting in a -wal file" in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "device", "not-sqlite"])
def test_a_path_that_is_no_database_file_says_what_it_is(real, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "db"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "not-sqlite":
        path.write_text("name,url\n")
    else:
        path = Path("/dev/zero")
    result = [None]

    def run() -> None:
        result[0] = real("list-cities", env={"SANDBOX_DB": str(path)})

    reader = threading.Thread(target=run, daemon=True)  # a FIFO must not block the command on open
    reader.start()
    reader.join(60)
    assert result[0] is not None, "the command hung"
    assert result[0].exit_code == 3
    expected = "not a SQLite database" if kind == "not-sqlite" else "not a regular file"
    assert expected in result[0].stderr and "not found" not in result[0].stderr


def test_a_locked_database_is_reported_as_locked(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    shutil.copy(REAL_DB, path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        proc = subprocess.run([sys.executable, "-m", "sandboxcli", "list-cities"], capture_output=True, text=True,
                              env={**os.environ, "SANDBOX_DB": str(path)}, timeout=60, check=False)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 3 and "locked by another program" in proc.stderr and "corrupt" not in proc.stderr


def _columns() -> list[tuple[str, str]]:
    conn = sqlite3.connect(REAL_DB)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                         "'%fts%' AND name NOT IN ('metadata', 'sqlite_sequence') ORDER BY name")]
    found = [(t, r[1]) for t in tables for r in conn.execute(f"PRAGMA table_info({t})")]
    conn.close()
    return found


VALUES = st.one_of(
    st.none(), st.integers(min_value=-(2**63), max_value=2**63 - 1), st.floats(allow_nan=True),
    st.binary(max_size=20), st.text(max_size=30), st.sampled_from(["many", "", "2021-13-45", "[", "{}", '["a", 1]',
                                                                      crafted.STEERING, "\x00", "nowhere"]),
)


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(_columns()), value=VALUES, every=st.booleans())
def test_any_value_in_any_column_is_an_answer_or_exit_3(real, tmp_path_factory, target: tuple[str, str],
                                                       value: object, every: bool) -> None:
    """A fuzzer's view: one column set to one odd value (in every row, or in one), then the questions that read
    most of the data; never an internal error, never a control character on the terminal."""
    table, column = target
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copy(REAL_DB, path)
    conn = sqlite3.connect(path)
    try:
        conn.execute(f'UPDATE {table} SET "{column}" = ?' + ("" if every else " WHERE rowid = (SELECT min(rowid) "
                                                             f"FROM {table})"), (value,))
        conn.commit()
    except sqlite3.IntegrityError:  # NOT NULL, UNIQUE: a file the builder cannot write, and SQLite will not either
        assume(False)
    finally:
        conn.close()
    for args in (["project", "49"], ["show", "guangzhou", "2", "--json"], ["compare", "beijing", "shanghai"],
                 ["stats", "--format", "csv"], ["--lang", "zh", "search", "区块链"]):
        result = real(*args, env={"SANDBOX_DB": str(path), "COLUMNS": "80"})
        assert result.exit_code in (0, 1, 2, 3), (args, result.stderr)  # a city aliased to nothing: "usage"
        assert not RAW_CONTROL.search(result.stderr)
        if "--json" not in args and "--format" not in args:
            assert not RAW_CONTROL.search(result.stdout), (args, result.stdout[:300])


def test_a_group_tie_without_its_page_is_named(real, tmp_path: Path) -> None:
    """A tie to a corporate group is shown with the page that states it; a copy where that page is missing
    (entities.parent_source_id NULL) was an internal error (KeyError: None, exit 70) in `applicant` and
    `search --applicant`, the commands that walk the groups."""
    path = crafted.altered(tmp_path, "untied.db", "UPDATE entities SET parent_source_id = NULL")
    for args in (["applicant", "蚂蚁"], ["applicant", "MYbank"], ["search", "--applicant", "Ant Group"]):
        result = real(*args, env={"SANDBOX_DB": str(path)})
        assert result.exit_code == 3, (args, result.stderr)
        assert "entities.parent_source_id is empty (NULL) in row " in result.stderr
        assert len(result.stderr.splitlines()) == 1


def test_an_applicant_that_is_no_institution_is_damage(real, tmp_path: Path) -> None:
    """A project's applicant pointing at an institution that is not there was hidden by an inner join: `project 1`
    showed 'Applicants —' with exit 0, an answer with a name missing. It is a damaged database (exit 3), named."""
    path = crafted.altered(tmp_path, "dangling.db",
                           "UPDATE project_applicants SET entity_id = 'no-such-institution' WHERE project_id = 1")
    for args in (["project", "1"], ["show", "beijing", "1", "--json"], ["search", "--city", "beijing"]):
        result = real(*args, env={"SANDBOX_DB": str(path)})
        assert result.exit_code == 3, (args, result.exit_code, result.stdout[:200], result.stderr)
        assert "project_applicants" in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
