"""The boundary with Typer/Click and SQLite (issue 21): no dependency is patched, help is ours through Click's
extension points, and errors are recognised by their type (Click) or result code (SQLite), never by their text.

Expected messages are Click's behaviour worded in the catalogue's words, written out by hand; the help snapshots
were taken from the version that still patched Click's wrapper (commit 29d8567), so they prove the help reads
exactly as it did."""

from __future__ import annotations

import ast
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from sandboxcli import db
from sandboxcli.cli import COMMANDS, main, make_app

from .conftest import REAL_DB, ROOT, snapshot

SRC = ROOT / "src" / "sandboxcli"


# --- nothing in a dependency is modified -----------------------------------------------------------------------


def _foreign_names(tree: ast.Module) -> set[str]:
    """Names a module binds to something imported from outside sandboxcli and the standard library."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] not in sys.stdlib_module_names:
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            root = node.module.split(".")[0]
            if root != "sandboxcli" and root not in sys.stdlib_module_names:
                names.update(alias.asname or alias.name for alias in node.names)
    return names


def _root(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _patches(path: Path) -> list[str]:
    """Where a module assigns into (or deletes from, or setattr()s on) something a dependency owns: a module, a
    class or a function imported from it (typer, typer._click …), the process environment, or gettext's
    process-wide domain."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    foreign = _foreign_names(tree)
    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)) and _root(target) in foreign:
                found.append(f"{path.name}:{node.lineno}: assigns into {ast.unparse(target)}")
            if isinstance(target, ast.Subscript) and ast.unparse(target.value) == "os.environ":
                found.append(f"{path.name}:{node.lineno}: writes the environment ({ast.unparse(target)})")
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            if called in ("setattr", "delattr") and node.args and _root(node.args[0]) in foreign:
                found.append(f"{path.name}:{node.lineno}: {called}() on {ast.unparse(node.args[0])}")
            if called in ("gettext.textdomain", "gettext.bindtextdomain", "gettext.install", "os.putenv",
                          "os.environ.update", "os.environ.setdefault"):
                found.append(f"{path.name}:{node.lineno}: calls {called}()")
    return found


def test_no_module_patches_a_dependency_or_the_process_environment() -> None:
    """The monkeypatch of typer._click (its TextWrapper and term_len) and the LANGUAGE/textdomain writes are gone,
    and cannot come back unnoticed."""
    found = [problem for path in sorted(SRC.rglob("*.py")) for problem in _patches(path)]
    assert found == []


def test_the_patch_detector_sees_a_patch(tmp_path: Path) -> None:
    """The check above would catch the old monkeypatch (and its variants): it is not a test that cannot fail."""
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nimport gettext\nimport typer.core\nfrom typer._click import _textwrap, formatting\n"
                      "_textwrap.TextWrapper = object\nformatting.term_len = len\ntyper.core.TyperGroup.x = 1\n"
                      "setattr(formatting, 'term_len', len)\nos.environ['LANGUAGE'] = 'zh'\n"
                      "gettext.textdomain('sandboxcli')\nlocal = object()\nlocal.x = 1\n", encoding="utf-8")
    assert sorted(int(p.split(":")[1]) for p in _patches(sample)) == [5, 6, 7, 8, 9, 10]


def test_private_imports_are_the_classes_typer_uses() -> None:
    """cli/clicktypes.py is the one module importing typer._click; each class it takes is the one Typer itself
    raises or builds with, so a move in Typer fails here, not silently."""
    from sandboxcli.cli import clicktypes

    assert issubclass(typer.BadParameter, clicktypes.UsageError)
    assert issubclass(clicktypes.UsageError, typer.TyperException)
    assert all(issubclass(c, clicktypes.UsageError) for c in (
        clicktypes.NoSuchOption, clicktypes.BadOptionUsage, clicktypes.BadArgumentUsage, clicktypes.MissingParameter))
    assert issubclass(typer.Context, clicktypes.Context)
    assert typer.Context.formatter_class is clicktypes.HelpFormatter
    built = {(name, p.name): p for name, p, _ctx in _every_param()}
    assert type(built[("stats", "top")].type) is clicktypes.IntRange
    assert type(built[("sql", "timeout")].type) is clicktypes.FloatParamType
    users = [p.relative_to(SRC) for p in SRC.rglob("*.py") if "typer._click" in p.read_text(encoding="utf-8")
             .replace("`typer._click`", "")]
    assert [str(p) for p in users] == ["cli/clicktypes.py"]


# --- help reads as before, without the patch -------------------------------------------------------------------

HELP = [("sandbox", "en", 80), ("sandbox", "zh", 80), ("show", "en", 80), ("show", "zh", 80), ("stats", "en", 57),
        ("stats", "zh", 57), ("sql", "zh", 40), ("search", "en", 120), ("events", "zh", 101), ("cite", "en", 40)]


@pytest.mark.parametrize(("command", "lang", "width"), HELP)
def test_help_is_unchanged(command: str, lang: str, width: int) -> None:
    """Wrapped in cells between words and CJK characters, no orphans, labels and extras translated: exactly the
    pages the patched version printed (Typer's `[default: …]`, `[required]` and section names included)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE",
                                                            "SANDBOX_LANG")}
    args = ["--lang", lang, *([command] if command != "sandbox" else []), "--help"]
    proc = subprocess.run([sys.executable, "-m", "sandboxcli", *args], capture_output=True, text=True,
                          env={**env, "COLUMNS": str(width)}, timeout=60, check=False)
    assert (proc.returncode, proc.stderr) == (0, "")
    snapshot(f"help/{command}_{lang}_{width}.txt", proc.stdout)


def _every_param(language: str = "en") -> list[tuple[str, object, object]]:
    from sandboxcli.i18n import translator

    group = typer.main.get_command(make_app())
    ctx = group.make_context("sandbox", ["list-cities"], resilient_parsing=True, obj=translator(language))
    out: list[tuple[str, object, object]] = [("sandbox", p, ctx) for p in group.get_params(ctx)]
    for name in COMMANDS:
        command = group.commands[name]
        sub = command.make_context(name, [], parent=ctx, resilient_parsing=True)
        out += [(name, p, sub) for p in command.get_params(sub)]
    return out


def test_our_help_records_are_typers_in_english() -> None:
    """help_record composes Typer's extras ([default: 10; 1<=x<=1000], [required]) itself, to translate them;
    in English it must give exactly Typer's line for every parameter of every command."""
    from sandboxcli.cli.help import help_record

    params = _every_param()
    differ = [(name, getattr(p, "name", None)) for name, p, ctx in params
              if help_record(p, ctx) != p.get_help_record(ctx)]
    assert differ == []
    extras = {help_record(p, ctx)[1].rpartition("  ")[2] for _n, p, ctx in params
              if (help_record(p, ctx) or ("", ""))[1].endswith("]")}
    assert {"[required]", "[default: 10; 1<=x<=1000]", "[default: 5.0]", "[default: year]"} <= extras


def test_help_extras_and_headings_are_translated_without_gettext_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """In Chinese the extras and headings come from our catalogue through _(), whatever the process's gettext
    domain and LANGUAGE say (they are no longer set)."""
    import gettext

    from sandboxcli.cli.help import help_record

    assert gettext.textdomain() == "messages" and "LANGUAGE" not in os.environ
    lines = {(name, getattr(p, "name", None)): help_record(p, ctx) for name, p, ctx in _every_param("zh")}
    assert lines[("stats", "top")][1].endswith("  [默认：10；1<=x<=1000]")
    assert lines[("show", "city")][1].endswith("  [必填]")


# --- Click's usage errors by type ------------------------------------------------------------------------------

USAGE = [
    # (arguments, English line, Chinese line) — Click's mistake, worded from the error's type and attributes
    (["show"], "error: Missing argument 'CITY'; see `sandbox show --help`",
     "错误：缺少参数“城市”；参见 `sandbox show --help`"),
    (["shwo", "beijing"], "error: No such command 'shwo'. Did you mean 'show'? see `sandbox --help`",
     "错误：没有这个命令“shwo”。是否想输入 'show'？参见 `sandbox --help`"),
    (["xyzzy"], "error: No such command 'xyzzy'; see `sandbox --help`",
     "错误：没有这个命令“xyzzy”；参见 `sandbox --help`"),
    (["show", "beijing", "--nope"], "error: No such option: --nope; see `sandbox show --help`",
     "错误：没有这个选项：--nope；参见 `sandbox show --help`"),
    (["search", "--ci", "x"], "error: No such option: --ci. Did you mean --city, --tech? see `sandbox search --help`",
     "错误：没有这个选项：--ci。是否想输入 --city、--tech？参见 `sandbox search --help`"),
    (["stats", "--top", "00"], "error: Invalid value for '--top': 0 is not in the range 1<=x<=1000; see `sandbox "
     "stats --help`", "错误：'--top' 的值无效：0 不在范围 1<=x<=1000 内；参见 `sandbox stats --help`"),
    (["stats", "--top", "1.5"], "error: Invalid value for '--top': '1.5' is not a whole number; see `sandbox stats "
     "--help`", "错误：'--top' 的值无效：'1.5' 不是整数；参见 `sandbox stats --help`"),
    (["sql", "--timeout", "", "select 1"], "error: Invalid value for '--timeout': '' is not a number; see `sandbox "
     "sql --help`", "错误：'--timeout' 的值无效：'' 不是数字；参见 `sandbox sql --help`"),
    (["timeline", "--by"], "error: Option '--by' requires an argument; see `sandbox timeline --help`",
     "错误：选项“--by”需要一个值；参见 `sandbox timeline --help`"),
    (["show", "beijing", "--json=1"], "error: Option '--json' does not take a value; see `sandbox show --help`",
     "错误：选项“--json”不接受值；参见 `sandbox show --help`"),
    (["show", "beijing", "2", "a", "b\tc"], "error: Got unexpected extra arguments (a b\\x09c); see `sandbox show "
     "--help`", "错误：多余的参数（a b\\x09c）；参见 `sandbox show --help`"),
    (["--"], "error: Missing command; see `sandbox --help`", "错误：缺少命令；参见 `sandbox --help`"),
]


def _run_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[object, str]:
    monkeypatch.setattr(sys, "argv", ["sandbox", *args])
    monkeypatch.setenv("SANDBOX_DB", str(REAL_DB))
    with pytest.raises(SystemExit) as stop:
        main()
    captured = capsys.readouterr()
    assert captured.out == ""
    return stop.value.code, captured.err


@pytest.mark.parametrize(("args", "english", "chinese"), USAGE)
def test_usage_errors_are_worded_by_type(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                         args: list[str], english: str, chinese: str) -> None:
    assert _run_main(monkeypatch, capsys, *args) == (2, english + "\n")
    assert _run_main(monkeypatch, capsys, "--lang", "zh", *args) == (2, chinese + "\n")


def test_usage_errors_arrive_with_their_facts() -> None:
    """The command classes hand the wording structured errors: the facts are attributes, not text to parse."""
    from sandboxcli.cli import usage

    group = typer.main.get_command(make_app())

    def error(*args: str) -> BaseException:
        with pytest.raises(typer.TyperException) as raised:
            group.main(list(args), prog_name="sandbox", standalone_mode=False)
        return raised.value

    unknown = error("shwo")
    assert isinstance(unknown, usage.NoSuchCommand) and (unknown.name, unknown.possibilities) == ("shwo", ["show"])
    extra = error("show", "beijing", "2", "x", "y")
    assert isinstance(extra, usage.UnexpectedArguments) and extra.arguments == ["x", "y"]
    needs = error("stats", "--top")
    assert isinstance(needs, usage.OptionValues) and (needs.option_name, needs.takes) == ("--top", 1)
    flag = error("stats", "--json=yes")
    assert isinstance(flag, usage.OptionValues) and (flag.option_name, flag.takes) == ("--json", 0)
    number = error("stats", "--top", "2000")
    assert isinstance(number, usage.InvalidNumber) and (number.shown, number.whole, number.bounds) == (
        "2000", True, "1<=x<=1000")
    assert isinstance(error("--"), usage.MissingCommand)


def test_what_click_gives_no_type_keeps_its_own_words() -> None:
    """The narrow fallback: an error with neither a type we word nor the facts is Click's message, unchanged;
    a BadParameter with a parameter gets our frame around its detail; an option of several values its count."""
    from sandboxcli.cli import clicktypes, usage
    from sandboxcli.i18n import ENGLISH

    assert usage.message(clicktypes.BadArgumentUsage("Argument 'x' takes 2 values."), ENGLISH) == (
        "Argument 'x' takes 2 values.")
    assert usage.message(clicktypes.UsageError("Something else."), ENGLISH) == "Something else."
    assert usage.message(typer.BadParameter("must be odd", param_hint=["-n", "--number"]), ENGLISH) == (
        "Invalid value for '-n' / '--number': must be odd")
    assert usage.message(usage.OptionValues("--pair", 2, ""), ENGLISH) == "Option '--pair' requires 2 arguments"


# --- SQLite failures by result code ----------------------------------------------------------------------------


def test_codes_are_sqlites() -> None:
    assert {code.name: int(code) for code in db.Code} == {
        code.name: getattr(sqlite3, f"SQLITE_{code.name}") for code in db.Code}


def _raised(run: object) -> BaseException:
    with pytest.raises(Exception) as raised:
        run()
    return raised.value


def test_primary_code_reads_sqlites_code_not_the_message() -> None:
    conn = sqlite3.connect(f"file:{REAL_DB}?mode=ro", uri=True)
    assert db.primary_code(_raised(lambda: conn.execute("CREATE TABLE t (x)"))) == db.Code.READONLY
    conn.set_authorizer(lambda *_: sqlite3.SQLITE_DENY)
    assert db.primary_code(_raised(lambda: conn.execute("SELECT 1"))) == db.Code.AUTH
    conn.set_authorizer(None)
    conn.set_progress_handler(lambda: 1, 1)
    assert db.primary_code(_raised(lambda: conn.execute("SELECT count(*) FROM projects").fetchall())) == (
        db.Code.INTERRUPT)
    conn.set_progress_handler(None, 0)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 100)
    assert db.primary_code(_raised(lambda: conn.execute("SELECT zeroblob(1000)").fetchall())) == db.Code.TOOBIG
    # A message that reads like a code is not one: only SQLite's own code counts (Python 3.11+).
    assert db.primary_code(sqlite3.OperationalError("database is locked")) is None
    assert db.primary_code(_raised(lambda: conn.execute("SELECT 1; SELECT 2"))) is None  # the module's own


def test_python_310_reads_the_code_back_from_sqlites_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python 3.10 gives errors no code: there the code comes from SQLite's standard wording of it."""
    monkeypatch.setattr(db, "CODES_GIVEN", False)
    assert db.primary_code(sqlite3.OperationalError("database is locked")) == db.Code.BUSY
    assert db.primary_code(sqlite3.OperationalError("attempt to write a readonly database")) == db.Code.READONLY
    assert db.primary_code(sqlite3.OperationalError("no such table: x")) is None
    assert db.primary_code(ValueError("interrupted")) is None


def test_sql_errors_are_told_apart_by_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_sql's mapping, each case from a real SQLite error: TOOBIG, AUTH (the authorizer), READONLY (a write
    the authorizer let through reaches the read-only file) and INTERRUPT at the time limit (Ctrl-C, the other
    INTERRUPT, is tests/test_every_command.py's)."""
    from sandboxcli import sqlrun
    from sandboxcli.errors import UsageError

    conn = db.connect(REAL_DB)

    def refusal(query: str, timeout: float = 5.0) -> str:
        with pytest.raises(UsageError) as raised:
            sqlrun.run_sql(conn, query, timeout=timeout)
        return raised.value.message

    monkeypatch.setattr(sqlrun, "LONGEST_CELL", 1000)
    assert refusal("SELECT zeroblob(5000)") == "a value in the result is longer than 0 MB"
    assert refusal("DELETE FROM projects") == "only read-only statements are allowed (SELECT, WITH, read-only PRAGMA)"
    monkeypatch.setattr(sqlrun, "_authorize", lambda *_: sqlite3.SQLITE_OK)  # let a write reach the read-only file
    assert refusal("DELETE FROM projects") == "only read-only statements are allowed (SELECT, WITH, read-only PRAGMA)"
    slow = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    assert refusal(slow, timeout=0.1) == "query stopped after 0.1 s"  # never ends by itself: INTERRUPT at the limit


def test_input_too_large_is_a_usage_error_by_code_or_limit(capsys: pytest.CaptureFixture[str]) -> None:
    """runner.exit_for: SQLITE_TOOBIG, or SQLite's limit errors (SQLITE_ERROR), are the input's fault (exit 2);
    any other SQLITE_ERROR on a query of ours means the database is not what it should be (exit 3)."""
    from sandboxcli.cli.runner import exit_for
    from sandboxcli.i18n import ENGLISH

    conn = sqlite3.connect(":memory:")
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 100)
    cases = [(lambda: conn.execute("SELECT zeroblob(1000)").fetchall(), 2),
             (lambda: conn.execute("SELECT " + "+".join(["1"] * 1200)), 2),
             (lambda: conn.execute("SELECT * FROM nothing"), 3)]
    for run, code in cases:
        with pytest.raises(SystemExit) as stop:
            exit_for(_raised(run), ENGLISH)
        assert stop.value.code == code, capsys.readouterr().err
    assert capsys.readouterr().err.count("the input is too large or complex to search for") == 2
