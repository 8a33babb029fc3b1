"""The Python API asks the same questions as the commands: each method's `as_dict()` is exactly the JSON the
matching command prints."""

from __future__ import annotations

import json

import pytest

import sandboxcli
from sandboxcli.errors import NotFound, UsageError

from .conftest import REAL_DB

# Each case with the number of results it must give, counted from data/sources by hand (or, for the larger ones,
# with tests/questions/oracle.py, which reads the YAML without sandboxcli): so that a wrong answer the API and the
# command share still fails here.
CASES = [
    (("list-cities",), lambda s: s.regions(), 28),  # every region in regions.yaml has a batch file
    (("show", "guangzhou"), lambda s: s.region("guangzhou"), 4),  # sandbox 1, 2 and CSRC 1, 2
    (("show", "guangzhou", "2"), lambda s: s.batch("guangzhou", "2"), 4),
    (("project", "12"), lambda s: s.project(12), 1),
    (("search", "--tech", "blockchain", "--city", "beijing,shanghai"),
     lambda s: s.search(technologies="blockchain", cities=["beijing", "shanghai"]), 12),  # Beijing 4, Shanghai 8
    (("events", "completed-testing"), lambda s: s.events("completed-testing"), 4),
    (("compare", "beijing", "shanghai"), lambda s: s.compare(["beijing", "shanghai"]), 2),
    (("technologies",), lambda s: s.technologies(), 35),  # technologies.yaml lists 35
    (("coverage", "--incomplete", "--city", "beijing"), lambda s: s.coverage("beijing", incomplete=True), 4),
    # Beijing: sandbox batch 3 (1 of 5 known), CSRC 1 (1 of 16) and 2 (size unknown), application pilot (1 of 46)
    (("timeline", "--by", "month"), lambda s: s.timeline("month"), 20),
    (("stats", "--top", "3"), lambda s: s.stats(top=3), 21),  # 3 programmes, 3 categories, 3 + 6 kinds + 3 + 3 groups
    (("applicant", "cmb"), lambda s: s.applicant("cmb"), 1),
    (("export", "--table", "regions"), lambda s: s.export("regions"), 28),
    (("sql", "select key from batches where region = :r", "-p", "r", "hebei"),
     lambda s: s.sql("select key from batches where region = :r", {"r": "hebei"}), 2),  # 2024-01, 2025 listings
]


@pytest.fixture(scope="module")
def sandbox():
    with sandboxcli.open(REAL_DB) as opened:
        yield opened


@pytest.mark.parametrize(("args", "ask", "count"), CASES, ids=[" ".join(a) for a, _, _ in CASES])
def test_api_result_is_the_commands_json(real, sandbox, args, ask, count: int) -> None:
    """The command prints exactly the API's answer (the command line reaches the same method with the same
    arguments), and that answer has the number of results the sources give."""
    answer = ask(sandbox)
    assert answer.count == count
    assert json.loads(real(*args, "--json").stdout) == answer.as_dict()


def test_records_are_typed_and_compare_by_value(sandbox) -> None:
    batch = sandbox.batch("广州", "第二批")
    assert batch.count == 4 and batch.batch.regulator
    again = sandbox.batch("guangzhou", 2)
    assert (batch.batch, batch.results) == (again.batch, again.results)
    other = sandbox.batch("guangzhou", 1)
    assert other.batch != batch.batch and other.results[0] != batch.results[0]  # equal by value, not always
    assert batch.query["city"] == "广州" and again.query["city"] == "guangzhou"  # the query as asked
    with pytest.raises(TypeError):
        type(batch.batch.source)(id="x")  # a missing field is an error, not a silent None


def test_api_errors_are_exceptions_with_a_suggestion(sandbox) -> None:
    with pytest.raises(NotFound) as missing:
        sandbox.region("atlantis")
    assert missing.value.suggestion
    with pytest.raises(UsageError):
        sandbox.search()
