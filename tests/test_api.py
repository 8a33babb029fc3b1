"""The Python API asks the same questions as the commands: each method's `as_dict()` is exactly the JSON the
matching command prints."""

from __future__ import annotations

import json

import pytest

import sandboxcli
from sandboxcli.errors import NotFound, UsageError

from .conftest import REAL_DB

CASES = [
    (("list-cities",), lambda s: s.regions()),
    (("show", "guangzhou"), lambda s: s.region("guangzhou")),
    (("show", "guangzhou", "2"), lambda s: s.batch("guangzhou", "2")),
    (("project", "12"), lambda s: s.project(12)),
    (("search", "--tech", "blockchain", "--city", "beijing,shanghai"),
     lambda s: s.search(technologies="blockchain", cities=["beijing", "shanghai"])),
    (("events", "completed-testing"), lambda s: s.events("completed-testing")),
    (("compare", "beijing", "shanghai"), lambda s: s.compare(["beijing", "shanghai"])),
    (("technologies",), lambda s: s.technologies()),
    (("coverage", "--incomplete"), lambda s: s.coverage(incomplete=True)),
    (("timeline", "--by", "month"), lambda s: s.timeline("month")),
    (("stats", "--top", "3"), lambda s: s.stats(top=3)),
    (("applicant", "cmb"), lambda s: s.applicant("cmb")),
    (("export", "--table", "regions"), lambda s: s.export("regions")),
    (("sql", "select key from batches where region = :r", "-p", "r", "hebei"),
     lambda s: s.sql("select key from batches where region = :r", {"r": "hebei"})),
]


@pytest.fixture(scope="module")
def sandbox():
    with sandboxcli.open(REAL_DB) as opened:
        yield opened


@pytest.mark.parametrize(("args", "ask"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_api_result_is_the_commands_json(real, sandbox, args, ask) -> None:
    printed = json.loads(real(*args, "--json").stdout)
    assert ask(sandbox).as_dict() == printed


def test_records_are_typed_and_compare_by_value(sandbox) -> None:
    batch = sandbox.batch("广州", "第二批")
    assert batch.count == 4 and batch.batch.regulator
    again = sandbox.batch("guangzhou", 2)
    assert (batch.batch, batch.results) == (again.batch, again.results)
    assert batch.query["city"] == "广州" and again.query["city"] == "guangzhou"  # the query as asked
    with pytest.raises(TypeError):
        type(batch.batch.source)(id="x")  # a missing field is an error, not a silent None


def test_api_errors_are_exceptions_with_a_suggestion(sandbox) -> None:
    with pytest.raises(NotFound) as missing:
        sandbox.region("atlantis")
    assert missing.value.suggestion
    with pytest.raises(UsageError):
        sandbox.search()
