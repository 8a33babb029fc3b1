"""Fitting a sheet of rows to the terminal: what may give way when it is narrow.

Every column has a kind:
- `key`: identifies the row (region, programme, batch, date, id): never dropped, never wrapped;
- `token`: slugs, keys, numbers, URLs, one per line: never broken inside, each line kept whole;
- `prose`: names and notes: wraps at word boundaries (CJK between characters) and takes the width that is left;
- `words`: short labels (a category): wrap between words, never inside one, and need no more than their longest.

When the keys, the tokens and a readable width for every prose column do not fit, the sheet is shown as records
instead (one block per row, `label: value` lines, like psql's expanded display), never squeezed.
"""

from __future__ import annotations

from typing import Any

from .text import Text, cell_len, pad, pieces, wrap

PROSE_MIN = 22
"""Narrower than this, a name of a project or an institution wraps into a column of two or three words per line:
the threshold was chosen by reading `search` and `show` output at 60 to 120 columns."""

LONGEST_WHOLE = 40
"""A word in prose up to this wide is never folded (a slug such as artificial-intelligence); a longer one (a URL in
a note) may be, rather than forcing every narrower layout into records."""

GAP = 2
"""Blank cells between columns."""

RULE = "─"


class Col:
    """A column: its header, kind (key / token / prose) and alignment."""

    def __init__(self, header: str, kind: str = "prose", justify: str = "left", style: str | None = None) -> None:
        self.header = header
        self.kind = kind
        self.justify = justify
        self.style = style


class Sheet:
    """Rows of cells (str or Text; a cell's lines are separate tokens) under columns, with an optional title and
    caption. In the record layout a row is named by `titles` (one per row) or else by its `heading` cells (default:
    the key columns)."""

    def __init__(self, columns: list[Col], rows: list[list[Any]], title: str | None = None,
                 caption: str | None = None, heading: list[int] | None = None,
                 titles: list[str] | None = None) -> None:
        self.columns = columns
        self.rows = [[c if isinstance(c, Text) else Text(str(c)) for c in row] for row in rows]
        self.title = title
        self.caption = caption
        self.heading = heading if heading is not None else [i for i, c in enumerate(columns) if c.kind == "key"]
        self.titles = titles


def _longest_word(text: str) -> int:
    """The widest piece that may not be broken: a word, cut where `break_points` lets a line break inside it (between
    CJK characters, before "（3）"), so a slug stays whole and a run of Chinese does not count as one word."""
    widest = 0
    for word in text.replace("\n", " ").split(" "):  # spaces only: a no-break space joins what it stands between
        widest = max([widest, *map(cell_len, pieces(word))])
    return widest


def _need(col: Col, cells: list[Text]) -> tuple[int, int]:
    """(minimum, natural) width of a column: what it cannot go below, and what it would take unconstrained."""
    lines = [line for c in cells for line in c.plain.split("\n")]
    natural = max([cell_len(line) for line in lines] + [cell_len(col.header)])
    header_min = max((cell_len(w) for w in col.header.split()), default=0)
    if col.kind == "key":
        return max(natural, header_min), natural
    if col.kind == "token":
        widest = max([cell_len(t) for line in lines for t in line.split(", ")] + [header_min])
        return widest, natural
    if col.kind == "words":
        return max(_longest_word(" ".join(lines)), header_min), natural
    return max(min(PROSE_MIN, natural), header_min, min(_longest_word(" ".join(lines)), LONGEST_WHOLE)), natural


def fits(sheet: Sheet, width: int) -> bool:
    needs = [_need(col, [row[i] for row in sheet.rows]) for i, col in enumerate(sheet.columns)]
    return sum(n for n, _ in needs) + GAP * (len(needs) - 1) <= width


def column_widths(sheet: Sheet, width: int) -> list[int]:
    """Every column's width: keys and tokens at their natural width (tokens at their widest token when that does not
    fit), prose and short labels from their minimum up towards their natural width, sharing what is left evenly.

    Computed here rather than left to Rich, whose way of narrowing a table trims every column alike once the two
    widest are equal, and so can cut a key column or push the last one off the screen.
    """
    needs = [_need(col, [row[i] for row in sheet.rows]) for i, col in enumerate(sheet.columns)]
    flexible = [i for i, col in enumerate(sheet.columns) if col.kind in ("prose", "words")]
    available = width - GAP * (len(needs) - 1)
    widths = [least if i in flexible else natural for i, (least, natural) in enumerate(needs)]
    if sum(widths) > available:  # tokens give way to their widest single token
        widths = [least for least, _ in needs]
    spare = available - sum(widths)
    while spare > 0:
        growing = [i for i in flexible if widths[i] < needs[i][1]]
        if not growing:
            break
        share = max(spare // len(growing), 1)
        for i in growing:
            step = min(share, needs[i][1] - widths[i], spare)
            widths[i] += step
            spare -= step
    return widths


def _row_lines(cells: list[Text], widths: list[int], columns: list[Col], style: str | None = None) -> list[Text]:
    """One row of cells, each wrapped to its column, as the terminal lines it takes."""
    wrapped = [wrap(cell, w) for cell, w in zip(cells, widths, strict=True)]
    height = max((len(lines) for lines in wrapped), default=1)
    out = []
    for n in range(height):
        line = Text()
        for i, (lines, w, col) in enumerate(zip(wrapped, widths, columns, strict=True)):
            piece = lines[n] if n < len(lines) else Text()
            if style or col.style:
                piece = piece.copy().stylize(style or col.style or "")
            if i:
                line.append(" " * GAP)
            line.append_text(pad(piece, w, col.justify))
        out.append(line)
    return out


def table(sheet: Sheet, width: int) -> list[Text]:
    """The sheet as table lines: a title, the headers (bold) over a rule, then the rows."""
    widths = column_widths(sheet, width)
    lines = wrap(Text(sheet.title, style="bold"), width) if sheet.title else []
    lines += _row_lines([Text(c.header) for c in sheet.columns], widths, sheet.columns, style="bold")
    lines.append(Text(RULE * (sum(widths) + GAP * (len(widths) - 1))))
    for row in sheet.rows:
        lines += _row_lines(row, widths, sheet.columns)
    return lines


def records(sheet: Sheet, width: int, language: str) -> list[Text]:
    """One block per row: the heading cells on one line, then `label: value` lines wrapped to the width, with the
    colon of the reader's `language`."""
    lines: list[Text] = wrap(Text(sheet.title, style="bold"), width) if sheet.title else []
    label_end = "：" if language == "zh" else ":"
    labels = [c.header + label_end for i, c in enumerate(sheet.columns) if i not in sheet.heading]
    label_width = min(max((cell_len(label) for label in labels), default=0), max(width // 3, 8))
    for n, row in enumerate(sheet.rows):
        if n:
            lines.append(Text())
        if sheet.titles is not None:
            head = Text(sheet.titles[n])
        else:
            head = Text(" · ").join(row[i] for i in sheet.heading if row[i].plain.strip())
        lines += wrap(head.stylize("bold"), width)
        for i, col in enumerate(sheet.columns):
            if i in sheet.heading or not row[i].plain.strip() or row[i].plain == "—":
                continue
            label = Text(col.header + label_end, style="dim")
            indent = Text(" " * (label_width + 1))
            values = wrap(row[i], max(width - label_width - 1, 10))
            if len(label) > label_width:  # a long label takes a line of its own, the value goes under it
                lines += wrap(label, width)
                lines += [indent.copy().append_text(v) for v in values]
                continue
            for k, value_line in enumerate(values):
                first = pad(label, label_width).append(" ") if k == 0 else indent.copy()
                lines.append(first.append_text(value_line))
    return lines


def sheet_lines(sheet: Sheet, width: int, layout: str | None, language: str) -> list[Text]:
    """The sheet as a table when it fits (or `layout` says table), else as records; the caption below either."""
    as_table = layout == "table" or (layout is None and fits(sheet, width))
    out = table(sheet, width) if as_table else records(sheet, width, language)
    if sheet.caption:
        out += wrap(Text(sheet.caption, style="dim"), width)
    return out
