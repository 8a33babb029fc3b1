"""What each command answers, as one record per command: `as_dict()` is the JSON object the command prints and the
Python API returns (`{"command", "query", <the command's own fields>, "count", "results"}`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from .records import (
    BatchInfo,
    BatchSummary,
    Citation,
    DataInfo,
    EventRow,
    InstitutionMatch,
    Project,
    ProjectDetail,
    Record,
    RegionRef,
    SourceCoverage,
    SourceDetail,
    SourceUse,
    plain,
)

if TYPE_CHECKING:  # annotations only: the counting records load with the commands that count
    from .aggregates import (
        ApplicantProfile,
        Comparison,
        CoverageRow,
        CoverageTotals,
        LifecycleCoverage,
        ProgrammeRef,
        RegionSummary,
        StatItem,
        TechnologyCount,
        TimelinePoint,
    )


class Result(Record):
    """What a command answers: `as_dict()` is the JSON object it prints,
    `{"command", "query", <the subclass's own fields>, "count", "results"}`."""

    command: str
    query: dict[str, Any]
    results: list[Any]

    @property
    def data(self) -> DataInfo | None:
        """Which data answered (version, compilation date, counts): the API sets it on every result. Not a field:
        results are made before the API knows it, and every result has it."""
        found: DataInfo | None = self.__dict__.get("_data")
        return found

    @data.setter
    def data(self, value: DataInfo | None) -> None:
        self.__dict__["_data"] = value

    @property
    def count(self) -> int:
        """How many results (the JSON's `count`)."""
        return len(self.results)

    @classmethod
    def fields_in_json(cls) -> tuple[str, ...]:
        """The keys of `as_dict()`, in order."""
        own = tuple(f for f in cls.fields if f not in ("command", "query", "results"))
        return ("command", "query", "data", *own, "count", "results")

    def csv_items(self) -> list[dict[str, Any]]:
        """The CSV rows before their values are made plain: one per result, fields in order (a result that is
        not a record is one `value` column)."""
        rows: list[dict[str, Any]] = []
        for item in self.results:
            if isinstance(item, Record):
                rows.append({name: getattr(item, name) for name in item.fields})
            else:
                rows.append(dict(item) if isinstance(item, dict) else {"value": item})
        return rows

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"command": self.command, "query": plain(self.query), "data": plain(self.data)}
        for name in self.fields:
            if name not in ("command", "query", "results"):
                out[name] = plain(getattr(self, name))
        out["count"] = len(self.results)
        out["results"] = plain(self.results)
        return out


def per_programme_rows(regions: list[RegionSummary] | list[Comparison]) -> list[dict[str, Any]]:
    """CSV rows of regions with figures per programme: one per region and programme, the region's fields first."""
    rows = []
    for region in regions:
        base = {name: getattr(region, name) for name in region.fields if name != "programmes"}
        rows += [{**base, **{name: getattr(p, name) for name in p.fields}} for p in region.programmes]
    return rows


class RegionList(Result):
    """`sandbox list-cities`."""

    results: list[RegionSummary]

    def csv_items(self) -> list[dict[str, Any]]:
        """One row per region and programme: the region's fields, then the programme's totals."""
        return per_programme_rows(self.results)


class RegionBatchList(Result):
    """`sandbox show CITY`: the region's batches."""

    region: RegionRef
    results: list[BatchSummary]


class BatchView(Result):
    """`sandbox show CITY BATCH`: one batch and its projects."""

    batch: BatchInfo
    results: list[Project]


class ProjectList(Result):
    """`sandbox search`: matching projects."""

    results: list[Project]


class ComparisonTable(Result):
    """`sandbox compare`: one result per region, in the order given; `programmes` are the programmes compared (the
    table's sections), in the order the regions' entries list them."""

    programmes: list[ProgrammeRef]
    results: list[Comparison]

    def csv_items(self) -> list[dict[str, Any]]:
        """One row per region and programme, like list-cities: no row adds programmes together."""
        return per_programme_rows(self.results)


class TechnologyList(Result):
    """`sandbox technologies`."""

    results: list[TechnologyCount]


class CoverageReport(Result):
    """`sandbox coverage`: per-batch rows, per-programme totals and the citability of the sources."""

    totals: list[CoverageTotals]
    sources: SourceCoverage
    lifecycle: list[LifecycleCoverage]
    results: list[CoverageRow]


class Timeline(Result):
    """`sandbox timeline`."""

    results: list[TimelinePoint]


class Stats(Result):
    """`sandbox stats`."""

    results: list[StatItem]


class ApplicantProfiles(Result):
    """`sandbox applicant NAME`: every institution the name matches; full profiles when there are at most
    MAX_PROFILES (a name like "bank" lists its matches to choose from instead of printing fifty profiles)."""

    MAX_PROFILES: ClassVar[int] = 3
    matches: list[InstitutionMatch]
    results: list[ApplicantProfile]


class ProjectView(Result):
    """`sandbox project ID`."""

    results: list[ProjectDetail]


class EventList(Result):
    """`sandbox events`: lifecycle events, oldest first."""

    results: list[EventRow]


class Citations(Result):
    """`sandbox cite`: one reference per page, best first, in one style; `accessed` is the data's compilation
    date, which every reference gives as the date it was accessed."""

    style: str
    accessed: str | None
    results: list[Citation]


class SourceList(Result):
    """`sandbox sources`: the cited pages that pass the filters, best first."""

    results: list[SourceDetail]


class SourceView(Result):
    """`sandbox sources ID`: one page, its original or copies, and every fact that rests on it."""

    source: SourceDetail
    original: SourceDetail | None
    results: list[SourceUse]


class Rows(Result):
    """`sandbox export --table T` and `sandbox sql`: named columns and one plain dict per row."""

    columns: list[str]
    results: list[dict[str, Any]]


class FilesWritten(Result):
    """`sandbox export --out DIR`: one result per file written."""

    folder: str
    results: list[dict[str, Any]]
