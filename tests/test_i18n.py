"""中文界面: the whole tool in Chinese, machine-readable output the same in every language, the catalogue complete."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandboxcli.cli import COMMANDS
from sandboxcli.i18n import detect, normalise

from .conftest import REAL_DB, ROOT, cells
from .test_widths import FIXTURE_ARGS, VERBATIM, _tokens

sys.path.insert(0, str(ROOT / "scripts"))
import i18n as catalogue


def test_every_message_has_a_current_chinese_translation() -> None:
    """No message missing, untranslated, fuzzy, stale or with other placeholders; the .mo is the compiled .po."""
    from babel.messages.pofile import read_po

    pot = catalogue.template()
    with catalogue.PO.open("rb") as handle:
        po = read_po(handle, locale="zh")
    assert catalogue.problems(po, pot) == []
    assert catalogue.MO.read_bytes() == catalogue.compiled(po), "run .venv/bin/python scripts/i18n.py"


@pytest.mark.parametrize(("argv", "env", "expected"), [
    ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
    ([], {"LANG": "C.UTF-8"}, "en"),
    ([], {}, "en"),
    ([], {"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),
    ([], {"LANG": "zh_CN.UTF-8", "SANDBOX_LANG": "en"}, "en"),
    (["show", "--lang", "en"], {"LANG": "zh_CN.UTF-8", "SANDBOX_LANG": "zh"}, "en"),
    (["--lang=zh", "show"], {"LANG": "C.UTF-8"}, "zh"),
])
def test_language_detection(argv: list[str], env: dict[str, str], expected: str) -> None:
    assert detect(argv, env) == expected


def test_language_names() -> None:
    assert [normalise(x) for x in ("zh", "ZH-hans", "中文", "en_GB", "C", "fr")] == ["zh", "zh", "zh", "en", "en", None]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
def test_machine_readable_output_is_the_same_in_chinese(fixture, command: str, fmt: str) -> None:
    args = list(FIXTURE_ARGS[command])
    if "--format" in args:  # the example's own format gives way to the one under test
        del args[args.index("--format"):args.index("--format") + 2]
    english = fixture(command, *args, "--format", fmt, "--lang", "en")
    chinese = fixture(command, *args, "--format", fmt, "--lang", "zh")
    assert english.exit_code == 0, english.stderr
    assert chinese.stdout == english.stdout


def _english_labels() -> list[str]:
    """Fragments of the tool's own English text (between placeholders), long enough not to occur inside data."""
    fragments = set()
    for message in catalogue.template():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        for text in ids:
            for piece in re.split(r"\{[^}]*\}|`[^`]*`", text):
                piece = piece.strip(" .,;:()!?'\"")
                if len(piece) >= 7 and " " in piece and re.search(r"[a-z]{3}", piece):
                    fragments.add(piece)
    return sorted(fragments)


def _strings_under(value: object, key: str) -> set[str]:
    """Every string stored under `key` anywhere in a JSON value."""
    if isinstance(value, dict):
        own = {value[key]} if isinstance(value.get(key), str) else set()
        return own.union(*(_strings_under(v, key) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_strings_under(v, key) for v in value)) if value else set()
    return set()


def _strings(value: object) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) else set()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_chinese_tables_have_no_english_labels(fixture, command: str) -> None:
    """Every label is Chinese; only the data (names, notes) may be English."""
    result = fixture(command, *FIXTURE_ARGS[command], "--lang", "zh", env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.stderr
    args = list(FIXTURE_ARGS[command])
    if "--format" in args:
        del args[args.index("--format"):args.index("--format") + 2]
    text = result.stdout
    for value in sorted(_strings(json.loads(fixture(command, *args, "--json").stdout)), key=len, reverse=True):
        text = text.replace(value, "")
    found = [label for label in _english_labels() if label in text]
    assert found == [], f"English left in `sandbox {command} --lang zh`"


def test_chinese_help_and_errors_in_a_real_process() -> None:
    env = {**os.environ, "SANDBOX_DB": str(REAL_DB), "LANG": "zh_CN.UTF-8", "COLUMNS": "80"}
    env.pop("SANDBOX_LANG", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "sandboxcli", *args], capture_output=True, text=True, env=env,
                              timeout=60, check=False)

    root = run("--help").stdout
    assert "用法：" in root and "命令" in root and "Show one batch" not in root
    show = run("show", "--help").stdout
    assert "显示某一批次" in show and "示例：" in show and "城市 [批次]" in show
    missing = run("show", "atlantis")
    assert missing.returncode == 1 and missing.stderr.startswith("错误：未知城市或地区“atlantis”")
    usage = run("show")
    assert usage.returncode == 2 and usage.stderr.startswith("错误：缺少参数")
    assert run("show", "guangzhou", "2", "--lang", "en").stdout.startswith("Guangzhou 广州市")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.integers(40, 220), command=st.sampled_from(sorted(COMMANDS)))
def test_chinese_output_obeys_the_width_rules(fixture, width: int, command: str) -> None:
    """CJK characters count two columns; no line passes the edge but a URL; slugs and URLs stay whole."""
    args = FIXTURE_ARGS[command]
    table = fixture(command, *args, "--lang", "zh", env={"COLUMNS": str(width)})
    assert table.exit_code == 0, table.stderr
    for line in [] if command in VERBATIM else table.stdout.splitlines():
        if cells(line) > width:
            assert "://" in line and cells(line[: line.index("http")]) < width, (width, line)
    if "--format" in args:
        return
    doc = json.loads(fixture(command, *args, "--json").stdout)
    if command in VERBATIM:  # references: checked in test_widths and test_cli_cite
        return
    wanted = {t for t in _tokens(doc["results"]) if not re.fullmatch(r"\d{4}(-\d\d){0,2}", t)}
    # Region names and event kinds are shown in Chinese; slugs, keys and URLs stay as typed.
    wanted -= _strings_under(doc["results"], "region_name_en") | _strings_under(doc["results"], "kind")
    for token in wanted:
        if token.isascii() and not token.startswith("http") and " " in token:
            continue  # English names are shown in Chinese
        assert token in table.stdout or not token.isascii(), (command, width, token)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_chinese_help_of_every_command_is_chinese_and_fits_80_columns(command: str | None) -> None:
    """Options defined before the language is chosen (--format, --city, --lang …) are translated too, and help is
    wrapped in terminal cells: a Chinese character takes two columns."""
    env = {**os.environ, "SANDBOX_DB": str(REAL_DB), "LANG": "zh_CN.UTF-8", "COLUMNS": "80"}
    env.pop("SANDBOX_LANG", None)
    args = [command, "--help"] if command else ["--help"]
    proc = subprocess.run([sys.executable, "-m", "sandboxcli", *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    found = [label for label in _english_labels() if label in proc.stdout]
    assert found == [], f"English left in `sandbox {command} --help`"
    assert [line for line in proc.stdout.splitlines() if cells(line) > 80] == []


@pytest.mark.parametrize(("args", "usage"), [([], "Usage: sandbox [OPTIONS] COMMAND [ARGS]..."),
                                             (["--lang", "zh"], "用法：sandbox [选项] 命令 [参数]...")])
def test_bare_sandbox_prints_the_help(args: list[str], usage: str) -> None:
    env = {**os.environ, "SANDBOX_DB": str(REAL_DB), "LANG": "C.UTF-8", "COLUMNS": "80"}
    env.pop("SANDBOX_LANG", None)
    proc = subprocess.run([sys.executable, "-m", "sandboxcli", *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.startswith(usage) and "list-cities" in proc.stdout


def test_a_language_word_alone_is_not_a_command() -> None:
    """`sandbox zh` is an unknown command, not `sandbox --lang zh`."""
    proc = subprocess.run([sys.executable, "-m", "sandboxcli", "zh"], capture_output=True, text=True,
                          env={**os.environ, "SANDBOX_DB": str(REAL_DB), "LANG": "C.UTF-8"}, timeout=60, check=False)
    assert proc.returncode == 2 and proc.stderr.startswith("error: No such command 'zh'")


def test_each_invocation_chooses_its_own_language(real) -> None:
    """`--lang zh` in one run does not make the next run in the same process (a script, a test) speak Chinese."""
    assert real("--lang", "zh", "show", "guangzhou", "9").stderr.startswith("错误：广州市 没有批次")
    assert real("show", "guangzhou", "9").stderr.startswith("error: Guangzhou has no batch '9'")
    assert real("show", "guangzhou", "9", env={"SANDBOX_LANG": "zh"}).stderr.startswith("错误：")
    assert real("show", "guangzhou", "9", env={"SANDBOX_LANG": "en"}).stderr.startswith("error: ")
