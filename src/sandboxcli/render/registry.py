"""Which layout draws which result: layouts.py and reports.py register each layout with `@draws(ResultType)` on
the function itself, so `grep "draws(res.BatchView)"` leads from a result type to the code that draws it.

A result type without a layout is a bug reported as such (LookupError), never a silent fallback to another layout.
The layout modules are imported only when a table is drawn, so `--json` never loads them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ..results import Result
    from .context import RenderContext

Layout = Callable[[Any, "RenderContext"], list[Any]]
"""A layout: (result, render context: the width, labels) → sheets, links and lines of text."""

LayoutT = TypeVar("LayoutT", bound=Layout)

LAYOUTS: dict[type, Layout] = {}
"""Result type → its layout, filled by `draws` when layouts.py and reports.py are imported."""


def draws(result_type: type) -> Callable[[LayoutT], LayoutT]:
    """Register the decorated function as the layout of `result_type` (one layout per type)."""

    def register(layout: LayoutT) -> LayoutT:
        if result_type in LAYOUTS:
            raise LookupError(f"{result_type.__name__} has two layouts")
        LAYOUTS[result_type] = layout
        return layout

    return register


def layout_for(result: Result) -> Layout:
    """The layout registered for `result`'s type."""
    from . import citing, layouts, reports  # noqa: F401  (importing them registers their layouts)

    try:
        return LAYOUTS[type(result)]
    except KeyError:
        raise LookupError(f"no terminal layout is registered for {type(result).__name__}") from None
