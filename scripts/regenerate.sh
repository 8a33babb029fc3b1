#!/bin/sh
# Regenerate everything derived from the code after adding or changing a command or a project field
# (CONTRIBUTING.md, recipes 1 and 2): the Chinese catalogue (new messages appear with an empty msgstr to translate;
# run this again after translating to compile them), data/metadata.json's descriptions of the declared project
# fields, the README's generated parts, the table snapshots of a command that has none yet and the root help pages
# (which list the commands). Other snapshots are never rewritten here: a changed one fails the tests until its diff
# is read (UPDATE_SNAPSHOTS=1).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
"$PYTHON" scripts/i18n.py
"$PYTHON" scripts/metadata.py
"$PYTHON" scripts/readme.py
NEW_SNAPSHOTS=1 "$PYTHON" -m pytest -q -p no:cacheprovider tests/test_widths.py -k "snapshots" >/dev/null || true
# The root help lists every command, so its pages (tests/snapshots/help/sandbox_*) follow COMMANDS: rewritten here,
# and shown below as a diff to read like any other.
UPDATE_SNAPSHOTS=1 "$PYTHON" -m pytest -q -p no:cacheprovider tests/test_click_boundary.py \
    -k "test_help_is_unchanged and sandbox-" >/dev/null || true
git --no-pager diff --stat -- tests/snapshots/help 2>/dev/null || true
git status --short -- tests/snapshots 2>/dev/null || true
