"""Project search: several values of one filter mean "any of these", different filters "all of these".

Free text is split on spaces; every word must match a project's names, its applicants' names and aliases, or its
technology labels in either language. A word, or a run of consecutive words, that names a technology (its slug,
a label in either language or an alias; any case; with or without spaces or hyphens: `privacy computing`,
`privacycomputing`, `隐私计算`) also matches every project tagged with it or, for a family, with a member: free
text finds at least what `--tech` finds, even where a project's names do not spell the technology out.

Words are folded like the stored `search_text` (case, width, punctuation as spaces: `"`, `*`, `-`, `:` and
parentheses are never query syntax). A word in Latin script matches where a word starts (`chain` finds "supply
chain", `AI` finds "AI" and "aiBank" but never "blockchain"); a Chinese word matches anywhere. That is decided by
LIKE on the base table's `search_text`; pieces of three or more characters are first looked up in the FTS5
trigram index (quoted as phrases) to narrow the rows, because trigram cannot match shorter ones (区块, AI) and on
SQLite 3.40 a LIKE against the FTS table itself returns wrong results (../shared/CLI-NOTES.md §5).
"""

from __future__ import annotations

import sqlite3

from . import records as m
from .dates import upper_bound
from .errors import UsageError
from .i18n import N_, Message
from .names import is_latin, like_pattern, normalise_name, word_start, word_text
from .queries import batch_scope, projects_by_id
from .records import Record
from .resolve import with_family

MAX_WORDS = 64
"""More words than this cannot be a search anyone means, and SQLite refuses deep expressions (about 1,000)."""


class SearchQuery(Record):
    """What the user asked for, resolved to ids (echoed back in JSON output as `query`). Empty tuples: no filter."""

    text: str | None = None
    technologies: tuple[str, ...] = ()
    applicants: tuple[str, ...] = ()
    entities: tuple[str, ...] | None = None
    categories: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    read_as_technology: dict[str, list[str]] = {}  # noqa: RUF012 - copied per instance by Record
    """Words of the text read as a technology → the slugs they match: the technology, then its family members."""
    read_as_status: dict[str, list[str]] = {}  # noqa: RUF012
    """Each --status word → the stored statuses it means (exited → completed-testing, exited)."""

    def filters_given(self) -> bool:
        return bool(self.technologies or self.entities is not None or self.categories or self.regions
                    or self.programmes or self.statuses or self.since or self.until)


MAX_RUN = 4
"""The most words a technology's name takes (secure multi-party computation: three)."""


def typed_words(text: str | None) -> list[str]:
    """The words of free text: split on spaces, punctuation alone dropped (it names nothing)."""
    return [w for w in (text or "").replace("\x00", "").split() if word_text(w).strip()]


def _compact(text: str) -> str:
    """A technology name folded for comparison: case, width, spaces, hyphens and underscores ignored."""
    return normalise_name(text).replace(" ", "").replace("-", "").replace("_", "")  # no regex: compiling one
    # costs more than the whole comparison


def technology_runs(conn: sqlite3.Connection, words: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, slug) for each run of consecutive words that names a technology, longest first from the left:
    "privacy computing ai" → privacy-computing (words 0-1), artificial-intelligence (word 2)."""
    if not words:
        return []
    names: dict[str, str] = {}
    # alias_key is normalise_name()d by the build: what is left of _compact is done by SQLite, not 112 Python calls
    for key, slug in conn.execute("SELECT replace(replace(replace(alias_key, ' ', ''), '-', ''), '_', ''), technology "
                                  "FROM technology_aliases ORDER BY alias_key"):
        names.setdefault(key, slug)
    runs, i = [], 0
    while i < len(words):
        for j in range(min(len(words), i + MAX_RUN), i, -1):
            slug = names.get(_compact("".join(words[i:j])))
            if slug:
                runs.append((i, j, slug))
                i = j
                break
        else:
            i += 1
    return runs


def read_as_technology(conn: sqlite3.Connection, words: list[str]) -> dict[str, list[str]]:
    """The words of the text that name a technology → the technology and its family members (the query echo)."""
    return {" ".join(words[i:j]): list(with_family(conn, [slug])) for i, j, slug in technology_runs(conn, words)}


def fts_phrase(word: str) -> str:
    """Quote one word as an FTS5 string: doubled quotes inside, so no character is FTS syntax."""
    return '"' + word.replace('"', '""') + '"'


def _any_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({','.join('?' * len(values))})"


def _words_condition(words: list[str]) -> tuple[str, list[str]]:
    """Every word in the project's search text (Latin script: where a word starts; Chinese: anywhere)."""
    conditions, params = [], []
    for word in words:
        folded = word_text(word).strip()
        for token in folded.split():
            if len(token) >= 3:  # narrows through the index; the LIKE below decides
                conditions.append("p.id IN (SELECT rowid FROM project_search_fts WHERE project_search_fts MATCH ?)")
                params.append(fts_phrase(token))
        conditions.append("p.id IN (SELECT project_id FROM project_search WHERE search_text LIKE ? ESCAPE '\\')")
        # Latin script: where a word starts (names.word_start); Chinese: anywhere.
        params.append(like_pattern(word_start(word)) if is_latin(word) else like_pattern(folded))
    return "(" + " AND ".join(conditions) + ")", params


def search(conn: sqlite3.Connection, q: SearchQuery) -> list[m.Project]:
    """Projects matching every given filter, ordered by batch date, then region, batch and position."""
    words = typed_words(q.text)
    if not words and not q.filters_given():
        typed = (q.text or "").replace("\x00", "").split()
        what = N_("nothing to search for: the words have no letters or digits") if typed else N_(
            "nothing to search for")
        raise UsageError(what, N_("give words to look for or a filter such as technologies=[\"blockchain\"]"),
                         reason="nothing-to-search", values={"what": what})
    if len(words) > MAX_WORDS:
        raise UsageError(Message(N_("too many words to search for ({n}; at most {most})"), n=len(words),
                                 most=MAX_WORDS),
                         N_("use a few distinctive words"))
    if q.since and q.until and q.since > upper_bound(q.until):
        raise UsageError(Message(N_("since={since!r} is after until={until!r}"), since=q.since, until=q.until),
                         reason="since-after-until", values={"since": q.since, "until": q.until})
    scope, params = batch_scope(q.programmes or None, q.regions or None)
    where: list[str] = [scope]
    runs = {i: (j, slug) for i, j, slug in technology_runs(conn, words)}
    i = 0
    while i < len(words):
        end, slug = runs.get(i, (i + 1, None))
        text_condition, text_params = _words_condition(words[i:end])
        if slug is None:
            where.append(text_condition)
            params += text_params
        else:  # the words as text, or the technology (with its family) as tagged: --tech's answer at least
            family = with_family(conn, [slug])
            where.append(f"({text_condition} OR p.id IN (SELECT project_id FROM project_technologies WHERE "
                         f"{_any_of('technology', family)}))")
            params += [*text_params, *family]
        i = end
    if q.technologies:
        uses = _any_of("technology", q.technologies)
        where.append(f"p.id IN (SELECT project_id FROM project_technologies WHERE {uses})")
        params += q.technologies
    if q.entities is not None:
        marks = ",".join("?" * len(q.entities)) or "NULL"
        where.append(f"p.id IN (SELECT project_id FROM project_applicants WHERE entity_id IN ({marks}))")
        params += q.entities
    if q.categories:
        where.append(_any_of("p.category", q.categories))
        params += q.categories
    if q.statuses:
        # The project's own status, or a lifecycle event of that kind for the project or its whole batch.
        where.append(f"({_any_of('p.status', q.statuses)} OR EXISTS (SELECT 1 FROM events e WHERE "
                     f"(e.project_id = p.id OR (e.project_id IS NULL AND e.batch_id = p.batch_id)) AND "
                     f"{_any_of('e.kind', q.statuses)}))")
        params += [*q.statuses, *q.statuses]
    if q.since:
        where.append("b.announced >= ?")
        params.append(q.since)
    if q.until:
        where.append("b.announced <= ?")
        params.append(upper_bound(q.until))
    sql = ("SELECT p.id FROM projects p JOIN batches b ON b.id = p.batch_id JOIN regions r ON r.slug = b.region"
           " WHERE " + " AND ".join(where)
           + " ORDER BY b.announced IS NULL, b.announced, r.name_en, b.programme, b.key, p.position")
    ids = [row[0] for row in conn.execute(sql, params)]
    return projects_by_id(conn, ids)
