#!/bin/sh
# The one test command (README "Tests"; CI runs exactly this): a fresh venv, the package with its build and test
# extras, ruff, mypy --strict over src/, then pytest. Extra arguments go to pytest.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[build,test]'
.venv/bin/ruff check .
.venv/bin/mypy --strict src
.venv/bin/python -m pytest "$@"
