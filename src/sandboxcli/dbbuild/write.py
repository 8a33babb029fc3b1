"""Turn a validated Dataset into the tables of data/sandbox.db (schema.py declares them).

Rows are inserted in a fixed order with ids assigned here, so the same sources always give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils

from ..names import normalise_name, normalise_region, word_text
from ..records import Project
from ..vocabulary import SCHEMA_VERSION
from . import source_rows as r
from .groups import depth_order
from .schema import FTS_COLUMNS, INDEXES, PROJECT_FIELDS, PROJECT_LIST_SQL, check_record, create_tables, descriptions

LICENCE = "CC BY 4.0 (the compilation); code MIT"
ATTRIBUTION = (
    "Compiled by the sandboxcli project from public regulator notices and news reports; "
    "every row names the public page it comes from (see the sources table)."
)


def precision(date: str | None) -> str | None:
    """day / month / year for YYYY-MM-DD / YYYY-MM / YYYY."""
    if date is None:
        return None
    return {10: "day", 7: "month", 4: "year"}[len(date)]


def _notes(notes: tuple[str, ...]) -> str | None:
    return json.dumps(list(notes), ensure_ascii=False) if notes else None


def fill(db: sqlite_utils.Database, data: r.Dataset) -> None:
    """Insert every row; ids follow the order of the source files."""
    sources = [dict(id=s.id, url=s.url, site=urlsplit(s.url).hostname, title=s.title, publisher=s.publisher,
                    date=s.date, date_precision=precision(s.date), date_from_url=int(s.date_from_url),
                    language=s.language, is_copy=int(s.copy), original_id=s.original, author=s.author, note=s.note)
               for s in sorted(data.sources, key=lambda s: s.id)]
    db.table("sources").insert_all(sources)
    db.table("programmes").insert_all(
        dict(id=p.id, name_en=p.name_en, name_zh=p.name_zh, regulator_en=p.regulator_en,
             regulator_zh=p.regulator_zh, has_batches=int(p.has_batches), source_id=p.source)
        for p in data.programmes)
    db.table("regions").insert_all(
        dict(slug=x.slug, name_en=x.name_en, name_zh=x.name_zh, level=x.level, province_en=x.province_en,
             province_zh=x.province_zh) for x in data.regions)
    db.table("region_aliases").insert_all(_aliases(
        ((x.slug, name) for x in data.regions for name in (x.slug, x.name_en, x.name_zh, *x.aliases)),
        normalise_region, "region"))
    db.table("technologies").insert_all(dict(slug=t.slug, label_en=t.label_en, label_zh=t.label_zh, parent=t.parent)
                                  for t in sorted(data.technologies, key=lambda t: t.parent is not None))
    db.table("technology_aliases").insert_all(_aliases(
        ((t.slug, name) for t in data.technologies for name in (t.slug, t.label_en, t.label_zh, *t.aliases)),
        normalise_name, "technology"))
    db.table("entities").insert_all(dict(id=e.id, name_en=e.name_en, name_zh=e.name_zh,
                                         name_en_translated=int(e.name_en_translated), kind=e.kind,
                                         parent_id=e.parent, parent_relation=e.parent_relation,
                                         parent_source_id=e.parent_source, notes=_notes(e.notes))
                                    for e in depth_order(data.entities))
    entity_aliases = []
    for e in data.entities:
        seen: set[str] = set()
        for name in (e.name_en, e.name_zh, *e.aliases):
            if name and normalise_name(name) not in seen:
                seen.add(normalise_name(name))
                entity_aliases.append(dict(entity_id=e.id, alias=name, alias_key=normalise_name(name)))
    db.table("entity_aliases").insert_all(entity_aliases)

    tech_labels = {t.slug: f"{t.label_en} {t.label_zh}" for t in data.technologies}
    entity_names = {e.id: " ".join(n for n in (e.name_en, e.name_zh, *e.aliases) if n) for e in data.entities}
    batch_rows: list[dict[str, Any]] = []
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "batch_sources", "projects", "project_sources", "project_applicants", "project_technologies", "events",
        "project_search")}
    project_id = event_id = 0

    def event_row(e: r.Event, batch_id: int, pid: int | None) -> dict[str, Any]:
        nonlocal event_id
        event_id += 1
        return dict(id=event_id, batch_id=batch_id, project_id=pid, date=e.date, date_precision=precision(e.date),
                    kind=e.kind, note=e.note, source_id=e.source)

    for batch_id, b in enumerate(data.batches, start=1):
        batch_rows.append(dict(
            id=batch_id, programme=b.programme, region=b.region, number=b.number, key=b.key, label=b.label,
            announced=b.announced, announced_precision=precision(b.announced), regulator=b.regulator,
            announced_count=b.announced_count, announced_count_derived=int(b.announced_count_derived),
            known_count=len(b.projects), source_id=b.sources[0], notes=_notes(b.notes), source_file=b.file))
        rows["batch_sources"] += [dict(batch_id=batch_id, source_id=s, position=i) for i, s in enumerate(b.sources, 1)]
        rows["events"] += [event_row(e, batch_id, None) for e in b.events]
        for position, p in enumerate(b.projects, start=1):
            project_id += 1
            rows["projects"].append(dict(
                id=project_id, batch_id=batch_id, position=position,
                **{f.name: f.column_value(p.values[f.name]) for f in PROJECT_FIELDS}, source_id=p.source,
                application=p.application, name_en_from=p.name_en_from, name_en_source_id=p.name_en_source,
                notes=_notes(p.notes)))
            all_sources = list(dict.fromkeys((p.source, *p.more_sources)))
            rows["project_sources"] += [dict(project_id=project_id, source_id=s, position=i)
                                        for i, s in enumerate(all_sources, 1)]
            rows["project_applicants"] += [
                dict(project_id=project_id, position=i, entity_id=a.entity, branch=a.branch, as_written=a.as_written,
                     source_id=a.source) for i, a in enumerate(p.applicants, 1)]
            rows["project_technologies"] += [dict(project_id=project_id, technology=t, position=i)
                                             for i, t in enumerate(p.technologies, 1)]
            rows["events"] += [event_row(e, batch_id, project_id) for e in p.events]
            applicant_text = " ".join(
                " ".join(x for x in (entity_names[a.entity], a.branch, a.as_written) if x) for a in p.applicants)
            tech_text = " ".join(tech_labels[t] for t in p.technologies)
            rows["project_search"].append(dict(
                project_id=project_id, name_zh=p.name_zh, name_en=p.name_en, applicants=applicant_text,
                technologies=tech_text,
                search_text=word_text(" ".join(x for x in (p.name_zh, p.name_en, applicant_text, tech_text) if x))))
    db.table("batches").insert_all(batch_rows)
    missing = missing_batches(batch_rows)
    if missing:
        db.table("missing_batches").insert_all(missing)
    for table, table_rows in rows.items():
        if table_rows:
            db.table(table).insert_all(table_rows)

    tally_rows, tally_region_rows = [], []
    for tally_id, tally in enumerate(data.tallies, start=1):
        tally_rows.append(dict(id=tally_id, date=tally.date, date_precision=precision(tally.date),
                               programme=tally.programme, measure=tally.measure, scope=tally.scope,
                               count=tally.count,
                               exact=int(tally.exact), source_id=tally.source, note=tally.note))
        tally_region_rows += [dict(tally_id=tally_id, region=reg, count=n) for reg, n in tally.regions]
    if tally_rows:
        db.table("tallies").insert_all(tally_rows)
    if tally_region_rows:
        db.table("tally_regions").insert_all(tally_region_rows)

    for table, columns in INDEXES:
        db.table(table).create_index(columns)
    db.create_view("project_list", PROJECT_LIST_SQL)
    db.table("project_search").enable_fts(FTS_COLUMNS, tokenize="trigram")
    db.table("project_search").populate_fts(FTS_COLUMNS)

    counts = {
        "programmes": len(data.programmes), "regions": len(data.regions), "batches": len(data.batches),
        "missing_batches": len(missing), "projects": project_id, "entities": len(data.entities),
        "sources": len(data.sources), "events": event_id,
    }
    db.table("metadata").insert_all([
        dict(key="schema_version", value=SCHEMA_VERSION),
        dict(key="licence", value=LICENCE),
        dict(key="attribution", value=ATTRIBUTION),
        dict(key="counts", value=json.dumps(counts, sort_keys=True)),
        dict(key="data_version", value=data.version),
        dict(key="compiled", value=data.compiled),
    ])


def missing_batches(batch_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Batches that exist by numbering but are not in the sources: in a programme and region whose highest batch
    number is N, every number below N that no recorded batch has (Chongqing's 1, 2 and 6 imply 3, 4 and 5).

    Each names the recorded batch that implies it (the next higher number) and that batch's main source: notices are
    numbered in order, so a sixth batch means a third, fourth and fifth were announced before it.
    """
    numbered: dict[tuple[str, str], dict[int, dict[str, Any]]] = {}
    for b in batch_rows:
        if b["number"] is not None:
            numbered.setdefault((b["programme"], b["region"]), {})[b["number"]] = b
    out = []
    for (programme, region), by_number in numbered.items():
        for number in range(1, max(by_number)):
            if number in by_number:
                continue
            implied_by = by_number[min(n for n in by_number if n > number)]
            out.append(dict(programme=programme, region=region, number=number, key=str(number), evidence="numbering",
                            implied_by=implied_by["id"], source_id=implied_by["source_id"]))
    return sorted(out, key=lambda r: (r["programme"], r["region"], r["number"]))


def _aliases(pairs: Any, normalise: Any, column: str) -> list[dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for owner, name in pairs:
        key = normalise(name)
        if key and key not in out:
            out[key] = {"alias_key": key, "alias": name, column: owner}
    return list(out.values())


def write_database(data: r.Dataset, path: Path, metadata: Path | None = None) -> None:
    """Create a fresh database file at `path` (which must not exist yet)."""
    check_record(Project.fields)
    db = sqlite_utils.Database(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA page_size = 4096")
        with db.conn:
            create_tables(db)
            fill(db, data)
            db.table("column_descriptions").insert_all(descriptions(metadata) if metadata else [])
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"foreign key check failed: {problems[:3]}")
        db.execute("VACUUM")
    finally:
        db.close()
