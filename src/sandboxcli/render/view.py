"""A View is what a command hands to the renderers: the query as understood, the results and a little context."""

from __future__ import annotations

from typing import Any

from ..models import Record

FORMATS = ("table", "json", "ndjson", "csv")


class View(Record):
    """`kind` names the table layout and the CSV columns; `results` is always a list (JSON `results`)."""

    kind: str
    query: dict[str, Any]
    results: list[Any]
    extra: dict[str, Any] = {}  # noqa: RUF012 - Record gives every instance its own copy
