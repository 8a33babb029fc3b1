#!/bin/sh
# Proves CONTRIBUTING.md's recipe for a new command, without touching this checkout: in a throwaway copy, add
# `sandbox families` (the technology families: an API method answering with the existing TechnologyList, so no new
# layout) by the recipe only — the method, its module, one line in COMMANDS, one README row, scripts/regenerate.sh,
# the translation — and run the whole test suite there. Not in CI (it runs the suite a second time).
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT INT TERM
cd "$ROOT"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$WORK"
cd "$WORK"
export PYTHONPATH="$WORK/src"  # the copy's code, not the checkout's editable install

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

from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt
from .runner import run

RESULTS = ("TechnologyList",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def families(fmt: FormatOpt = None, as_json: JsonOpt = False, layout: LayoutOpt = None,
             lang: LangOpt = None) -> None:
    """List the technology families and their members.

    Example: sandbox families --format csv
    """
    run(lambda sandbox: sandbox.families(), fmt, as_json, layout)
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
"$PYTHON" scripts/i18n.py --check
"$PYTHON" -m ruff check . >/dev/null
"$PYTHON" -m pytest -q -p no:cacheprovider "$@"
echo "check_recipe: a command added by the recipe passes the whole suite"
