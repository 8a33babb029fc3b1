"""The README tells the truth: its transcript is real output, its JSON shapes are what the commands print, and its
Python API examples run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import typing

import pytest

from sandboxcli import records, results
from sandboxcli.cli import COMMANDS

from .conftest import ROOT
from .test_every_command import example

sys.path.insert(0, str(ROOT / "scripts"))
import readme

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_generated_sections_are_current() -> None:
    """Transcript and shapes as `scripts/readme.py` would write them now (run it after changing output)."""
    assert readme.render(README) == README, "run .venv/bin/python scripts/readme.py and commit README.md"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_json_output_has_the_documented_shape(real, command: str, tmp_path, monkeypatch) -> None:
    """Keys of the real JSON (top level and each result) are the fields of the record the README names."""
    monkeypatch.chdir(tmp_path)
    args = example(command)
    for flag in ("--format", "-f"):
        if flag in args:
            del args[args.index(flag):args.index(flag) + 2]
    args = [a for a in args if a != "--bom"]
    if "--out" in args:  # files are written in the chosen format; the shape is that of one table
        args = ["--table", "regions"]
    doc = json.loads(real(command, *args, "--json").stdout)
    candidates = [getattr(results, name) for name in readme.command_results()[command]]
    cls = next(c for c in candidates if list(doc) == list(c.fields_in_json()))
    hints = typing.get_type_hints(cls, vars(results))
    inner = [n for n in re.findall(r"[A-Za-z_]+", str(hints["results"])) if hasattr(records, n)
             and isinstance(getattr(records, n), type) and issubclass(getattr(records, n), records.Record)]
    for item in doc["results"]:
        if inner:
            assert list(item) == list(getattr(records, inner[0]).fields)
        elif "columns" in doc:
            assert list(item) == doc["columns"]


def test_python_api_examples_run() -> None:
    section = README[README.index("## Python API"):README.index("## Exit codes")]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        proc = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True, timeout=60,
                              check=False)
        assert proc.returncode == 0, proc.stderr
