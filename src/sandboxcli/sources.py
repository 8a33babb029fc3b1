"""The cited pages themselves: which is the best to cite, what rests on each, and which data answered.

"Best first" is one rule, used by every view that lists sources and by `sandbox cite`: a page that is not a copy
before a copy on a third-party site, a regulator's own page (a government site) before a report of it, a named
publisher before an unnamed one, a page with a title before one without; otherwise the order the data gives.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from . import records as m
from .errors import NotFound, UsageError
from .i18n import N_, Message

OFFICIAL_SUFFIXES = (".gov.cn",)
"""Hosts of government sites: the PBOC (pbc.gov.cn), the CSRC (csrc.gov.cn) and local financial regulators."""


def site_of(url: str) -> str:
    """The host of a URL, lower-case (`https://M.Mpaypass.com.cn/x` → m.mpaypass.com.cn)."""
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].lower()


def is_official(url: str) -> bool:
    """Whether a page is on a government site: a regulator's own page rather than a report of it."""
    return site_of(url).endswith(OFFICIAL_SUFFIXES)


def rank(ref: m.SourceRef | m.SourceDetail) -> tuple[bool, bool, bool, bool]:
    """The sort key of "best first" (smaller is better); sorting is stable, so ties keep the data's order."""
    return (ref.is_copy, not is_official(ref.url), ref.publisher is None, ref.title is None)



def best_first(refs: Iterable[m.SourceRef]) -> list[m.SourceRef]:
    """The pages in citing order, each once (by URL)."""
    unique: dict[str, m.SourceRef] = {}
    for ref in refs:
        unique.setdefault(ref.url, ref)
    return sorted(unique.values(), key=rank)


_REF = "s.id, s.url, s.title, s.publisher, s.date, s.is_copy, s.original_id"


def refs(conn: sqlite3.Connection, ids: Sequence[str]) -> list[m.SourceRef]:
    """The pages with these ids, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    rows = conn.execute(f"SELECT {_REF} FROM sources s WHERE s.id IN ({','.join('?' * len(wanted))})", wanted)
    found = {r[0]: m.SourceRef(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows}
    return [found[i] for i in wanted if i in found]


def data_info(conn: sqlite3.Connection) -> m.DataInfo:
    """The data set's version, compilation date and counts, from the metadata table the builder writes."""
    meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM metadata")}
    counts: dict[str, Any] = json.loads(meta["counts"]) if meta.get("counts") else {}
    batches, by_number = counts.get("batches"), counts.get("missing_batches")
    return m.DataInfo(version=meta.get("data_version"), compiled=meta.get("compiled"), projects=counts.get("projects"),
                      batches=batches + (by_number or 0) if batches is not None else None,
                      batches_by_number_only=by_number, sources=counts.get("sources"))


def source_id(conn: sqlite3.Connection, text: str) -> str | None:
    """A source id as typed (any case, or the page's URL), or None when it names no source."""
    key = text.strip()
    row = conn.execute("SELECT id FROM sources WHERE id = ? OR lower(id) = lower(?) OR url = ?",
                       (key, key, key)).fetchone()
    return str(row[0]) if row else None


def project_source_ids(conn: sqlite3.Connection, project_id: int) -> list[str]:
    """Every page a project rests on: its own sources, its English name's, its applicant links', its and its
    batch's events'."""
    if not conn.execute("SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone():
        top = conn.execute("SELECT max(id) FROM projects").fetchone()[0]
        raise NotFound(Message(N_("no project {id}"), id=project_id),
                       Message(N_("project ids run from 1 to {top}; `sandbox search` shows them"), top=top))
    rows = conn.execute(
        "SELECT source_id FROM (SELECT source_id, 0 AS k, position FROM project_sources WHERE project_id = :p "
        "UNION ALL SELECT name_en_source_id, 1, 0 FROM projects WHERE id = :p AND name_en_source_id IS NOT NULL "
        "UNION ALL SELECT source_id, 2, position FROM project_applicants WHERE project_id = :p "
        "UNION ALL SELECT e.source_id, 3, e.id FROM events e JOIN projects p ON p.batch_id = e.batch_id "
        " WHERE p.id = :p AND (e.project_id = :p OR e.project_id IS NULL)) ORDER BY k, position", {"p": project_id})
    return list(dict.fromkeys(str(r[0]) for r in rows))


def batch_source_ids(conn: sqlite3.Connection, batch_id: int) -> tuple[list[str], list[str]]:
    """The pages a batch rests on: its own sources, then its projects', applicant links' and events'."""
    own = [str(r[0]) for r in conn.execute(
        "SELECT source_id FROM batch_sources WHERE batch_id = ? ORDER BY position", (batch_id,))]
    rows = conn.execute(
        "SELECT ps.source_id FROM project_sources ps JOIN projects p ON p.id = ps.project_id WHERE p.batch_id = :b "
        "UNION ALL SELECT pa.source_id FROM project_applicants pa JOIN projects p ON p.id = pa.project_id "
        " WHERE p.batch_id = :b "
        "UNION ALL SELECT source_id FROM events WHERE batch_id = :b", {"b": batch_id})
    more = [s for s in dict.fromkeys(str(r[0]) for r in rows) if s not in own]
    return own, more


_USES = """
SELECT 'batch' AS kind, NULL AS role, b.programme, b.region, NULL AS project_id, b.label AS name_zh,
       NULL AS name_en, b.announced AS date, b.key, b.id AS batch_id, bs.position AS pos
  FROM batch_sources bs JOIN batches b ON b.id = bs.batch_id WHERE bs.source_id = :s
UNION ALL
SELECT 'batch', 'by-number', mb.programme, mb.region, NULL, NULL, NULL, NULL, mb.key, NULL, mb.number
  FROM missing_batches mb WHERE mb.source_id = :s
UNION ALL
SELECT 'project', CASE WHEN p.source_id = :s THEN 'main' ELSE 'more' END, b.programme, b.region, p.id, p.name_zh,
       p.name_en, b.announced, b.key, b.id, p.id
  FROM project_sources ps JOIN projects p ON p.id = ps.project_id JOIN batches b ON b.id = p.batch_id
 WHERE ps.source_id = :s
UNION ALL
SELECT 'project', 'english-name', b.programme, b.region, p.id, p.name_zh, p.name_en, b.announced, b.key, b.id, p.id
  FROM projects p JOIN batches b ON b.id = p.batch_id WHERE p.name_en_source_id = :s
UNION ALL
SELECT DISTINCT 'project', 'applicant', b.programme, b.region, p.id, p.name_zh, p.name_en, b.announced, b.key,
       b.id, p.id
  FROM project_applicants pa JOIN projects p ON p.id = pa.project_id JOIN batches b ON b.id = p.batch_id
 WHERE pa.source_id = :s AND NOT EXISTS (SELECT 1 FROM project_sources x WHERE x.project_id = p.id
                                          AND x.source_id = :s)
UNION ALL
SELECT 'event', e.kind, b.programme, b.region, e.project_id, p.name_zh, p.name_en, e.date, b.key, b.id, e.id
  FROM events e JOIN batches b ON b.id = e.batch_id LEFT JOIN projects p ON p.id = e.project_id
 WHERE e.source_id = :s
UNION ALL
SELECT 'tally', t.scope, t.programme, NULL, NULL, NULL, NULL, t.date, NULL, NULL, t.id FROM tallies t
 WHERE t.source_id = :s
UNION ALL
SELECT 'programme', NULL, pr.id, NULL, NULL, pr.name_zh, pr.name_en, NULL, NULL, NULL, 0 FROM programmes pr
 WHERE pr.source_id = :s
"""
"""Everything but group ties, in the columns of SourceUse."""

_GROUP_TIES = """
SELECT e.parent_relation AS role, e.name_zh, e.name_en, g.id AS group_id, g.name_en AS group_name_en,
       g.name_zh AS group_name_zh
  FROM entities e JOIN entities g ON g.id = e.parent_id WHERE e.parent_source_id = :s ORDER BY g.id, e.id
"""
"""The institutions whose tie to a group rests on the page."""

KINDS = ("batch", "project", "event", "tally", "programme", "group")
"""What can rest on a page, in the order `sandbox sources ID` lists them."""


def uses(conn: sqlite3.Connection, source: str) -> list[m.SourceUse]:
    """Every batch, project, event, tally, programme and group tie that rests on a page."""
    names = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT slug, name_en, name_zh FROM regions")}
    rows = conn.execute(f"SELECT * FROM ({_USES}) ORDER BY instr('batch project event tally programme', kind), "
                        "date IS NULL, date, region, pos", {"s": source}).fetchall()
    return [m.SourceUse(kind=r["kind"], role=r["role"], programme=r["programme"], region=r["region"],
                        region_name_en=names.get(r["region"], (None, None))[0],
                        region_name_zh=names.get(r["region"], (None, None))[1], batch_key=r["key"],
                        project_id=r["project_id"], name_zh=r["name_zh"], name_en=r["name_en"], date=r["date"])
            for r in rows] + [
        m.SourceUse(kind="group", role=r["role"], programme=None, region=None, region_name_en=None,
                    region_name_zh=None, batch_key=None, project_id=None, name_zh=r["name_zh"], name_en=r["name_en"],
                    date=None, group_id=r["group_id"], group_name_en=r["group_name_en"],
                    group_name_zh=r["group_name_zh"])
        for r in conn.execute(_GROUP_TIES, {"s": source})]


def _counts(conn: sqlite3.Connection, sql: str) -> dict[str, int]:
    return {str(r[0]): int(r[1]) for r in conn.execute(sql)}


def details(conn: sqlite3.Connection, ids: Sequence[str] | None = None) -> list[m.SourceDetail]:
    """Pages with what rests on them (all of them when `ids` is None), best first, then by id. The counts are one
    grouped query each (correlated subqueries per page took a third of `sandbox sources`' instructions)."""
    projects = _counts(conn, "SELECT source_id, count(DISTINCT project_id) FROM (SELECT source_id, project_id FROM "
                             "project_sources UNION SELECT source_id, project_id FROM project_applicants "
                             "UNION SELECT name_en_source_id, id FROM projects WHERE name_en_source_id IS NOT NULL) "
                             "GROUP BY source_id")
    batches = _counts(conn, "SELECT source_id, count(*) FROM batch_sources GROUP BY source_id")
    events = _counts(conn, "SELECT source_id, count(*) FROM events GROUP BY source_id")
    groups = _counts(conn, "SELECT parent_source_id, count(*) FROM entities WHERE parent_source_id IS NOT NULL "
                           "GROUP BY parent_source_id")
    copies: dict[str, list[str]] = {}
    for original, copy in conn.execute("SELECT original_id, id FROM sources WHERE original_id IS NOT NULL "
                                       "ORDER BY id"):
        copies.setdefault(original, []).append(copy)
    if ids is None:
        rows = conn.execute("SELECT * FROM sources ORDER BY id").fetchall()
    else:
        rows = conn.execute(f"SELECT * FROM sources WHERE id IN ({','.join('?' * len(ids)) or 'NULL'}) ORDER BY id",
                            list(ids)).fetchall()
    out = [m.SourceDetail(
        id=r["id"], url=r["url"], site=r["site"], title=r["title"], publisher=r["publisher"],
        author=r["author"], date=r["date"],
        date_precision=r["date_precision"], language=r["language"], is_copy=bool(r["is_copy"]),
        original_id=r["original_id"], official=is_official(r["url"]), note=r["note"], copies=copies.get(r["id"], []),
        projects=projects.get(r["id"], 0), batches=batches.get(r["id"], 0), events=events.get(r["id"], 0),
        groups=groups.get(r["id"], 0))
        for r in rows]
    return sorted(out, key=rank)


def matches(d: m.SourceDetail, *, publisher: str | None, copy: bool | None, official: bool | None,
            domain: str | None, lang: str | None, cited_by: str | None) -> bool:
    """Whether a page passes `sandbox sources`' filters (each None means any)."""
    from .names import normalise_name

    if publisher is not None and normalise_name(publisher) not in normalise_name(d.publisher or ""):
        return False
    if copy is not None and d.is_copy != copy:
        return False
    if official is not None and d.official != official:
        return False
    if domain is not None:
        want, site = domain.strip().lower().lstrip("."), (d.site or "").lower()
        if not (site == want or site.endswith("." + want)):
            return False
    if lang is not None and d.language != lang:
        return False
    return cited_by is None or {"project": d.projects, "batch": d.batches, "event": d.events,
                                "group": d.groups}[cited_by] > 0


def bibliography(conn: sqlite3.Connection, ids: Sequence[str], style: str, accessed: str) -> list[m.Citation]:
    """One reference per page, best first (ties keep the order given), each page once; a copy whose original is
    cited names the original."""
    from .citations import cite

    pages = details(conn, list(dict.fromkeys(ids)))
    given = {page_id: i for i, page_id in enumerate(dict.fromkeys(ids))}
    pages.sort(key=lambda d: (rank(d), given[d.id]))
    originals = {d.id: d for d in details(conn, [d.original_id for d in pages if d.original_id])}
    out = []
    for number, page in enumerate(pages, 1):
        original = originals.get(page.original_id or "")
        out.append(m.Citation(number=number, style=style, source=page, original=original,
                              text=cite(style, page, original, accessed)))
    return out


def cite_targets(conn: sqlite3.Connection, targets: list[str]) -> tuple[list[str], list[dict[str, Any]]]:
    """Source ids for `cite`'s targets (a project id, a source id, or a city followed by a batch), and each target
    as understood."""
    from . import resolve
    from .queries import batch_detail

    ids: list[str] = []
    understood: list[dict[str, Any]] = []
    rest = list(targets)
    while rest:
        target = rest.pop(0)
        key = target.strip().lstrip("#")
        if key.isdecimal():
            ids += project_source_ids(conn, int(key))
            understood.append({"project": int(key)})
            continue
        found = source_id(conn, target)
        if found:
            ids.append(found)
            understood.append({"source": found})
            continue
        try:
            slug = resolve.region(conn, target)
        except NotFound:
            raise NotFound(Message(N_("{target!r} is not a project id, a source id or a city"), target=target),
                           N_("`sandbox search` shows project ids, `sandbox sources` source ids")) from None
        if not rest:
            raise UsageError(Message(N_("which batch of {city}?"), city=target),
                             Message(N_("give the batch after the city, e.g. {example}"),
                                     example=f"sandbox cite {target} 1"))
        batch = rest.pop(0)
        info, _projects = batch_detail(conn, slug, batch, None)
        where = (info.programme, info.region, info.key)
        row = conn.execute("SELECT id FROM batches WHERE programme = ? AND region = ? AND key = ?",
                                where).fetchone()
        if row is None:  # a batch known only by its number: the page that implies it
            ids += [str(r[0]) for r in conn.execute(
                "SELECT source_id FROM missing_batches WHERE programme = ? AND region = ? AND key = ?", where)]
        else:
            own, more = batch_source_ids(conn, row[0])
            ids += own + more
        understood.append({"region": slug, "batch": info.key, "programme": info.programme})
    return ids, understood
