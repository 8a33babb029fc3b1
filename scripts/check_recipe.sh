#!/bin/sh
# Proves CONTRIBUTING.md's two recipes, without touching this checkout. In a throwaway copy:
# 1. a new command, `sandbox families` (the technology families: an API method answering with the existing
#    TechnologyList, so no new layout), by the recipe only: the method, its module, one line in COMMANDS, one README
#    row, scripts/regenerate.sh, the translation;
# 2. a new project field, `recipe_note` (text, set on one project of one YAML file), by the recipe only: the YAML
#    value and data/README.md, one declaration in dbbuild/schema.py, one record field, one layout line, its value
#    in the test of every field of a project, then the build, scripts/regenerate.sh and the translation;
# then rewrites the snapshots both change (checked to differ only by the command's help line and the new field)
# and runs the whole test suite there. Not in CI (it runs the suite a second time).
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
WORK="$(mktemp -d)"
BEFORE="$(mktemp -d)"  # the copy's snapshots before the recipes, to compare the rewritten ones with
export BEFORE
trap 'rm -rf "$WORK" "$BEFORE"' EXIT INT TERM
cd "$ROOT"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$WORK"
cd "$WORK"
export PYTHONPATH="$WORK/src"  # the copy's code, not the checkout's editable install
cp -R tests/snapshots/. "$BEFORE"

# Step 1: the question, in the library (a Sandbox method; the query and the result type exist already).
"$PYTHON" - <<'PY'
from pathlib import Path
api = Path("src/sandboxcli/api.py")
anchor = "    @arguments.library_errors\n    @_stamped\n    def technologies(self)"
method = '''    @arguments.library_errors
    @_stamped
    def families(self) -> res.TechnologyList:
        """The technology families and their members (`sandbox families`)."""
        from .queries import technologies

        found = [t for t in technologies(self.conn) if t.parent is not None or any(
            u.parent == t.slug for u in technologies(self.conn))]
        return res.TechnologyList(command="families", query={}, results=found)

'''
text = api.read_text()
assert anchor in text, "the anchor for the new method moved"
api.write_text(text.replace(anchor, method + anchor, 1))
PY
# Step 3: the command's module.
cat > src/sandboxcli/cli/families.py <<'PY'
"""`sandbox families`."""

import typer

from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt
from .runner import run

RESULTS = ("TechnologyList",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def families(ctx: typer.Context, fmt: FormatOpt = None, as_json: JsonOpt = False, layout: LayoutOpt = None,
             lang: LangOpt = None) -> None:
    """List the technology families and their members.

    Example: sandbox families --format csv
    """
    run(ctx, lambda sandbox: sandbox.families(), fmt, as_json, layout)
PY
# Step 4: the registry and the README's table of commands.
"$PYTHON" - <<'PY'
from pathlib import Path
init = Path("src/sandboxcli/cli/__init__.py")
init.write_text(init.read_text().replace('    "sql": "sql",\n', '    "sql": "sql",\n    "families": "families",\n', 1))
readme = Path("README.md")
row = "| `sandbox sql SQL"
text = readme.read_text()
at = text.index(row)
readme.write_text(text[:at] + "| `sandbox families` | the technology families and their members |\n" + text[at:])
PY
# Step 5: regenerate, translate the new message, compile.
PYTHON="$PYTHON" sh scripts/regenerate.sh >/dev/null 2>&1 || true
"$PYTHON" - <<'PY'
from pathlib import Path
po = Path("src/sandboxcli/locale/zh/LC_MESSAGES/sandboxcli.po")
po.write_text(po.read_text().replace('msgid "List the technology families and their members."\nmsgstr ""',
                                     'msgid "List the technology families and their members."\nmsgstr "列出技术大类及其下属技术。"'))
PY
PYTHON="$PYTHON" sh scripts/regenerate.sh >/dev/null 2>&1
test -f tests/snapshots/tables/families.txt || { echo "check_recipe: no snapshot was written" >&2; exit 1; }

# Recipe 2, steps 1-5: the YAML value and data/README.md, the declaration, the record field, the layout line, the test.
"$PYTHON" - <<'PY'
from pathlib import Path


def insert_after(path: str, anchor: str, text: str) -> None:
    file = Path(path)
    content = file.read_text(encoding="utf-8")
    assert content.count(anchor) == 1, f"the anchor for recipe 2 moved in {path}: {anchor!r}"
    file.write_text(content.replace(anchor, anchor + text), encoding="utf-8")


insert_after("data/sources/pboc-regulatory-pilot/sichuan.yaml", "    statement_no: 91510703905408887D-2024-0001\n",
             "    recipe_note: set by the recipe check\n")
insert_after("data/README.md", "    planned_start: null            # optional: 拟正式运营时间 from the statement\n",
             "    recipe_note: null              # optional: a throwaway field of scripts/check_recipe.sh\n")
insert_after("data/README.md", "`statement_no`, `planned_start`, ", "`recipe_note`, ")
insert_after("src/sandboxcli/dbbuild/schema.py",
             '    Field("planned_start", "date", "Planned date of formal operation (拟正式运营时间)"),\n',
             '    Field("recipe_note", "text", "A throwaway note (scripts/check_recipe.sh)"),\n')
insert_after("src/sandboxcli/records.py", "    planned_start: str | None\n", "    recipe_note: str | None\n")
insert_after("src/sandboxcli/render/layouts.py",
             '            fields.append([t._("Planned start"), c.date(p.planned_start)])\n',
             '        if p.recipe_note:\n            fields.append([t._("Recipe note"), p.recipe_note])\n')
insert_after("tests/test_answers_figures.py", '"planned_start": "2024-12-10",\n',
             '        "recipe_note": "set by the recipe check",\n')
PY
# Step 6: rebuild, regenerate, translate the new label, regenerate again.
"$PYTHON" -m sandboxcli.dbbuild
PYTHON="$PYTHON" sh scripts/regenerate.sh >/dev/null 2>&1 || true
"$PYTHON" - <<'PY'
from pathlib import Path
po = Path("src/sandboxcli/locale/zh/LC_MESSAGES/sandboxcli.po")
text = po.read_text(encoding="utf-8")
assert 'msgid "Recipe note"\nmsgstr ""' in text, "the layout's new label was not extracted"
po.write_text(text.replace('msgid "Recipe note"\nmsgstr ""', 'msgid "Recipe note"\nmsgstr "配方备注"'), encoding="utf-8")
PY
PYTHON="$PYTHON" sh scripts/regenerate.sh >/dev/null 2>&1
# Both recipes' snapshot review: the new command's line in `sandbox --help` and every snapshot that prints every
# field of a project change. Rewrite them, then check that each differs from the copy's snapshots before the
# recipes only by the new command (added lines naming it) or the new field (a JSON key, a CSV column, a schema
# line), as a reviewer reading the diffs would.
UPDATE_SNAPSHOTS=1 "$PYTHON" -m pytest -q -p no:cacheprovider $(grep -l "snapshot(" tests/test_*.py) >/dev/null 2>&1 \
    || true
"$PYTHON" - <<'PY'
import csv
import difflib
import io
import json
import os
from pathlib import Path

COMMAND, FIELD = "families", "recipe_note"


def without(value: object) -> object:
    if isinstance(value, dict):
        return {k: without(v) for k, v in value.items() if k != FIELD}
    if isinstance(value, list):
        return [without(v) for v in value if not (isinstance(v, str) and v.startswith(FIELD + " "))]
    return value


def columns_without(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    drop = rows[0].index(FIELD) if rows and FIELD in rows[0] else None
    return [[cell for i, cell in enumerate(row) if i != drop] for row in rows]


def only_added_command_lines(a: str, b: str) -> bool:
    changes = [line for line in difflib.ndiff(a.splitlines(), b.splitlines()) if line[:2] in ("- ", "+ ")]
    return all(line.startswith("+ ") and COMMAND in line for line in changes)


before = Path(os.environ["BEFORE"])
changed = []
for old in sorted(before.rglob("*")):
    new = Path("tests/snapshots") / old.relative_to(before)
    if old.is_dir() or new.read_text(encoding="utf-8") == old.read_text(encoding="utf-8"):
        continue
    a, b = old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")
    if old.suffix == ".json":
        same = without(json.loads(b)) == json.loads(a) and FIELD in b
    elif old.suffix == ".csv":
        same = columns_without(b) == columns_without(a) and FIELD in b
    else:
        same = only_added_command_lines(a, b)
    assert same, f"snapshot {new} changed by more than the new command {COMMAND!r} or field {FIELD!r}"
    changed.append(str(new))
assert any(FIELD in Path(c).read_text(encoding="utf-8") for c in changed), "no snapshot shows the new field"
print(f"check_recipe: {len(changed)} snapshot(s) differ only by {COMMAND!r} or {FIELD!r}: {', '.join(changed)}")
PY

"$PYTHON" scripts/i18n.py --check
"$PYTHON" -m ruff check --quiet .
"$PYTHON" -m pytest -q -p no:cacheprovider "$@"
echo "check_recipe: a command and a project field added by the recipes pass the whole suite"
