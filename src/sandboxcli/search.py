"""`sandbox search`: filters combined with AND, plus free text over project and applicant names.

Free text is split on spaces; every word must match. Words of three or more characters use the FTS5 trigram index
(each quoted as a phrase, so `"`, `*`, `-`, `:` and parentheses are searched as text, never parsed as FTS syntax);
shorter words (区块, AI) fall back to LIKE on the base table, because trigram cannot match them and on SQLite 3.40 a
LIKE against the FTS table itself returns wrong results (../shared/CLI-NOTES.md §5).
"""

from __future__ import annotations

import re
import sqlite3

from . import models as m
from .errors import UsageError
from .models import Record
from .queries import projects_by_id

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class SearchQuery(Record):
    """What the user asked for, already resolved to ids (echoed back in JSON output)."""

    text: str | None = None
    technology: str | None = None
    entities: tuple[str, ...] | None = None
    applicant: str | None = None
    category: str | None = None
    region: str | None = None
    programme: str | None = None
    since: str | None = None
    until: str | None = None

    def as_dict(self) -> dict[str, object]:
        d = super().as_dict()
        d["entities"] = list(self.entities) if self.entities is not None else None
        return d


def check_date(value: str | None, flag: str) -> str | None:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD; anything else is a usage error."""
    if value is None:
        return None
    value = value.strip()
    hint = "use a year (2021), a month (2021-06) or a day (2021-06-04)"
    if not _DATE.match(value):
        raise UsageError(f"{flag} {value!r} is not a date", hint)
    import datetime as dt  # already loaded by sqlite3; imported here to keep the module's own imports light

    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise UsageError(f"{flag} {value!r} is not a date", hint) from None
    return value


def _upper_bound(until: str) -> str:
    """The last date an --until value covers: 2021 → 2021-12-31, 2021-06 → 2021-06-31 (text comparison)."""
    return {4: until + "-12-31", 7: until + "-31"}.get(len(until), until)


def _escape_like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fts_phrase(word: str) -> str:
    """Quote one word as an FTS5 string: doubled quotes inside, so no character is FTS syntax."""
    return '"' + word.replace('"', '""') + '"'


def search(conn: sqlite3.Connection, q: SearchQuery) -> list[m.Project]:
    """Projects matching every given filter, ordered by batch date, then region, batch and position."""
    words = (q.text or "").split()
    if not words and not any((q.technology, q.entities, q.category, q.region, q.programme, q.since, q.until)):
        raise UsageError("nothing to search for", "give words to look for or a filter such as --tech blockchain")
    if q.since and q.until and q.since > _upper_bound(q.until):
        raise UsageError(f"--since {q.since} is after --until {q.until}")
    where: list[str] = []
    params: list[object] = []
    for word in words:
        word = word.replace("\x00", "")
        if len(word) >= 3:
            where.append("p.id IN (SELECT rowid FROM project_search_fts WHERE project_search_fts MATCH ?)")
            params.append(fts_phrase(word))
        elif word:
            where.append("p.id IN (SELECT project_id FROM project_search WHERE name_zh LIKE ? ESCAPE '\\' "
                         "OR name_en LIKE ? ESCAPE '\\' OR applicants LIKE ? ESCAPE '\\' "
                         "OR technologies LIKE ? ESCAPE '\\')")
            params += [_escape_like(word)] * 4
    if q.technology:
        where.append("p.id IN (SELECT project_id FROM project_technologies WHERE technology = ?)")
        params.append(q.technology)
    if q.entities is not None:
        marks = ",".join("?" * len(q.entities)) or "NULL"
        where.append(f"p.id IN (SELECT project_id FROM project_applicants WHERE entity_id IN ({marks}))")
        params += list(q.entities)
    if q.category:
        where.append("p.category = ?")
        params.append(q.category)
    if q.region:
        where.append("b.region = ?")
        params.append(q.region)
    if q.programme:
        where.append("b.programme = ?")
        params.append(q.programme)
    if q.since:
        where.append("b.announced >= ?")
        params.append(q.since)
    if q.until:
        where.append("b.announced <= ?")
        params.append(_upper_bound(q.until))
    sql = ("SELECT p.id FROM projects p JOIN batches b ON b.id = p.batch_id JOIN regions r ON r.slug = b.region"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY b.announced IS NULL, b.announced, r.name_en, b.programme, b.key, p.position")
    ids = [row[0] for row in conn.execute(sql, params)]
    return projects_by_id(conn, ids)
