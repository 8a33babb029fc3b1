"""Help text wrapped the way tables are: between words only (a slug such as privacy-computing is typed back whole),
between CJK characters, measured in terminal cells (a Chinese character takes two), and with no word left alone on
a last line.

Click wraps help with a textwrap.TextWrapper that breaks after hyphens and counts characters; this module is the
wrapper our own help formatter (cli/help.py) uses instead, so nothing in Click is replaced. `wrap_text` follows
Click's function of the same name (paragraphs, `\\b` blocks kept as they are) with widths in cells. Help is never
styled, so there are no colour codes to leave out of a width.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..render.text import cell_len, pieces

term_len = cell_len
"""How many terminal cells a piece of help takes (what Click's `term_len` counts in characters)."""


class CellWrapper(textwrap.TextWrapper):
    """textwrap's algorithm with widths in cells, break points from render.text, and the no-orphan rule."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("break_on_hyphens", False)
        super().__init__(*args, **kwargs)

    def _split(self, text: str) -> list[str]:
        return [piece for chunk in super()._split(text) for piece in pieces(chunk)]

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        """textwrap's algorithm (without max_lines, which help does not use) with widths in cells."""
        lines: list[str] = []
        chunks.reverse()
        while chunks:
            line: list[str] = []
            used = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - cell_len(indent)
            if self.drop_whitespace and chunks[-1].strip() == "" and lines:
                del chunks[-1]
            while chunks and used + cell_len(chunks[-1]) <= width:
                used += cell_len(chunks[-1])
                line.append(chunks.pop())
            if chunks and cell_len(chunks[-1]) > width:
                self._handle_long_word(chunks, line, used, width)
            if self.drop_whitespace and line and line[-1].strip() == "":
                del line[-1]
            if line:
                lines.append(indent + "".join(line))
        return self._no_orphan(lines)

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
        """A word longer than the line is cut where the line ends (Click's rule: at least one character)."""
        space_left = max(width - cur_len, 1)
        last = reversed_chunks[-1]
        cur_line.append(last[:space_left])
        reversed_chunks[-1] = last[space_left:]

    def _no_orphan(self, lines: list[str]) -> list[str]:
        """A last line of one word takes the previous line's last word with it ("(default: the" / "locale).")
        reads as "(default:" / "the locale).")."""
        if len(lines) < 2 or " " in lines[-1][len(self.subsequent_indent):].strip():
            return lines
        if not lines[-1].isascii():
            return lines  # CJK text has no words to keep together: its last line is not an orphan
        head, space, word = lines[-2].rpartition(" ")
        last = self.subsequent_indent + word + " " + lines[-1][len(self.subsequent_indent):]
        if space and " " in head.strip() and cell_len(last) <= self.width:
            lines[-2:] = [head, last]
        return lines

    @contextmanager
    def extra_indent(self, indent: str) -> Iterator[None]:
        """Indent both first and following lines a little more for the duration."""
        initial, subsequent = self.initial_indent, self.subsequent_indent
        self.initial_indent += indent
        self.subsequent_indent += indent
        try:
            yield
        finally:
            self.initial_indent, self.subsequent_indent = initial, subsequent

    def indent_only(self, text: str) -> str:
        """A `\\b` block: its lines indented, never rewrapped (an example to copy)."""
        return "\n".join((self.subsequent_indent if i else self.initial_indent) + line
                         for i, line in enumerate(text.splitlines()))


def wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """`text` wrapped to `width` cells; with `preserve_paragraphs`, each paragraph on its own (blank lines between
    them), and a paragraph whose first line is `\\b` kept line for line."""
    text = text.expandtabs()
    wrapper = CellWrapper(width, initial_indent=initial_indent, subsequent_indent=subsequent_indent,
                          replace_whitespace=False)
    if not preserve_paragraphs:
        return wrapper.fill(text)

    found: list[tuple[int, bool, str]] = []
    buffer: list[str] = []
    indent: int | None = None

    def flush() -> None:
        if not buffer:
            return
        if buffer[0].strip() == "\b":
            found.append((indent or 0, True, "\n".join(buffer[1:])))
        else:
            found.append((indent or 0, False, " ".join(buffer)))
        buffer.clear()

    for line in text.splitlines():
        if not line:
            flush()
            indent = None
        else:
            if indent is None:
                indent = term_len(line) - term_len(line.lstrip())
                line = line.lstrip()
            buffer.append(line)
    flush()

    out = []
    for extra, raw, paragraph in found:
        with wrapper.extra_indent(" " * extra):
            out.append(wrapper.indent_only(paragraph) if raw else wrapper.fill(paragraph))
    return "\n\n".join(out)
