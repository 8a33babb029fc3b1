"""The layout of each result type, registered with `@draws(ResultType)` (registry.py). A layout
returns sheets (fit.py makes each a table or records) and lines of text, in the reader's language."""

from __future__ import annotations

from typing import Any

from .. import records as m
from .. import results as res
from ..i18n import N_
from ..names import printable
from ..sources import best_first
from .context import RenderContext
from .fit import Col, Sheet, fits
from .groups import group_lines, members_matched
from .link import Link
from .registry import draws
from .text import Text


@draws(res.RegionList)
def RegionList(result: res.RegionList, ctx: RenderContext) -> list[Any]:
    t, c = ctx.t, ctx.c
    width = ctx.width
    columns = [Col(t._("Region"), "key"), Col(t._("Programme"), "key"), Col(t._("Batches"), "token", "right"),
               Col(t._("Announced"), "token", "right"), Col(t._("Known"), "token", "right"), Col(t._("First"), "key"),
               Col(t._("Latest"), "key")]
    n = len(result.results)
    caption = t.ngettext("{n} region.", "{n} regions.", n).format(n=n) + c.sentence_gap() + t._(
        "Announced: applications the notices announced. Known: applications named in the database.")
    totals = [p for r in result.results for p in r.programmes]

    def sheet(one_line: bool) -> Sheet:
        rows, titles = [], []
        for r in result.results:
            # Both names on one line when they fit; else the second name under the first.
            both = c.names(r.name_en, r.name_zh)
            first, _sep, second = c.names(r.name_en, r.name_zh, sep="\n").partition("\n")
            names = [both] if one_line else [first, second] if len(r.programmes) > 1 else [f"{first}\n{second}"]
            for i, p in enumerate(r.programmes):
                rows.append([names[i] if i < len(names) else "", c.programme(p.programme),
                             c.batches_total(p.batches, p.batches_missing),
                             c.announced_total(p.announced_count, p.announced_unknown_batches), str(p.known),
                             c.date(p.first_date), c.date(p.latest_date)])
                titles.append(f"{both} · {c.programme(p.programme)}")
        return Sheet(columns, rows, caption=caption, heading=[0, 1], titles=titles)

    one_line = sheet(True)
    legend = c.count_legend(by_number=any(p.batches_missing for p in totals),
                            unsized=any(p.announced_unknown_batches for p in totals),
                            known_over=any(p.known > p.announced_count for p in totals))
    return [one_line if fits(one_line, width) else sheet(False), *legend]


@draws(res.RegionBatchList)
def RegionBatchList(result: res.RegionBatchList, ctx: RenderContext) -> list[Any]:
    t, c = ctx.t, ctx.c
    region = result.region
    rows = []
    for b in result.results:
        derived = "*" if b.announced_count_derived else ""
        announced = "?" if b.announced_count is None else f"{b.announced_count}{derived}"
        apps = Text(f"{announced} / {b.known_count}", style="green" if b.complete else "yellow")
        # the key is what `show CITY KEY` takes; a batch with neither number nor title is named for the reader
        label: Any = b.label or (c.batch_name(b.key, b.number, b.announced) if b.number is None else "—")
        if not b.listed:
            label = Text(t._("by number only (batch {later} exists)").format(later=b.implied_by),
                         style="dim")
        rows.append([c.programme(b.programme), b.key, c.date(b.announced), apps, label])
    columns = [Col(t._("Programme"), "key"), Col(t._("Batch"), "key"), Col(t._("Announced"), "key"),
               Col(t._("Applications"), "token", "right"), Col(t._("Label"))]
    n = len(result.results)
    title = c.labelled(c.names(region.name_en, region.name_zh), t.ngettext("{n} batch", "{n} batches", n).format(n=n))
    caption = t._("Applications: announced / known (* derived count; ? size not given). `sandbox show CITY BATCH` "
                "shows one.")
    parts: list[Any] = [Sheet(columns, rows, title=title, caption=caption)]
    if any(not b.listed for b in result.results):
        parts.append(Text(t._("By number only: a later batch's number implies it; no page here describes it."),
                          style="dim"))
    return parts


@draws(res.BatchView)
def BatchView(result: res.BatchView, ctx: RenderContext) -> list[Any]:
    t, c = ctx.t, ctx.c
    d = result.batch
    head = Text()
    programme = d.programme_name_zh if c.zh else d.programme_name_en
    batch = c.batch_heading(d.key, d.number, d.announced)
    head.append(f"{c.names(d.region_name_en, d.region_name_zh)} · {programme} · {batch}", style="bold")
    if not d.listed:
        return _batch_by_number(d, head, ctx)
    if d.label:
        head.append(f"\n{d.label}")
    head.append("\n" + t._("Announced {date} · Regulator: {regulator}").format(
        date=c.date(d.announced), regulator=c.in_language(d.regulator) or t._("not given")) + "\n")
    head.append_text(c.count_line(d.announced_count, d.known_count, d.announced_count_derived))
    if d.announced_count_derived:
        head.append(" " + t._("(* the announced count is derived, not stated)"), style="dim")
    if not d.complete:
        head.append(" — " + t._("this batch is incomplete: not every application is known"), style="yellow")
    parts: list[Any] = [head]
    if result.results:
        notes = Footnotes()
        rows = []
        with_status = any(p.status for p in result.results)  # a Status column only where some project has one
        for p in result.results:
            name = c.project_name(p)
            if p.placement_inferred:
                name.append("\n" + t._("[placed in this batch by inference]"), style="dim")
            rows.append([f"#{p.id}", name, c.category(p), *([c.status(p.status)] if with_status else []),
                         c.applicants(p), ctx.technologies(p.technologies), notes.mark(p.source)])
        columns = [Col(t._("Id"), "key"), Col(t._("Project")), Col(t._("Category"), "words"),
                   *([Col(t._("Status"), "token")] if with_status else []), Col(t._("Applicants")),
                   Col(t._("Technologies"), "token"), Col(t._("Source"), "token")]
        parts += [Sheet(columns, rows, heading=[0]), *notes.lines(ctx)]
    for note in d.notes:
        parts.append(Text(t._("Note: {note}").format(note=note), style="dim"))
    for e in d.events:
        which = f"#{e.project_id}  " if e.project_id else ""  # a project's event says which project
        parts.append(Text(f"{c.date(e.date)}  {which}" + c.labelled(c.event_kind(e.kind), e.note), style="dim"))
        parts.append(Link("  ", e.source.url, c.source(e.source)))
    parts.append(Text(t._("Batch sources:"), style="dim"))
    parts += [Link("  ", s.url, c.source(s)) for s in best_first(d.sources)]
    return parts


def _batch_by_number(d: m.BatchInfo, head: Text, ctx: RenderContext) -> list[Any]:
    """What is known of a batch known only by its number: that it exists, why, and nothing else."""
    t, c = ctx.t, ctx.c
    head.append("\n" + t._("Batch {key} exists by numbering: batch {later} exists, and batches are numbered in order, "
                         "so every lower number was announced too.").format(key=d.key, later=d.implied_by))
    head.append("\n" + t._("No public page cited here names its applications; its date, regulator and size are "
                         "unknown."))
    head.append("\n")
    head.append_text(c.count_line(None, 0))
    return [head, Text(t._("Source of batch {later}:").format(later=d.implied_by), style="dim"),
            *(Link("  ", s.url, c.source(s)) for s in d.sources)]


class Footnotes:
    """Sources numbered [1], [2] … in the order rows cite them, listed under the table with their publishers."""

    def __init__(self) -> None:
        self.refs: dict[str, m.SourceRef] = {}

    def mark(self, ref: m.SourceRef) -> str:
        self.refs.setdefault(ref.url, ref)
        return f"[{list(self.refs).index(ref.url) + 1}]"

    def lines(self, ctx: RenderContext) -> list[Any]:
        return [Link(f"[{i}] ", url, ctx.c.source(ref)) for i, (url, ref) in enumerate(self.refs.items(), 1)]


def _region(p: m.Project, ctx: RenderContext) -> str:
    c = ctx.c
    return (p.region_name_zh if c.zh else p.region_name_en) or p.region


def _projects_sheet(projects: list[m.Project], caption: str | None, notes: Footnotes, ctx: RenderContext) -> Sheet:
    t, c = ctx.t, ctx.c
    rows = [[f"#{p.id}", c.date(p.batch_announced), _region(p, ctx), c.batch_label(p), c.project_name(p),
             c.category(p), c.applicants(p), ctx.technologies(p.technologies), notes.mark(p.source)] for p in projects]
    columns = [Col(t._("Id"), "key"), Col(t._("Date"), "key"), Col(t._("Region"), "key"), Col(t._("Batch"), "key"),
               Col(t._("Project")), Col(t._("Category"), "words"), Col(t._("Applicants")),
               Col(t._("Technologies"), "token"), Col(t._("Source"), "token")]
    return Sheet(columns, rows, caption=caption)


@draws(res.ProjectList)
def ProjectList(result: res.ProjectList, ctx: RenderContext) -> list[Any]:
    t, c = ctx.t, ctx.c
    from .readings import search_line

    if not result.results:
        return [*search_line(result.query, ctx), Text(t._("No matching projects."))]
    n = len(result.results)
    caption = t.ngettext("{n} result.", "{n} results.", n).format(n=n) + c.sentence_gap() + t._(
        "`sandbox project ID` shows one whole.")
    notes = Footnotes()
    return [*search_line(result.query, ctx), *members_matched(result.query, ctx),
            _projects_sheet(result.results, caption, notes, ctx), *notes.lines(ctx)]


@draws(res.ProjectView)
def ProjectView(result: res.ProjectView, ctx: RenderContext) -> list[Any]:
    t, c = ctx.t, ctx.c
    parts: list[Any] = []
    for p in result.results:
        if p.batch_number is not None:
            batch = c.unbroken(t._("{programme} batch {key}").format(programme=c.programme(p.programme),
                                                                  key=p.batch_number))
            batch += f" · {c.date(p.batch_announced)}"
        else:  # a batch without a number is named by what is known of it, its date included when there is one
            batch = c.programme(p.programme) + " · " + c.batch_name(p.batch_key, p.batch_number, p.batch_announced)
        parts.append(Text(f"#{p.id} · {c.names(p.region_name_en, p.region_name_zh)} · {batch}", style="bold"))
        applicants = []
        for a in p.applicants:
            branch = ("" if c.zh else ",") + f" {c.in_language(a.branch)}" if a.branch else ""
            line = c.names(a.name_en, a.name_zh) + branch
            applicants.append(line + (" " + t._("(written {name})").format(name=a.as_written) if a.as_written else ""))
        fields: list[list[Any]] = [
            [t._("Name"), c.project_name(p)],
            [t._("Batch"), p.batch_label or "—"],
            [t._("Regulator"), c.in_language(p.regulator) or "—"],
            [t._("Category"), c.category(p)],
            [t._("Status"), c.status(p.status)],
            [t._("Applicants"), Text("\n".join(applicants) or "—")],
            [t._("Technologies"), ctx.technologies(p.technologies)],
        ]
        if p.statement_no:
            fields.append([t._("Statement"), p.statement_no])
        if p.planned_start:
            fields.append([t._("Planned start"), c.date(p.planned_start)])
        fields += [[t._("Note"), note] for note in p.notes]
        notes = Footnotes()
        for s in best_first(p.sources):
            notes.mark(s)
        if p.name_en_from:
            origin = t._(NAME_EN_FROM.get(p.name_en_from, p.name_en_from))
            fields.insert(1, [t._("English name"), origin + (" " + notes.mark(p.name_en_source)
                                                           if p.name_en_source else "")])
        for e in p.events:
            what = c.labelled(c.event_kind(e.kind), e.note)
            fields.append([t._("Event"), f"{c.date(e.date)} {what} {notes.mark(e.source)}"])
        parts.append(Sheet([Col(t._("Field"), "key"), Col(t._("Value"))], fields, heading=[]))
        parts.append(Text(t._("Sources:"), style="dim"))
        parts += notes.lines(ctx)
    return parts


@draws(res.EventList)
def EventList(result: res.EventList, ctx: RenderContext) -> list[Any]:
    t, c = ctx.t, ctx.c
    from .readings import events_line

    if not result.results:
        return [*events_line(result.query, ctx), Text(t._("No matching events."))]
    rows = []
    notes = Footnotes()
    for e in result.results:
        what = Text()
        if e.project_name_zh:
            what.append(e.project_name_zh)
        if e.project_name_en:
            what.append(("\n" if what else "") + e.project_name_en, style="italic")
        region = e.region_name_zh if c.zh else e.region_name_en
        batch = t._("{key} ({programme})").format(key=c.batch_name(e.batch_key, e.batch_number, e.batch_announced),
                                                programme=c.programme(e.programme))
        rows.append([c.date(e.date), c.event_kind(e.kind), region, batch, f"#{e.project_id}" if e.project_id else "—",
                     what if what else Text(t._("the whole batch"), style="dim"), e.note or "—", notes.mark(e.source)])
    columns = [Col(t._("Date"), "key"), Col(t._("Event"), "key"), Col(t._("Region"), "key"), Col(t._("Batch"), "key"),
               Col(t._("Id"), "key"), Col(t._("Project")), Col(t._("Note")), Col(t._("Source"), "token")]
    n = len(result.results)
    caption = t.ngettext("{n} event.", "{n} events.", n).format(n=n)
    return [*events_line(result.query, ctx), Sheet(columns, rows, caption=caption), *notes.lines(ctx)]


@draws(res.TechnologyList)
def TechnologyList(result: res.TechnologyList, ctx: RenderContext) -> list[Any]:
    c = ctx.c
    t = ctx.t
    rows = [[("  " if tech.parent else "") + tech.slug, ctx.technology(tech.parent) if tech.parent else "",
             c.names(tech.label_en, tech.label_zh, " / "),
             str(tech.projects)] for tech in result.results]
    columns = [Col(t._("Slug"), "key"), Col(t._("Family"), "token"), Col(t._("Label")),
               Col(t._("Projects"), "token", "right")]
    return [Sheet(columns, rows, caption=t._(
        "A family's count includes its members' projects (what `search --tech FAMILY` finds); members are listed "
        "under their family."))]


@draws(res.ApplicantProfiles)
def ApplicantProfiles(result: res.ApplicantProfiles, ctx: RenderContext) -> list[Any]:
    t, c = ctx.t, ctx.c
    if not result.results:
        rows = [[x.entity_id, c.names(x.name_en, x.name_zh, sep="\n"), c.kind(x.kind), str(x.applications)]
                for x in result.matches]
        columns = [Col(t._("Id"), "key"), Col(t._("Institution")), Col(t._("Kind"), "token"),
                   Col(t._("Applications"), "token", "right")]
        n = len(rows)
        title = t.ngettext("{n} institution matches {name!r}", "{n} institutions match {name!r}", n).format(
            n=n, name=result.query["name"])
        return [Sheet(columns, rows, title=title, caption=t._(
            "Give a fuller name (or an id above) for a profile: `sandbox applicant ID`."))]
    from .readings import also_containing

    parts: list[Any] = [*also_containing(result.query["name"], result.query.get("also_containing") or [], ctx)]
    for profile in result.results:
        notes = Footnotes()
        head = Text()
        head.append(c.names(profile.name_en, profile.name_zh), style="bold")
        head.append(c.aside(c.kind(profile.kind)))
        if profile.aliases:
            head.append("\n" + t._("Also written: {aliases}").format(aliases=t.listing(profile.aliases)))
        n = len(profile.projects)
        region_names = {p.region: _region(p, ctx) for p in profile.projects}
        head.append("\n" + t.ngettext("{n} application in {regions}; programmes: {programmes}",
                                    "{n} applications in {regions}; programmes: {programmes}", n).format(
            n=n, regions=t.listing([region_names.get(r, r) for r in profile.regions]) or "—",
            programmes=t.listing([c.programme(p) for p in profile.programmes]) or "—"))
        for line in group_lines(profile, notes.mark, ctx):
            head.append("\n" + line)
        parts.append(head)
        if profile.projects:
            projects: list[list[Any]] = [[f"#{p.id}", c.date(p.batch_announced), _region(p, ctx), c.batch_label(p),
                                          c.project_name(p), c.applicants(p), notes.mark(p.source)]
                                         for p in profile.projects]
            columns = [Col(t._("Id"), "key"), Col(t._("Date"), "key"), Col(t._("Region"), "key"),
                       Col(t._("Batch"), "key"), Col(t._("Project")), Col(t._("Applicants")),
                       Col(t._("Source"), "token")]
            parts.append(Sheet(columns, projects))
        parts += notes.lines(ctx)
        if profile.co_applicants:
            parts.append(Text(t._("Co-applicants: {names}").format(names=t._("; ").join(
                ((x.label_zh or x.label) if c.zh else x.label) + c.aside(str(x.count))
                for x in profile.co_applicants))))
    return parts


NAME_EN_FROM = {"official": N_("the official English name"), "press": N_("an English report's rendering"),
                "translation": N_("translated for this database")}
"""Where a project's English name comes from, as `project` says it."""

LONGEST_CELL = 2000
"""Characters of one value a table shows (`sandbox sql` can return megabytes in a cell)."""

MOST_CELLS = 20_000
"""Cells a table of SQL results draws (1,000 rows of 20 columns; 10 rows of 2,000): laying out takes time in
proportion, about 40 s for a million; the machine formats print every row."""

LISTING_HEADINGS = {"table": N_("Table"), "column": N_("Column"), "type": N_("Type"),
                    "description": N_("Description"), "columns": N_("Columns")}
"""Headings of the two listings that are Rows too (`export --list`, `sql --schema`): there the columns are the
tool's, not a query's, so they are shown in the reader's language."""


@draws(res.Rows)
def Rows(result: res.Rows, ctx: RenderContext) -> list[Any]:
    """SQL results and export tables: every column is data, so none is a key; cells are shown as they are."""
    t = ctx.t
    if not result.columns:
        return [Text(t._("Statement returned no columns."))]
    shown = result.results[:max(1, min(1000, MOST_CELLS // len(result.columns)))]
    tool_listing = bool(result.query.get("list") or result.query.get("schema"))

    def value(v: Any) -> str:
        if v is None:
            return "" if tool_listing else "NULL"
        if isinstance(v, (bytes, bytearray, memoryview)):
            return t._("<blob, {n} bytes>").format(n=f"{len(bytes(v)):,}")
        if isinstance(v, list):
            v = ", ".join(str(x) for x in v)
        if isinstance(v, str) and len(v) > LONGEST_CELL:  # a screenful at most; the machine formats hold it whole
            return printable(v[:LONGEST_CELL]) + " … " + t._("({n} characters; --format csv prints them all)").format(
                n=f"{len(v):,}")
        return printable(v) if isinstance(v, str) else str(v)

    rows = [[value(r.get(col)) for col in result.columns] for r in shown]
    n = len(result.results)
    caption = t.ngettext("{n} row", "{n} rows", n).format(n=n)
    if n > len(shown):
        caption += "; " + t._("the first {shown} shown: use --format csv for all").format(shown=len(shown))
    headings = [t._(LISTING_HEADINGS[name]) if tool_listing and name in LISTING_HEADINGS else name
                for name in result.columns]
    return [Sheet([Col(name, "prose") for name in headings], rows, caption=caption, heading=[0])]


@draws(res.FilesWritten)
def FilesWritten(result: res.FilesWritten, ctx: RenderContext) -> list[Any]:
    t = ctx.t
    return [Text(t._("wrote {file} ({n} rows)").format(file=printable(f["file"]), n=f["rows"]))
            for f in result.results]
