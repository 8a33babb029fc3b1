"""The mutation score per module from mutmut's results in mutants/ (scripts/mutation.sh runs it after `mutmut run`).

    .venv/bin/python scripts/mutation_score.py              # score per module and overall
    .venv/bin/python scripts/mutation_score.py --survivors  # and every surviving mutant with its changed line

Killed means a test failed (or the mutant ran out of time: an endless loop is caught too). "no tests" (no test of
the subset calls the function) and "other" (mutmut found the mutant suspicious, or it crashed) count as not killed,
so a function nobody tests lowers the score instead of vanishing from it; "not run" (a run stopped early) is left
out.

One kind of survivor is set apart, because it cannot be killed: mutmut upper- or lower-cases string literals, and in
a literal of SQL (keywords, functions, `b.region`-style columns) outside its '...' values that changes nothing:
SQLite reads keywords and names in any case, and so does sqlite3.Row, the only thing these modules subscript with a
string (`r["name_en"]`). Such a mutant is counted as "sql case" only when the changed line differs from the original
in letter case alone, every changed letter lies in a Python string that reads as SQL or is a `[...]` subscript, and
none lies inside a quoted SQL value ('unknown' → 'UNKNOWN' is a real change and stays a survivor). The score is
killed out of the mutants that ran, less those.

mutmut has no per-module summary, so this reads its .meta files (JSON: mutant name → pytest exit code) and asks
mutmut for the diff of each survivor.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants" / "src" / "sandboxcli"
# mutmut's exit codes (mutmut/stats.py): 1 and 3 a failing test, 36, 24, -24, 152 and 255 a timeout.
KILLED = {1, 3, 24, -24, 36, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}
NOT_CHECKED = {None}  # an interrupted run
PY_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
SQL_VALUE = re.compile(r"'[^']*'")
# How the SQL in these modules is written: upper-case keywords, lower-case functions, alias.column names.
SQL = re.compile(r"\b(SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|IN|IS|NULL|AND|OR|NOT|LIKE|ESCAPE|MATCH|EXISTS|LIMIT|"
                 r"AS|ON|DESC|DISTINCT)\b|\b(count|sum|coalesce|substr|group_concat|min|max)\(|\b[a-z]{1,2}\.[a-z_]+\b")
COLUMNS = ("module", "mutants", "killed", "sql case", "survived", "no tests", "other", "not run", "score")


def sql_case_only(original: str, mutant: str) -> bool:
    """True when `mutant` changes only the letter case of SQL text (outside '...' values) in `original`."""
    if original == mutant or len(original) != len(mutant) or original.casefold() != mutant.casefold():
        return False
    changed = [i for i, (a, b) in enumerate(zip(original, mutant, strict=True)) if a != b]
    for literal in PY_STRING.finditer(original):
        inside = [i for i in changed if literal.start() < i < literal.end() - 1]
        if not inside:
            continue
        row_key = original[literal.start() - 1:literal.start()] == "[" and original[literal.end():][:1] == "]"
        if not row_key and not SQL.search(literal.group()):
            return False
        values = [(v.start() + literal.start(), v.end() + literal.start()) for v in SQL_VALUE.finditer(literal.group())]
        if any(start <= i < end for i in inside for start, end in values):
            return False
        changed = [i for i in changed if i not in inside]
    return not changed


def changed_line(name: str, path: Path) -> tuple[str, str] | None:
    """The original and the mutated line of a one-line mutant (None for a mutant spanning several lines)."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    diff = get_diff_for_mutant(name, path=path).splitlines()
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return (removed[0], added[0]) if len(removed) == len(added) == 1 else None


def _row(name: str, counts: Counter[str]) -> None:
    ran = sum(counts.values()) - counts["not run"] - counts["sql case"]
    score = f"{counts['killed'] / ran:.1%}" if ran else "-"
    cells = [name, *(str(counts[c]) for c in COLUMNS[1:-1]), score]
    cells[1] = str(sum(counts.values()))
    print(f"{cells[0]:<12}" + "".join(f"{cell:>10}" for cell in cells[1:]))


def main(argv: list[str]) -> int:
    metas = sorted(MUTANTS.glob("*.py.meta"))
    if not metas:
        print("no mutation results: run scripts/mutation.sh first", file=sys.stderr)
        return 1
    os.chdir(ROOT)  # mutmut reads mutants/ and pyproject.toml relative to the working directory
    totals: Counter[str] = Counter()
    survivors: list[str] = []
    print(f"{COLUMNS[0]:<12}" + "".join(f"{c:>10}" for c in COLUMNS[1:]))
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if not codes:
            continue
        source = Path("src/sandboxcli") / meta.name.removesuffix(".meta")
        counts: Counter[str] = Counter()
        for name, code in sorted(codes.items()):
            if code in KILLED:
                counts["killed"] += 1
                continue
            if code in NOT_CHECKED:
                counts["not run"] += 1
                continue
            lines = changed_line(name, source)
            if code in SURVIVED and lines and sql_case_only(*lines):
                counts["sql case"] += 1
                continue
            kind = "survived" if code in SURVIVED else "no tests" if code in NO_TESTS else "other"
            counts[kind] += 1
            shown = f"\n    - {lines[0].strip()}\n    + {lines[1].strip()}" if lines else " (several lines)"
            survivors.append(f"{name} [{kind}]{shown}")
        totals.update(counts)
        _row(meta.name.removesuffix(".py.meta"), counts)
    _row("all", totals)
    if "--survivors" in argv:
        print()
        print("\n".join(survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
