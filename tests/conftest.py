"""Shared fixtures: the real bundled database, a small fixture database built from tests/fixtures/sources, and a
CliRunner that points the CLI at either through SANDBOX_DB."""

from __future__ import annotations

import difflib
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandboxcli.cli import app
from sandboxcli.dbbuild.__main__ import build

ROOT = Path(__file__).resolve().parents[1]
REAL_DB = ROOT / "data" / "sandbox.db"
REAL_SOURCES = ROOT / "data" / "sources"
FIXTURE_SOURCES = Path(__file__).parent / "fixtures" / "sources"
SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with a plain environment: no database override, no colour forcing, a fixed width."""
    for var in ("SANDBOX_DB", "FORCE_COLOR", "NO_COLOR", "TERM", "CLICOLOR_FORCE", "SANDBOX_LANG", "LANG", "LC_ALL",
                "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fixture") / "fixture.db"
    build(FIXTURE_SOURCES, path, "tests/fixtures/sources")
    return path


@pytest.fixture
def fixture_sources(tmp_path: Path) -> Path:
    """A writable copy of the fixture sources, for tests that break them."""
    target = tmp_path / "sources"
    shutil.copytree(FIXTURE_SOURCES, target)
    return target


class Invoker:
    """`invoke(args)` runs the CLI against one database and returns the result (stdout and stderr separate)."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None):
        return self.runner.invoke(app, list(args), env={"SANDBOX_DB": str(self.db), **(env or {})})


@pytest.fixture
def real() -> Invoker:
    return Invoker(REAL_DB)


@pytest.fixture
def fixture(fixture_db: Path) -> Invoker:
    return Invoker(fixture_db)


REWRITTEN: list[str] = []
"""Snapshots UPDATE_SNAPSHOTS=1 rewrote in this run, listed at the end of the run."""


def snapshot(name: str, actual: str) -> None:
    """Compare with tests/snapshots/<name>, failing with a unified diff. UPDATE_SNAPSHOTS=1 rewrites a snapshot
    that differs, NEW_SNAPSHOTS=1 writes only snapshots that do not exist yet (a new command's, by
    scripts/regenerate.sh); either lists what it wrote at the end of the run: review `git diff tests/snapshots` and
    say what changed and why in the commit message."""
    path = SNAPSHOTS / name
    expected = path.read_text(encoding="utf-8") if path.exists() else None
    if actual != expected and (os.environ.get("UPDATE_SNAPSHOTS") == "1"
                               or (os.environ.get("NEW_SNAPSHOTS") == "1" and expected is None)):
        path.write_text(actual, encoding="utf-8")
        REWRITTEN.append(name)
        return
    if expected is None:
        pytest.fail(f"missing snapshot {name}: run scripts/regenerate.sh (or UPDATE_SNAPSHOTS=1) and review it",
                    pytrace=False)
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                    f"tests/snapshots/{name}", "actual output")
        pytest.fail(f"snapshot {name} differs:\n{''.join(diff)}", pytrace=False)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which snapshots UPDATE_SNAPSHOTS=1 or NEW_SNAPSHOTS=1 wrote, so none changes unnoticed."""
    if REWRITTEN:
        terminalreporter.write_sep("=", f"wrote {len(REWRITTEN)} snapshot(s)")
        for name in REWRITTEN:
            terminalreporter.write_line(f"tests/snapshots/{name}")


def ctrl_c_acts() -> None:
    """`preexec_fn` for a child the test interrupts: Ctrl-C with its default action, as from a terminal. A shell
    running the suite in the background (`pytest &`, a CI step without a terminal) starts it ignoring SIGINT, and a
    Python started that way never raises KeyboardInterrupt, so the test would measure the shell, not the tool."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def cells(text: str) -> int:
    """Terminal columns `text` takes, worked out independently of the renderer: wide and full-width characters
    (CJK) take two, combining marks none, everything else one."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)
