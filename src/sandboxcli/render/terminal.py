"""Results for a person at a terminal: each result type has a layout (registered in registry.py by layouts.py and
reports.py, beside the code that draws it) that describes sheets
of rows and lines of text; fit.py decides whether each sheet is a table or a list of records at this width.

Lines are written without trailing spaces, so a file or a pipe gets clean text. Colour only on a terminal, never
with NO_COLOR, and also into a pipe with FORCE_COLOR.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

from .context import RenderContext
from .fit import Sheet, sheet_lines
from .link import Link, Verbatim
from .registry import layout_for
from .text import Text, wrap

if TYPE_CHECKING:
    from ..i18n import Translator
    from ..results import Result


MAX_WIDTH = 1000
"""Wider than any terminal: a larger COLUMNS changes nothing but the memory a chart would take."""

ASCII_DRAWING = str.maketrans({"─": "-", "█": "#", "░": "."})


def _width(out: TextIO) -> int:
    """The terminal's width; COLUMNS when set; 80 for a pipe or a file."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > 0:  # not "²" or "①", which int() refuses
        return min(int(columns), MAX_WIDTH)
    try:
        return os.get_terminal_size(out.fileno()).columns if out.isatty() else 80
    except (OSError, ValueError, AttributeError):
        return 80


def _colour(out: TextIO) -> bool:
    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return out.isatty() and os.environ.get("TERM") != "dumb"
    except (ValueError, AttributeError):
        return False


def lines_for(result: Result, width: int, layout: str | None, t: Translator,
              technology_labels: Mapping[str, str] | None = None) -> list[Text]:
    """The lines of a result in `t`'s language: its layout's parts, sheets fitted to the width, text wrapped to
    it."""
    out: list[Text] = []
    for part in layout_for(result)(result, RenderContext(width, t, technology_labels)):
        if isinstance(part, Verbatim):
            out += [Text(line) for line in part.text.split("\n")]
        elif isinstance(part, Sheet):
            out += sheet_lines(part, width, layout, t.language)
        elif isinstance(part, Link):
            out += part.lines(width)
        else:
            out += wrap(part if isinstance(part, Text) else Text(str(part)), width)
    return out


def _rstrip(line: Text) -> Text:
    spans = list(line.spans)
    while spans and not spans[-1][0].rstrip():
        spans.pop()
    if spans:
        spans[-1] = (spans[-1][0].rstrip(), spans[-1][1])
    stripped = Text()
    stripped.spans = spans
    return stripped


def render(result: Result, t: Translator, out: TextIO | None = None, layout: str | None = None,
           technology_labels: Mapping[str, str] | None = None) -> None:
    """Print `result` for a person, in `t`'s language: tables or records that fit the terminal, no trailing
    spaces."""
    out = out or sys.stdout
    colour = _colour(out)
    text = "\n".join(_rstrip(line).render(colour) for line in lines_for(result, _width(out), layout, t,
                                                                                technology_labels))
    text = text.replace("\u00a0", " ")  # no-break spaces hold words together while lines are laid out, no further
    try:
        "─█░".encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):  # an ASCII or Latin-1 terminal: rules and bars in ASCII
        text = text.translate(ASCII_DRAWING)
    out.write(text + "\n")
