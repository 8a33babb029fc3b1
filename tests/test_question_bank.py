"""The question bank: real questions in tests/questions/*.yaml, each with its answer written out literally.

Three checks per question: the literal answer is what an independent reading of data/sources gives
(tests/questions/oracle.py, which never imports sandboxcli), so a data edit that changes an answer fails until
the question is updated; the CLI, run with the question's own argv and --json, gives that answer; and the Python
API method named in `api` gives it too, read from the typed records rather than from JSON. A question marked
`pending` is written against semantics still being built; its CLI and API checks are expected to fail (strictly:
once they pass, the mark must go).
"""

from __future__ import annotations

import ast
import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sandboxcli.api import Sandbox
from sandboxcli.api import open as open_sandbox
from sandboxcli.cli import main
from sandboxcli.errors import NotFound, SandboxError, UsageError

from .conftest import REAL_DB
from .questions import oracle

QUESTIONS = Path(__file__).parent / "questions"
KEYS = {"ask", "argv", "api", "expect", "error_mentions", "suggests", "pending"}
EXITS: dict[int, type[SandboxError]] = {1: NotFound, 2: UsageError}


def _bank() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{path.stem}-{n:03d}", q) for path in sorted(QUESTIONS.glob("*.yaml"))
            for n, q in enumerate(oracle.load_questions(path), 1)]


BANK = _bank()


def _params(only_with_api: bool = False, pending_xfails: bool = True) -> list[Any]:
    out = []
    for name, q in BANK:
        if only_with_api and not q.get("api"):
            continue
        marks = [pytest.mark.xfail(strict=True, reason=q["pending"])] if q.get("pending") and pending_xfails else []
        out.append(pytest.param(q, id=name, marks=marks))
    return out


@pytest.fixture(scope="module")
def data() -> oracle.Data:
    return oracle.Data()


@pytest.fixture(scope="module")
def sandbox() -> Any:
    with open_sandbox(REAL_DB) as opened:
        yield opened


# --- reading an answer out of a command's JSON (dicts) or out of the API's records (attributes) --------------------

def get(obj: Any, name: str) -> Any:
    """A field of a JSON object or of a record; a missing one fails the question rather than reading as None."""
    if isinstance(obj, dict):
        if name not in obj:
            raise AssertionError(f"no field {name!r} in {sorted(obj)}")
        return obj[name]
    if not hasattr(obj, name):
        raise AssertionError(f"no field {name!r} on {type(obj).__name__}")
    return getattr(obj, name)


def _results(r: Any) -> list[Any]:
    return list(get(r, "results"))


def _project(r: Any) -> dict[str, Any]:
    (p,) = _results(r)
    fields = ("programme", "region", "batch_key", "name_zh", "name_en", "category", "status", "technologies")
    out = {f: get(p, f) for f in fields}
    out["applicants"] = [get(a, "entity_id") for a in get(p, "applicants")]
    out["events"] = [[get(e, "date"), get(e, "kind")] for e in get(p, "events")]
    return out


def _ranked(items: Any) -> list[list[Any]]:
    return [[get(x, "key"), get(x, "count")] for x in items]


def _by_programme(r: Any) -> dict[str, dict[str, Any]]:
    """Per region, the figures of each programme it has; ranked lists (top technologies ...) as [key, count]."""
    def figures(entry: Any) -> dict[str, Any]:
        doc = entry if isinstance(entry, dict) else entry.as_dict()
        return {k: _ranked(v) if k.startswith("top_") else v for k, v in doc.items()}

    return {get(c, "region"): {get(e, "programme"): figures(e) for e in get(c, "programmes")} for c in _results(r)}


def _numbers_by_field(r: Any) -> dict[str, dict[str, list[Any]]]:
    """Per region, every value of every field at any depth of its comparison (to find a sum that should not be)."""
    doc = r if isinstance(r, dict) else r.as_dict()
    out: dict[str, dict[str, list[Any]]] = {}

    def walk(node: Any, into: dict[str, list[Any]]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                into.setdefault(key, []).append(value)
                walk(value, into)
        elif isinstance(node, list):
            for value in node:
                walk(value, into)

    for region in doc["results"]:
        walk(region, out.setdefault(region["region"], {}))
    return out


EXTRACT: dict[str, Callable[[Any], Any]] = {
    "ids": lambda r: [get(p, "id") for p in _results(r)],
    "id_set": lambda r: sorted(get(p, "id") for p in _results(r)),
    "count": lambda r: get(r, "count"),
    "batch": lambda r: get(r, "batch"),
    "batch_keys": lambda r: [get(b, "key") for b in _results(r)],
    "project": _project,
    "events": lambda r: [[get(e, "date"), get(e, "kind"), get(e, "project_id")] for e in _results(r)],
    "regions": lambda r: {get(x, "region"): {get(t, "programme"): t for t in get(x, "programmes")}
                          for x in _results(r)},
    "region_order": lambda r: [get(x, "region") for x in _results(r)],
    "compare_by_programme": _by_programme,
    "compare_sums": _numbers_by_field,  # checked the other way round: see check()
    "technologies": lambda r: {get(t, "slug"): get(t, "projects") for t in _results(r)},
    "coverage_totals": lambda r: {get(t, "programme"): t for t in get(r, "totals")},
    "coverage_rows": lambda r: sorted([get(x, "programme"), get(x, "region"), get(x, "batch_key"),
                                       get(x, "announced_count"), get(x, "known_count")] for x in _results(r)),
    "timeline": lambda r: [[get(x, "period"), get(x, "programme"), get(x, "batches"), get(x, "known")]
                           for x in _results(r)],
    "stats": lambda r: {f"{get(x, 'dimension')}:{get(x, 'key')}": get(x, "count") for x in _results(r)},
    "entities": lambda r: get(get(r, "query"), "entities"),
    "entity_count": lambda r: len(get(r, "matches")),
    "rows": lambda r: list(get(r, "results")),
    "profile_projects": lambda r: {get(x, "entity_id"): [get(p, "id") for p in get(x, "projects")]
                                   for x in _results(r)},
}


def agrees(expected: Any, actual: Any, where: str = "") -> list[str]:
    """Where `actual` differs from `expected`: a dict in `expected` names the fields to check (a subset),
    anything else must be equal."""
    if isinstance(expected, dict):
        problems = []
        for key, value in expected.items():
            try:
                found = get(actual, key)
            except AssertionError as missing:
                problems.append(f"{where}.{key}: {missing}")
                continue
            problems += agrees(value, found, f"{where}.{key}")
        return problems
    return [] if expected == actual else [f"{where}: expected {expected!r}, got {actual!r}"]


def check(q: dict[str, Any], result: Any) -> None:
    problems = []
    for key, value in q["expect"].items():
        if key == "compare_sums":  # cross-programme sums: no field of a region may hold one
            found = EXTRACT[key](result)
            problems += [f"{key}.{region}.{field}: the sum {total} of all programmes is shown"
                         for region, sums in value.items() for field, total in sums.items()
                         if total in found.get(region, {}).get(field, [])]
        elif key != "exit":
            problems += agrees(value, EXTRACT[key](result), key)
    assert not problems, f"{q['ask']}\n" + "\n".join(problems)


# --- the bank itself ------------------------------------------------------------------------------------------------

def has_chinese(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def test_the_bank_is_big_bilingual_and_covers_every_command() -> None:
    """At least 130 questions, at least half asked in Chinese, every command and search filter asked about."""
    assert len(BANK) >= 130
    assert sum(has_chinese(q["ask"]) for _, q in BANK) * 2 >= len(BANK)
    words = {w for _, q in BANK for w in q["argv"]}
    commands = {"list-cities", "show", "search", "project", "compare", "applicant", "technologies", "events",
                "timeline", "stats", "coverage", "export", "sql"}
    assert commands <= words, commands - words
    assert {"--tech", "--applicant", "--category", "--status", "--city", "--programme", "--since",
            "--until"} <= words


def test_the_oracle_never_imports_sandboxcli() -> None:
    """The answer key is independent of the code under test: it imports only the standard library and PyYAML."""
    tree = ast.parse(Path(oracle.__file__).read_text(encoding="utf-8"))
    names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    names |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert names <= {"__future__", "collections", "datetime", "json", "pathlib", "re", "sys", "typing",
                     "unicodedata", "yaml"}, names


@pytest.mark.parametrize("q", _params(pending_xfails=False))
def test_a_question_is_well_formed(q: dict[str, Any]) -> None:
    """Each question says what is asked, how (argv and the API), and the answer; nothing else."""
    assert set(q) <= KEYS and {"ask", "argv", "expect"} <= set(q), set(q) ^ KEYS
    assert q["argv"] and all(isinstance(w, str) for w in q["argv"]) and "--json" not in q["argv"]
    assert set(q["expect"]) <= set(EXTRACT) | {"exit"}, set(q["expect"]) - set(EXTRACT)
    if q.get("api"):
        (method, kwargs), = q["api"].items()
        assert callable(getattr(Sandbox, method, None)) and isinstance(kwargs, dict), method
    else:  # only what the command line refuses before the API is reached
        assert set(q["expect"]) == {"exit"}, q["ask"]


@pytest.mark.parametrize("q", _params(only_with_api=True, pending_xfails=False))
def test_the_written_answer_is_what_the_sources_say(q: dict[str, Any], data: oracle.Data) -> None:
    """The literal answer equals the oracle's reading of data/sources (pending questions included: the oracle
    reads them the agreed new way)."""
    (method, kwargs), = q["api"].items()
    expected = {"exit": 0, **q["expect"]}
    got = oracle.answer(data, method, kwargs, expected)
    problems = agrees(expected, got)
    assert not problems, f"{q['ask']}\n" + "\n".join(problems)


@pytest.mark.parametrize("q", _params())
def test_the_command_line_answers(q: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI, given the question's argv and --json, answers it (or refuses with the documented exit code).

    It runs in this process through the console script's own entry point, which turns Click's usage errors into
    one line too (a CliRunner on the Typer app would skip that)."""
    monkeypatch.setattr(sys, "argv", ["sandbox", *q["argv"], "--json"])
    monkeypatch.setenv("SANDBOX_DB", str(REAL_DB))
    with pytest.raises(SystemExit) as done:
        main()
    out, err = capsys.readouterr()
    code = q["expect"].get("exit", 0)
    assert done.value.code == code, f"{q['ask']}: exit {done.value.code}\n{err}"
    if code:
        line = err.strip()
        assert "\n" not in line and line.startswith(("error: ", "错误：")), line
        assert out == ""
        for key in ("error_mentions", "suggests"):
            if key in q:
                assert q[key] in unicodedata.normalize("NFKC", line), line
        return
    assert err == ""
    check(q, json.loads(out))


@pytest.mark.parametrize("q", _params(only_with_api=True))
def test_the_python_api_answers(q: dict[str, Any], sandbox: Sandbox) -> None:
    """The API method named in the question answers it in its typed records (or raises the matching error)."""
    (method, kwargs), = q["api"].items()
    code = q["expect"].get("exit", 0)
    if code:
        with pytest.raises(EXITS[code]) as refused:
            getattr(sandbox, method)(**kwargs)
        if "error_mentions" in q:
            assert q["error_mentions"] in refused.value.message
        if "suggests" in q:
            assert q["suggests"] in (refused.value.suggestion or "")
        return
    check(q, getattr(sandbox, method)(**kwargs))
