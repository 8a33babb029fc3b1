"""The records that count: a region's figures per programme, comparisons, coverage of the data, lifecycle
completeness, the timeline, statistics and corporate groups.

They sit apart from records.py (sources, applicants, projects, batches, regions: the facts themselves) so each module
stays short; both use the same `Record` base, and `as_dict()` is the JSON every command prints.
"""

from __future__ import annotations

from .records import (
    Project,
    Record,
    SourceRef,
)


class ProgrammeTotals(Record):
    """A region's figures in one programme, never summed across programmes.

    `batches` counts every batch known to exist, `batches_missing` those of them known only by numbering (in no
    source). `announced_count` sums the sizes the sources give; `announced_unknown_batches` counts the batches whose
    size no source gives (the missing ones among them), shown as "+?". `known` counts named applications, in every
    batch; `known_in_unsized_batches` those in batches of unknown size, which is why `known` can exceed
    `announced_count`."""

    programme: str
    batches: int
    batches_missing: int
    announced_count: int
    announced_unknown_batches: int
    known: int
    known_in_unsized_batches: int
    first_date: str | None
    latest_date: str | None


class ProgrammeRef(Record):
    """A programme's id and names."""

    programme: str
    name_en: str
    name_zh: str


class RegionSummary(Record):
    region: str
    name_en: str
    name_zh: str
    province_en: str
    programmes: list[ProgrammeTotals]


class TechnologyCount(Record):
    """A technology, the family it belongs to (`parent`, null for a family or a lone technology) and the number of
    projects `search --tech SLUG` finds."""

    slug: str
    label_en: str
    label_zh: str
    parent: str | None
    projects: int


class Ranked(Record):
    """An item counted: its key (a slug or an id), its label in English (or Chinese where there is no English) and
    in Chinese."""

    key: str
    label: str
    count: int
    label_zh: str | None = None

    def as_cell(self) -> str:
        return f"{self.label} ({self.count})"


class ProgrammeComparison(ProgrammeTotals):
    """A region's figures in one programme for `sandbox compare`: the totals, then the category split, the top
    technologies and applicants and the share of applications with a bank applicant, all over known applications."""

    financial_service: int
    technology_product: int
    category_unknown: int
    top_technologies: list[Ranked] = []  # noqa: RUF012 - copied per instance by Record
    top_applicants: list[Ranked] = []  # noqa: RUF012
    with_bank_applicant: int = 0
    bank_share: float | None = None


class Comparison(Record):
    """One region in `sandbox compare`: one entry per programme it has; no figure adds programmes together."""

    region: str
    name_en: str
    name_zh: str
    programmes: list[ProgrammeComparison]


class CoverageRow(Record):
    """How complete one batch is: announced vs known, names missing in either language, inferred rows. A batch known
    only by numbering has `listed` false and `evidence` "numbering"."""

    programme: str
    region: str
    region_name_en: str
    region_name_zh: str
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
    listed: bool
    evidence: str | None


class CoverageTotals(Record):
    """One programme's coverage: batches, applications announced and known, and the share of rows with a source.

    `announced_count` sums the sizes the sources give and `missing` is how many of those applications are not known, so
    `announced_count` = `known_in_batches_of_known_size` + `missing`; `known` = `known_in_batches_of_known_size` +
    `known_in_unsized_batches`. `batches_of_unknown_size` includes the `batches_missing` (known only by numbering)."""

    programme: str
    batches: int
    batches_complete: int
    batches_of_unknown_size: int
    batches_missing: int
    announced_count: int
    known: int
    known_in_batches_of_known_size: int
    known_in_unsized_batches: int
    missing: int
    share_known: float | None
    projects_without_name_zh: int
    projects_without_name_en: int
    applicants_without_name_zh: int
    applicants_without_name_en: int
    share_with_source: dict[str, float]
    distinct_applications: int = 0
    """Known listings with one application listed in several regions counted once (projects.application)."""


class StatedLifecycleCount(Record):
    """A count of projects at a lifecycle step a source states (`measure`), beside how many the data records at that
    step by the same date, in the same regions (`regions`: {region: [stated, recorded]} where the source splits it)."""

    date: str
    programme: str
    measure: str
    scope: str
    stated: int
    recorded: int
    regions: dict[str, list[int]]
    source: SourceRef
    note: str | None


class LifecycleCoverage(Record):
    """How much of a programme's lifecycle is known: projects with any lifecycle fact (a status, or an event that
    launched, completed or ended it, its own or its batch's), the counts per status and per step, and the counts the
    sources state."""

    programme: str
    projects: int
    with_lifecycle_fact: int
    share: float | None
    statuses: dict[str, int]
    steps: dict[str, int]
    stated: list[StatedLifecycleCount]


class TimelinePoint(Record):
    """Batches and applications of one programme in one period (month `YYYY-MM` or year `YYYY`)."""

    period: str
    programme: str
    batches: int
    announced_count: int
    announced_unknown_batches: int
    known: int


class StatItem(Record):
    """One count in `sandbox stats`: `dimension` (programme, category, technology, institution-kind, applicant, group)
    and `key`; `count` is of distinct applications (one listed in several regions counts once) and `share` is of
    the known applications in scope."""

    dimension: str
    key: str
    label: str
    count: int
    share: float | None
    label_zh: str | None = None


class GroupLink(Record):
    """One institution's tie to the group above it, in the cited page's terms (`subsidiary` or `affiliate`)."""

    entity_id: str
    name_en: str | None
    name_zh: str | None
    parent_id: str
    parent_name_en: str | None
    parent_name_zh: str | None
    relation: str | None
    source: SourceRef


class GroupMember(Record):
    """An institution inside a group, with its own applications and the tie that puts it there."""

    entity_id: str
    name_en: str | None
    name_zh: str | None
    applications: int
    link: GroupLink


class ApplicantProfile(Record):
    """An institution with its projects: its own and, for a group, its members' (`members` says whose).

    `part_of` is the chain of groups above it, nearest first; `own_applications` counts the projects it applied for
    itself (0 for a group that never applied)."""

    entity_id: str
    name_en: str | None
    name_zh: str | None
    kind: str | None
    aliases: list[str]
    regions: list[str]
    programmes: list[str]
    projects: list[Project]
    co_applicants: list[Ranked]
    own_applications: int = 0
    part_of: list[GroupLink] = []  # noqa: RUF012 - copied per instance by Record
    members: list[GroupMember] = []  # noqa: RUF012
