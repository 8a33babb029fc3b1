"""The reader's language travels with each invocation (issue 21): a Translator in the Click context and the
RenderContext, Messages the CLI words, and no module that keeps a language between invocations."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import sandboxcli
from sandboxcli.errors import NotFound
from sandboxcli.i18n import ENGLISH, Choices, Message, Name, translator

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sandboxcli"
REAL_DB = Path(__file__).resolve().parents[1] / "data" / "sandbox.db"

FRONT = ("cli", "render")
"""Where text is worded for a person: the only packages that may hold a Translator's translating functions."""

TRANSLATING = {"_", "ngettext", "listing", "either", "translator", "ENGLISH", "detect"}
"""What of i18n words text in a language, or decides one: never imported by the library."""


@pytest.fixture
def sandbox() -> Iterator[sandboxcli.api.Sandbox]:
    with sandboxcli.open(REAL_DB) as opened:
        yield opened


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "dbbuild" not in p.parts)


def _i18n_imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("i18n"):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and any(
                alias.name.endswith("i18n") for alias in node.names):  # the module itself: `from . import i18n`
            names.add("i18n (the module)")
    return names


def test_the_library_never_imports_what_words_a_language() -> None:
    """queries, api, resolve, search, sqlrun, db, integrity, dates, sources … raise Messages and mark words with
    N_(): only the CLI and the render layer word them, with the Translator they were given."""
    library = [p for p in _modules() if p.parent == PACKAGE and p.name not in ("i18n.py", "launch.py")]
    assert {p.stem for p in library} >= {"api", "queries", "resolve", "search", "sqlrun", "db", "integrity", "dates",
                                         "sources", "errors", "vocabulary"}
    offenders = {p.name: sorted(_i18n_imports(ast.parse(p.read_text(encoding="utf-8"))) & (
        TRANSLATING | {"i18n (the module)"})) for p in library}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_render_layer_takes_the_language_from_its_context() -> None:
    """A layout or cell helper never chooses a language: it has the Translator of its RenderContext."""
    render = [p for p in _modules() if p.parent.name == "render"]
    offenders = {p.name: sorted(_i18n_imports(ast.parse(p.read_text(encoding="utf-8"))) & (
        TRANSLATING - {"ENGLISH"})) for p in render}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_no_module_keeps_a_language_between_invocations() -> None:
    """No `global` statement anywhere, no module-level name bound to a Translator or a language outside i18n.py,
    and in i18n.py only constants and the catalogue cache (keyed by language: a file read once, not a setting)."""
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.Global)], path
        bound = {target.id: node.value for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                 for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                 if isinstance(target, ast.Name) and node.value is not None}
        if path.name == "i18n.py":
            assert set(bound) == {"LANGUAGES", "DOMAIN", "LOCALE_DIR", "ENGLISH", "_LOADED"}
            assert not hasattr(__import__("sandboxcli.i18n").i18n, "set_language")
            continue
        for name, value in bound.items():
            calls = {n.func.id for n in ast.walk(value) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
            assert not calls & {"translator", "Translator", "detect"}, (path, name)
            assert "lang" not in name.lower() or name in ("LangOpt",), (path, name)


def test_two_invocations_in_one_process_keep_their_own_language(real) -> None:
    english = real("show", "guangzhou", "2")
    chinese = real("--lang", "zh", "show", "guangzhou", "2")
    english_again = real("show", "guangzhou", "2")
    chinese_again = real("show", "guangzhou", "2", "--lang", "zh")  # the command's own --lang
    assert english.exit_code == chinese.exit_code == english_again.exit_code == chinese_again.exit_code == 0
    # guangzhou.yaml, batch 2: announced 2021-06-04, four applications announced and named
    assert "Announced 2021-06-04" in english.stdout and "4 announced, 4 known" in english.stdout
    assert "2021年6月4日" in chinese.stdout and "2021-06-04" not in chinese.stdout
    assert english_again.stdout == english.stdout
    assert chinese_again.stdout == chinese.stdout


def test_an_error_is_worded_in_the_language_of_its_own_invocation(real) -> None:
    chinese = real("--lang", "zh", "show", "atlantis")
    english = real("show", "atlantis")
    assert chinese.exit_code == english.exit_code == 1
    assert chinese.stderr.startswith("错误：") and "atlantis" in chinese.stderr
    assert english.stderr == "error: unknown city or region 'atlantis'; `sandbox list-cities` shows them all\n"


def test_help_after_a_chinese_help_is_english_again(real) -> None:
    """The options' help is worded on copies per language: the shared command objects stay English."""
    chinese = real("--lang", "zh", "search", "--help")
    english = real("search", "--help")
    assert "table (default), json, ndjson or csv." not in chinese.stdout
    assert "table (default), json, ndjson or csv." in english.stdout
    assert "Status, in either language, any case: testing" in english.stdout
    assert "Status, in either" not in chinese.stdout


def test_the_render_layer_words_each_result_in_the_translator_it_is_given(sandbox) -> None:
    from sandboxcli.render.terminal import lines_for

    result = sandbox.batch("guangzhou", "2")

    def text(language: str) -> str:
        lines = lines_for(result, 80, None, translator(language))
        return "\n".join(line.plain for line in lines).replace("\u00a0", " ")  # as render() writes it

    first, chinese, second = text("en"), text("zh"), text("en")
    assert first == second != chinese
    assert "第 2 批" in chinese and "batch 2" in first


def test_library_errors_carry_english_and_structured_values(sandbox) -> None:
    try:
        sandbox.batch("beijing", "9", "csrc")  # csrc beijing.yaml: batches 1 and 2
    except NotFound as error:
        assert str(error) == error.message  # the Python API reads English, whatever a CLI run said before
        assert error.suggestion == "its batches: 1, 2"
        keys = error.hint.values["keys"] if isinstance(error.hint, Message) else None
        assert isinstance(keys, Choices) and keys.items == ("1", "2")  # a list until it is worded
    else:
        raise AssertionError("batch 9 of Beijing's CSRC pilot does not exist")


def test_deferred_values_are_worded_by_the_reader() -> None:
    zh = translator("zh")
    assert translator("zh") is zh and translator("xx") is ENGLISH  # a catalogue is read once per process
    options = Choices(["pboc", "csrc", "application"], alternatives=True)
    assert str(options) == "pboc, csrc or application"
    assert options.worded(zh) == "pboc、csrc 或 application"
    place = Name("Guangzhou", "广州市")
    assert (str(place), place.worded(zh)) == ("Guangzhou", "广州市")
    assert Name(None, "广州市").worded(ENGLISH) == "广州市"  # the other language rather than nothing


LIBRARY_ERRORS = [
    ["search", "--city", "广洲"],  # an unknown city: suggestions, then the hint in brackets
    ["events", "exitted"],  # an unknown event kind: suggestions and the kinds to choose from
    ["search", "--status", "xyz"],  # the statuses to choose from, a list
    ["search", "--programme", "xx"],  # the programmes, alternatives ("… or …")
    ["show", "beijing", "9", "--programme", "csrc"],  # a region's name and its batches' keys
    ["search", "--applicant", ""],  # "an empty {what}": the filter's name is a word too
    ["search", "x", "--since", "2021-13"],  # a date problem inside the message
    ["timeline", "--by", "week"],
    ["cite", "xyz"],
    ["project", "9999"],
    ["compare", "beijing"],
]


@pytest.fixture(scope="module")
def english_fragments() -> list[str]:
    from tests.test_i18n import _english_labels

    return _english_labels()


@pytest.mark.parametrize("args", LIBRARY_ERRORS, ids=lambda args: " ".join(args))
def test_a_library_error_is_chinese_through_and_through(real, english_fragments: list[str], args: list[str]) -> None:
    """Every part of a library error a Chinese reader sees is worded for them: the message, the values inside it
    (a filter's name, a date problem, a hint inside a suggestion) and the lists of choices."""
    result = real("--lang", "zh", *args)
    assert result.exit_code in (1, 2) and result.stderr.startswith("错误：")
    assert [f for f in english_fragments if f in result.stderr] == []
