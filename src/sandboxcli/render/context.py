"""What a layout needs besides its result, passed to it explicitly rather than read from module globals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .cells import Cells

if TYPE_CHECKING:
    from ..i18n import Translator


class RenderContext:
    """The width to fit, the reader's language (`t`, the invocation's Translator, and `c`, the cell helpers in
    that language) and the Chinese labels of technology slugs. A layout reads the language only from here.

    A Chinese table shows a technology as `区块链 blockchain`: the records carry slugs (the same in every
    language and what `--tech` takes), so the runner asks the database for the labels and passes them here, only
    for a Chinese table. English and the machine-readable formats never need them.
    """

    __slots__ = ("c", "t", "technology_labels", "width")

    def __init__(self, width: int, t: Translator, technology_labels: Mapping[str, str] | None = None) -> None:
        self.width = width
        self.t = t
        self.c = Cells(t)
        self.technology_labels: Mapping[str, str] = technology_labels or {}

    def technology(self, slug: str) -> str:
        """A technology slug, or its label followed by the slug when a label was passed (a Chinese table)."""
        label = self.technology_labels.get(slug)
        return f"{label} {slug}" if label else slug

    def technologies(self, slugs: list[str]) -> str:
        """One technology per line, or a dash for none."""
        return "\n".join(self.technology(t) for t in slugs) or "—"
