"""`sandbox sql`: one read-only statement with named parameters and a time limit.

The connection is already read-only (mode=ro); an authorizer refuses anything but reading before SQLite even
tries, so the message can say why, and a progress handler stops a query that runs past its time limit, while it
runs and while its rows are fetched. Ctrl-C interrupts it like any other command (exit 130), not as a timeout.
"""

from __future__ import annotations

import math
import re
import sqlite3
import time
from collections.abc import Mapping
from typing import Any

from .errors import UsageError
from .i18n import _

MAX_ROWS = 100_000
"""More rows than this is an export, not a query: `sandbox export` or sqlite3 serve it better."""

_READ_ONLY = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
_INTROSPECTION_PRAGMAS = {"table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
                          "foreign_key_list", "foreign_key_check", "database_list", "collation_list",
                          "function_list", "module_list", "pragma_list", "compile_options", "integrity_check",
                          "quick_check"}
_VALUE_PRAGMAS = {"user_version", "schema_version", "application_id", "page_count", "page_size", "freelist_count",
                  "encoding", "data_version"}
"""Read-only when asked without a value (`PRAGMA user_version`), a write with one."""


def _authorizer(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
    if action in _READ_ONLY:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        if name in _INTROSPECTION_PRAGMAS or (name in _VALUE_PRAGMAS and arg2 is None):
            return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master" and trigger is None and db == "main":
        # SQLite asks this while it connects a virtual table (the FTS index) for reading; the connection is
        # read-only, so no statement can really write the schema.
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def check_timeout(timeout: float) -> float:
    """A finite time limit between 0.1 and 300 seconds (NaN and infinity would disable it)."""
    if not math.isfinite(timeout) or not 0.1 <= timeout <= 300:
        raise UsageError(_("--timeout {value!r} is not a number of seconds between 0.1 and 300").format(value=timeout))
    return timeout


def run_sql(conn: sqlite3.Connection, query: str, params: Mapping[str, Any] | None = None,
            timeout: float = 5.0) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows (as dicts) of one read-only statement; UsageError for anything else."""
    if not query.strip():
        raise UsageError(_("empty SQL statement"), _("e.g. {example}").format(
            example='sandbox sql "select * from regions"'))
    timeout = check_timeout(timeout)
    deadline = time.monotonic() + timeout
    timed_out = False

    def progress() -> int:
        nonlocal timed_out
        timed_out = time.monotonic() > deadline
        return int(timed_out)

    conn.set_authorizer(_authorizer)
    conn.set_progress_handler(progress, 10_000)
    try:
        cursor = conn.execute(query, dict(params or {}))
        columns = [d[0] for d in cursor.description or []]
        rows: list[dict[str, Any]] = []
        while batch := cursor.fetchmany(1000):
            rows += [dict(zip(columns, tuple(row), strict=True)) for row in batch]
            if len(rows) > MAX_ROWS:
                raise UsageError(_("the query returns more than {n} rows").format(n=f"{MAX_ROWS:,}"),
                                 _("add a LIMIT, or use `sandbox export` for whole tables"))
            if time.monotonic() > deadline:
                timed_out = True
                raise sqlite3.OperationalError("interrupted")
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "not authorized" in message or "authorization denied" in message or "readonly" in message:
            raise UsageError(_("only read-only statements are allowed (SELECT, WITH, read-only PRAGMA)")) from None
        if "interrupted" in message:
            if not timed_out:
                raise KeyboardInterrupt from None
            raise UsageError(_("query stopped after {seconds} s").format(seconds=f"{timeout:g}"),
                             _("narrow it down, or raise --timeout")) from None
        if "one statement at a time" in message:
            raise UsageError(_("give one SQL statement at a time")) from None
        unbound = re.search(r"binding parameter :(\w+)", message)
        if unbound:
            raise UsageError(_("no value for :{name}").format(name=unbound.group(1)),
                             _("give it with -p {name} VALUE").format(name=unbound.group(1))) from None
        if "parameters" in message or "binding" in message.lower():
            raise UsageError(_("SQL parameters: only named ones (:name) can be given"),
                             _("give each :name with -p name value")) from None
        raise UsageError(_("SQL error: {error}").format(error=message),
                         _("`sandbox sql --schema` lists the tables and columns")) from None
    except (sqlite3.Warning, ValueError, OverflowError) as exc:  # several statements, NUL characters, big ints
        raise UsageError(_("SQL error: {error}").format(error=exc), _("give one statement")) from None
    finally:
        conn.set_progress_handler(None, 0)
        conn.set_authorizer(None)
    return columns, rows
