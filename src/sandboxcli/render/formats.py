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
        text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    except (TypeError, ValueError):  # a BLOB or NaN from `sandbox sql`: only then pay for the walk
        text = json.dumps(_jsonable(value), ensure_ascii=False, indent=indent, allow_nan=False)
    return text if text.isascii() and "\x7f" not in text else _escape_steering(text)


def _escape_steering(text: str) -> str:
    """JSON text with the steering characters json.dumps leaves raw (DEL, C1 controls such as U+009B, the
    bidirectional overrides such as U+202E) written as \\u escapes: the same string to a JSON reader, harmless on a
    terminal. json.dumps has already escaped the C0 controls, and outside strings JSON text is ASCII."""
    from .text import STEERING

    return STEERING.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_json(result: Result, out: TextIO) -> None:
    out.write(_dumps(result.as_dict(), indent=2) + "\n")


def write_ndjson(result: Result, out: TextIO) -> None:
    for item in result.as_dict()["results"]:
        out.write(_dumps(item) + "\n")


def cell(value: Any) -> Any:
    """A plain CSV value: empty for null, true / false, lists joined with "; ", a record as its type says
    (`Record.as_cell`: a source as its URL, an applicant as its name and branch, a project as its id)."""
    from ..records import Record

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _base64(value)
    if isinstance(value, Record):
        return value.as_cell()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(cell(v)) for v in value)
    if isinstance(value, dict):
        return _dumps(value)
    return value


def flat_rows(result: Result) -> list[dict[str, Any]]:
    """A result as flat CSV rows (`Result.csv_items`: one per result, or, for list-cities and compare, one per
    region and programme). A cited source becomes two columns at the end of the row, its URL and its publisher."""
    from ..records import SourceRef

    rows: list[dict[str, Any]] = []
    for item in result.csv_items():
        row = {key: cell(value) for key, value in item.items()}
        source = item.get("source")
        if isinstance(source, SourceRef):
            del row["source"]
            row["source_url"], row["source_publisher"] = source.url, cell(source.publisher)
        rows.append(row)
    return rows


def write_csv(result: Result, out: TextIO, bom: bool = False) -> None:
    """CSV as it is for a file or a pipe; on a terminal, the steering characters a hostile database may hold (ESC,
    BEL, CR, U+009B, U+202E) are written as escapes, as in a table, so `-f csv` cannot retitle or clear the screen."""
    if out.isatty():
        import io

        from .text import safe

        held = io.StringIO()
        _write_csv(result, held, bom)
        out.write("\n".join(safe(line) for line in held.getvalue().split("\n")))
        return
    _write_csv(result, out, bom)


def _write_csv(result: Result, out: TextIO, bom: bool) -> None:
    import csv

    rows = flat_rows(result)
    columns: dict[str, None] = dict.fromkeys(getattr(result, "columns", None) or [])  # ordered, and a set: 2,000
    for row in rows:                                                   # columns of 1,000 rows took 50 s as a list
        columns.update((k, None) for k in row if k not in columns)
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(columns) or ["value"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
