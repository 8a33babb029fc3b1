"""`sandbox sql`: one read-only statement with a time limit.

The connection is already read-only (mode=ro); an authorizer refuses anything but reading before SQLite even
tries, so the message can say why, and a progress handler stops a query that runs past its time limit.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from .errors import UsageError

_READ_ONLY = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
_SAFE_PRAGMAS = {"table_info", "table_xinfo", "index_list", "index_info", "foreign_key_list", "database_list",
                 "compile_options", "user_version", "schema_version", "page_count", "page_size"}


def _authorizer(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
    if action in _READ_ONLY:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1 in _SAFE_PRAGMAS and arg2 is None:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def run_sql(conn: sqlite3.Connection, query: str, timeout: float = 5.0) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows (as dicts) of one read-only statement; UsageError for anything else."""
    if not query.strip():
        raise UsageError("empty SQL statement", 'e.g. sandbox sql "select * from regions"')
    deadline = time.monotonic() + timeout
    conn.set_authorizer(_authorizer)
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        cursor = conn.execute(query)
        columns = [d[0] for d in cursor.description or []]
        rows = [dict(zip(columns, tuple(row), strict=True)) for row in cursor.fetchall()]
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "not authorized" in message or "readonly" in message:
            raise UsageError("only read-only statements are allowed (SELECT, WITH, read-only PRAGMA)") from None
        if "interrupted" in message:
            raise UsageError(f"query stopped after {timeout:g} s", "narrow it down, or raise --timeout") from None
        raise UsageError(f"SQL error: {message}", "the schema is in data/README.md") from None
    except (sqlite3.Warning, ValueError, OverflowError) as exc:  # several statements, NUL characters, big ints
        raise UsageError(f"SQL error: {exc}", "give one statement") from None
    finally:
        conn.set_progress_handler(None, 0)
        conn.set_authorizer(None)
    return columns, rows
