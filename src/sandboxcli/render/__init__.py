"""Rendering a Result: JSON, NDJSON and CSV with the standard library (formats.py), tables and records for a
terminal (terminal.py, imported only when asked for, so `--json` never pays for the layout code)."""

from __future__ import annotations

import io
import sys
from typing import TYPE_CHECKING, TextIO

from ..i18n import ENGLISH, N_

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..i18n import Translator
    from ..results import Result

LAYOUTS = ("table", "records")

FORMATS = ("table", "json", "ndjson", "csv")
"""The output formats every command takes (`--format`), defined once: the runner, completion and help read it."""


def writes_utf8(stream: TextIO) -> bool:
    """Whether a text stream encodes as UTF-8 (not so for an ASCII or Latin-1 locale, or PYTHONIOENCODING)."""
    import codecs

    return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "utf-8"


def layout_choice(layout: str | None) -> str | None:
    """`--layout` as typed (any case or width) → table or records; None lets the width decide."""
    if layout is None:
        return None
    from ..resolve import choice

    return choice(layout, LAYOUTS, N_("layout"))


def emit(result: Result, fmt: str, layout: str | None = None, out: TextIO | None = None, bom: bool = False,
         technology_labels: Mapping[str, str] | None = None, t: Translator = ENGLISH) -> None:
    """Write `result` to `out` (stdout) as table, json, ndjson or csv (`layout`: as `layout_choice` gives it;
    `technology_labels`: slug → label for a Chinese table, see render/context.py; `t`: the reader's language, which
    only a table reads)."""
    out = out or sys.stdout
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}")  # a bug: the runner resolves --format against FORMATS
    if fmt != "table" and not writes_utf8(out) and hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8", errors="strict")  # JSON and CSV are UTF-8, whatever the locale
    raw = getattr(out, "buffer", None)
    if isinstance(raw, io.RawIOBase):  # PYTHONUNBUFFERED=1: the text layer would drop what a short write leaves
        text = _Collected(out)
        _emit(result, fmt, layout, text, bom, technology_labels, t)
        write_all(raw, text.getvalue().encode(out.encoding, out.errors or "strict"))
        return
    _emit(result, fmt, layout, out, bom, technology_labels, t)


class _Collected(io.StringIO):
    """Output collected to be written whole; questions about the terminal (its width, colour, encoding) go to the
    stream it is for."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


def write_all(raw: io.RawIOBase, data: bytes) -> None:
    """Write every byte to an unbuffered file, or raise: a full disk or a file-size limit (`ulimit -f`) first
    shortens a write and only then fails, and a short write must never pass for a whole one."""
    import errno

    view = memoryview(data)
    while view:
        written = raw.write(view)
        if not written:
            raise OSError(errno.EIO, "short write")
        view = view[written:]


def _emit(result: Result, fmt: str, layout: str | None, out: TextIO, bom: bool,
          technology_labels: Mapping[str, str] | None, t: Translator) -> None:
    if fmt == "table":
        from .terminal import render

        render(result, t, out, layout, technology_labels)
        return
    from . import formats

    writers = {"json": formats.write_json, "ndjson": formats.write_ndjson}
    if fmt == "csv":
        formats.write_csv(result, out, bom)
    else:
        writers[fmt](result, out)
