"""What is wrong with a database that made a command fail: the first value that breaks a rule the query path relies
on (a column's type, a name that must be there, a date, a reference to a row that exists), or the file itself.

Checking every value at every start would cost each command time for a file the builder already checked; instead
the runner asks here only after a query or a renderer failed on data of the wrong shape (a TypeError from a NULL
name, a KeyError from a dangling reference …). A problem found means the database is damaged (exit 3); none found
means the failure is a bug in sandboxcli (exit 70), and is reported as one.
"""

from __future__ import annotations

import sqlite3

from .db import LONGEST_VALUE
from .i18n import N_, Message

REQUIRED = {
    "sources": ("id", "url"), "programmes": ("id", "name_en", "name_zh"), "regions": ("slug", "name_en", "name_zh"),
    "technologies": ("slug",), "entities": ("id",), "entity_aliases": ("entity_id", "alias"),
    "batches": ("id", "programme", "region", "key", "source_id"), "projects": ("id", "batch_id", "source_id"),
    "project_applicants": ("project_id", "entity_id", "source_id"), "project_technologies": ("project_id",
                                                                                           "technology"),
    "events": ("id", "batch_id", "kind", "source_id"), "tallies": ("id", "source_id"),
}
"""Columns the query path reads as always present, whether or not the file's schema still says NOT NULL."""

ONE_OF = {"entities": ("name_en", "name_zh"), "projects": ("name_en", "name_zh"), "regions": ("name_en", "name_zh")}
"""Rows that must have a name in at least one language."""

PAIRED = {"entities": ("parent_id", "parent_source_id")}
"""A column whose value needs another: a tie to a group is shown with the page that states it."""

LISTS = {"projects": "notes", "batches": "notes"}
"""Columns holding a JSON array of text (or NULL)."""

DATES = {"batches": "announced", "events": "date", "sources": "date", "tallies": "date"}
"""Columns holding YYYY, YYYY-MM or YYYY-MM-DD (or NULL)."""

_TYPES = {"TEXT": ("text",), "INTEGER": ("integer",), "REAL": ("real", "integer")}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _columns(conn: sqlite3.Connection, table: str) -> tuple[str, list[tuple[str, str, bool]]]:
    """How a row is named in a message (its primary key, else its rowid), and (name, declared type, required) of
    each column of an ordinary table: NOT NULL, or part of the primary key (which SQLite lets hold NULL)."""
    info = list(conn.execute(f"PRAGMA table_info({_quoted(table)})"))
    keys = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
    key = " || ', ' || ".join(_quoted(k) for k in keys) if keys else "rowid"
    return key, [(row[1], str(row[2]).upper(), bool(row[3] or row[5])) for row in info]


def _column_problem(conn: sqlite3.Connection, table: str, key: str, column: str, kinds: tuple[str, ...],
                    required: bool) -> Message | None:
    allowed = kinds if required else (*kinds, "null")
    where = f"typeof({_quoted(column)}) NOT IN ({', '.join(repr(k) for k in allowed)})" if kinds else (
        f"{_quoted(column)} IS NULL" if required else "0")
    try:
        row = conn.execute(f"SELECT {key}, {_quoted(column)} FROM {_quoted(table)} WHERE {where} OR "
                           f"length({_quoted(column)}) > ? LIMIT 1", (LONGEST_VALUE,)).fetchone()
    except sqlite3.DataError:  # the value is over the connection's length limit: reading it is refused
        return Message(N_("{table}.{column} holds a value longer than {n} bytes"),
                       table=table, column=column, n=f"{LONGEST_VALUE:,}")
    if row is None:
        return None
    rowid, value = row[0], row[1]
    if value is None:
        return Message(N_("{table}.{column} is empty (NULL) in row {row}"), table=table, column=column, row=rowid)
    if isinstance(value, (str, bytes)) and len(value) > LONGEST_VALUE:
        return Message(N_("{table}.{column} holds a value longer than {n} bytes"),
                       table=table, column=column, n=f"{LONGEST_VALUE:,}")
    return Message(N_("{table}.{column} is {value}, not {kind}, in row {row}"),
                   table=table, column=column, value=_value(value), kind=" / ".join(kinds), row=rowid)


def damage(conn: sqlite3.Connection) -> str | Message | None:
    """The first problem found in the database, as one line; None when every check passes."""
    try:
        return _damage(conn)
    except sqlite3.DatabaseError as exc:  # a check could not even read the file
        return str(exc)
    except MemoryError:
        return Message(N_("it could not be read without running out of memory"))


def _damage(conn: sqlite3.Connection) -> str | Message | None:
    from .dates import date_problem

    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                         "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite%' ORDER BY name")]
    for table in REQUIRED:
        if table not in tables:
            return Message(N_("the table {table} is missing"), table=table)
    for table in tables:
        key, columns = _columns(conn, table)
        for column, declared, not_null in columns:
            required = not_null or column in REQUIRED.get(table, ())
            problem = _column_problem(conn, table, key, column, _TYPES.get(declared, ()), required)
            if problem:
                return problem
    for table, (first, second) in ONE_OF.items():
        key = _columns(conn, table)[0]
        row = conn.execute(f"SELECT {key} FROM {table} WHERE {first} IS NULL AND {second} IS NULL LIMIT 1").fetchone()
        if row:
            return Message(N_("{table} row {row} has no name in either language"), table=table, row=row[0])
    for table, (given, needed) in PAIRED.items():
        key = _columns(conn, table)[0]
        row = conn.execute(f"SELECT {key} FROM {table} WHERE {given} IS NOT NULL AND {needed} IS NULL LIMIT 1"
                           ).fetchone()
        if row:
            return Message(N_("{table}.{column} is empty (NULL) in row {row}, which has a {other}"),
                           table=table, column=needed, row=row[0], other=given)
    for table, column in LISTS.items():
        key = _columns(conn, table)[0]
        row = conn.execute(f"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL AND NOT (json_valid("
                           f"{column}) AND json_type({column}) = 'array' AND NOT EXISTS (SELECT 1 FROM json_each("
                           f"{column}) WHERE type != 'text')) LIMIT 1").fetchone()
        if row:
            return Message(N_("{table}.{column} is {value}, not a list of notes, in row {row}"),
                           table=table, column=column, value=_value(row[1]), row=row[0])
    for table, column in DATES.items():
        key = _columns(conn, table)[0]
        for rowid, value in conn.execute(f"SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL"):
            if date_problem(value):
                return Message(N_("{table}.{column} is {value}, not a date, in row {row}"),
                               table=table, column=column, value=_value(value), row=rowid)
    dangling = conn.execute("PRAGMA foreign_key_check").fetchone()
    if dangling:
        table, rowid, parent = dangling[0], dangling[1], dangling[2]
        return Message(N_("{table} row {row} refers to a row of {parent} that does not exist"),
                       table=table, row=rowid, parent=parent)
    verdict = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
    if verdict != ["ok"]:
        return "; ".join(str(v) for v in verdict)
    return None
