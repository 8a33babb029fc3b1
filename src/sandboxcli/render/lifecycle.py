"""The lifecycle part of `sandbox coverage`: how many projects have any recorded fact about what became of them,
and each count a source states set beside what the data records (a gap is projects still to be named)."""

from __future__ import annotations

from typing import Any

from .. import aggregates as agg
from .. import records as m
from .context import RenderContext
from .fit import Col, Sheet
from .link import Link
from .text import Text


def lifecycle_parts(items: list[agg.LifecycleCoverage], ctx: RenderContext) -> list[Any]:
    """A table per programme's lifecycle completeness, then the stated counts with their sources."""
    t, c = ctx.t, ctx.c
    if not items:
        return []
    rows = []
    for x in items:
        share = f"{x.share:.0%}" if x.share is not None else "—"
        rows.append([c.programme(x.programme), str(x.projects), f"{x.with_lifecycle_fact} ({share})",
                     t.listing([f"{c.status(k)} {n}" for k, n in x.statuses.items()]) or "—",
                     t.listing([f"{c.event_kind(k)} {n}" for k, n in x.steps.items()]) or "—"])
    columns = [Col(t._("Programme"), "key"), Col(t._("Projects"), "token", "right"), Col(t._("With a fact"), "token",
                                                                                  "right"),
               Col(t._("Statuses")), Col(t._("Steps"))]
    parts: list[Any] = [Sheet(columns, rows, title=t._("Lifecycle"), caption=t._(
        "With a fact: projects with a status or a launch, completion or exit event (their own or their batch's)."))]
    stated = [s for x in items for s in x.stated]
    if stated:
        refs: dict[str, m.SourceRef] = {}
        rows = []
        for s in stated:
            refs.setdefault(s.source.url, s.source)
            split = t.listing([f"{r} {n[0]}/{n[1]}" for r, n in s.regions.items()])
            rows.append([c.date(s.date), c.event_kind(s.measure), s.scope + (c.aside(split) if split else ""),
                         str(s.stated), str(s.recorded), f"[{list(refs).index(s.source.url) + 1}]"])
        columns = [Col(t._("Date"), "key"), Col(t._("Step"), "key"), Col(t._("Scope")),
                   Col(t._("Stated"), "token", "right"), Col(t._("Recorded"), "token", "right"),
                   Col(t._("Source"), "token")]
        parts.append(Sheet(columns, rows, title=t._("Lifecycle counts the sources state"), caption=t._(
            "Recorded: projects the data records at that step by the date, in the same regions (stated/recorded "
            "per region in brackets).")))
        parts += [Link(f"[{i}] ", url, c.source(ref)) for i, (url, ref) in enumerate(refs.items(), 1)]
    return parts


def distinct_lines(totals: list[agg.CoverageTotals], ctx: RenderContext) -> list[Text]:
    """Where one application is listed in several regions, how many distinct applications the known listings are."""
    t, c = ctx.t, ctx.c
    return [Text(t._("{programme}: the {known} known listings are {distinct} distinct applications (one application "
                   "listed in several regions counts once).").format(
        programme=c.programme(tot.programme), known=tot.known, distinct=tot.distinct_applications))
            for tot in totals if tot.distinct_applications and tot.distinct_applications != tot.known]
