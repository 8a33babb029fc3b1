"""Styled text for a terminal, measured in cells and wrapped between words: the small part of a rich-text library
the tables need, with the standard library only.

Rich did this before, but importing it (its console, tables and Unicode width tables) cost more than the whole
JSON path of a command (measured: `rich.console` 36–42 ms, `rich.cells` alone 33 ms), and every query is a fresh
process. Widths come from `unicodedata` (a C module): East Asian wide and full-width characters take two cells,
combining marks none. Lines break at spaces and between wide (CJK) characters, except before closing and after
opening punctuation, inside a date written 2021年6月4日 and inside short brackets (the Chinese name in
"Guangzhou branch (广州分行)"); a word wider than the line is folded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import pairwise

ANSI = {"bold": "1", "dim": "2", "italic": "3", "green": "32", "yellow": "33"}


_WIDTHS: dict[str, int] = {}
"""Cells per character, looked up once each: Chinese text repeats its characters."""


def char_width(ch: str) -> int:
    width = _WIDTHS.get(ch)
    if width is None:
        width = 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        _WIDTHS[ch] = width
    return width


def cell_len(text: str) -> int:
    """How many terminal cells `text` takes."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def wide(ch: str) -> bool:
    return not ch.isascii() and char_width(ch) == 2


NO_BREAK_BEFORE = frozenset("，。、；：？！）」』》〉】”’…,.;:!?)]}%\u00a0")
NO_BREAK_AFTER = frozenset("（「『《〈【“‘([{\u00a0")
"""Closing marks and a no-break space never start a line; opening marks and a no-break space never end one."""


def may_break(before: str, after: str) -> bool:
    """Whether a line may break between two adjacent characters without a space: between wide characters (CJK
    text has no spaces), never before a closing or after an opening mark, never inside 2021年6月4日."""
    if not (wide(before) or wide(after)):
        return False
    if after in NO_BREAK_BEFORE or before in NO_BREAK_AFTER:
        return False
    return not ((before.isdigit() and after in "年月日") or (before in "年月" and after.isdigit()))


SHORT_BRACKETS = re.compile(r"\([^()]{1,16}\)|（[^（）]{1,16}）")
"""A short bracketed name or mark, kept on one line: "Guangzhou branch (广州分行)", "project（译名）"."""


SHORT_COMMAND = re.compile(r"`[^`]{1,40}`")
"""A command quoted in a caption (`sandbox show CITY BATCH`) stays on one line, to be read and typed whole."""


def break_points(text: str) -> set[int]:
    """The indexes where a line may break before `text[i]` although there is no space: `may_break`, except inside
    short brackets."""
    points: set[int] = set()
    if text.isascii():
        return points
    flags = [wide(ch) for ch in text]
    for i in range(1, len(text)):
        if (flags[i] or flags[i - 1]) and may_break(text[i - 1], text[i]):
            points.add(i)
    for pattern in (SHORT_BRACKETS, SHORT_COMMAND):
        for found in pattern.finditer(text):
            points.difference_update(range(found.start() + 1, found.end()))
    return points


def pieces(word: str) -> list[str]:
    """A word (no spaces) cut at its `break_points`: the parts a line may not break inside."""
    cuts = [0, *sorted(break_points(word)), len(word)]
    return [word[a:b] for a, b in pairwise(cuts)]


STEERING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters that steer a terminal or reorder what it shows: C0 controls but the newline (ESC starts colour codes,
window titles and cursor moves; CR and BS overwrite what was printed), DEL, C1 controls (U+009B is a one-character
ESC [), and the bidirectional marks and overrides (U+202E prints the rest of a line backwards)."""


def safe(text: str) -> str:
    """`text` with every STEERING character written as an escape (`\\x1b`, `\\u202e`): names, notes and URLs come
    from a database that may have been edited by anyone, and every piece of text a table shows passes through
    `Text`, so this is the one place they are made harmless in tables (JSON and NDJSON write them as \\u escapes,
    render/formats.py; CSV, data for a file, escapes them only on a terminal)."""
    if text.isprintable() or not STEERING.search(text):
        return text
    return STEERING.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class Text:
    """Text made of spans, each with an optional style ("bold", "dim italic" …); what goes in is made `safe`."""

    __slots__ = ("no_wrap", "spans")

    def __init__(self, text: str = "", style: str | None = None, no_wrap: bool = False) -> None:
        self.spans: list[tuple[str, str | None]] = [(safe(text), style)] if text else []
        self.no_wrap = no_wrap

    @property
    def plain(self) -> str:
        return "".join(t for t, _ in self.spans)

    def append(self, text: str, style: str | None = None) -> Text:
        if text:
            text = safe(text)
            if self.spans and self.spans[-1][1] == style:  # one span per run of a style: fewer escape codes
                self.spans[-1] = (self.spans[-1][0] + text, style)
            else:
                self.spans.append((text, style))
        return self

    def append_text(self, other: Text) -> Text:
        for text, style in other.spans:
            self.append(text, style)
        return self

    def stylize(self, style: str) -> Text:
        """Add `style` to every span."""
        self.spans = [(t, f"{s} {style}" if s else style) for t, s in self.spans]
        return self

    def join(self, parts: Iterable[Text]) -> Text:
        out = Text()
        for i, part in enumerate(parts):
            if i:
                out.append_text(self.copy())
            out.append_text(part.copy())
        return out

    def copy(self) -> Text:
        new = Text(no_wrap=self.no_wrap)
        new.spans = list(self.spans)
        return new

    def __len__(self) -> int:
        return cell_len(self.plain)

    def lines(self) -> list[Text]:
        """The text split at its newlines."""
        out = [Text()]
        for text, style in self.spans:
            for i, piece in enumerate(text.split("\n")):
                if i:
                    out.append(Text())
                out[-1].append(piece, style)
        return out

    def render(self, colour: bool) -> str:
        if not colour:
            return self.plain
        out = []
        for text, style in self.spans:
            codes = [ANSI[s] for s in (style or "").split() if s in ANSI]
            out.append(f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes and text else text)
        return "".join(out)


def _words(line: Text) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """A line as (separator before, word spans): words split at spaces and wherever `may_break` allows between two
    characters (then with no separator), so that CJK text breaks between characters. Words are cut out of the
    spans as slices, so a 1 MB cell takes linear time."""
    words: list[tuple[str, list[tuple[str, str | None]]]] = []
    current: list[tuple[str, str | None]] = []
    sep = ""
    spaces = 0  # spaces since the last word, kept as its separator (two spaces stay two)
    plain = line.plain
    points = break_points(plain)
    glued = {m.start() + i for m in SHORT_COMMAND.finditer(plain) for i, ch in enumerate(m.group()) if ch == " "}
    offset = 0

    def finish() -> None:
        nonlocal current
        if current:
            words.append((sep, current))
            current = []

    for text, style in line.spans:
        start: int | None = None  # where the piece of the current word in this span began
        for i, ch in enumerate(text):
            if ch == " " and offset + i not in glued:
                if start is not None:
                    current.append((text[start:i], style))
                    start = None
                finish()
                spaces += 1
                continue
            if (current or start is not None) and offset + i in points:
                if start is not None:
                    current.append((text[start:i], style))
                    start = None
                finish()
            if not current and start is None:
                sep, spaces = " " * spaces, 0
            if start is None:
                start = i
        if start is not None:
            current.append((text[start:], style))
        offset += len(text)
    finish()
    return words


def wrap(text: Text, width: int) -> list[Text]:
    """`text` in lines of at most `width` cells: broken between words (and between wide characters), a word wider
    than the line folded; a no-wrap text is returned whole, line by line."""
    if text.no_wrap or width <= 0:
        return text.lines()
    out: list[Text] = []
    for line in text.lines():
        plain = line.plain
        if cell_len(plain) <= width and plain == plain.strip(" "):  # fits as it is: most cells do
            out.append(line)
            continue
        current, used = Text(), 0
        for sep, spans in _words(line):
            word = "".join(t for t, _ in spans)
            size = cell_len(word)
            gap = cell_len(sep) if used else 0
            if used and used + gap + size > width:
                out.append(current)
                current, used, gap = Text(), 0, 0
            if size > width:  # fold a word that cannot fit on any line
                for piece, style in spans:
                    for ch in piece:
                        w = char_width(ch)
                        if used + w > width and used:
                            out.append(current)
                            current, used = Text(), 0
                        current.append(ch, style)
                        used += w
                continue
            if gap:  # the space takes the style around it, so a styled run stays one run
                current.append(sep, spans[0][1] if current.spans and current.spans[-1][1] == spans[0][1] else None)
            for piece, style in spans:
                current.append(piece, style)
            used += gap + size
        out.append(current)
    return out


def pad(line: Text, width: int, justify: str = "left") -> Text:
    """`line` filled with spaces to `width` cells (on the left when right-justified)."""
    room = width - len(line)
    if room <= 0:
        return line
    if justify == "right":
        return Text(" " * room).append_text(line)
    return line.copy().append(" " * room)
