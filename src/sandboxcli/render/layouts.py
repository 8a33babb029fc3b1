"""The layout of each result type, named after its record class (terminal.py looks them up by name). A layout
returns sheets (fit.py makes each a table or records) and lines of text."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from .. import records as m
from . import cells as c
from .fit import Col, Sheet
from .terminal import link


def RegionList(result: m.RegionList, width: int) -> list[Any]:
    columns = [Col("Region", "key"), Col("Programme", "key"), Col("Batches", "token", "right"),
               Col("Announced", "token", "right"), Col("Known", "token", "right"), Col("First", "key"),
               Col("Latest", "key")]
    caption = (f"{len(result.results)} regions. Announced: applications the notices announced (\"+?\": some batch "
               "sizes were never announced). Known: applications named in the database.")

    def sheet(one_line: bool) -> Sheet:
        rows, titles = [], []
        for r in result.results:
            # Both names on one line when they fit; else the Chinese name under the English one.
            names = ([f"{r.name_en} {r.name_zh}"] if one_line else
                     [r.name_en, r.name_zh] if len(r.programmes) > 1 else [f"{r.name_en}\n{r.name_zh}"])
            for i, p in enumerate(r.programmes):
                rows.append([names[i] if i < len(names) else "", c.programme(p.programme), str(p.batches),
                             c.announced_total(p.announced, p.announced_unknown_batches), str(p.known),
                             c.date(p.first_date), c.date(p.latest_date)])
                titles.append(f"{r.name_en} {r.name_zh} · {c.programme(p.programme)}")
        return Sheet(columns, rows, caption=caption, heading=[0, 1], titles=titles)

    from .fit import fits

    one_line = sheet(True)
    return [one_line if fits(one_line, width) else sheet(False)]


def RegionBatchList(result: m.RegionBatchList, width: int) -> list[Any]:
    region = result.region
    rows = []
    for b in result.results:
        derived = "*" if b.announced_count_derived else ""
        announced = "?" if b.announced_count is None else f"{b.announced_count}{derived}"
        apps = Text(f"{announced} / {b.known_count}", style="green" if b.complete else "yellow")
        rows.append([c.programme(b.programme), b.key, c.date(b.announced), apps, b.label or "—"])
    columns = [Col("Programme", "key"), Col("Batch", "key"), Col("Announced", "key"),
               Col("Applications", "token", "right"), Col("Label")]
    return [Sheet(columns, rows, title=f"{region.name_en} {region.name_zh}: {len(result.results)} batch(es)",
                  caption="Applications: announced / known (* derived count). `sandbox show CITY BATCH` shows one.")]


def BatchView(result: m.BatchView, width: int) -> list[Any]:
    d = result.batch
    head = Text()
    head.append(f"{d.region_name_en} {d.region_name_zh} · {d.programme_name_en} · batch {d.key}", style="bold")
    if d.label:
        head.append(f"\n{d.label}")
    head.append(f"\nAnnounced {c.date(d.announced)} · Regulator: {d.regulator or 'not given'}\n")
    head.append_text(c.count_line(d.announced_count, d.known_count, d.announced_count_derived))
    if d.announced_count_derived:
        head.append(" (* the announced count is derived, not stated)", style="dim")
    if not d.complete:
        head.append(" — this batch is incomplete: not every application is known", style="yellow")
    parts: list[Any] = [head]
    if result.results:
        urls = list(dict.fromkeys(p.source.url for p in result.results))
        rows = []
        for p in result.results:
            name = c.project_name(p)
            if p.placement_inferred:
                name.append("\n[placed in this batch by inference]", style="dim")
            status = f"\n{p.status.replace('-', ' ')}" if p.status else ""
            rows.append([f"#{p.id}", name, c.category(p) + status, c.applicants(p), c.technologies(p),
                         f"[{urls.index(p.source.url) + 1}]"])
        columns = [Col("Id", "key"), Col("Project"), Col("Category", "token"), Col("Applicants"),
                   Col("Technologies", "token"), Col("Src", "token")]
        parts.append(Sheet(columns, rows, heading=[0]))
        refs = {p.source.url: p.source for p in result.results}
        parts += [link(f"[{i}] ", url, c.source(refs[url])) for i, url in enumerate(urls, 1)]
    for note in d.notes:
        parts.append(Text(f"Note: {note}", style="dim"))
    for e in d.events:
        parts.append(Text(f"{c.date(e.date)}  {e.kind}: {e.note or ''}", style="dim"))
        parts.append(link("  ", e.source.url, c.source(e.source)))
    parts.append(Text("Batch sources:", style="dim"))
    parts += [link("  ", s.url, c.source(s)) for s in d.sources]
    return parts


class Footnotes:
    """Sources numbered [1], [2] … in the order rows cite them, listed under the table with their publishers."""

    def __init__(self) -> None:
        self.refs: dict[str, m.SourceRef] = {}

    def mark(self, ref: m.SourceRef) -> str:
        self.refs.setdefault(ref.url, ref)
        return f"[{list(self.refs).index(ref.url) + 1}]"

    def lines(self) -> list[Any]:
        return [link(f"[{i}] ", url, c.source(ref)) for i, (url, ref) in enumerate(self.refs.items(), 1)]


def _projects_sheet(projects: list[m.Project], caption: str | None, notes: Footnotes) -> Sheet:
    rows = [[f"#{p.id}", c.date(p.batch_announced), p.region_name_en, c.batch_label(p), c.project_name(p),
             c.category(p), c.applicants(p), c.technologies(p), notes.mark(p.source)] for p in projects]
    columns = [Col("Id", "key"), Col("Date", "key"), Col("Region", "key"), Col("Batch", "key"), Col("Project"),
               Col("Category", "token"), Col("Applicants"), Col("Technologies", "token"), Col("Src", "token")]
    return Sheet(columns, rows, caption=caption)


def ProjectList(result: m.ProjectList, width: int) -> list[Any]:
    if not result.results:
        return [Text("No matching projects.")]
    n = len(result.results)
    caption = f"{n} result{'s' if n != 1 else ''}. `sandbox project ID` shows one whole."
    notes = Footnotes()
    return [_projects_sheet(result.results, caption, notes), *notes.lines()]


def ProjectView(result: m.ProjectView, width: int) -> list[Any]:
    parts: list[Any] = []
    for p in result.results:
        head = Text(f"#{p.id} · {p.region_name_en} {p.region_name_zh} · {c.programme(p.programme)} batch "
                    f"{p.batch_key} · {c.date(p.batch_announced)}", style="bold")
        parts.append(head)
        fields: list[list[Any]] = [
            ["Name", c.project_name(p)],
            ["Batch", p.batch_label or "—"],
            ["Regulator", p.regulator or "—"],
            ["Category", c.category(p)],
            ["Status", (p.status or "—").replace("-", " ")],
            ["Applicants", Text("\n".join(
                f"{a.name_en or ''} {a.name_zh or ''}".strip() + (f", {a.branch}" if a.branch else "")
                + (f" (written {a.as_written})" if a.as_written else "") for a in p.applicants) or "—")],
            ["Technologies", ", ".join(p.technologies) or "—"],
        ]
        if p.statement_no:
            fields.append(["Statement", p.statement_no])
        if p.planned_start:
            fields.append(["Planned start", p.planned_start])
        fields += [["Note", note] for note in p.notes]
        notes = Footnotes()
        for s in p.sources:
            notes.mark(s)
        for e in p.events:
            note = f": {e.note}" if e.note else ""
            fields.append(["Event", f"{c.date(e.date)} {e.kind}{note} {notes.mark(e.source)}"])
        parts.append(Sheet([Col("Field", "key"), Col("Value")], fields, heading=[]))
        parts.append(Text("Sources:", style="dim"))
        parts += notes.lines()
    return parts


def EventList(result: m.EventList, width: int) -> list[Any]:
    if not result.results:
        return [Text("No matching events.")]
    rows = []
    notes = Footnotes()
    for e in result.results:
        what = Text(" ".join(x for x in (e.project_name_zh, e.project_name_en) if x) or "the whole batch")
        if e.note:
            what.append(f"\n{e.note}", style="dim")
        rows.append([c.date(e.date), e.kind, e.region_name_en, f"{e.batch_key} ({c.programme(e.programme)})",
                     f"#{e.project_id}" if e.project_id else "—", what, notes.mark(e.source)])
    columns = [Col("Date", "key"), Col("Event", "key"), Col("Region", "key"), Col("Batch", "key"),
               Col("Id", "key"), Col("Project"), Col("Src", "token")]
    n = len(result.results)
    return [Sheet(columns, rows, caption=f"{n} event{'s' if n != 1 else ''}."), *notes.lines()]


def ComparisonTable(result: m.ComparisonTable, width: int) -> list[Any]:
    """Regions as columns, split into several tables when they do not all fit beside the labels."""
    labels: list[tuple[str, Any]] = [
        ("中文", lambda x: x.name_zh),
        ("Programmes", lambda x: ", ".join(c.programme(p) for p in x.programmes) or "—"),
        ("Batches", lambda x: str(x.batches)),
        ("Announced", lambda x: c.announced_total(x.announced, x.announced_unknown_batches)),
        ("Known", lambda x: str(x.known)),
        ("First batch", lambda x: c.date(x.first_date)),
        ("Latest batch", lambda x: c.date(x.latest_date)),
        ("Service / product / unknown",
         lambda x: f"{x.financial_service} / {x.technology_product} / {x.category_unknown}"),
        ("Top technologies", lambda x: "\n".join(f"{t.key} ({t.count})" for t in x.top_technologies) or "—"),
        ("Top applicants", lambda x: "\n".join(f"{a.label} ({a.count})" for a in x.top_applicants) or "—"),
        ("With a bank applicant", lambda x: f"{x.with_bank_applicant} of {x.known}"
                                            + (f" ({x.bank_share:.0%})" if x.bank_share is not None else "")),
    ]
    from .fit import fits

    regions = list(result.results)
    groups: list[list[m.Comparison]] = []
    while regions:
        take = len(regions)
        while take > 1:
            trial = _compare_sheet(regions[:take], labels)
            if fits(trial, width):
                break
            take -= 1
        groups.append(regions[:take])
        regions = regions[take:]
    parts: list[Any] = []
    for i, group in enumerate(groups):
        parts += [Text("")] if i else []
        parts.append(_compare_sheet(group, labels))
    parts.append(Text("Splits, tops and shares count known applications. \"+?\": some batch sizes were never "
                      "announced.", style="dim"))
    return parts


def _compare_sheet(regions: list[m.Comparison], labels: list[tuple[str, Any]]) -> Sheet:
    columns = [Col("", "key")] + [Col(r.name_en, "prose") for r in regions]
    rows = [[label, *(get(r) for r in regions)] for label, get in labels]
    return Sheet(columns, rows, heading=[0])


def TechnologyList(result: m.TechnologyList, width: int) -> list[Any]:
    rows = [[("  " if t.parent else "") + t.slug, t.parent or "", f"{t.label_en} / {t.label_zh}", str(t.projects)]
            for t in result.results]
    columns = [Col("Slug", "key"), Col("Family", "token"), Col("Label"), Col("Projects", "token", "right")]
    return [Sheet(columns, rows, caption="Members are indented under their family; a family's count includes its "
                  "members' projects (what `search --tech FAMILY` finds).")]


def CoverageReport(result: m.CoverageReport, width: int) -> list[Any]:
    totals = []
    for t in result.totals:
        sourced = min(t.share_with_source.values()) if t.share_with_source else 1.0
        totals.append([c.programme(t.programme), str(t.batches), str(t.batches_complete),
                       str(t.batches_of_unknown_size), str(t.announced), str(t.known), str(t.missing),
                       f"{t.share_known:.0%}" if t.share_known is not None else "—", str(t.projects_without_name_zh),
                       str(t.projects_without_name_en), f"{sourced:.0%}"])
    columns = [Col("Programme", "key")] + [Col(h, "token", "right") for h in (
        "Batches", "Complete", "Size unknown", "Announced", "Known", "Missing", "Known share", "No 中文 name",
        "No English name", "Sourced")]
    parts: list[Any] = [Sheet(columns, totals, title="Coverage by programme",
                              caption="Known share: known ÷ announced, over batches whose size was announced. "
                              "Sourced: rows citing a public page.")]
    s = result.sources
    share = f" ({s.share_with_publisher:.0%})" if s.share_with_publisher is not None else ""
    parts.append(Text(f"Sources: {s.sources} pages cited; {s.with_title_and_publisher} name a title and a "
                      f"publisher; {s.with_publisher} a publisher{share}; {s.copies} are copies on third-party sites "
                      "(title and publisher then name the original)."))
    if result.results:
        rows = []
        for r in result.results:
            apps = Text(f"{'?' if r.announced_count is None else r.announced_count} / {r.known_count}",
                        style="green" if r.complete else "yellow")
            rows.append([c.programme(r.programme), r.region_name_en, r.batch_key, c.date(r.announced), apps,
                         "?" if r.missing is None else str(r.missing), str(r.projects_without_name_zh),
                         str(r.projects_without_name_en), str(r.names_that_are_descriptions),
                         str(r.placements_inferred)])
        columns = [Col("Programme", "key"), Col("Region", "key"), Col("Batch", "key"), Col("Announced", "key")]
        columns += [Col(h, "token", "right") for h in ("Apps", "Missing", "No 中文", "No EN", "Descr.", "Inferred")]
        n = len(result.results)
        parts.append(Sheet(columns, rows, title="By batch", caption=f"{n} batch{'es' if n != 1 else ''}. Apps: "
                           "announced / known."))
    return parts


def ApplicantProfiles(result: m.ApplicantProfiles, width: int) -> list[Any]:
    if not result.results:
        rows = [[x.entity_id, " ".join(n for n in (x.name_en, x.name_zh) if n), x.kind or "—", str(x.applications)]
                for x in result.matches]
        columns = [Col("Id", "key"), Col("Institution"), Col("Kind", "token"), Col("Applications", "token", "right")]
        return [Sheet(columns, rows, title=f"{len(rows)} institutions match {result.query['name']!r}",
                      caption="Give a fuller name (or an id above) for a profile: `sandbox applicant ID`.")]
    parts: list[Any] = []
    for profile in result.results:
        head = Text()
        head.append(" ".join(n for n in (profile.name_en, profile.name_zh) if n), style="bold")
        head.append(f"  ({profile.kind or 'kind not classified'})")
        if profile.aliases:
            head.append("\nAlso written: " + ", ".join(profile.aliases))
        head.append(f"\n{len(profile.projects)} application(s) in " + (", ".join(profile.regions) or "no region")
                    + "; programmes: " + (", ".join(c.programme(p) for p in profile.programmes) or "—"))
        parts.append(head)
        if profile.projects:
            notes = Footnotes()
            projects: list[list[Any]] = [[f"#{p.id}", c.date(p.batch_announced), p.region_name_en, c.batch_label(p),
                                          c.project_name(p), c.applicants(p), notes.mark(p.source)]
                                         for p in profile.projects]
            columns = [Col("Id", "key"), Col("Date", "key"), Col("Region", "key"), Col("Batch", "key"),
                       Col("Project"), Col("Applicants"), Col("Src", "token")]
            parts += [Sheet(columns, projects), *notes.lines()]
        if profile.co_applicants:
            parts.append(Text("Co-applicants: " + "; ".join(f"{x.label} ({x.count})" for x in profile.co_applicants)))
    return parts


def Rows(result: m.Rows, width: int) -> list[Any]:
    """SQL results and export tables: every column is data, so none is a key; cells are shown as they are."""
    if not result.columns:
        return [Text("Statement returned no columns.")]
    shown = result.results[:1000]

    def value(v: Any) -> str:
        if v is None:
            return "NULL"
        if isinstance(v, (bytes, bytearray, memoryview)):
            return f"<blob, {len(bytes(v)):,} bytes>"
        if isinstance(v, list):
            return ", ".join(str(x) for x in v)
        return str(v)

    rows = [[value(r.get(col)) for col in result.columns] for r in shown]
    n = len(result.results)
    caption = f"{n} row(s)" + (f"; the first {len(shown)} shown: use --format csv for all" if n > len(shown) else "")
    return [Sheet([Col(name, "prose") for name in result.columns], rows, caption=caption, heading=[0])]


def FilesWritten(result: m.FilesWritten, width: int) -> list[Any]:
    return [Text(f"wrote {f['file']} ({f['rows']} rows)") for f in result.results]
