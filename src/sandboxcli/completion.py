"""Shell-completion candidates read from the database (Typer calls these while the user presses Tab).

Completion must never print an error into the user's prompt, so any problem yields no candidates.
"""

from __future__ import annotations


def _values(sql: str, incomplete: str) -> list[str]:
    try:
        from .db import connect

        conn = connect()
        try:
            return [row[0] for row in conn.execute(sql, (incomplete.lower() + "%",))]
        finally:
            conn.close()
    except Exception:
        return []


def regions(incomplete: str) -> list[str]:
    return _values("SELECT DISTINCT region FROM batches WHERE region LIKE ? ORDER BY region", incomplete)


def technologies(incomplete: str) -> list[str]:
    return _values("SELECT slug FROM technologies WHERE slug LIKE ? ORDER BY slug", incomplete)
