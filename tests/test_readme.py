"""The README tells the truth: its transcript is real output, its JSON shapes are what the commands print, and its
Python API examples run."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from sandboxcli.cli import COMMANDS

from .conftest import ROOT
from .test_every_command import example

sys.path.insert(0, str(ROOT / "scripts"))
import readme

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_generated_sections_are_current() -> None:
    """Transcript and shapes as `scripts/readme.py` would write them now (run it after changing output)."""
    assert readme.render(README) == README, "run .venv/bin/python scripts/readme.py and commit README.md"


SHAPES = README[README.index("<!-- generated: json-shapes -->"):README.index("<!-- end: json-shapes -->")]
_KEY = re.compile(r"`(\w+)`(?: \(([^)]*)\))?")


def _documented() -> tuple[dict[str, list[list[tuple[str, str]]]], dict[str, list[tuple[str, str]]]]:
    """The README's shapes as written: per command, its envelopes' keys (with what each key holds); per named
    shape (PROJECT ...), its keys."""
    commands: dict[str, list[list[tuple[str, str]]]] = {}
    shapes: dict[str, list[tuple[str, str]]] = {}
    for line in SHAPES.splitlines():
        command = re.match(r"- `([a-z-]+)` \(\w+\): (.*)", line)
        shape = re.match(r"- `([A-Z]+)`: (.*)", line)
        if command:
            commands.setdefault(command[1], []).append(_KEY.findall(command[2]))
        elif shape:
            shapes[shape[1]] = _KEY.findall(shape[2])
    return commands, shapes


def _agrees(value: object, holds: str, shapes: dict[str, list[tuple[str, str]]], where: str) -> None:
    """`value` has the keys the README says `holds` has (a named shape, a list of one, or columns)."""
    named = re.search(r"`([A-Z]+)`", holds)
    items = value if isinstance(value, list) else [value]
    for item in items if named else []:
        if item is None:
            continue
        assert isinstance(item, dict) and list(item) == [k for k, _ in shapes[named[1]]], (where, named[1])
        for key, inner in shapes[named[1]]:
            _agrees(item[key], inner, shapes, f"{where}.{key}")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_json_output_has_the_documented_shape(real, command: str, tmp_path, monkeypatch) -> None:
    """Keys of the real JSON, at every level, are the keys the README's "JSON shape" section lists, in order."""
    monkeypatch.chdir(tmp_path)
    args = example(command)
    for flag in ("--format", "-f"):
        if flag in args:
            del args[args.index(flag):args.index(flag) + 2]
    args = [a for a in args if a != "--bom"]
    if "--out" in args:  # files are written in the chosen format; the shape is that of one table
        args = ["--table", "regions"]
    doc = json.loads(real(command, *args, "--json").stdout)
    commands, shapes = _documented()
    envelope = next((e for e in commands[command] if [k for k, _ in e] == list(doc)), None)
    assert envelope is not None, (list(doc), commands[command])
    for key, holds in envelope:
        _agrees(doc[key], holds, shapes, key)
    if "keyed by column" in dict(envelope)["results"]:
        assert all(list(row) == doc["columns"] for row in doc["results"])
    assert doc["results"], "an example with results, so that their shape is checked"


def test_python_api_examples_run() -> None:
    section = README[README.index("## Python API"):README.index("## Exit codes")]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        proc = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True, timeout=60,
                              check=False)
        assert proc.returncode == 0, proc.stderr
