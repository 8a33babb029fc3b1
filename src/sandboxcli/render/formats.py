"""JSON, NDJSON and CSV output with the standard library only, so `--json` never imports Rich.

JSON: one object `{"command", "query", "count", "results", ...extra}`, keys in a fixed order, non-ASCII as is.
NDJSON: one result object per line. CSV: one row per result, lists joined with "; ", a header row first.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..models import Record
from .view import View


def plain(value: Any) -> Any:
    """Records → dicts, recursively; everything else unchanged."""
    if isinstance(value, Record):
        return {k: plain(v) for k, v in value.as_dict().items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def document(view: View) -> dict[str, Any]:
    """The JSON object for a view."""
    return {"command": view.kind, "query": view.query, **plain(view.extra), "count": len(view.results),
            "results": plain(view.results)}


def write_json(view: View, out: TextIO) -> None:
    out.write(json.dumps(document(view), ensure_ascii=False, indent=2) + "\n")


def write_ndjson(view: View, out: TextIO) -> None:
    for result in view.results:
        out.write(json.dumps(plain(result), ensure_ascii=False) + "\n")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_short(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _short(value: Any) -> str:
    """One list item as text: an applicant as its name (branch), a ranked item as label (count)."""
    if isinstance(value, dict):
        if "entity_id" in value:
            name = value.get("name_en") or value.get("name_zh") or value["entity_id"]
            return f"{name} ({value['branch']})" if value.get("branch") else str(name)
        if "count" in value and "label" in value:
            return f"{value['label']} ({value['count']})"
        if "kind" in value and "date" in value:
            return f"{value.get('date') or '?'} {value['kind']}"
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flat_rows(view: View) -> list[dict[str, Any]]:
    """Results as flat dicts for CSV; nested lists become "; "-joined text."""
    rows = []
    for result in plain(view.results):
        if not isinstance(result, dict):
            result = {"value": result}
        rows.append({k: _cell(v) for k, v in result.items()})
    return rows


def write_csv(view: View, out: TextIO) -> None:
    import csv

    rows = flat_rows(view)
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    writer = csv.DictWriter(out, fieldnames=columns or ["value"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
