"""What the generator scripts (readme.py, metadata.py) share: write a derived file, or with --check only say that it
is out of date (exit 1) without touching it, which is how the tests and CI keep derived files honest."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, fresh: str, argv: list[str], how: str) -> int:
    """Write `fresh` to `path`, or with `--check` in argv report (exit 1) whether it differs; `how` regenerates it."""
    current = path.read_text(encoding="utf-8")
    if "--check" in argv:
        if fresh != current:
            print(f"{path.name} is out of date: run {how}", file=sys.stderr)
            return 1
        return 0
    path.write_text(fresh, encoding="utf-8")
    return 0
