"""Tables that read at every terminal width: no line wider than the terminal, no slug, key, date or URL broken
inside, no identifying field dropped; snapshots of every command at 60, 80, 100 and 140 columns."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandboxcli.cli import COMMANDS

from .conftest import cells, snapshot
from .test_every_command import example

FIXTURE_OVERRIDES: dict[str, list[str]] = {
    "list-cities": [],
    "show": ["guangzhou", "2"],
    "search": ["--tech", "blockchain,big-data"],
    "project": ["1"],
    "compare": ["guangzhou", "shenzhen", "xiongan"],
    "applicant": ["cmb"],
    "technologies": [],
    "events": [],
    "timeline": [],
    "stats": [],
    "coverage": [],
    "sources": [],
    "cite": ["guangzhou", "2"],
    "export": ["--table", "regions", "--format", "table"],
    "sql": ["select slug, name_en, name_zh from regions"],
}
"""Arguments that suit the small fixture database better than a command's --help example (which asks about the
real data); any other command is drawn with its --help example, so a new command needs no entry here."""

def _as_table(args: list[str]) -> list[str]:
    """An example's arguments without its --format, so that it draws a table."""
    if "--format" in args:
        del args[args.index("--format"):args.index("--format") + 2]
    return args


FIXTURE_ARGS: dict[str, list[str]] = {name: FIXTURE_OVERRIDES[name] if name in FIXTURE_OVERRIDES
                                      else _as_table(example(name)) for name in COMMANDS}

VERBATIM = {"cite"}
"""References are copied whole into an editor or a reference manager: one line each, never wrapped (the terminal
folds a long line on screen), so their lines may be wider than the terminal."""

TOKEN_KEYS = {"technologies", "batch_key", "key", "announced", "batch_announced", "first_date", "latest_date", "date",
              "url", "slug", "region_name_en", "kind"}


def _tokens(value: Any, key: str | None = None) -> set[str]:
    """Slugs, keys, dates, URLs and region names in a JSON result: what must appear whole in the table."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "key" and "announced_count" not in value:
                continue  # only a batch's key is typed back; other keys (entity ids, stat keys) have labels shown
            if k == "kind" and "date" not in value:
                continue  # an event's kind is shown; an institution's kind is in its profile's heading only
            if k == "batch_announced" and "kind" in value:
                continue  # an event shows its own date; its batch's date only names a batch that has no number
            found |= _tokens(v, k)
    elif isinstance(value, list):
        for v in value:
            found |= _tokens(v, key)
    elif isinstance(value, str) and key in TOKEN_KEYS and value:
        found.add(value)
    return found


def _check(fixture, command: str, width: int) -> None:
    args = FIXTURE_ARGS[command]
    table = fixture(command, *args, env={"COLUMNS": str(width)})
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    for line in [] if command in VERBATIM else lines:
        if cells(line) > width:  # only a URL may run past the edge, so that it can be copied whole
            assert "://" in line and cells(line[: line.index("http")]) < width, (width, line)
    if "--format" in args:
        return
    doc = json.loads(fixture(command, *args, "--json").stdout)
    flat = "\n".join(lines)
    if command in VERBATIM:  # a reference writes dates its own way; its URL is whole on its line
        assert all(any(r["source"]["url"] in line for line in lines) for r in doc["results"])
        return
    for token in _tokens(doc["results"]) | ({f"#{r['id']}" for r in doc["results"] if "batch_key" in r and "id" in r}):
        assert token in flat, f"{command} at {width}: {token!r} is missing or broken"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.integers(40, 220), command=st.sampled_from(sorted(COMMANDS)))
def test_any_width_keeps_lines_within_it_and_tokens_whole(fixture, width: int, command: str) -> None:
    _check(fixture, command, width)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_table_snapshots_at_four_widths(fixture, command: str) -> None:
    parts = []
    for width in (60, 80, 100, 140):
        result = fixture(command, *FIXTURE_ARGS[command], env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.stderr
        parts.append(f"==== {width} columns ====\n{result.stdout}")
    snapshot(f"tables/{command}.txt", "".join(parts))


def test_layout_flag_chooses_records_or_table(fixture) -> None:
    records = fixture("search", "--tech", "blockchain", "--layout", "records", env={"COLUMNS": "200"}).stdout
    assert "Project:" in records and "────" not in records
    table = fixture("search", "--tech", "blockchain", "--layout", "table", env={"COLUMNS": "200"}).stdout
    assert "────" in table
    assert fixture("search", "--tech", "blockchain", "--layout", "grid").exit_code == 2


def test_unknown_sizes_read_as_a_question_mark(real) -> None:
    table = real("list-cities", env={"COLUMNS": "100"}).stdout
    assert " 0 +?" not in table and " ? " in table
