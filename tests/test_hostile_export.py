"""`sandbox export --out DIR` never loses a file the user has there: it refuses to replace one without --force,
writes all or nothing (a blocked target, a failed move, a signal), checks every write (a full disk, a file-size
limit with unbuffered output), and says in JSON what it wrote when asked."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sandboxcli.cli import files
from sandboxcli.export import TABLES

from .conftest import REAL_DB, ctrl_c_acts

NAMES = list(TABLES)


def _folder(path: Path) -> dict[str, str]:
    """Every entry of a folder (hidden ones too) with its content."""
    return {p.name: (p.read_text() if p.is_file() else "<folder>") for p in sorted(path.iterdir())}


def test_a_file_already_there_survives_and_nothing_is_written(real, tmp_path: Path) -> None:
    (tmp_path / "projects.csv").write_text("my own notes\n")
    result = real("export", "--out", str(tmp_path))
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "projects.csv exists already" in result.stderr and "--force" in result.stderr
    assert _folder(tmp_path) == {"projects.csv": "my own notes\n"}


def test_force_replaces_every_file(real, tmp_path: Path) -> None:
    (tmp_path / "projects.csv").write_text("my own notes\n")
    (tmp_path / "keep.txt").write_text("not ours\n")
    result = real("export", "--out", str(tmp_path), "--force")
    assert result.exit_code == 0, result.stderr
    assert sorted(_folder(tmp_path)) == sorted([f"{n}.csv" for n in NAMES] + ["keep.txt"])
    assert (tmp_path / "projects.csv").read_text().startswith("id,programme,region,")
    assert (tmp_path / "keep.txt").read_text() == "not ours\n"


def test_a_blocked_target_stops_the_export_before_anything_changes(real, tmp_path: Path) -> None:
    (tmp_path / "projects.csv").write_text("my own notes\n")
    (tmp_path / "tallies.csv").mkdir()
    for force in ([], ["--force"]):
        result = real("export", "--out", str(tmp_path), *force)
        assert result.exit_code == 74, result.stderr
        assert "tallies.csv is in the way: it is not a plain file; nothing was written" in result.stderr
        assert _folder(tmp_path) == {"projects.csv": "my own notes\n", "tallies.csv": "<folder>"}


@pytest.mark.parametrize("force", [False, True])
def test_a_move_that_fails_half_way_is_rolled_back(real, tmp_path: Path, monkeypatch, force: bool) -> None:
    """The fifth file cannot be moved into place: the four moved before it are put back as they were."""
    if force:
        for name in NAMES[:6]:
            (tmp_path / f"{name}.csv").write_text(f"old {name}\n")
    before = _folder(tmp_path)
    real_publish = files.publish
    calls = []

    def failing(new: Path, target: Path, backup: Path, force_: bool) -> Path | None:
        calls.append(target.name)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real_publish(new, target, backup, force_)

    monkeypatch.setattr(files, "publish", failing)
    result = real("export", "--out", str(tmp_path), *(["--force"] if force else []))
    assert result.exit_code == 74 and "nothing was changed there" in result.stderr
    assert len(calls) == 5
    assert _folder(tmp_path) == before


def test_out_must_name_a_folder(real, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for out in ("", "  "):
        result = real("export", "--out", out)
        assert result.exit_code == 2 and "--out needs a folder name" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_json_with_out_prints_what_was_written_as_json(real, tmp_path: Path) -> None:
    result = real("export", "--out", str(tmp_path / "d"), "--json", "--table", "regions")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["command"] == "export" and doc["folder"] == str(tmp_path / "d")
    regions = sum(1 for line in REAL_DB.parent.joinpath("sources", "regions.yaml").read_text().splitlines()
                  if line.startswith("- {slug: "))
    assert doc["results"] == [{"table": "regions", "file": str(tmp_path / "d" / "regions.json"), "rows": regions}]
    assert len(json.loads((tmp_path / "d" / "regions.json").read_text())["results"]) == regions


def _limited(args: list[str], cwd: Path, limit: int, stdout: object = subprocess.PIPE,
             ) -> subprocess.CompletedProcess[str]:
    """A run whose files may not grow beyond `limit` bytes (`ulimit -f`), with unbuffered output."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "sandboxcli", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, cwd=cwd, preexec_fn=cap, timeout=60, check=False,
                          env={**os.environ, "SANDBOX_DB": str(REAL_DB), "PYTHONUNBUFFERED": "1"})


@pytest.mark.parametrize("fmt", ["json", "csv", "ndjson", "table"])
def test_a_short_write_to_stdout_is_exit_74(tmp_path: Path, fmt: str) -> None:
    """With unbuffered output a write that the limit cuts short used to pass silently: exit 0, truncated JSON."""
    with open(tmp_path / "out", "w") as out:
        proc = _limited(["export", "--table", "projects", "--format", fmt], tmp_path, 40_960, stdout=out)
    assert proc.returncode == 74, proc.stderr
    assert proc.stderr.startswith("error: cannot write the output: File too large")


def test_a_short_write_into_the_folder_is_exit_74_and_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "d"
    out.mkdir()
    (out / "projects.csv").write_text("my own notes\n")
    proc = _limited(["export", "--out", "d", "--force"], tmp_path, 40_960)
    assert proc.returncode == 74 and "nothing was changed there" in proc.stderr, proc.stderr
    assert _folder(out) == {"projects.csv": "my own notes\n"}


SIGNALLED = textwrap.dedent("""
    import os, signal, sys
    from sandboxcli.cli import files, main
    from sandboxcli import render
    where, signum = sys.argv[1], getattr(signal, sys.argv[2])
    if where == "moving":
        publish = files.publish
        def publishing(*args):
            if args[1].name == "events.csv":
                os.kill(os.getpid(), signum)
            return publish(*args)
        files.publish = publishing
    else:
        emit = render.emit
        def emitting(result, *args, **kwargs):
            if result.query.get("table") == "events":
                os.kill(os.getpid(), signum)
            return emit(result, *args, **kwargs)
        render.emit = emitting
    sys.argv = ["sandbox", "export", "--out", "d", "--force"]
    main()
""")


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("where", ["writing", "moving"])
def test_a_signal_never_leaves_a_half_replaced_folder(tmp_path: Path, where: str, name: str) -> None:
    """A signal while the tables are written stops the export and removes the hidden folder; one while the files
    are moved waits until all are moved. Either way the signal then acts as usual (exit 130 for Ctrl-C)."""
    out = tmp_path / "d"
    out.mkdir()
    for table in NAMES:
        (out / f"{table}.csv").write_text(f"old {table}\n")
    proc = subprocess.run([sys.executable, "-c", SIGNALLED, where, name], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60, check=False, env={**os.environ, "SANDBOX_DB": str(REAL_DB)},
                          preexec_fn=ctrl_c_acts)
    signum = getattr(signal, name)
    assert proc.returncode == (130 if signum == signal.SIGINT else -signum), proc.stderr
    contents = _folder(out)
    assert sorted(contents) == sorted(f"{table}.csv" for table in NAMES), "no hidden folder is left behind"
    old = [n for n, text in contents.items() if text.startswith("old ")]
    assert old == ([] if where == "moving" else sorted(contents)), "all replaced, or none"
