"""Shared fixtures: the real bundled database, a small fixture database built from tests/fixtures/sources, and a
CliRunner that points the CLI at either through SANDBOX_DB."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandboxcli.cli import app
from sandboxcli.dbbuild.__main__ import build
from sandboxcli.i18n import set_language

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
    set_language("en")


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


def snapshot(name: str, actual: str) -> None:
    """Compare with tests/snapshots/<name>; UPDATE_SNAPSHOTS=1 rewrites it (review the diff before committing);
    NEW_SNAPSHOTS=1 writes only snapshots that do not exist yet (a new command's, by scripts/regenerate.sh)."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or (os.environ.get("NEW_SNAPSHOTS") == "1" and not path.exists()):
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"missing snapshot {path.name}: run scripts/regenerate.sh (or UPDATE_SNAPSHOTS=1) and review it")
    assert actual == path.read_text(encoding="utf-8")
