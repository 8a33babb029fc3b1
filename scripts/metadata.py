"""Write the descriptions of a project's declared fields (`PROJECT_FIELDS` in src/sandboxcli/dbbuild/schema.py)
into data/metadata.json, which Datasette reads as it is. Every other description in the file is written by hand.

Generated rather than checked: a check could only tell a contributor to copy the declaration's text into the file
by hand, a sixth place to state a new field. The builder takes these descriptions from the declaration itself
(schema.with_declared), so the database is right whether this ran before or after a build;
`tests/test_field_derivation.py` fails when the file is out of date.

    .venv/bin/python scripts/metadata.py           # rewrite data/metadata.json
    .venv/bin/python scripts/metadata.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sandboxcli.dbbuild.schema import with_declared

METADATA = Path(__file__).resolve().parents[1] / "data" / "metadata.json"


def render(current: str) -> str:
    """The file's text with the declared descriptions: existing columns keep their place, a new one comes last."""
    return json.dumps(with_declared(json.loads(current)), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    from generated import write_or_check

    return write_or_check(METADATA, render(METADATA.read_text(encoding="utf-8")), argv,
                          ".venv/bin/python scripts/metadata.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
