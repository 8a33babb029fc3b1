"""The plain records every query returns: the stable shape `--json` documents (README "JSON output").

Frozen dataclasses with snake_case fields, ISO dates as text (with a precision where a date may be partial) and
lists, never Rich objects, so they render to a table, JSON, NDJSON or CSV alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRef:
    id: str
    url: str
    title: str | None
    publisher: str | None
    date: str | None


@dataclass(frozen=True)
class Applicant:
    entity_id: str
    name_en: str | None
    name_zh: str | None
    kind: str | None
    branch: str | None
    as_written: str | None


@dataclass(frozen=True)
class Event:
    date: str | None
    date_precision: str | None
    kind: str
    note: str | None
    project_id: int | None
    source_url: str


@dataclass(frozen=True)
class Project:
    id: int
    programme: str
    region: str
    region_name_en: str
    batch_key: str
    batch_number: int | None
    batch_announced: str | None
    position: int
    name_zh: str | None
    name_en: str | None
    name_en_translated: bool
    name_is_description: bool
    category: str | None
    category_derived: bool
    placement_inferred: bool
    status: str | None
    statement_no: str | None
    planned_start: str | None
    applicants: list[Applicant]
    technologies: list[str]
    source_url: str
    notes: list[str]


@dataclass(frozen=True)
class BatchSummary:
    programme: str
    region: str
    key: str
    number: int | None
    label: str | None
    announced: str | None
    announced_precision: str | None
    regulator: str | None
    announced_count: int | None
    announced_count_derived: bool
    known_count: int
    complete: bool
    source_url: str


@dataclass(frozen=True)
class BatchDetail:
    summary: BatchSummary
    region_name_en: str
    region_name_zh: str
    programme_name_en: str
    notes: list[str]
    sources: list[SourceRef]
    events: list[Event]
    projects: list[Project]


@dataclass(frozen=True)
class RegionBatches:
    region: str
    region_name_en: str
    region_name_zh: str
    batches: list[BatchSummary]


@dataclass(frozen=True)
class ProgrammeTotals:
    """A region's figures in one programme. `announced` sums the batches whose size was announced;
    `announced_unknown_batches` counts those whose size was not; `known` counts named applications."""

    programme: str
    batches: int
    announced: int
    announced_unknown_batches: int
    known: int
    first_date: str | None
    latest_date: str | None


@dataclass(frozen=True)
class RegionSummary:
    region: str
    name_en: str
    name_zh: str
    province_en: str
    programmes: list[ProgrammeTotals]


@dataclass(frozen=True)
class Ranked:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Comparison:
    region: str
    name_en: str
    name_zh: str
    programmes: list[str]
    batches: int
    announced: int
    announced_unknown_batches: int
    known: int
    first_date: str | None
    latest_date: str | None
    financial_service: int
    technology_product: int
    category_unknown: int
    top_technologies: list[Ranked] = field(default_factory=list)
    top_applicants: list[Ranked] = field(default_factory=list)
    with_bank_applicant: int = 0
    bank_share: float | None = None
