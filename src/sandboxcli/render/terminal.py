"""Results for a person at a terminal: each result type has a layout (layouts.py, reports.py) that describes sheets
of rows and lines of text; fit.py decides whether each sheet is a table or a list of records at this width.

Output is rendered to text first, then written without trailing spaces, so a file or a pipe gets clean lines; colour
follows Rich's rules (none when piped, none with NO_COLOR).
"""

from __future__ import annotations

import io
import os
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console
from rich.text import Text

from .fit import Sheet, sheet_blocks

if TYPE_CHECKING:
    from ..records import Result

_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.M)


def _width(out: TextIO) -> int:
    """The terminal's width; COLUMNS when set; 80 for a pipe or a file."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(out.fileno()).columns if out.isatty() else 80
    except (OSError, ValueError, AttributeError):
        return 80


def blocks_for(result: Result, width: int, layout: str | None) -> list[Any]:
    """The renderables for a result: its layout's parts, sheets fitted to the width."""
    from . import layouts, reports

    name = type(result).__name__
    make = getattr(layouts, name, None) or getattr(reports, name)
    out: list[Any] = []
    for part in make(result, width):
        if isinstance(part, Sheet):
            out += sheet_blocks(part, width, layout)
        else:
            out.append(part)
    return out


def render(result: Result, out: TextIO | None = None, layout: str | None = None) -> None:
    """Print `result` for a person: tables or records that fit the terminal, no trailing spaces."""
    out = out or sys.stdout
    width = _width(out)
    is_tty = out.isatty() if hasattr(out, "isatty") else False
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, highlight=False, force_terminal=is_tty or None,
                      no_color="NO_COLOR" in os.environ or None)
    if not is_tty and not os.environ.get("FORCE_COLOR"):
        console = Console(file=buffer, width=width, highlight=False, color_system=None, force_terminal=False)
    for part in blocks_for(result, width, layout):
        # A URL stays on one line (soft wrap leaves wrapping to the terminal), so it can be copied whole.
        console.print(part, soft_wrap=isinstance(part, Text) and part.no_wrap is True)
    out.write(_TRAILING.sub(r"\1", buffer.getvalue()))


def link(prefix: str, url: str, publisher: str | None = None) -> Text:
    """A URL on one line even when it is wider than the terminal, so it can be copied or clicked whole; the
    publisher before it."""
    text = Text(prefix, style="dim", no_wrap=True, overflow="ignore")
    if publisher:
        text.append(f"{publisher}  ")
    text.append(url, style="dim")
    return text
