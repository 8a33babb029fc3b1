"""A cited page in a terminal layout: publisher and URL, laid out so that the URL is never broken; a reference,
printed as it is."""

from __future__ import annotations

from .text import Text, cell_len, wrap


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
