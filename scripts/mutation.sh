#!/bin/sh
# Mutation testing over the modules that decide answers (README "Tests"). Not in CI: it is slow. mutmut works in
# mutants/ (git-ignored) and remembers results: a second run retests only the functions that changed; delete mutants/
# for a clean measurement. Extra arguments go to `mutmut run` (e.g. a mutant name or a glob of them to retest).
# MUTATION_JOBS sets the number of parallel workers (default 2). Afterwards `.venv/bin/mutmut show NAME` shows one
# mutant's diff and `.venv/bin/mutmut browse` all of them.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[build,test,mutation]'
nice -n 19 .venv/bin/mutmut run --max-children "${MUTATION_JOBS:-2}" "$@"
.venv/bin/python scripts/mutation_score.py --survivors
