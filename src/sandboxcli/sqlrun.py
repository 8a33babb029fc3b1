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

from .errors import DataError, UsageError
from .i18n import N_, Message

MAX_ROWS = 100_000
"""More rows than this is an export, not a query: `sandbox export` or sqlite3 serve it better."""

LONGEST_CELL = 10_000_000
"""Bytes one value of a result may have (SQLite's length limit while the statement runs): `zeroblob(5e7)` a
hundred times over would otherwise take gigabytes."""

MAX_RESULT_BYTES = 50_000_000
"""Bytes of text and BLOBs a whole result may hold: what is fetched is kept in memory, then rendered."""

SAFE_FUNCTIONS = frozenset((
    "abs", "changes", "char", "coalesce", "concat", "concat_ws", "format", "glob", "hex", "ifnull", "iif", "instr",
    "last_insert_rowid", "length", "like", "likelihood", "likely", "lower", "ltrim", "max", "min", "nullif",
    "octet_length", "printf", "quote", "random", "randomblob", "replace", "round", "rtrim", "sign", "soundex",
    "sqlite_compileoption_get", "sqlite_compileoption_used", "sqlite_source_id", "sqlite_version", "substr",
    "substring", "total_changes", "trim", "typeof", "unhex", "unicode", "unlikely", "upper", "zeroblob", "avg",
    "count", "group_concat", "string_agg", "sum", "total", "median", "percentile", "percentile_cont",
    "percentile_disc", "date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff", "current_date",
    "current_time", "current_timestamp", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil",
    "ceiling", "cos", "cosh", "degrees", "exp", "floor", "ln", "log", "log10", "log2", "mod", "pi", "pow", "power",
    "radians", "sin", "sinh", "sqrt", "tan", "tanh", "trunc", "row_number", "rank", "dense_rank", "percent_rank",
    "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "json", "json_array",
    "json_array_length", "json_extract", "json_insert", "json_object", "json_patch", "json_quote", "json_remove",
    "json_replace", "json_set", "json_type", "json_valid", "json_group_array", "json_group_object", "json_each",
    "json_tree", "jsonb", "jsonb_array", "jsonb_extract", "jsonb_insert", "jsonb_object", "jsonb_patch",
    "jsonb_remove", "jsonb_replace", "jsonb_set", "jsonb_group_array", "jsonb_group_object", "json_pretty",
    "json_error_position", "->", "->>", "match", "highlight", "snippet", "bm25", "fts5_source_id"
))
"""Functions `sandbox sql` may call: SQLite's own scalar, aggregate, date, math, window and JSON functions and
FTS5's ranking and highlighting. Everything else is refused by name: `fts3_tokenizer` hands out a pointer (and
with two arguments takes one, which crashes the process), `load_extension` loads code, and the FTS3 and R*Tree
helpers read structures a damaged file can forge."""

_READ_ONLY = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}
_INTROSPECTION_PRAGMAS = {"table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
                          "foreign_key_list", "foreign_key_check", "database_list", "collation_list",
                          "function_list", "module_list", "pragma_list", "compile_options", "integrity_check",
                          "quick_check"}
_VALUE_PRAGMAS = {"user_version", "schema_version", "application_id", "page_count", "page_size", "freelist_count",
                  "encoding", "data_version"}
"""Read-only when asked without a value (`PRAGMA user_version`), a write with one."""


class _Authorizer:
    """Allows reading only, and the SAFE_FUNCTIONS; remembers the first function it refused, for the message."""

    def __init__(self) -> None:
        self.refused: str | None = None

    def __call__(self, action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
        if action == sqlite3.SQLITE_FUNCTION:
            if (arg2 or "").lower() in SAFE_FUNCTIONS:
                return sqlite3.SQLITE_OK
            self.refused = self.refused or arg2 or "?"
            return sqlite3.SQLITE_DENY
        return _authorize(action, arg1, arg2, db, trigger)


def _authorize(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
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
    try:
        finite = math.isfinite(timeout)
    except (OverflowError, TypeError):  # 10**400 is an int no float can hold
        finite = False
    if not finite or not 0.1 <= timeout <= 300:
        raise UsageError(Message(N_("timeout={value!r} is not a number of seconds between 0.1 and 300"), value=timeout),
                         reason="timeout-out-of-range", values={"value": timeout})
    return timeout


def run_sql(conn: sqlite3.Connection, query: str, params: Mapping[str, Any] | None = None,
            timeout: float = 5.0) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows (as dicts) of one read-only statement; UsageError for anything else."""
    if not query.strip():
        raise UsageError(N_("empty SQL statement"), Message(N_("e.g. {example}"),
                                                            example='sandbox sql "select * from regions"'))
    timeout = check_timeout(timeout)
    deadline = time.monotonic() + timeout
    timed_out = False

    def progress() -> int:
        nonlocal timed_out
        timed_out = time.monotonic() > deadline
        return int(timed_out)

    authorizer = _Authorizer()
    conn.set_authorizer(authorizer)
    conn.set_progress_handler(progress, 10_000)
    limit = conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, LONGEST_CELL) if hasattr(conn, "setlimit") else None
    try:
        cursor = conn.execute(query, dict(params or {}))
        columns = unique_names([d[0] for d in cursor.description or []])
        rows: list[dict[str, Any]] = []
        size = 0
        for row in cursor:  # one row at a time: each limit is checked before the next row is read
            values = tuple(row)
            size += sum(len(v) for v in values if isinstance(v, (str, bytes)))
            rows.append(dict(zip(columns, values, strict=True)))
            if len(rows) > MAX_ROWS:
                raise UsageError(Message(N_("the query returns more than {n} rows"), n=f"{MAX_ROWS:,}"),
                                 N_("add a LIMIT, or use `sandbox export` for whole tables"))
            if size > MAX_RESULT_BYTES:
                raise UsageError(Message(N_("the result is larger than {n} MB"), n=MAX_RESULT_BYTES // 1_000_000),
                                 N_("select fewer rows or shorter values (substr, length)"))
            if len(rows) % 1000 == 0 and time.monotonic() > deadline:
                raise _stopped(timeout)
    except sqlite3.ProgrammingError as exc:
        raise _misuse(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        from .db import Code, primary_code

        code = primary_code(exc)
        if authorizer.refused:  # SQLITE_ERROR, like any bad statement: the authorizer knows it refused a function
            raise UsageError(Message(N_("the function {name}() is not allowed in `sandbox sql`"),
                                     name=authorizer.refused),
                N_("SQLite's own scalar, aggregate, date, math, JSON and window functions are allowed")) from None
        if code in (Code.CORRUPT, Code.NOTADB):
            from .db import repair_hint  # the file, not the statement: exit 3 like every other command

            raise DataError(Message(N_("the database is damaged: {problem}"), problem=exc), repair_hint()) from None
        if code == Code.TOOBIG:
            raise UsageError(Message(N_("a value in the result is longer than {n} MB"), n=LONGEST_CELL // 1_000_000),
                             N_("select part of it (substr) or its length")) from None
        if code in (Code.AUTH, Code.READONLY):
            raise UsageError(N_("only read-only statements are allowed (SELECT, WITH, read-only PRAGMA)")) from None
        if code == Code.INTERRUPT:  # the progress handler stopped it: at the time limit, or for Ctrl-C
            if not timed_out:
                raise KeyboardInterrupt from None
            raise _stopped(timeout) from None
        message = str(exc)
        raise UsageError(Message(N_("SQL error: {error}"), error=message), N_("schema() lists the tables and columns"),
                         reason="sql-error", values={"error": message}) from None
    except (sqlite3.Warning, ValueError, OverflowError) as exc:  # several statements, NUL characters, big ints
        raise UsageError(Message(N_("SQL error: {error}"), error=exc), N_("give one statement")) from None
    finally:
        conn.set_progress_handler(None, 0)
        conn.set_authorizer(None)
        if limit is not None:
            conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limit)
    return columns, rows


def _stopped(timeout: float) -> UsageError:
    """The query ran past its time limit."""
    seconds = f"{timeout:g}"
    return UsageError(Message(N_("query stopped after {seconds} s"), seconds=seconds),
                      N_("narrow it down, or allow a longer timeout"), reason="query-timed-out",
                      values={"seconds": seconds})


def _misuse(message: str) -> UsageError:
    """A statement or parameters the sqlite3 module refused before SQLite saw them (ProgrammingError).

    These carry no SQLite result code, and one class covers several statements, a parameter without a value, a
    positional parameter, a value that cannot be bound and a NUL character; only the module's message tells them
    apart (and names the parameter), so here, and only here, the text is read."""
    if "one statement at a time" in message:
        return UsageError(N_("give one SQL statement at a time"))
    unbound = re.search(r"binding parameter :(\w+)", message)
    if unbound:
        name = unbound.group(1)
        return UsageError(Message(N_("no value for :{name}"), name=name),
                          Message(N_("give it in params: {{{name!r}: value}}"), name=name), reason="unbound-parameter",
                          values={"name": name})
    if "parameters" in message or "binding" in message.lower():
        return UsageError(N_("SQL parameters: only named ones (:name) can be given"),
                          N_("give each :name in params, a dict"), reason="positional-parameters")
    return UsageError(Message(N_("SQL error: {error}"), error=message), N_("schema() lists the tables and columns"),
                      reason="sql-error", values={"error": message})


def unique_names(columns: list[str]) -> list[str]:
    """Column names made unique so that no value is lost when rows become objects: `SELECT p.id, b.id` gives
    `id` and `id_2` (and `id_3` …, skipping a name the statement already uses)."""
    seen = set(columns)
    out: list[str] = []
    for name in columns:
        if name in out:
            n = 2
            while f"{name}_{n}" in seen or f"{name}_{n}" in out:
                n += 1
            name = f"{name}_{n}"
        out.append(name)
    return out
