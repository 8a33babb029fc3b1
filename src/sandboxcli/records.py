"""The typed records the Python API returns and every output format renders: the one definition of each shape.

Records have snake_case fields, ISO dates as text (with a precision where a date may be partial) and lists, never
Rich objects, so they render to a table, JSON, NDJSON or CSV alike. `as_dict()` turns a record, and every record
inside it, into plain JSON values; for a `Result` that is exactly the object `sandbox COMMAND --json` prints.

They are small annotated classes rather than dataclasses on purpose: every command is a fresh process, and
@dataclass generates its methods with exec() at every start, about 0.45 ms per class here (measured with
`python -X importtime`), 6 ms for this module alone. `Record` reads the field names from the annotations instead,
and `dataclass_transform` tells type checkers that the constructors take those fields (it costs nothing at run
time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_: Any) -> Any:
        return lambda cls: cls


def batch_complete(announced_count: int | None, known: int) -> bool:
    """A batch is complete when every application its notice announced is named here: the one definition of the
    rule (batch records, coverage rows and the green count in a table all read it). A batch whose size no source
    gives is never complete, however many applications are known."""
    return announced_count is not None and known >= announced_count


def plain(value: Any) -> Any:
    """Records → dicts, recursively; tuples → lists; everything else unchanged."""
    if isinstance(value, Record):
        return value.as_dict()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@dataclass_transform(kw_only_default=False)
class Record:
    """A plain record: keyword (or positional, in annotation order) construction, `as_dict()`, a readable repr."""

    fields: ClassVar[tuple[str, ...]] = ()
    defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls) -> None:
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            names += [n for n, kind in getattr(klass, "__annotations__", {}).items()
                      if n not in ("fields", "defaults") and n not in names and not str(kind).startswith("ClassVar")]
        cls.fields = tuple(names)
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
                setattr(self, name, type(default)(default) if isinstance(default, (list, dict)) else default)
            else:
                raise TypeError(f"{type(self).__name__}: missing field {name!r}")

    def as_dict(self) -> dict[str, Any]:
        """The record as plain JSON values (nested records too), fields in declaration order."""
        return {name: plain(getattr(self, name)) for name in self.fields}

    def as_cell(self) -> str:
        """The record inside another result's CSV cell: compact JSON, unless the type says something shorter."""
        import json

        return json.dumps(self.as_dict(), ensure_ascii=False)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and isinstance(other, Record) and other.as_dict() == self.as_dict()

    __hash__ = None  # type: ignore[assignment]


def booleans(record: type[Record]) -> frozenset[str]:
    """The fields a record declares `bool`: a column stored as 0/1 is one of these where the record says true or
    false (queries.projects_by_id and export's flat projects table read it, rather than a list of names)."""
    return frozenset(name for klass in record.__mro__ for name, kind in getattr(klass, "__annotations__", {}).items()
                     if kind in ("bool", bool) and name in record.fields)


class SourceRef(Record):
    """A cited page. For a copy on a third-party site (`is_copy`), title, publisher and date are the original
    article's; `original_id` names the original when it is cited too."""

    id: str
    url: str
    title: str | None
    publisher: str | None
    date: str | None
    is_copy: bool = False
    original_id: str | None = None

    def as_cell(self) -> str:
        return self.url


class SourceDetail(Record):
    """A cited page with everything known about it (`sandbox sources`): `site` is the URL's host, `official` says
    it is on a government site (.gov.cn: a regulator's own page), and the counts say what rests on it."""

    id: str
    url: str
    site: str | None
    title: str | None
    publisher: str | None
    author: str | None
    date: str | None
    date_precision: str | None
    language: str | None
    is_copy: bool
    original_id: str | None
    official: bool
    note: str | None
    copies: list[str]
    projects: int
    batches: int
    events: int
    groups: int = 0

    def as_cell(self) -> str:
        return self.url


class SourceUse(Record):
    """One fact that rests on a page: a batch (`role` `by-number` for a batch the page implies by a later
    batch's number), a project (its `role`: `main` when the data lists the page first,
    `more` when further, `english-name` when its English name comes from the page, `applicant` when only an
    applicant link cites it), an event (`role`: its kind), a tally (`role`: its scope), a programme, or a group
    tie (`group`: `role` is the relation, `subsidiary` or `affiliate`; the names are the institution's, `group_id`
    and `group_name_*` the group's), with the region and batch it belongs to."""

    kind: str
    role: str | None
    programme: str | None
    region: str | None
    region_name_en: str | None
    region_name_zh: str | None
    batch_key: str | None
    project_id: int | None
    name_zh: str | None
    name_en: str | None
    date: str | None
    group_id: str | None = None
    group_name_en: str | None = None
    group_name_zh: str | None = None


class Citation(Record):
    """One entry of a bibliography: the page (and its original, for a copy whose original is cited) and the entry
    in the style asked for, exactly as a reference manager or editor takes it."""

    number: int
    style: str
    source: SourceDetail
    original: SourceDetail | None
    text: str


class DataInfo(Record):
    """Which data answered: the data set's version, the date it was compiled (the "accessed" date of every
    citation) and how many projects, batches and sources it holds. `batches` counts every batch known to exist,
    `batches_by_number_only` those of them known only by their number (a later batch's number implies them)."""

    version: str | None
    compiled: str | None
    projects: int | None
    batches: int | None
    batches_by_number_only: int | None
    sources: int | None


class Applicant(Record):
    entity_id: str
    name_en: str | None
    name_zh: str | None
    kind: str | None
    branch: str | None
    as_written: str | None

    def as_cell(self) -> str:
        name = self.name_en or self.name_zh or self.entity_id
        return f"{name} ({self.branch})" if self.branch else name


class Event(Record):
    date: str | None
    date_precision: str | None
    kind: str
    note: str | None
    project_id: int | None
    source: SourceRef

    def as_cell(self) -> str:
        return f"{self.date or '?'} {self.kind}"


class Project(Record):
    """One innovation application as one region listed it. `sandbox project ID` shows it whole; search results
    carry the id. `application` is the key shared by listings of one application in several regions (UnionPay's
    face-payment security application in three regions' pilots), null for an application listed once."""

    id: int
    programme: str
    region: str
    region_name_en: str
    region_name_zh: str
    batch_key: str
    batch_number: int | None
    batch_announced: str | None
    position: int
    name_zh: str | None
    name_en: str | None
    name_en_translated: bool
    name_is_description: bool
    name_incomplete: bool
    category: str | None
    category_derived: bool
    placement_inferred: bool
    status: str | None
    statement_no: str | None
    planned_start: str | None
    applicants: list[Applicant]
    technologies: list[str]
    source: SourceRef
    notes: list[str]
    application: str | None

    def as_cell(self) -> str:
        """A project inside another result: its id, as `sandbox project ID` takes it."""
        return f"#{self.id}"


class ProjectDetail(Project):
    """A project with everything known about it: the batch's label and regulator, every source, its events."""

    batch_label: str | None
    regulator: str | None
    sources: list[SourceRef]
    events: list[Event]
    name_en_from: str | None = None
    """official, press (an English report's rendering) or translation (ours); null without an English name."""
    name_en_source: SourceRef | None = None


class EventRow(Record):
    """A lifecycle event with the batch (and project, when it concerns one) it belongs to."""

    date: str | None
    date_precision: str | None
    kind: str
    note: str | None
    programme: str
    region: str
    region_name_en: str
    region_name_zh: str
    batch_key: str
    batch_number: int | None
    batch_announced: str | None
    project_id: int | None
    project_name_zh: str | None
    project_name_en: str | None
    source: SourceRef


class InstitutionMatch(Record):
    """An institution a name matched, with how many applications it took part in."""

    entity_id: str
    name_en: str | None
    name_zh: str | None
    kind: str | None
    parent_id: str | None
    applications: int


class SourceCoverage(Record):
    """How citable the sources are: how many name a title and a publisher, how many are copies."""

    sources: int
    with_title: int
    with_publisher: int
    with_title_and_publisher: int
    copies: int
    share_with_publisher: float | None
    share_copies: float | None


class BatchSummary(Record):
    """A batch of a region. `listed` is false for a batch known only by numbering (Chongqing's 3, 4 and 5, because
    batch 6 exists): `evidence` says how it is known ("numbering"), `implied_by` names the batch whose number implies
    it and `source` is that batch's source; nothing else about it is known (no date, size or project)."""

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
    source: SourceRef
    listed: bool
    evidence: str | None
    implied_by: str | None


class BatchInfo(BatchSummary):
    """One batch with its context: the `batch` object of `sandbox show CITY BATCH --json`."""

    region_name_en: str
    region_name_zh: str
    programme_name_en: str
    programme_name_zh: str
    notes: list[str]
    sources: list[SourceRef]
    events: list[Event]


class RegionRef(Record):
    region: str
    name_en: str
    name_zh: str
