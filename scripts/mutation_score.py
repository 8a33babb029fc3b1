"""The mutation score per module from mutmut's results in mutants/ (scripts/mutation.sh runs it after `mutmut run`).

    .venv/bin/python scripts/mutation_score.py              # score per module and overall
    .venv/bin/python scripts/mutation_score.py --survivors  # and the name of every mutant that survived

Killed means a test failed (or the mutant ran out of time: an endless loop is caught too). The score is killed out
of the mutants that ran: "not run" (a run stopped early) is left out; "no tests" (no test of the subset calls the
function) and "other" (mutmut found the mutant suspicious, or it crashed) count as not killed, so a function nobody
tests lowers the score instead of vanishing from it. mutmut has no per-module summary, so this reads its .meta files
(JSON: mutant name → pytest exit code).
"""

from __future__ import annotations

import json
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


def _row(name: str, counts: Counter[str]) -> None:
    ran = sum(counts.values()) - counts["not run"]
    score = f"{counts['killed'] / ran:.1%}" if ran else "-"
    print(f"{name:<14}{sum(counts.values()):>8}{counts['killed']:>8}{counts['survived']:>10}{counts['no tests']:>10}"
          f"{counts['other']:>7}{counts['not run']:>9}{score:>8}")


def main(argv: list[str]) -> int:
    metas = sorted(MUTANTS.glob("*.py.meta"))
    if not metas:
        print("no mutation results: run scripts/mutation.sh first", file=sys.stderr)
        return 1
    totals: Counter[str] = Counter()
    survivors: list[str] = []
    print(f"{'module':<14}{'mutants':>8}{'killed':>8}{'survived':>10}{'no tests':>10}{'other':>7}{'not run':>9}"
          f"{'score':>8}")
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if not codes:
            continue
        counts = Counter("killed" if c in KILLED else "survived" if c in SURVIVED else
                         "no tests" if c in NO_TESTS else "not run" if c in NOT_CHECKED else "other"
                         for c in codes.values())
        survivors += sorted(k for k, c in codes.items() if c in SURVIVED or c in NO_TESTS)
        totals.update(counts)
        _row(meta.name.removesuffix(".py.meta"), counts)
    _row("all", totals)
    if "--survivors" in argv:
        print()
        print("\n".join(survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
