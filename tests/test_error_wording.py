"""The library words its errors for Python callers and the command line for terminal users: the same error says
`since=` to one and `--since` to the other, recognised by its reason, never by its text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sandboxcli
from sandboxcli.cli.wording import CLI_WORDS
from sandboxcli.errors import SandboxError

SRC = Path(sandboxcli.__file__).parent

FAILING_CALLS = [
    lambda s: s.search(),
    lambda s: s.search("x", since="2022", until="2021"),
    lambda s: s.sql("select :a"),
    lambda s: s.sql("select ?", {"a": 1}),
    lambda s: s.sql("select * from nope"),
    lambda s: s.sql("select 1", timeout=1000),
    lambda s: s.stats(top=0),
    lambda s: s.cite(),
    lambda s: s.cite(["1"], everything=True),
]


@pytest.mark.parametrize("call", FAILING_CALLS)
def test_the_python_api_never_speaks_of_flags(call) -> None:
    with sandboxcli.open() as sandbox, pytest.raises(SandboxError) as error:
        call(sandbox)
    said = f"{error.value.message} {error.value.suggestion or ''}"
    assert not re.search(r"(^|\s)-{1,2}[a-z]", said), said
    assert error.value.reason in CLI_WORDS, "each of these is worded again for the command line"


def test_every_reason_the_cli_words_is_raised_by_the_library() -> None:
    """A reason spelt differently on one side would silently fall back to the library's words."""
    raised = set()
    for path in SRC.rglob("*.py"):
        if "cli" not in path.relative_to(SRC).parts:
            raised |= set(re.findall(r'reason="([a-z-]+)"', path.read_text(encoding="utf-8")))
    assert set(CLI_WORDS) <= raised, sorted(set(CLI_WORDS) - raised)


def test_the_command_line_words_them_with_its_flags(real) -> None:
    assert real("search", "x", "--since", "2022", "--until", "2021").stderr == (
        "error: --since 2022 is after --until 2021\n")
    assert real("sql", "select :a").stderr == "error: no value for :a; give it with -p a VALUE\n"
    assert real("cite", "1", "--all").stderr == "error: --all cites every source: give no targets with it\n"
    assert real("--lang", "zh", "sql", "select * from nope").stderr == (
        "错误：SQL 错误：no such table: nope；`sandbox sql --schema` 列出所有表和字段\n")
