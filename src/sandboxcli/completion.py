"""Shell-completion candidates read from the database (Typer calls these while the user presses Tab).

Completion completes what the tool accepts: slugs, English and Chinese names (`Gu` → Guangzhou, `广` → 广州), and
the batch keys of the city already typed. It must never print an error into the user's prompt, so any problem
yields no candidates.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _ask(query: Callable[[sqlite3.Connection], list[str]]) -> list[str]:
    try:
        from .db import connect

        conn = connect()
        try:
            return query(conn)
        finally:
            conn.close()
    except Exception:
        return []


def regions(incomplete: str) -> list[str]:
    """Regions with batches whose slug or name starts with what was typed, offered as typed (slug, English
    or Chinese name)."""
    text = incomplete.casefold()

    def query(conn: sqlite3.Connection) -> list[str]:
        out: list[str] = []
        for slug, en, zh in conn.execute("SELECT slug, name_en, name_zh FROM regions WHERE slug IN "
                                         "(SELECT region FROM batches) ORDER BY slug"):
            names = (slug, en, zh)
            same_case = [n for n in names if n and n.startswith(incomplete)]
            if same_case:
                out.append(same_case[0])
            elif any(n and n.casefold().startswith(text) for n in names):
                out.append(slug)
        return list(dict.fromkeys(out))

    return _ask(query)


def batches(city: str, incomplete: str) -> list[str]:
    """The batch keys of `city` (any name the tool accepts) that start with what was typed."""

    def query(conn: sqlite3.Connection) -> list[str]:
        from .resolve import region

        slug = region(conn, city)
        keys = conn.execute("SELECT key FROM (SELECT key, number FROM batches WHERE region = ? UNION "
                            "SELECT key, number FROM missing_batches WHERE region = ?) "
                            "GROUP BY key ORDER BY number IS NULL, number, key", (slug, slug))
        return [k[0] for k in keys if k[0].startswith(incomplete)]

    return _ask(query)


def technologies(incomplete: str) -> list[str]:
    return _ask(lambda conn: [r[0] for r in conn.execute(
        "SELECT slug FROM technologies WHERE slug LIKE ? ORDER BY slug", (incomplete.lower() + "%",))])
