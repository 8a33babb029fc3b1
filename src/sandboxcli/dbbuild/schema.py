"""Turn a validated Dataset into the tables of data/sandbox.db (the documented, queryable schema).

Rows are inserted in a fixed order with ids assigned here, so the same sources always give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils

from ..names import normalise_name, normalise_region, word_text
from ..vocabulary import SCHEMA_VERSION
from . import source_rows as r
from .groups import depth_order

LICENCE = "CC BY 4.0 (the compilation); code MIT"
ATTRIBUTION = (
    "Compiled by the sandboxcli project from public regulator notices and news reports; "
    "every row names the public page it comes from (see the sources table)."
)


FTS_COLUMNS = ["name_zh", "name_en", "applicants", "technologies"]

PROJECT_LIST_SQL = """
SELECT p.id, b.programme, b.region, r.name_en AS region_name_en, r.name_zh AS region_name_zh,
       r.name_zh || ' · ' || pr.name_zh || ' · ' || coalesce(b.label, b.key) AS batch, b.key AS batch_key,
       b.announced, p.name_zh, p.name_en, p.category, p.status,
       (SELECT group_concat(coalesce(e.name_zh, e.name_en), '; ') FROM project_applicants pa
        JOIN entities e ON e.id = pa.entity_id WHERE pa.project_id = p.id) AS applicants,
       (SELECT group_concat(pt.technology, '; ') FROM project_technologies pt WHERE pt.project_id = p.id)
        AS technologies,
       s.url AS source_url, s.publisher AS source_publisher
FROM projects p JOIN batches b ON b.id = p.batch_id JOIN regions r ON r.slug = b.region
JOIN programmes pr ON pr.id = b.programme JOIN sources s ON s.id = p.source_id
ORDER BY b.announced IS NULL, b.announced, b.region, p.position
"""
"""Each project with its region, programme, batch and date beside it: what the website lists and searches."""


def precision(date: str | None) -> str | None:
    """day / month / year for YYYY-MM-DD / YYYY-MM / YYYY."""
    if date is None:
        return None
    return {10: "day", 7: "month", 4: "year"}[len(date)]


def _notes(notes: tuple[str, ...]) -> str | None:
    return json.dumps(list(notes), ensure_ascii=False) if notes else None


def create_tables(db: sqlite_utils.Database) -> None:
    """Create every table with keys, foreign keys and NOT NULL where the format requires a value."""
    t = db.table
    t("metadata").create({"key": str, "value": str}, pk="key")
    t("column_descriptions").create({"table_name": str, "column_name": str, "description": str},
                                    pk=("table_name", "column_name"), not_null={"description"})
    t("sources").create(
        {"id": str, "url": str, "site": str, "title": str, "publisher": str, "date": str, "date_precision": str,
         "date_from_url": int, "language": str, "is_copy": int, "original_id": str, "author": str, "note": str},
        pk="id", not_null={"url", "date_from_url", "is_copy"}, foreign_keys=[("original_id", "sources", "id")],
    )
    t("programmes").create(
        {"id": str, "name_en": str, "name_zh": str, "regulator_en": str, "regulator_zh": str,
         "has_batches": int, "source_id": str},
        pk="id", not_null={"name_en", "name_zh", "source_id"}, foreign_keys=[("source_id", "sources", "id")],
    )
    t("regions").create(
        {"slug": str, "name_en": str, "name_zh": str, "level": str, "province_en": str, "province_zh": str},
        pk="slug", not_null={"name_en", "name_zh"},
    )
    t("region_aliases").create(
        {"alias_key": str, "alias": str, "region": str}, pk="alias_key", not_null={"alias", "region"},
        foreign_keys=[("region", "regions", "slug")],
    )
    t("technologies").create({"slug": str, "label_en": str, "label_zh": str, "parent": str}, pk="slug",
                             foreign_keys=[("parent", "technologies", "slug")])
    t("technology_aliases").create(
        {"alias_key": str, "alias": str, "technology": str}, pk="alias_key", not_null={"alias", "technology"},
        foreign_keys=[("technology", "technologies", "slug")],
    )
    t("entities").create({"id": str, "name_en": str, "name_zh": str, "name_en_translated": int, "kind": str,
                          "parent_id": str, "parent_relation": str, "parent_source_id": str, "notes": str},
                         pk="id", not_null={"name_en_translated"},
                         foreign_keys=[("parent_id", "entities", "id"), ("parent_source_id", "sources", "id")])
    t("entity_aliases").create(
        {"entity_id": str, "alias": str, "alias_key": str}, pk=("entity_id", "alias_key"),
        not_null={"alias"}, foreign_keys=[("entity_id", "entities", "id")],
    )
    t("batches").create(
        {"id": int, "programme": str, "region": str, "number": int, "key": str, "label": str, "announced": str,
         "announced_precision": str, "regulator": str, "announced_count": int, "announced_count_derived": int,
         "known_count": int, "source_id": str, "notes": str, "source_file": str},
        pk="id", not_null={"programme", "region", "key", "known_count", "source_id", "announced_count_derived"},
        foreign_keys=[("programme", "programmes", "id"), ("region", "regions", "slug"), ("source_id", "sources", "id")],
    )
    t("missing_batches").create(
        {"programme": str, "region": str, "number": int, "key": str, "evidence": str, "implied_by": int,
         "source_id": str},
        pk=("programme", "region", "number"), not_null={"key", "evidence", "implied_by", "source_id"},
        foreign_keys=[("programme", "programmes", "id"), ("region", "regions", "slug"), ("implied_by", "batches", "id"),
                      ("source_id", "sources", "id")],
    )
    t("batch_sources").create(
        {"batch_id": int, "source_id": str, "position": int}, pk=("batch_id", "source_id"),
        foreign_keys=[("batch_id", "batches", "id"), ("source_id", "sources", "id")],
    )
    t("projects").create(
        {"id": int, "batch_id": int, "position": int, "name_zh": str, "name_en": str, "name_en_translated": int,
         "name_is_description": int, "name_incomplete": int, "category": str, "category_derived": int,
         "placement_inferred": int, "status": str, "statement_no": str, "planned_start": str, "source_id": str,
         "application": str, "name_en_from": str, "name_en_source_id": str, "notes": str},
        pk="id", not_null={"batch_id", "position", "source_id"},
        foreign_keys=[("batch_id", "batches", "id"), ("source_id", "sources", "id"),
                      ("name_en_source_id", "sources", "id")],
    )
    t("project_sources").create(
        {"project_id": int, "source_id": str, "position": int}, pk=("project_id", "source_id"),
        foreign_keys=[("project_id", "projects", "id"), ("source_id", "sources", "id")],
    )
    t("project_applicants").create(
        {"project_id": int, "position": int, "entity_id": str, "branch": str, "as_written": str, "source_id": str},
        pk=("project_id", "position"), not_null={"entity_id", "source_id"},
        foreign_keys=[("project_id", "projects", "id"), ("entity_id", "entities", "id"),
                      ("source_id", "sources", "id")],
    )
    t("project_technologies").create(
        {"project_id": int, "technology": str, "position": int}, pk=("project_id", "technology"),
        foreign_keys=[("project_id", "projects", "id"), ("technology", "technologies", "slug")],
    )
    t("events").create(
        {"id": int, "batch_id": int, "project_id": int, "date": str, "date_precision": str, "kind": str,
         "note": str, "source_id": str},
        pk="id", not_null={"batch_id", "kind", "source_id"},
        foreign_keys=[("batch_id", "batches", "id"), ("project_id", "projects", "id"), ("source_id", "sources", "id")],
    )
    t("tallies").create(
        {"id": int, "date": str, "date_precision": str, "programme": str, "measure": str, "scope": str, "count": int,
         "exact": int, "source_id": str, "note": str},
        pk="id", not_null={"date", "measure", "scope", "count", "exact", "source_id"},
        foreign_keys=[("programme", "programmes", "id"), ("source_id", "sources", "id")],
    )
    t("tally_regions").create(
        {"tally_id": int, "region": str, "count": int}, pk=("tally_id", "region"),
        foreign_keys=[("tally_id", "tallies", "id"), ("region", "regions", "slug")],
    )
    t("project_search").create(
        {"project_id": int, "name_zh": str, "name_en": str, "applicants": str, "technologies": str,
         "search_text": str},
        pk="project_id",
        foreign_keys=[("project_id", "projects", "id")],
    )


INDEXES: list[tuple[str, list[str]]] = [
    ("batches", ["programme"]), ("batches", ["region"]), ("batches", ["announced"]), ("missing_batches", ["region"]),
    ("projects", ["batch_id"]), ("projects", ["category"]), ("projects", ["status"]),
    ("project_applicants", ["entity_id"]), ("project_technologies", ["technology"]),
    ("events", ["batch_id"]), ("events", ["project_id"]), ("events", ["kind"]),
    ("region_aliases", ["region"]), ("entity_aliases", ["alias_key"]), ("entities", ["kind"]),
]


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
                id=project_id, batch_id=batch_id, position=position, name_zh=p.name_zh, name_en=p.name_en,
                name_en_translated=int(p.name_en_translated), name_is_description=int(p.name_is_description),
                name_incomplete=int(p.name_incomplete), category=p.category, category_derived=int(p.category_derived),
                placement_inferred=int(p.placement_inferred), status=p.status, statement_no=p.statement_no,
                planned_start=p.planned_start, source_id=p.source, application=p.application,
                name_en_from=p.name_en_from, name_en_source_id=p.name_en_source,
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


def descriptions(metadata: Path) -> list[dict[str, str]]:
    """Table and column descriptions from Datasette's metadata file (one text for the web and `sandbox sql
    --schema`); none when the file is absent (the test fixtures)."""
    if not metadata.is_file():
        return []
    tables = json.loads(metadata.read_text(encoding="utf-8"))["databases"]["sandbox"]["tables"]
    out = []
    for table, spec in sorted(tables.items()):
        if spec.get("description"):
            out.append(dict(table_name=table, column_name="", description=spec["description"]))
        out += [dict(table_name=table, column_name=column, description=text)
                for column, text in sorted(spec.get("columns", {}).items())]
    return out


def write_database(data: r.Dataset, path: Path, metadata: Path | None = None) -> None:
    """Create a fresh database file at `path` (which must not exist yet)."""
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
