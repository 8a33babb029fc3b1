"""A View is what a command hands to the renderers: the query as understood, the results and a little context."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"


@dataclass(frozen=True)
class View:
    """`kind` names the table layout and the CSV columns; `results` is always a list (JSON `results`)."""

    kind: str
    query: dict[str, Any]
    results: list[Any]
    extra: dict[str, Any] = field(default_factory=dict)
