"""Layouts of the counting reports: compare (one section per programme), coverage, the timeline (a bar chart that
scales to the terminal) and stats. Counts of different programmes are never added together."""

from __future__ import annotations

from typing import Any

from .. import aggregates as agg
from .. import results as res
from ..i18n import N_
from .cells import CATEGORY, NOT_GIVEN
from .context import RenderContext
from .fit import Col, Sheet, fits
from .lifecycle import distinct_lines, lifecycle_parts
from .registry import draws
from .text import Text, cell_len

BAR = "█"
GAP = "░"


@draws(res.Timeline)
def Timeline(result: res.Timeline, ctx: RenderContext) -> list[Any]:
    """One row per period and programme; the bar is the announced applications, its solid part the known ones."""
    t, c = ctx.t, ctx.c
    width = ctx.width
    points = result.results
    if not points:
        return [Text(t._("No dated batches in this selection."))]
    headers = [t._("Period"), t._("Programme"), t._("Batches"), t._("Announced"), t._("Known")]
    fixed = max(cell_len(x) for x in [*(p.period for p in points), headers[0]])
    fixed += max(cell_len(x) for x in [headers[1], *(c.programme(p.programme) for p in points)])
    fixed += sum(cell_len(h) for h in headers[2:]) + 2 * 5
    room = max(width - fixed, 10)
    widest = max(max(p.announced_count, p.known) for p in points) or 1
    scale = room / widest
    rows = []
    for p in points:
        # A count that is not zero is never drawn as nothing: at least one cell for any known or missing ones.
        total = max(p.announced_count, p.known)
        known = max(round(p.known * scale), 1 if p.known else 0)
        rest = max(round(total * scale) - known, 1 if total > p.known else 0)
        bar = Text(BAR * known, style="green")
        bar.append(GAP * rest, style="yellow")
        rows.append([p.period, c.programme(p.programme), str(p.batches),
                     c.announced_total(p.announced_count, p.announced_unknown_batches), str(p.known), bar])
    columns = [Col(headers[0], "key"), Col(headers[1], "key"), Col(headers[2], "token", "right"),
               Col(headers[3], "token", "right"), Col(headers[4], "token", "right"), Col("", "token")]
    return [Sheet(columns, rows, heading=[0, 1], caption=t._(
        "{bar} known applications, {gap} announced but not known; +?: some batches of unknown size. Undated "
        "batches are left out (see `sandbox coverage`).").format(bar=BAR, gap=GAP))]


STAT_TITLES = {"programme": N_("By programme"), "category": N_("By category"), "technology": N_("Top technologies"),
               "institution-kind": N_("Applications involving each kind of institution"),
               "applicant": N_("Top applicants"),
               "group": N_("Corporate groups (their members' applications included)")}



@draws(res.Stats)
def Stats(result: res.Stats, ctx: RenderContext) -> list[Any]:
    t = ctx.t
    parts: list[Any] = []
    for dimension, title in STAT_TITLES.items():
        items = [s for s in result.results if s.dimension == dimension]
        if not items:
            continue
        rows = [[_label(s, ctx), str(s.count), f"{s.share:.0%}" if s.share is not None else "—"] for s in items]
        caption = t._("Projects as tagged: a family does not include its members here, as it does in `sandbox "
                    "technologies`.") if dimension == "technology" else None
        parts.append(Sheet([Col(""), Col(t._("Applications"), "token", "right"), Col(t._("Share"), "token", "right")],
                           rows, title=t._(title), heading=[0], caption=caption))
    if not parts:
        parts.append(Text(t._("No known applications in this selection.")))
    return parts


def _label(item: agg.StatItem, ctx: RenderContext) -> str:
    """A counted item in the reader's language: categories and kinds from the catalogue, names from the data."""
    t, c = ctx.t, ctx.c
    if item.dimension == "category":
        return t._(CATEGORY.get(item.key, NOT_GIVEN))
    if item.dimension == "institution-kind":
        return c.kind(item.key)
    if item.dimension == "technology":
        return ctx.technology(item.key)
    return (item.label_zh or item.label) if c.zh else item.label


def _ranked(items: list[agg.Ranked], ctx: RenderContext, show_key: bool = False) -> str:
    c = ctx.c

    def label(x: agg.Ranked) -> str:
        if show_key:
            return ctx.technology(x.key)
        return (x.label_zh or x.label) if c.zh else x.label

    # a no-break space keeps each count on the line of its name
    return "\n".join(label(x) + c.aside(str(x.count), joiner="\u00a0") for x in items) or "—"


COMPARE_ROWS: list[tuple[str, Any]] = [
    (N_("Batches"), lambda x, ctx: ctx.c.batches_total(x.batches, x.batches_missing)),
    (N_("Announced"), lambda x, ctx: ctx.c.announced_total(x.announced_count, x.announced_unknown_batches)),
    (N_("Known"), lambda x, ctx: str(x.known)),
    (N_("First batch"), lambda x, ctx: ctx.c.date(x.first_date)),
    (N_("Latest batch"), lambda x, ctx: ctx.c.date(x.latest_date)),
    (N_("Categories"), lambda x, ctx: ctx.t._("{service} service\n{product} product\n{unknown} not given").format(
        service=x.financial_service, product=x.technology_product, unknown=x.category_unknown)),
    (N_("Top technologies"), lambda x, ctx: _ranked(x.top_technologies, ctx, show_key=True)),
    (N_("Top applicants"), lambda x, ctx: _ranked(x.top_applicants, ctx)),
    (N_("Bank applicant"), lambda x, ctx: ctx.t._("{n} of {known}").format(n=x.with_bank_applicant, known=x.known)
     + (ctx.c.aside(f"{x.bank_share:.0%}") if x.bank_share is not None else "")),
]
"""The rows of a programme's section: label, and the cell of one region's figures in that programme (the render
context gives technologies their labels)."""


@draws(res.ComparisonTable)
def ComparisonTable(result: res.ComparisonTable, ctx: RenderContext) -> list[Any]:
    """One section per programme, headed by its name, regions as columns ("—" where a region does not take part);
    a section whose regions do not all fit beside the labels is split into several tables, each under its title."""
    t, c = ctx.t, ctx.c
    width = ctx.width
    entries = {(r.region, p.programme): p for r in result.results for p in r.programmes}
    parts: list[Any] = []
    for i, programme in enumerate(result.programmes):
        title = programme.name_zh if c.zh else programme.name_en  # over every table of the section
        regions = list(result.results)
        while regions:
            take = len(regions)
            while take > 1 and not fits(_section(regions[:take], programme.programme, entries, i == 0, title, ctx),
                                        width):
                take -= 1
            parts += [Text("")] if parts else []
            parts.append(_section(regions[:take], programme.programme, entries, i == 0, title, ctx))
            regions = regions[take:]
    shown = list(entries.values())
    parts.append(Text(t._("Each section counts one programme; splits, tops and shares count its known applications."),
                      style="dim"))
    parts += c.count_legend(by_number=any(x.batches_missing for x in shown),
                            unsized=any(x.announced_unknown_batches for x in shown),
                            known_over=any(x.known > x.announced_count for x in shown))
    return parts


def _section(regions: list[agg.Comparison], programme: str, entries: dict[tuple[str, str], agg.ProgrammeComparison],
             with_names: bool, title: str, ctx: RenderContext) -> Sheet:
    """One programme's figures for these regions; the other language's names too when `with_names` (the first
    section)."""
    t, c = ctx.t, ctx.c
    columns = [Col("", "key")] + [Col(r.name_zh if c.zh else r.name_en, "prose") for r in regions]
    rows: list[list[Any]] = []
    if with_names:
        rows.append(["English" if c.zh else "中文", *(r.name_en if c.zh else r.name_zh for r in regions)])
    for label, get in COMPARE_ROWS:
        cells = [entries.get((r.region, programme)) for r in regions]
        rows.append([t._(label), *(get(x, ctx) if x else "—" for x in cells)])
    return Sheet(columns, rows, title=title, heading=[0])


@draws(res.CoverageReport)
def CoverageReport(result: res.CoverageReport, ctx: RenderContext) -> list[Any]:
    t, c = ctx.t, ctx.c
    totals = []
    for tot in result.totals:
        sourced = min(tot.share_with_source.values()) if tot.share_with_source else 1.0
        totals.append([c.programme(tot.programme), c.batches_total(tot.batches, tot.batches_missing),
                       str(tot.batches_complete), str(tot.batches_of_unknown_size), str(tot.announced_count),
                       str(tot.known), str(tot.missing),
                       f"{tot.share_known:.0%}" if tot.share_known is not None else "—",
                       str(tot.projects_without_name_zh), str(tot.projects_without_name_en), f"{sourced:.0%}"])
    columns = [Col(t._("Programme"), "key")] + [Col(h, "token", "right") for h in (
        t._("Batches"), t._("Complete"), t._("Size unknown"), t._("Announced"), t._("Known"), t._("Missing"),
        t._("Known share"), t._("No Chinese name"), t._("No English name"), t._("Sourced"))]
    parts: list[Any] = [Sheet(columns, totals, title=t._("Coverage by programme"), caption=t._(
        "Known share: known ÷ announced, over batches whose size was announced. Sourced: rows citing a public "
        "page."))]
    parts += [Text(_totals_explained(tot, ctx), style="dim") for tot in result.totals]
    parts += c.count_legend(by_number=any(tot.batches_missing for tot in result.totals))
    s = result.sources
    share = c.aside(f"{s.share_with_publisher:.0%}") if s.share_with_publisher is not None else ""
    parts.append(Text(t._("Sources: {n} pages cited; {both} name a title and a publisher; {publisher} a publisher"
                        "{share}; {copies} are copies on third-party sites (title and publisher then name the "
                        "original).").format(n=s.sources, both=s.with_title_and_publisher,
                                             publisher=s.with_publisher, share=share, copies=s.copies)))
    parts += distinct_lines(result.totals, ctx)
    parts += lifecycle_parts(result.lifecycle, ctx)
    if result.results:
        rows = []
        for r in result.results:
            apps = Text(f"{'?' if r.announced_count is None else r.announced_count} / {r.known_count}",
                        style="green" if r.complete else "yellow")
            region = r.region_name_zh if c.zh else r.region_name_en
            date: Any = c.date(r.announced) if r.listed else Text(t._("by number"), style="dim")
            rows.append([c.programme(r.programme), region, r.batch_key, date, apps,
                         "?" if r.missing is None else str(r.missing), str(r.projects_without_name_zh),
                         str(r.projects_without_name_en), str(r.names_that_are_descriptions),
                         str(r.placements_inferred)])
        columns = [Col(t._("Programme"), "key"), Col(t._("Region"), "key"), Col(t._("Batch"), "key"),
                   Col(t._("Announced"), "key")]
        columns += [Col(h, "token", "right") for h in (t._("Apps"), t._("Missing"), t._("No Chinese"),
                                                       t._("No English"), t._("Described"), t._("Inferred"))]
        n = len(result.results)
        caption = t.ngettext("{n} batch.", "{n} batches.", n).format(n=n) + c.sentence_gap() + t._(
            "Apps: announced / known. No Chinese, No English: projects without a name in that language. Described: "
            "known only by a description, the official name not found. Inferred: placed in the batch by inference.")
        if any(not r.listed for r in result.results):
            caption += c.sentence_gap() + t._("By number: a batch known only by its number (a later one implies it).")
        parts.append(Sheet(columns, rows, title=t._("By batch"), caption=caption))
    return parts


def _totals_explained(totals: agg.CoverageTotals, ctx: RenderContext) -> str:
    """How one programme's Announced, Known and Missing relate, in its own figures."""
    t, c = ctx.t, ctx.c
    unsized = t.ngettext("{n} batch of unknown size", "{n} batches of unknown size",
                       totals.batches_of_unknown_size).format(n=totals.batches_of_unknown_size)
    if totals.batches_missing:
        unsized += c.aside(t._("{n} known only by number").format(n=totals.batches_missing))
    sized = t._("{programme}: Announced {announced} = Known {known_sized} + Missing {missing} (batches of given "
              "size)").format(programme=c.programme(totals.programme), announced=totals.announced_count,
                              known_sized=totals.known_in_batches_of_known_size, missing=totals.missing)
    if not totals.batches_of_unknown_size:
        return sized + t._(".")
    return sized + t._("; Known {known} = {known_sized} + {known_unsized} in {unsized}.").format(
        known=totals.known, known_sized=totals.known_in_batches_of_known_size,
        known_unsized=totals.known_in_unsized_batches, unsized=unsized)
