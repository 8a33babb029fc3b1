"""`sandbox export`: the data set as flat tables (one row per thing, lists joined with "; ") for spreadsheets.

Each table is one SQL query over the database; the column lists are printed by `sandbox export --list` and
described in README "Export". Every table's own key is `id`; links to other tables are `<table>_id`; flags are
booleans (written `true` / `false` in CSV, like every other command's CSV).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .records import Project, booleans

FLAGS = {"announced_count_derived", "date_from_url", "is_copy", "exact", *booleans(Project)}
"""Columns stored as 0/1 that mean yes / no: a project's are the fields records.Project declares `bool`."""

_PLACED = ("id", "position", "notes")
"""Fields of records.Project that are columns of projects but placed by the projects query itself (or, notes,
left out: a JSON list does not fit a spreadsheet cell)."""


def project_columns(conn: sqlite3.Connection) -> list[str]:
    """The columns of `projects` that are fields of records.Project, in the table's order (a declared field of
    dbbuild/schema.py is both): the flat projects table carries each without naming it."""
    return [row[0] for row in conn.execute("SELECT name FROM pragma_table_info('projects')")
            if row[0] in Project.fields and row[0] not in _PLACED]


class TableSpec:
    def __init__(self, sql: str, description: str) -> None:
        self.template = sql
        self.description = description

    def sql(self, conn: sqlite3.Connection) -> str:
        """The query, with `{project_columns}` (if any) replaced by the project's simple columns."""
        if "{project_columns}" not in self.template:
            return self.template
        return self.template.replace("{project_columns}", ", ".join(f"p.{c}" for c in project_columns(conn)))

    def columns(self, conn: sqlite3.Connection) -> list[str]:
        return [d[0] for d in conn.execute(self.sql(conn) + " LIMIT 0").description]


TABLES: dict[str, TableSpec] = {
    "projects": TableSpec(
        """SELECT p.id, b.programme, b.region, r.name_en AS region_name_en, r.name_zh AS region_name_zh,
                  b.key AS batch_key, b.number AS batch_number, b.announced AS batch_announced, p.position,
                  {project_columns},
                  (SELECT group_concat(coalesce(e.name_en, e.name_zh)
                          || coalesce(' (' || pa.branch || ')', ''), '; ')
                   FROM project_applicants pa JOIN entities e ON e.id = pa.entity_id
                   WHERE pa.project_id = p.id ORDER BY pa.position) AS applicants,
                  (SELECT group_concat(pa.entity_id, '; ') FROM project_applicants pa WHERE pa.project_id = p.id
                   ORDER BY pa.position) AS applicant_ids,
                  (SELECT group_concat(pt.technology, '; ') FROM project_technologies pt
                   WHERE pt.project_id = p.id ORDER BY pt.position) AS technologies,
                  s.url AS source_url, s.publisher AS source_publisher
           FROM projects p JOIN batches b ON b.id = p.batch_id JOIN regions r ON r.slug = b.region
           JOIN sources s ON s.id = p.source_id
           ORDER BY b.announced IS NULL, b.announced, b.region, b.key, p.position""",
        "one row per innovation application, with its batch, applicants and technologies"),
    "batches": TableSpec(
        """SELECT b.id, b.programme, b.region, r.name_en AS region_name_en, r.name_zh AS region_name_zh,
                  b.key AS batch_key, b.number AS batch_number, b.label, b.announced, b.announced_precision,
                  b.regulator, b.announced_count, b.announced_count_derived, b.known_count, s.url AS source_url,
                  b.notes
           FROM batches b JOIN regions r ON r.slug = b.region JOIN sources s ON s.id = b.source_id
           ORDER BY b.programme, b.region, b.number IS NULL, b.number, b.key""",
        "one row per batch (第N批) with announced and known counts"),
    "missing_batches": TableSpec(
        """SELECT m.programme, m.region, r.name_en AS region_name_en, r.name_zh AS region_name_zh,
                  m.key AS batch_key, m.number AS batch_number, m.evidence, m.implied_by AS implied_by_batch_id,
                  b.key AS implied_by_batch_key, s.url AS source_url
           FROM missing_batches m JOIN regions r ON r.slug = m.region JOIN batches b ON b.id = m.implied_by
           JOIN sources s ON s.id = m.source_id
           ORDER BY m.programme, m.region, m.number""",
        "one row per batch known only by its number (a later batch's number implies it; nothing else is known)"),
    "applicants": TableSpec(
        """SELECT pa.project_id, pa.position, pa.entity_id, e.name_en, e.name_zh, e.kind, pa.branch, pa.as_written,
                  s.url AS source_url
           FROM project_applicants pa JOIN entities e ON e.id = pa.entity_id JOIN sources s ON s.id = pa.source_id
           ORDER BY pa.project_id, pa.position""",
        "one row per project and applicant institution (the many-to-many link)"),
    "institutions": TableSpec(
        """SELECT e.id, e.name_en, e.name_zh, e.kind, e.parent_id,
                  (SELECT group_concat(alias, '; ') FROM entity_aliases a WHERE a.entity_id = e.id) AS aliases,
                  (SELECT count(DISTINCT project_id) FROM project_applicants pa WHERE pa.entity_id = e.id) AS projects
           FROM entities e ORDER BY e.id""",
        "one row per applicant institution, with aliases and its number of projects"),
    "technologies": TableSpec(
        """SELECT t.slug AS id, t.label_en, t.label_zh, t.parent,
                  (SELECT count(*) FROM project_technologies pt WHERE pt.technology = t.slug) AS projects
           FROM technologies t ORDER BY t.slug""",
        "one row per technology slug"),
    "project_technologies": TableSpec(
        "SELECT project_id, technology, position FROM project_technologies ORDER BY project_id, position",
        "one row per project and technology"),
    "events": TableSpec(
        """SELECT ev.id, b.programme, b.region, b.key AS batch_key, ev.project_id, ev.date,
                  ev.date_precision, ev.kind, ev.note, s.url AS source_url
           FROM events ev JOIN batches b ON b.id = ev.batch_id JOIN sources s ON s.id = ev.source_id
           ORDER BY ev.date IS NULL, ev.date, ev.id""",
        "dated milestones: calls for applications, services launched, testing completed"),
    "regions": TableSpec(
        """SELECT slug AS id, name_en, name_zh, level, province_en, province_zh FROM regions ORDER BY slug""",
        "regions (cities, provinces, new areas)"),
    "sources": TableSpec(
        """SELECT id, url, site, title, publisher, date, date_precision, date_from_url, language, is_copy,
                  original_id, note
           FROM sources ORDER BY id""",
        "every public page cited"),
    "tallies": TableSpec(
        """SELECT t.id, t.date, t.programme, t.measure, t.scope, t.count, t.exact, s.url AS source_url, t.note
           FROM tallies t JOIN sources s ON s.id = t.source_id ORDER BY t.date""",
        "national and regional counts stated by sources"),
}


def table_rows(conn: sqlite3.Connection, name: str) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows of one export table; 0/1 flags as booleans."""
    cursor = conn.execute(TABLES[name].sql(conn))
    columns = [d[0] for d in cursor.description]
    flags = [c for c in columns if c in FLAGS]
    rows = []
    for row in cursor:
        record = dict(zip(columns, row, strict=True))
        for c in flags:
            if record[c] is not None:
                record[c] = bool(record[c])
        rows.append(record)
    return columns, rows
