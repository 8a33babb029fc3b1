"""Every command has help and is documented in the README; shell completion offers values from the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sandboxcli.cli import COMMANDS

from .conftest import REAL_DB, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SANDBOX = Path(sys.executable).with_name("sandbox")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_has_help_with_an_example(real, command: str) -> None:
    result = real(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_leaves_no_word_alone_on_a_line(command: str | None, width: int) -> None:
    """Help wraps without orphans ("locale)." alone under "(default: the") and within the width."""
    env = {**os.environ, "SANDBOX_DB": str(REAL_DB), "LANG": "C.UTF-8", "COLUMNS": str(width)}
    env.pop("SANDBOX_LANG", None)
    args = [command, "--help"] if command else ["--help"]
    text = subprocess.run([sys.executable, "-m", "sandboxcli", *args], capture_output=True, text=True, env=env,
                          timeout=60, check=True).stdout
    alone = [line for line in text.splitlines()
             if len(line.split()) == 1 and not line.strip().startswith("-") and not line.endswith(":")]
    assert alone == []
    assert max(len(line) for line in text.splitlines()) <= width


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_is_documented_in_the_readme(command: str) -> None:
    assert f"sandbox {command}" in README, f"README does not mention `sandbox {command}`"


def test_readme_gives_one_install_command_and_one_test_command_that_ci_runs() -> None:
    assert "pip install . && .venv/bin/sandbox show guangzhou 2" in README
    assert "    sh scripts/test.sh\n" in README
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
    assert "pytest" in (ROOT / "scripts" / "test.sh").read_text()


def _complete(words: str) -> list[str]:
    env = {**os.environ, "_SANDBOX_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - 1), "SANDBOX_DB": str(REAL_DB)}
    proc = subprocess.run([str(SANDBOX)], capture_output=True, text=True, env=env, timeout=60)
    return proc.stdout.split()


@pytest.mark.skipif(not SANDBOX.exists(), reason="needs the installed `sandbox` script")
@pytest.mark.parametrize(("words", "expected"), [
    ("sandbox show guang", {"guangzhou", "guangdong", "guangxi"}),
    ("sandbox compare beijing shang", {"shanghai"}),
    ("sandbox search --tech block", {"blockchain"}),
    ("sandbox search --category tech", {"technology-product"}),
    ("sandbox search --city xiong", {"xiongan"}),
    ("sandbox show gansu 2", {"2"}),  # batch 2 is known only by its number (batches 1 and 3 are recorded)
])
def test_shell_completion_offers_database_values(words: str, expected: set[str]) -> None:
    assert set(_complete(words)) == expected
