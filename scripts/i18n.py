"""The Chinese catalogue: extract every message from the source, merge it into the .po a translator edits, and
compile the .mo the package ships. Needs Babel (the `test` extra).

    .venv/bin/python scripts/i18n.py           # extract → sandboxcli.pot, update zh .po, compile zh .mo
    .venv/bin/python scripts/i18n.py --check   # exit 1 if a message is missing, untranslated, fuzzy or stale

Messages are what the code passes to `_()`, `N_()` and `ngettext()`, and every paragraph of every command's
docstring (its --help).
"""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "sandboxcli"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "sandboxcli.pot"
PO = LOCALE / "zh" / "LC_MESSAGES" / "sandboxcli.po"
MO = LOCALE / "zh" / "LC_MESSAGES" / "sandboxcli.mo"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
FIXED = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
"""Header dates: fixed, so that the catalogue changes only when its messages do."""


def template() -> Catalog:
    """Every message the tool shows, from the source and the command docstrings."""
    catalog = Catalog(project="sandboxcli", domain="sandboxcli", creation_date=FIXED, revision_date=FIXED,
                      charset="utf-8")
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map=[("dbbuild/**.py", "ignore"), ("**.py", "python")], keywords=KEYWORDS):
        catalog.add(message, locations=[(f"sandboxcli/{filename}", lineno)])
    sys.path.insert(0, str(ROOT / "src"))
    from sandboxcli import cli
    from sandboxcli.cli.help import paragraphs

    docs = [("sandboxcli/cli/__init__.py", cli._root.__doc__)]
    docs += [(f"sandboxcli/cli/{module}.py", cli.command_function(name).__doc__)
             for name, module in cli.COMMANDS.items()]
    for where, doc in docs:
        for paragraph in paragraphs(doc):
            if not paragraph.startswith("Example:"):
                catalog.add(paragraph, locations=[(where, 0)])
    return catalog


def merged(pot: Catalog) -> Catalog:
    """The Chinese catalogue updated to the template: new messages added empty, stale ones dropped."""
    with PO.open("rb") as handle:
        po = read_po(handle, locale="zh")
    po.update(pot, no_fuzzy_matching=True)
    po.obsolete.clear()
    po.revision_date = po.creation_date = FIXED
    return po


def problems(po: Catalog, pot: Catalog) -> list[str]:
    """Why the catalogue is not complete: missing, untranslated or fuzzy messages, or placeholders that differ."""
    import re

    out = []
    for message in pot:
        if not message.id:
            continue
        found = po.get(message.id)
        if found is None:
            out.append(f"missing: {message.id!r}")
            continue
        strings = found.string if isinstance(found.string, (list, tuple)) else [found.string]
        if not all(strings):
            out.append(f"untranslated: {message.id!r}")
        elif found.fuzzy:
            out.append(f"fuzzy: {message.id!r}")
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        # the same fields; a translation may drop a conversion (Chinese quotes “{name}” instead of {name!r})
        wanted = set(re.findall(r"\{([^}!]*)", ids[-1]))
        if any(set(re.findall(r"\{([^}!]*)", s)) != wanted for s in strings if s):
            out.append(f"placeholders differ: {message.id!r}")
    stale = {m.id if isinstance(m.id, str) else m.id[0] for m in po if m.id} - {
        m.id if isinstance(m.id, str) else m.id[0] for m in pot if m.id}
    out += [f"stale: {s!r}" for s in sorted(stale)]
    return out


def compiled(po: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, po)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    pot = template()
    if "--check" in argv:
        with PO.open("rb") as handle:
            po = read_po(handle, locale="zh")
        found = problems(po, pot)
        if MO.read_bytes() != compiled(po):
            found.append("the .mo file is not the compiled .po: run scripts/i18n.py")
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    with POT.open("wb") as handle:
        write_po(handle, pot, width=120, omit_header=True)
    po = merged(pot)
    with PO.open("wb") as handle:
        write_po(handle, po, width=120, omit_header=False, sort_output=False, include_previous=False)
    MO.write_bytes(compiled(po))
    left = problems(po, pot)
    print(f"{len(pot)} messages; {len(left)} to translate or fix in {PO.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
