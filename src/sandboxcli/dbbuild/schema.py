"""The schema of data/sandbox.db: a project's simple fields (declared once, below), the tables with their keys, the
indexes, the project_list view and the columns' descriptions. write.py fills the tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..vocabulary import CATEGORIES, STATUSES

if TYPE_CHECKING:
    import sqlite_utils  # imported by write.py: reading and checking the sources does without it

    from .checker import Checker
    from .yamlio import Node


@dataclass(frozen=True)
class Field:
    """One simple fact of a project: a scalar that is at once a YAML key of a project, a column of `projects` and a
    JSON key of records.Project, all spelt `name`. The builder derives everything it does with it from this
    declaration (CONTRIBUTING.md, recipe 2); facts with structure (applicants, technologies, events, sources,
    notes, the English name's origin, the shared application) keep their own code in batch_files.py."""

    name: str
    kind: Literal["text", "flag", "date", "choice"]
    """text; flag (true/false, stored 0/1); date (YYYY, YYYY-MM or YYYY-MM-DD); choice (one of `choices`)."""
    description: str
    """The column's description: the database's column_descriptions and data/metadata.json (generated from it)."""
    required: bool = False
    """Whether every project must write the key (its value may still be null, unless it is a flag)."""
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError(f"project field {self.name!r}: a choice needs its choices, and only a choice has them")

    def read(self, c: Checker, node: Node) -> str | bool | None:
        """The value in one project's mapping, checked; a problem is reported at its file:line."""
        if self.kind == "flag":
            return c.flag(node, self.name)
        if self.kind == "date":
            return c.date(node, self.name)
        if self.kind == "choice":
            return c.choice(node, self.name, self.choices)
        return c.text(node, self.name)

    @property
    def column_type(self) -> type:
        return int if self.kind == "flag" else str

    def column_value(self, value: str | bool | None) -> str | int | None:
        return int(bool(value)) if self.kind == "flag" else value


PROJECT_FIELDS: tuple[Field, ...] = (
    Field("name_zh", "text", "Chinese name as published (null if not found)", required=True),
    Field("name_en", "text", "English name", required=True),
    Field("name_en_translated", "flag", "1 when the English name was translated for this database", required=True),
    Field("name_is_description", "flag", "1 when no official name was found and this is a description"),
    Field("name_incomplete", "flag", "1 when every source cuts the official name off"),
    Field("category", "choice", "financial-service (金融服务) or technology-product (科技产品); null if not given",
          required=True, choices=CATEGORIES),
    Field("category_derived", "flag", "1 when the category is worked out, not stated"),
    Field("placement_inferred", "flag", "1 when no source says the project belongs to this batch"),
    Field("status", "choice", "in-testing, in-service, completed-testing or exited (null if unknown)",
          required=True, choices=STATUSES),
    Field("statement_no", "text", "Number of the applicant's 金融科技创新应用声明书"),
    Field("planned_start", "date", "Planned date of formal operation (拟正式运营时间)"),
)
"""A project's simple fields, in the order of their columns (between `position` and `source_id`): the one
declaration of each. A new one here is a new YAML key, column and description; records.Project must have a field of
the same name (check_record says which is missing), and the query path fills it from the column by name."""


class FieldMismatch(RuntimeError):
    """The declaration and records.Project disagree: a build would store a fact the JSON never shows."""


def check_record(record_fields: tuple[str, ...], fields: tuple[Field, ...] = PROJECT_FIELDS) -> None:
    """Refuse to build when a declared field has no field of the same name on records.Project (its JSON key).
    The other way round (a record field with no column) is refused by queries.projects_by_id."""
    missing = [f.name for f in fields if f.name not in record_fields]
    if missing:
        raise FieldMismatch(f"project field {missing[0]!r} is declared in dbbuild/schema.py (PROJECT_FIELDS) but "
                            f"records.Project has no field {missing[0]!r}: add it there (its JSON key)")


def project_values(given: dict[str, str | bool | None]) -> dict[str, str | bool | None]:
    """Every declared field's value for an in-memory project made by code (a new notice's rows): those given,
    and false or null for the rest."""
    unknown = set(given) - {f.name for f in PROJECT_FIELDS}
    if unknown:
        raise ValueError(f"not a declared project field: {', '.join(sorted(unknown))}")
    return {f.name: given.get(f.name, False if f.kind == "flag" else None) for f in PROJECT_FIELDS}


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
        {"id": int, "batch_id": int, "position": int, **{f.name: f.column_type for f in PROJECT_FIELDS},
         "source_id": str, "application": str, "name_en_from": str, "name_en_source_id": str, "notes": str},
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


def descriptions(metadata: Path) -> list[dict[str, str]]:
    """Table and column descriptions from Datasette's metadata file (one text for the web and `sandbox sql
    --schema`); none when the file is absent (the test fixtures)."""
    if not metadata.is_file():
        return []
    tables = with_declared(json.loads(metadata.read_text(encoding="utf-8")))["databases"]["sandbox"]["tables"]
    out = []
    for table, spec in sorted(tables.items()):
        if spec.get("description"):
            out.append(dict(table_name=table, column_name="", description=spec["description"]))
        out += [dict(table_name=table, column_name=column, description=text)
                for column, text in sorted(spec.get("columns", {}).items())]
    return out


def with_declared(metadata: dict[str, Any]) -> dict[str, Any]:
    """Datasette's metadata with each declared project field's description (a new field's appended): the builder
    reads the declaration, whatever the file says, and scripts/metadata.py writes this back to the file, which
    Datasette reads as it is."""
    columns = metadata["databases"]["sandbox"]["tables"]["projects"].setdefault("columns", {})
    for f in PROJECT_FIELDS:
        columns[f.name] = f.description
    return metadata
