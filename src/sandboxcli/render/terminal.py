"""Results for a person at a terminal: each result type has a layout (layouts.py, reports.py) that describes sheets
of rows and lines of text; fit.py decides whether each sheet is a table or a list of records at this width.

Lines are written without trailing spaces, so a file or a pipe gets clean text. Colour only on a terminal, never
with NO_COLOR, and also into a pipe with FORCE_COLOR.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from .fit import Sheet, sheet_lines
from .text import Text, cell_len, wrap

if TYPE_CHECKING:
    from ..results import Result


MAX_WIDTH = 1000
"""Wider than any terminal: a larger COLUMNS changes nothing but the memory a chart would take."""

ASCII_DRAWING = str.maketrans({"─": "-", "█": "#", "░": "."})


def _width(out: TextIO) -> int:
    """The terminal's width; COLUMNS when set; 80 for a pipe or a file."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
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


def lines_for(result: Result, width: int, layout: str | None) -> list[Text]:
    """The lines of a result: its layout's parts, sheets fitted to the width, text wrapped to it."""
    from . import layouts, reports

    name = type(result).__name__
    make = getattr(layouts, name, None) or getattr(reports, name, None)
    if make is None:  # references and sources: their own module, loaded only for them
        from . import citing

        make = getattr(citing, name)
    out: list[Text] = []
    for part in make(result, width):
        if isinstance(part, Verbatim):
            out += [Text(line) for line in part.text.split("\n")]
        elif isinstance(part, Sheet):
            out += sheet_lines(part, width, layout)
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


def render(result: Result, out: TextIO | None = None, layout: str | None = None) -> None:
    """Print `result` for a person: tables or records that fit the terminal, no trailing spaces."""
    out = out or sys.stdout
    colour = _colour(out)
    text = "\n".join(_rstrip(line).render(colour) for line in lines_for(result, _width(out), layout))
    text = text.replace("\u00a0", " ")  # no-break spaces hold words together while lines are laid out, no further
    try:
        "─█░".encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):  # an ASCII or Latin-1 terminal: rules and bars in ASCII
        text = text.translate(ASCII_DRAWING)
    out.write(text + "\n")


class Verbatim:
    """Text printed exactly as it is, never wrapped: a reference to copy into an editor (one line each; the
    terminal folds it on screen) or a BibTeX, RIS or CSL-JSON file, whose lines a wrap would break."""

    def __init__(self, text: str) -> None:
        self.text = text


class Link:
    """A cited page: its publisher, then its URL on the same line when both fit the width, else the URL on a line
    of its own, indented under it. A URL is never wrapped, even when it is wider than the terminal, so it can be
    copied or clicked whole."""

    def __init__(self, prefix: str, url: str, publisher: str | None = None) -> None:
        self.prefix, self.url, self.publisher = prefix, url, publisher

    def lines(self, width: int) -> list[Text]:
        indent = cell_len(self.prefix)
        head = Text(self.prefix, style="dim")
        if not self.publisher:
            return [head.append(self.url, style="dim")]
        if indent + cell_len(self.publisher) + 2 + cell_len(self.url) <= width:
            return [head.append(self.publisher).append("  ").append(self.url, style="dim")]
        label = wrap(Text(self.publisher), max(width - indent, 10))
        under = indent + 2 if indent + 2 + cell_len(self.url) <= width else 0  # flush left when indenting would wrap it
        return [head.append_text(label[0]), *(Text(" " * indent).append_text(line) for line in label[1:]),
                Text(" " * under).append(self.url, style="dim")]
