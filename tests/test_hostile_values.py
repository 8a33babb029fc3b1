"""Odd values of the right type: ids beyond 64 bits, widths that are digits but not numbers, thousands of filter
values, empty filters; the CLI answers with one line and a usage or not-found code, the API with its own errors."""

from __future__ import annotations

import pytest

import sandboxcli
from sandboxcli.errors import NotFound, UsageError


@pytest.mark.parametrize("project_id", ["9223372036854775808", "9" * 5000, "#0"])
def test_an_id_beyond_any_project_is_not_found(real, project_id: str) -> None:
    result = real("project", project_id)
    assert result.exit_code in (1, 2) and len(result.stderr.splitlines()) == 1, result.stderr
    assert "internal error" not in result.stderr and len(result.stderr) < 500


@pytest.mark.parametrize("columns", ["²", "①", "٣", "0", "-5"])
def test_a_width_that_is_no_number_is_ignored(real, columns: str) -> None:
    result = real("show", "guangzhou", "2", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == real("show", "guangzhou", "2", env={"COLUMNS": "80"}).stdout  # a pipe's 80 columns


def test_thousands_of_filter_values_are_refused_at_once(real) -> None:
    args = [arg for _ in range(20_000) for arg in ("--applicant", "bank")]
    result = real("search", *args)
    assert result.exit_code == 2 and "too many values for one applicant (20000; at most 64)" in result.stderr


@pytest.mark.parametrize("args", [("events", "--city", ""), ("stats", "--city", ""), ("search", "--city", " , "),
                                  ("coverage", "--city", " "), ("timeline", "--city", "")])
def test_an_empty_filter_is_refused_the_same_way_everywhere(real, args: tuple[str, ...]) -> None:
    result = real(*args)
    assert (result.exit_code, result.stderr) == (
        2, "error: an empty city matches nothing; give a value, or leave the option out\n")


@pytest.mark.parametrize(("call", "error"), [
    (lambda s: s.project(2**63), NotFound),
    (lambda s: s.project(-(2**63) - 1), NotFound),
    (lambda s: s.search("\udcb9\udce3"), UsageError),
    (lambda s: s.batch("\ud800", 1), UsageError),
    (lambda s: s.search(cities=["beijing", "\ud800"]), UsageError),
    (lambda s: s.stats(city=""), UsageError),
])
def test_the_api_raises_its_own_errors_for_values_of_the_right_type(call, error: type[Exception]) -> None:
    with sandboxcli.open() as sandbox, pytest.raises(error):
        call(sandbox)
