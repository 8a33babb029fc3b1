"""Rendering a Result: JSON, NDJSON and CSV with the standard library (formats.py), tables and records for a
terminal with Rich (terminal.py, imported only when asked for, so `--json` never pays for Rich)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from ..errors import UsageError
from ..i18n import N_, _

if TYPE_CHECKING:
    from ..results import Result

LAYOUTS = ("table", "records")


def check_layout(layout: str | None) -> None:
    if layout is not None and layout.strip().lower() not in LAYOUTS:
        from ..resolve import choice

        choice(layout, LAYOUTS, N_("layout"))
        raise UsageError(_("unknown layout {name!r}").format(name=layout))


def emit(result: Result, fmt: str, layout: str | None = None, out: TextIO | None = None, bom: bool = False) -> None:
    """Write `result` to `out` (stdout) as table, json, ndjson or csv."""
    out = out or sys.stdout
    if fmt == "table":
        from .terminal import render

        render(result, out, layout.strip().lower() if layout else None)
        return
    from . import formats

    if fmt == "json":
        formats.write_json(result, out)
    elif fmt == "ndjson":
        formats.write_ndjson(result, out)
    else:
        formats.write_csv(result, out, bom)
