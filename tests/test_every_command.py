"""Every command in the registry, run as a user runs it: the example its --help gives, in every format, against
broken databases, with bytes that are not UTF-8, into a full device and into a pipe closed early.

A new command is covered by adding it to `sandboxcli.cli.COMMANDS` with an `Example:` line in its docstring.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sandboxcli.cli import COMMANDS, command_function
from sandboxcli.render import FORMATS

from .conftest import REAL_DB, ctrl_c_acts

NOT_UTF8 = b"\xb9\xe3\xd6\xdd"  # 广州 as a GBK terminal sends it


def example(command: str) -> list[str]:
    """The arguments of the `Example:` line of a command's --help (the first example when there are several)."""
    doc = command_function(command).__doc__ or ""
    line = next(x for x in doc.splitlines() if x.strip().startswith("Example:"))
    words = shlex.split(line.split("Example:", 1)[1].split(" ; ")[0])
    assert words[:2] == ["sandbox", command], f"{command}: the example must run `sandbox {command}`"
    return words[2:]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LANG", "LC_ALL",
                                                            "LC_MESSAGES", "LANGUAGE", "SANDBOX_LANG")}
    return {**env, "SANDBOX_DB": str(REAL_DB), **extra}


def _sandbox(args: list[str | bytes], cwd: Path, stdout: int | io.TextIOWrapper = subprocess.PIPE,
             **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "sandboxcli", *args], stdout=stdout, stderr=subprocess.PIPE,
                          env=_env(**env), cwd=cwd, timeout=60, check=False)


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_example_in_every_format(real, command: str, fmt: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # `export --out` writes into the working folder
    args = example(command)
    if "--out" in args and fmt == "table":
        pytest.skip("files are written as csv, json or ndjson")
    if "--bom" in args and fmt != "csv":
        args.remove("--bom")
    result = real(command, *args, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "" or "--out" in args
    out = result.stdout
    if "--out" in args:
        assert all((tmp_path / "sandbox-data" / f"{name}.{fmt}").exists() for name in ("projects", "sources"))
        return
    if fmt == "json":
        doc = json.loads(out)
        assert doc["command"] == command
        assert doc["count"] == len(doc["results"]) > 0
    elif fmt == "ndjson":
        lines = out.splitlines()
        assert lines and all(isinstance(json.loads(x), dict) for x in lines)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)
        assert not any(cell.startswith(("{", "[")) for r in rows[1:] for cell in r), "CSV cells are plain values"
    else:
        assert out.strip()
        assert all(line == line.rstrip() for line in out.splitlines()), "no trailing spaces"


def _broken_databases(folder: Path) -> dict[str, Path]:
    good = REAL_DB.read_bytes()
    made = {"missing": folder / "missing.db", "empty": folder / "empty.db", "truncated": folder / "truncated.db",
            "byte-flipped": folder / "flipped.db", "foreign-schema": folder / "foreign.db"}
    made["empty"].write_bytes(b"")
    made["truncated"].write_bytes(good[:4096 * 3])
    flipped = bytearray(good)
    for i in range(100, 4096):  # the schema page: every statement reads it
        flipped[i] ^= 0xFF
    made["byte-flipped"].write_bytes(bytes(flipped))
    other = sqlite3.connect(made["foreign-schema"])
    other.execute("CREATE TABLE metadata (key TEXT, value TEXT)")
    other.execute("INSERT INTO metadata VALUES ('schema_version', '1')")
    other.commit()
    other.close()
    return made


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _broken_databases(tmp_path_factory.mktemp("broken"))


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", ["missing", "empty", "truncated", "byte-flipped", "foreign-schema"])
def test_broken_database_is_exit_3_and_one_line(real, broken, command: str, kind: str, tmp_path: Path,
                                                monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = broken[kind].read_bytes() if broken[kind].exists() else None
    result = real(command, *example(command), env={"SANDBOX_DB": str(broken[kind])})
    assert result.exit_code == 3, result.stderr
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert (broken[kind].read_bytes() if broken[kind].exists() else None) == before, "never write the database"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_argument_that_is_not_utf8_is_exit_2_and_one_line(command: str, tmp_path: Path) -> None:
    proc = _sandbox([command, NOT_UTF8], tmp_path)
    assert proc.returncode == 2
    line = proc.stderr.decode("utf-8", "replace")
    assert line.startswith("error: argument 2") and "UTF-8" in line and "GBK '广州'" in line
    assert len(line.splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", list(COMMANDS))
def test_full_device_is_exit_74_and_one_line(command: str, tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        proc = _sandbox([command, *example(command)], tmp_path, stdout=full)
    assert proc.returncode == 74, proc.stderr
    assert proc.stderr.decode().startswith("error: cannot write the output")
    assert len(proc.stderr.splitlines()) == 1


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for pipefail")
@pytest.mark.parametrize("command", [*COMMANDS, "-h"])
def test_reader_closing_the_pipe_early_is_exit_0(command: str, tmp_path: Path) -> None:
    args = [command, *example(command)] if command in COMMANDS else [command]
    line = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "sandboxcli", *args])
    proc = subprocess.run(["bash", "-c", f"set -o pipefail; {line} | head -1"], capture_output=True, text=True,
                          env=_env(COLUMNS="80"), cwd=tmp_path, timeout=60, check=False)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert len(proc.stdout.splitlines()) <= 1


def test_interrupt_is_exit_130_even_during_sql(tmp_path: Path) -> None:
    """Ctrl-C during a long query is reported as an interruption, not as a timeout."""
    import signal
    import time

    slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    proc = subprocess.Popen([sys.executable, "-m", "sandboxcli", "sql", slow, "--timeout", "60"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), cwd=tmp_path,
                            preexec_fn=ctrl_c_acts)
    # Not a fixed sleep (a loaded machine may still be importing): wait until the process has the database open
    # and is running the query, which never ends by itself, then interrupt it.
    fds = Path(f"/proc/{proc.pid}/fd")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) == str(REAL_DB) for fd in fds.iterdir()):
                break
        time.sleep(0.05)
    time.sleep(0.2)  # from opening the file to stepping the query: no import or start-up work is left
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.decode() == "error: interrupted\n"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_closed_stdout_is_exit_74_and_one_line(command: str, tmp_path: Path) -> None:
    """`sandbox CMD >&-`: Python starts with no sys.stdout at all."""
    line = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "sandboxcli", command, *example(command)])
    proc = subprocess.run(["sh", "-c", f"{line} >&-"], capture_output=True, text=True, env=_env(), cwd=tmp_path,
                          timeout=60, check=False)
    assert (proc.returncode, proc.stderr) == (74, "error: cannot write the output: standard output is closed\n")


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_is_not_utf8_gets_escapes_not_an_error(command: str, encoding: str, tmp_path: Path) -> None:
    """Tables fall back to ASCII rules and escapes (\\u5e7f); JSON and CSV are UTF-8 whatever the locale."""
    proc = _sandbox([command, *example(command)], tmp_path, PYTHONIOENCODING=encoding, COLUMNS="80")
    assert (proc.returncode, proc.stderr) == (0, b""), proc.stderr
    proc.stdout.decode("utf-8" if "--format" in example(command) else encoding)
    if command != "export":  # export's example writes files
        args = example(command)
        if "--format" in args:
            del args[args.index("--format"):args.index("--format") + 2]
        machine = _sandbox([command, *args, "--json"], tmp_path, PYTHONIOENCODING=encoding)
        assert machine.returncode == 0
        assert machine.stdout == _sandbox([command, *args, "--json"], tmp_path).stdout


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_huge_terminal_width_is_not_an_error(real, command: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = real(command, *example(command), env={"COLUMNS": "99999999999999999999"})
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("path", ["/", " ", "x" * 5000 + ".db"])
def test_a_database_path_that_cannot_be_a_database_is_exit_3(real, path: str) -> None:
    result = real("list-cities", env={"SANDBOX_DB": path})
    assert result.exit_code == 3 and result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1


def test_every_result_a_command_prints_has_its_own_layout() -> None:
    """A result type without a registered layout fails here, not as a table that silently draws something else."""
    import importlib

    from sandboxcli import results
    from sandboxcli.render import layouts, reports  # noqa: F401  (registers the layouts)
    from sandboxcli.render.registry import LAYOUTS

    printed = {name for module in COMMANDS.values()
               for name in importlib.import_module(f"sandboxcli.cli.{module}").RESULTS}
    assert printed, "the commands declare what they print"
    missing = sorted(name for name in printed if getattr(results, name) not in LAYOUTS)
    assert missing == []


def test_a_result_without_a_layout_or_an_unknown_format_is_an_error() -> None:
    from sandboxcli.render import emit
    from sandboxcli.results import Result

    class Unregistered(Result):
        """A result type no layout draws."""

    result = Unregistered(command="nothing", query={}, results=[])
    with pytest.raises(LookupError, match="no terminal layout is registered for Unregistered"):
        emit(result, "table", out=io.StringIO())
    with pytest.raises(ValueError, match="unknown output format 'tsv'"):
        emit(result, "tsv", out=io.StringIO())
