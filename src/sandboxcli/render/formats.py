"""JSON, NDJSON and CSV output with the standard library only, so `--json` never imports Rich.

JSON: the result's `as_dict()`: `{"command", "query", ...context, "count", "results"}`, non-ASCII as is. NDJSON:
one result object per line. CSV: one row per result with a plain value in every cell (lists joined with "; ",
booleans as true / false), a header row first. Values JSON cannot hold are made plain: BLOBs become
`{"$base64": true, "encoded": …}` (as sqlite-utils writes them), NaN and infinities become null.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..results import Result


def _base64(value: bytes | bytearray | memoryview) -> str:
    import base64  # only `sandbox sql` returns BLOBs

    return base64.b64encode(bytes(value)).decode("ascii")


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$base64": True, "encoded": _base64(value)}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _dumps(value: Any, indent: int | None = None) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    except (TypeError, ValueError):  # a BLOB or NaN from `sandbox sql`: only then pay for the walk
        return json.dumps(_jsonable(value), ensure_ascii=False, indent=indent, allow_nan=False)


def write_json(result: Result, out: TextIO) -> None:
    out.write(_dumps(result.as_dict(), indent=2) + "\n")


def write_ndjson(result: Result, out: TextIO) -> None:
    for item in result.as_dict()["results"]:
        out.write(_dumps(item) + "\n")


def cell(value: Any) -> Any:
    """A plain CSV value: empty for null, true / false, lists joined with "; ", a source as its URL."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _base64(value)
    if isinstance(value, list):
        return "; ".join(str(cell(v)) for v in value)
    if isinstance(value, dict):
        return _short(value)
    return value


def _short(value: dict[str, Any]) -> str:
    """One nested object as text: an applicant as its name (branch), a ranked item as label (count), a source as
    its URL, an event as date and kind."""
    if "entity_id" in value and "branch" in value:
        name = value.get("name_en") or value.get("name_zh") or value["entity_id"]
        return f"{name} ({value['branch']})" if value.get("branch") else str(name)
    if "count" in value and "label" in value:
        return f"{value['label']} ({value['count']})"
    if "url" in value:
        return str(value["url"])
    if "batch_key" in value and "id" in value:  # a project inside another result: its id for `sandbox project`
        return f"#{value['id']}"
    if "kind" in value and "date" in value:
        return f"{value.get('date') or '?'} {value['kind']}"
    return _dumps(value)


def flat_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A result's JSON object (`as_dict()`) as flat rows. A list of regions becomes one row per region and
    programme; nested values become plain text."""
    rows: list[dict[str, Any]] = []
    for item in data["results"]:
        if not isinstance(item, dict):
            item = {"value": item}
        if data["command"] == "list-cities" and "programmes" in item:
            base = {k: v for k, v in item.items() if k != "programmes"}
            rows += [{**base, **{k: cell(v) for k, v in p.items()}} for p in item["programmes"]]
            continue
        row = {k: cell(v) for k, v in item.items()}
        if isinstance(item.get("source"), dict):  # a source: its URL and its publisher, side by side
            row = {**{k: v for k, v in row.items() if k != "source"}, "source_url": item["source"]["url"],
                   "source_publisher": cell(item["source"].get("publisher"))}
        rows.append(row)
    return rows


def write_csv(result: Result, out: TextIO, bom: bool = False) -> None:
    import csv

    data = result.as_dict()
    rows = flat_rows(data)
    columns: dict[str, None] = dict.fromkeys(data.get("columns") or [])  # ordered, and a set: 2,000 columns
    for row in rows:                                                       # of 1,000 rows took 50 s as a list
        columns.update((k, None) for k in row if k not in columns)
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(columns) or ["value"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
