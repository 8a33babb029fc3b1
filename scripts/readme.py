"""Regenerate the README's generated sections from the real tool: the transcript (real output at 80 columns) and
the JSON shapes (from the records that define them). `tests/test_readme.py` fails when the README differs.

    .venv/bin/python scripts/readme.py           # rewrite the sections in README.md
    .venv/bin/python scripts/readme.py --check   # exit 1 if README.md is out of date
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import typing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

TRANSCRIPT = [
    "sandbox list-cities --programme pboc | head -12",
    "sandbox show guangzhou 2",
    "sandbox search --tech privacy-computing --city beijing,shanghai",
    "sandbox events completed-testing --programme pboc | head -12",
    "sandbox compare beijing shanghai",
    "sandbox search --applicant Ant",
    "sandbox cite 1",
    "sandbox --version",
]
"""The commands the transcript shows, as a user types them (80 columns; `| head` runs as written)."""

TRANSCRIPT_ZH = [
    "sandbox show 广州 第二批",
    "sandbox search 隐私计算 --city 北京,上海 | head -20",
    "sandbox show 广州 9",
    "sandbox cite 广州 第二批",
]
"""The Chinese transcript (LANG=zh_CN.UTF-8)."""



def command_results() -> dict[str, tuple[str, ...]]:
    """Each command (the CLI's registry, in help order) → the result records it prints (its module's RESULTS)."""
    from sandboxcli.cli import COMMANDS

    return {name: importlib.import_module(f"sandboxcli.cli.{module}").RESULTS for name, module in COMMANDS.items()}


def run(line: str, language: str = "en") -> str:
    """One transcript entry: the command line and what it printed (stdout and stderr, as a terminal shows)."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "SANDBOX_LANG": language}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("SANDBOX_DB", None)
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", line + " 2>&1"], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120, check=False)
    return f"$ {line}\n{proc.stdout}"


def transcript() -> str:
    return "```text\n" + "\n".join(run(line) for line in TRANSCRIPT).rstrip("\n") + "\n```\n"


def transcript_zh() -> str:
    return "```text\n" + "\n".join(run(line, "zh") for line in TRANSCRIPT_ZH).rstrip("\n") + "\n```\n"


def record_classes() -> dict[str, type]:
    """Every record type by name: the facts (records.py) and the counts (aggregates.py)."""
    from sandboxcli import aggregates, records

    return {name: cls for module in (records, aggregates) for name, cls in vars(module).items()
            if isinstance(cls, type) and issubclass(cls, records.Record)}


def _record_names(annotation: str) -> list[str]:
    known = record_classes()
    return [n for n in re.findall(r"[A-Za-z_]+", annotation) if n in known]


def shapes() -> str:
    """Every command's JSON object and every record inside it, field by field, from results.py and the record
    modules (records.py, aggregates.py)."""
    from sandboxcli import results

    lines: list[str] = []
    nested: list[str] = []
    for command, names in command_results().items():
        for name in names:
            cls = getattr(results, name)
            hints = typing.get_type_hints(cls, {**vars(results), **record_classes()})
            own = [f for f in cls.fields if f not in ("command", "query", "results")]
            result_type = _record_names(str(hints["results"]))
            items = f"`{result_type[0].upper()}`" if result_type else (
                "`table`, `file`, `rows` per file written" if name == "FilesWritten" else "one object per row, "
                "keyed by column")
            extra = "".join(f", `{f}`" + _nested(cls, f, nested) for f in own)
            lines.append(f"- `{command}` ({name}): `command`, `query`, `data` (`DATAINFO`){extra}, `count`, "
                         f"`results` (list of {items})")
            nested += [r for r in result_type if r not in nested]
    nested.append("DataInfo")  # every result's `data` (results.Result.data)
    lines.append("")
    done: set[str] = set()
    while nested:
        name = nested.pop(0)
        if name in done:
            continue
        done.add(name)
        cls = record_classes()[name]
        parts = [f"`{f}`" + _nested(cls, f, nested) for f in cls.fields]
        lines.append(f"- `{name.upper()}`: " + ", ".join(parts))
    return "\n".join(lines) + "\n"


def _nested(cls: type, field: str, queue: list[str]) -> str:
    from sandboxcli import aggregates, records

    hints = typing.get_type_hints(cls, {**vars(records), **vars(aggregates)})
    inner = _record_names(str(hints[field]))
    queue += [n for n in inner if n not in queue]
    return f" ({' / '.join(f'`{n.upper()}`' for n in inner)})" if inner else ""


def vocabulary() -> str:
    """The words `search --status` and `events` take, from the one list that defines them."""
    from sandboxcli.vocabulary import EVENT_KINDS, LIFECYCLE_WORDS

    lines = ["| Words (any case, either language) | Meaning | `--status` reads them as | `events` reads them as |",
             "| --- | --- | --- | --- |"]
    for words, statuses, kinds, meaning in LIFECYCLE_WORDS:
        lines.append(f"| {', '.join(f'`{w}`' for w in words)} | {meaning} | "
                     f"{', '.join(f'`{x}`' for x in statuses) or '—'} | {', '.join(f'`{x}`' for x in kinds) or '—'} |")
    grouped = {k for group in LIFECYCLE_WORDS for k in group[2]}
    others = [k for k in EVENT_KINDS if k not in grouped]
    lines.append(f"| {', '.join(f'`{k}`' for k in others)} | the event kinds themselves | — | the same |")
    return "\n".join(lines) + "\n"


SECTIONS = {"transcript": transcript, "transcript-zh": transcript_zh, "json-shapes": shapes,
            "vocabulary": vocabulary}


def render(text: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- generated: {name} -->\n).*?(<!-- end: {name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no generated section {name!r}")
        body = make()
        text = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(2), text)
    return text


def main(argv: list[str]) -> int:
    from generated import write_or_check

    return write_or_check(README, render(README.read_text(encoding="utf-8")), argv,
                          ".venv/bin/python scripts/readme.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
