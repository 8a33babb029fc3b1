"""The plain records every query returns: the stable shape `--json` documents (README "JSON shape").

Records with snake_case fields, ISO dates as text (with a precision where a date may be partial) and lists, never
Rich objects, so they render to a table, JSON, NDJSON or CSV alike.

They are small annotated classes rather than dataclasses on purpose: every command is a fresh process, and
@dataclass generates its methods with exec() at every start, about 0.45 ms per class here (measured with
`python -X importtime`), 6 ms for this module alone. `Record` reads the field names from the annotations instead.
"""

from __future__ import annotations

from typing import Any, ClassVar

from .vocabulary import PROGRAMMES, programme_rank

__all__ = ["PROGRAMMES", "programme_rank"]


class Record:
    """A plain record: positional or keyword construction in annotation order, `as_dict()`, a readable repr."""

    fields: ClassVar[tuple[str, ...]] = ()
    defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls) -> None:
        cls.fields = tuple(name for name in cls.__annotations__ if name not in ("fields", "defaults"))
        cls.defaults = {name: getattr(cls, name) for name in cls.fields if hasattr(cls, name)}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(self.fields):
            raise TypeError(f"{type(self).__name__} takes {len(self.fields)} fields, got {len(args)}")
        values = dict(zip(self.fields[: len(args)], args, strict=True))
        for name, value in kwargs.items():
            if name not in self.fields or name in values:
                raise TypeError(f"{type(self).__name__}: unexpected or repeated field {name!r}")
            values[name] = value
        for name in self.fields:
            if name in values:
                setattr(self, name, values[name])
            elif name in self.defaults:
                default = self.defaults[name]
                setattr(self, name, list(default) if isinstance(default, list) else default)
            else:
                raise TypeError(f"{type(self).__name__}: missing field {name!r}")

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.fields}

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items())
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.as_dict() == self.as_dict()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]


class SourceRef(Record):
    id: str
    url: str
    title: str | None
    publisher: str | None
    date: str | None


class Applicant(Record):
    entity_id: str
    name_en: str | None
    name_zh: str | None
    kind: str | None
    branch: str | None
    as_written: str | None


class Event(Record):
    date: str | None
    date_precision: str | None
    kind: str
    note: str | None
    project_id: int | None
    source_url: str


class Project(Record):
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


class BatchSummary(Record):
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


class BatchDetail(Record):
    summary: BatchSummary
    region_name_en: str
    region_name_zh: str
    programme_name_en: str
    notes: list[str]
    sources: list[SourceRef]
    events: list[Event]
    projects: list[Project]


class RegionBatches(Record):
    region: str
    region_name_en: str
    region_name_zh: str
    batches: list[BatchSummary]


class ProgrammeTotals(Record):
    """A region's figures in one programme. `announced` sums the batches whose size was announced;
    `announced_unknown_batches` counts those whose size was not; `known` counts named applications."""

    programme: str
    batches: int
    announced: int
    announced_unknown_batches: int
    known: int
    first_date: str | None
    latest_date: str | None


class RegionSummary(Record):
    region: str
    name_en: str
    name_zh: str
    province_en: str
    programmes: list[ProgrammeTotals]


class Ranked(Record):
    key: str
    label: str
    count: int


class Comparison(Record):
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
    top_technologies: list[Ranked] = []  # noqa: RUF012 - copied per instance by Record
    top_applicants: list[Ranked] = []  # noqa: RUF012
    with_bank_applicant: int = 0
    bank_share: float | None = None


class CoverageRow(Record):
    """How complete one batch is: announced vs known, names missing in either language, inferred rows."""

    programme: str
    region: str
    region_name_en: str
    batch_key: str
    announced: str | None
    announced_count: int | None
    known_count: int
    missing: int | None
    complete: bool
    projects_without_name_zh: int
    projects_without_name_en: int
    translated_names_en: int
    names_that_are_descriptions: int
    placements_inferred: int


class CoverageTotals(Record):
    """One programme's coverage: batches, applications announced and known, and the share of rows with a source."""

    programme: str
    batches: int
    batches_complete: int
    batches_of_unknown_size: int
    announced: int
    known: int
    known_in_batches_of_known_size: int
    missing: int
    share_known: float | None
    projects_without_name_zh: int
    projects_without_name_en: int
    applicants_without_name_zh: int
    applicants_without_name_en: int
    share_with_source: dict[str, float]


class TimelinePoint(Record):
    """Batches and applications of one programme in one period (month `YYYY-MM` or year `YYYY`)."""

    period: str
    programme: str
    batches: int
    announced: int
    announced_unknown_batches: int
    known: int


class StatItem(Record):
    """One count in `sandbox stats`: `dimension` (programme, category, technology, institution-kind, applicant)
    and `key`; `share` is of the known projects in scope."""

    dimension: str
    key: str
    label: str
    count: int
    share: float | None


class ApplicantProfile(Record):
    entity_id: str
    name_en: str | None
    name_zh: str | None
    kind: str | None
    aliases: list[str]
    regions: list[str]
    programmes: list[str]
    projects: list[Project]
    co_applicants: list[Ranked]
