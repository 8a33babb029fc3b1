"""Whole-process behaviour: pipes, colour, exit codes of real processes, and the installed wheel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import REAL_DB, ROOT

COLOUR = re.compile(r"\x1b\[[0-9;]*?(3[0-7]|38;|9[0-7])[0-9;]*m")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LANG", "LC_ALL",
                                                            "LC_MESSAGES", "LANGUAGE", "SANDBOX_LANG")}
    return {**env, "SANDBOX_DB": str(REAL_DB), **extra}


def _sandbox(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sandboxcli", *args], capture_output=True, text=True,
                          env=_env(**env), timeout=60)


@pytest.mark.parametrize("args", [("list-cities",), ("search", "--tech", "blockchain"),
                                  ("search", "--tech", "blockchain", "-f", "ndjson"), ("show", "beijing", "2")])
def test_head_ends_quietly(args: tuple[str, ...]) -> None:
    """`sandbox ... | head -1` prints one line and no BrokenPipeError."""
    cmd = " ".join([sys.executable, "-m", "sandboxcli", *[f"'{a}'" for a in args]]) + " | head -n 1"
    proc = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, env=_env(), timeout=60)
    assert proc.stderr == ""
    assert len(proc.stdout.splitlines()) == 1


def test_piped_output_has_no_colour_codes() -> None:
    proc = _sandbox("show", "guangzhou", "2")
    assert proc.returncode == 0 and "\x1b[" not in proc.stdout


def test_no_color_is_honoured_even_when_colour_is_forced() -> None:
    forced = _sandbox("show", "beijing", "3", FORCE_COLOR="1")
    assert COLOUR.search(forced.stdout)
    plain = _sandbox("show", "beijing", "3", FORCE_COLOR="1", NO_COLOR="1")
    assert not COLOUR.search(plain.stdout)  # no colour; bold and italic may remain


@pytest.mark.parametrize(("args", "code"), [(("show", "atlantis"), 1), (("search",), 2), (("nonsense",), 2),
                                            (("show", "guangzhou", "2", "--format", "xml"), 2)])
def test_exit_codes_of_real_processes(args: tuple[str, ...], code: int) -> None:
    proc = _sandbox(*args)
    assert proc.returncode == code
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(("args", "code"), [(("show", "atlantis"), 1), (("project", "99999"), 1),
                                            (("search", "--tech", "atlantis"), 1), (("project", "1"), 0)])
def test_exit_code_kept_when_output_goes_to_dev_null(args: tuple[str, ...], code: int) -> None:
    """`sandbox show X >/dev/null && echo found` is how a script asks whether something exists: a "not found"
    must stay exit 1 when the user sent stdout to /dev/null (it was 0: taken for a reader that had gone)."""
    proc = subprocess.run([sys.executable, "-m", "sandboxcli", *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=_env(), timeout=60)
    assert proc.returncode == code
    assert (proc.stderr.startswith("error: ") and len(proc.stderr.splitlines()) == 1) if code else proc.stderr == ""


def test_missing_and_corrupt_database_exit_3(tmp_path: Path) -> None:
    missing = _sandbox("list-cities", SANDBOX_DB=str(tmp_path / "none.db"))
    assert missing.returncode == 3 and missing.stderr.startswith("error: database not found")
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(REAL_DB.read_bytes()[:8192])
    before = corrupt.read_bytes()
    result = _sandbox("show", "beijing", "1", SANDBOX_DB=str(corrupt))
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert corrupt.read_bytes() == before, "never write to the database"


def test_database_is_never_written(tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(REAL_DB, copy)
    os.chmod(copy, 0o444)
    for args in (("list-cities",), ("search", "区块链"), ("compare", "beijing", "shanghai")):
        assert _sandbox(*args, SANDBOX_DB=str(copy)).returncode == 0
    assert copy.read_bytes() == REAL_DB.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db"]


@pytest.mark.slow
def test_wheel_installs_and_runs_from_another_directory(tmp_path: Path) -> None:
    """Build the wheel, install it in a fresh venv, and query the bundled database from an unrelated folder."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True,
                   capture_output=True, timeout=300)
    wheel = next(dist.glob("*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", "--disable-pip-version-check", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SANDBOX_DB"}
    proc = subprocess.run([str(env_dir / "bin" / "sandbox"), "show", "guangzhou", "2", "--json"], cwd=elsewhere,
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert '"known_count": 4' in proc.stdout
    assert list(env_dir.glob("lib/python*/site-packages/sandboxcli/data/sandbox.db"))


@pytest.mark.parametrize(("args", "message"), [
    (("show",), "error: Missing argument 'CITY'; see `sandbox show --help`"),
    (("shwo", "beijing"), "error: No such command 'shwo'. Did you mean 'show'? see `sandbox --help`"),
    (("show", "beijing", "--nope"), "error: No such option: --nope; see `sandbox show --help`"),
    (("stats", "--top", "0"), "error: Invalid value for '--top': 0 is not in the range 1<=x<=1000; "
                              "see `sandbox stats --help`"),
])
def test_click_usage_errors_are_one_line(args: tuple[str, ...], message: str) -> None:
    """Typer/Click's own usage errors are reworded to the tool's one-line form, exit 2."""
    proc = _sandbox(*args)
    assert proc.returncode == 2
    assert proc.stderr == message + "\n"
    assert proc.stdout == ""


def test_help_and_version_exit_0() -> None:
    assert _sandbox("--help").returncode == 0
    version = _sandbox("--version")
    assert version.returncode == 0 and version.stdout.startswith("sandbox ")
