"""The validated contents of data/sources/, as plain records the writer turns into tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..vocabulary import CATEGORIES, ENTITY_KINDS, EVENT_KINDS, GROUP_RELATIONS, STATUSES

__all__ = ["CATEGORIES", "ENTITY_KINDS", "EVENT_KINDS", "GROUP_RELATIONS", "STATUSES"]

REGION_LEVELS = ("municipality", "city", "new-area", "province", "autonomous-region")
LANGUAGES = ("zh", "en", "ja", "other")


@dataclass(frozen=True)
class Programme:
    id: str
    name_en: str
    name_zh: str
    regulator_en: str
    regulator_zh: str
    has_batches: bool
    source: str


@dataclass(frozen=True)
class Region:
    slug: str
    name_en: str
    name_zh: str
    level: str
    province_en: str
    province_zh: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Technology:
    slug: str
    label_en: str
    label_zh: str
    aliases: tuple[str, ...]
    parent: str | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    name_en: str | None
    name_zh: str | None
    kind: str | None
    aliases: tuple[str, ...]
    parent: str | None = None
    notes: tuple[str, ...] = ()
    name_en_translated: bool = False
    parent_relation: str | None = None
    parent_source: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    title: str | None
    publisher: str | None
    date: str | None
    language: str | None
    date_from_url: bool
    copy: bool = False
    original: str | None = None
    note: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Event:
    date: str | None
    kind: str
    source: str
    note: str | None


@dataclass(frozen=True)
class Applicant:
    entity: str
    branch: str | None
    as_written: str | None
    source: str


@dataclass(frozen=True)
class Project:
    """A project as its file gives it: `values` holds the simple fields (schema.PROJECT_FIELDS, read and checked
    by their declaration), each also readable as an attribute (`p.name_zh`); the fields with structure follow."""

    values: Mapping[str, str | bool | None]
    source: str
    more_sources: tuple[str, ...]
    notes: tuple[str, ...]
    applicants: tuple[Applicant, ...]
    technologies: tuple[str, ...]
    events: tuple[Event, ...]
    application: str | None = None
    name_en_from: str | None = None
    name_en_source: str | None = None

    def __getattr__(self, name: str) -> Any:
        """A simple field by name; a name that is not one is an AttributeError like any other."""
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(f"Project has no field {name!r}")


@dataclass(frozen=True)
class Batch:
    programme: str
    region: str
    number: int | None
    key: str
    label: str | None
    announced: str | None
    regulator: str | None
    announced_count: int | None
    announced_count_derived: bool
    sources: tuple[str, ...]
    notes: tuple[str, ...]
    events: tuple[Event, ...]
    projects: tuple[Project, ...]
    file: str


@dataclass(frozen=True)
class Tally:
    date: str
    scope: str
    programme: str
    count: int
    exact: bool
    source: str
    regions: tuple[tuple[str, int], ...]
    note: str | None
    measure: str = "applications"


@dataclass
class Dataset:
    version: str = ""
    compiled: str = ""
    programmes: list[Programme] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    technologies: list[Technology] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    batches: list[Batch] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
