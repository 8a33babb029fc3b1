"""Rich tables for a terminal: the only module that imports Rich, and only when table output is asked for.

Columns fold long names onto several lines instead of cutting them with "…"; Rich measures CJK characters as two
cells wide, so Chinese columns stay aligned. Colour follows Rich's own rules: none when piped, none with NO_COLOR.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import models as m
from .view import View

PROGRAMME_SHORT = {
    "pboc-regulatory-pilot": "sandbox",
    "csrc-capital-market-pilot": "CSRC",
    "pboc-application-pilot": "app pilot",
}


def _table(title: str | None = None, caption: str | None = None, expand: bool = False) -> Table:
    # A caption is as wide as its table: give narrow tables room for it rather than folding it letter by letter.
    min_width = min(len(caption), 100) if caption else None
    return Table(title=title, caption=caption, box=box.SIMPLE_HEAD, title_justify="left", caption_justify="left",
                 header_style="bold", show_edge=False, pad_edge=False, expand=expand, min_width=min_width)


def _row(table: Table, *cells: Any, **kw: Any) -> None:
    """Add a row whose text cells are literal: data is never parsed as Rich markup ("[1]", "[bold]" stay as typed)."""
    table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells), **kw)


def _col(table: Table, name: str, **kw: Any) -> None:
    table.add_column(name, overflow="fold", **kw)


def _date(value: str | None) -> str:
    return value or "—"


def _count(announced: int | None, known: int, derived: bool = False) -> Text:
    """'6 announced, 6 known' in green when complete; the gap in yellow otherwise."""
    if announced is None:
        return Text(f"? announced, {known} known", style="yellow")
    label = f"{announced}{'*' if derived else ''} announced, {known} known"
    return Text(label, style="green" if known >= announced else "yellow")


def _programmes(ids: list[str]) -> str:
    return ", ".join(PROGRAMME_SHORT.get(p, p) for p in ids)


def _name(p: m.Project) -> Text:
    text = Text()
    if p.name_zh:
        text.append(p.name_zh)
    if p.name_en:
        if text:
            text.append("\n")
        marks = " (translated)" if p.name_en_translated and p.name_zh else ""
        marks += " (description; official name not found)" if p.name_is_description else ""
        text.append(p.name_en, style="italic")
        text.append(marks, style="dim")
    return text


def _applicants(p: m.Project) -> str:
    """One line per applicant, English name where known (JSON carries both languages), then the branch."""
    lines = []
    for a in p.applicants:
        name = a.name_en or a.name_zh or a.entity_id
        lines.append(f"{name}, {a.branch}" if a.branch else name)
    return "\n".join(lines) or "—"


def _category(p: m.Project) -> str:
    if p.category is None:
        return "—"
    return p.category.replace("-", " ") + (" (derived)" if p.category_derived else "")


def _technologies(p: m.Project) -> str:
    return "\n".join(p.technologies) or "—"


def _announced(total: int, unknown_batches: int) -> str:
    return f"{total} +?" if unknown_batches else str(total)


def regions(view: View) -> Any:
    t = _table(caption=f"{len(view.results)} regions. Announced: applications the notices announced (\"+?\": some "
               "batch sizes were never announced). Known: applications named in the database.")
    _col(t, "Region")
    t.add_column("Programme", no_wrap=True)
    for name in ("Batches", "Announced", "Known"):
        t.add_column(name, justify="right", no_wrap=True)
    for name in ("First", "Latest"):
        t.add_column(name, no_wrap=True)
    for r in view.results:
        for i, p in enumerate(r.programmes):
            _row(t, f"{r.name_en} {r.name_zh}" if i == 0 else "",
                      PROGRAMME_SHORT.get(p.programme, p.programme), str(p.batches),
                      _announced(p.announced, p.announced_unknown_batches), str(p.known),
                      _date(p.first_date), _date(p.latest_date))
    return t


def region_batches(view: View) -> Any:
    region = view.extra["region"]
    t = _table(title=f"{region['name_en']} {region['name_zh']}: {len(view.results)} batch(es)",
               caption="Applications: announced / known (* derived count). `sandbox show CITY BATCH` shows one.")
    t.add_column("Programme", no_wrap=True)
    _col(t, "Batch", max_width=16)
    t.add_column("Announced", no_wrap=True)
    t.add_column("Applications", no_wrap=True, justify="right")
    _col(t, "Label", ratio=2)
    for b in view.results:
        derived = "*" if b.announced_count_derived else ""
        announced = "?" if b.announced_count is None else f"{b.announced_count}{derived}"
        apps = Text(f"{announced} / {b.known_count}", style="green" if b.complete else "yellow")
        _row(t, PROGRAMME_SHORT.get(b.programme, b.programme), b.key, _date(b.announced), apps, b.label or "—")
    return t


def batch(view: View) -> Any:
    d = view.extra["batch"]
    head = Text()
    head.append(f"{d['region_name_en']} {d['region_name_zh']} · {d['programme_name_en']} · batch {d['key']}",
                style="bold")
    if d["label"]:
        head.append(f"  {d['label']}")
    head.append(f"\nAnnounced {_date(d['announced'])}  ·  Regulator: {d['regulator'] or 'not given'}\n")
    head.append_text(_count(d["announced_count"], d["known_count"], d["announced_count_derived"]))
    if d["announced_count_derived"]:
        head.append("  (* the announced count is derived, not stated)", style="dim")
    if not d["complete"]:
        head.append("  — this batch is incomplete: not every application is known", style="yellow")
    parts: list[Any] = [head]
    if view.results:
        t = _table()
        t.add_column("#", justify="right", no_wrap=True)
        _col(t, "Project")
        _col(t, "Category", max_width=10)
        _col(t, "Applicants")
        _col(t, "Technologies", max_width=16)
        t.add_column("Src", no_wrap=True)
        urls = list(dict.fromkeys(p.source_url for p in view.results))
        for p in view.results:
            name = _name(p)
            if p.placement_inferred:
                name.append("\n[placed in this batch by inference]", style="dim")
            _row(t, str(p.position), name, _category(p) + (f"\n{p.status.replace('-', ' ')}" if p.status else ""),
                      _applicants(p), _technologies(p), f"[{urls.index(p.source_url) + 1}]")
        parts.append(t)
        parts += [_link(f"[{i}] ", url) for i, url in enumerate(urls, 1)]
    for note in d["notes"]:
        parts.append(Text(f"Note: {note}", style="dim"))
    for e in d["events"]:
        parts.append(Text(f"{_date(e.date)}  {e.kind}: {e.note or ''}  <{e.source_url}>", style="dim"))
    parts.append(Text("Batch sources:", style="dim"))
    parts += [_link("  ", src.url) for src in d["sources"]]
    return parts


def projects(view: View) -> Any:
    t = _table(caption=_caption(view))
    t.add_column("Date", no_wrap=True)
    _col(t, "Region", max_width=10)
    _col(t, "Batch", max_width=8)
    _col(t, "Project")
    _col(t, "Category", max_width=10)
    _col(t, "Applicants")
    _col(t, "Technologies", max_width=16)
    for p in view.results:
        batch_label = p.batch_key
        if p.programme != "pboc-regulatory-pilot":
            batch_label += f" ({PROGRAMME_SHORT[p.programme]})"
        _row(t, _date(p.batch_announced), p.region_name_en, batch_label, _name(p), _category(p), _applicants(p),
                  _technologies(p))
    return t


def compare(view: View) -> Any:
    t = _table(expand=True, caption="Splits, tops and shares count known applications. "
                       "\"+?\": some batch sizes were never announced.")
    _col(t, "")
    rows: list[tuple[str, Any]] = [
        ("中文", lambda c: c.name_zh),
        ("Programmes", lambda c: _programmes(c.programmes) or "—"),
        ("Batches", lambda c: str(c.batches)),
        ("Applications announced", lambda c: _announced(c.announced, c.announced_unknown_batches)),
        ("Applications known", lambda c: str(c.known)),
        ("First batch", lambda c: _date(c.first_date)),
        ("Latest batch", lambda c: _date(c.latest_date)),
        ("Service / product / unknown",
         lambda c: f"{c.financial_service} / {c.technology_product} / {c.category_unknown}"),
        ("Top technologies", lambda c: "\n".join(f"{x.label} ({x.count})" for x in c.top_technologies) or "—"),
        ("Top applicants", lambda c: "\n".join(f"{x.label} ({x.count})" for x in c.top_applicants) or "—"),
        ("With a bank applicant", lambda c: f"{c.with_bank_applicant} of {c.known}"
                                            + (f" ({c.bank_share:.0%})" if c.bank_share is not None else "")),
    ]
    for c in view.results:
        _col(t, c.name_en, ratio=1)
    for label, get in rows:
        _row(t, label, *(get(c) for c in view.results))
    return t


def technologies(view: View) -> Any:
    t = _table()
    for name in ("Slug", "Label", "Projects"):
        _col(t, name, justify="right" if name == "Projects" else "left")
    for r in view.results:
        _row(t, r.key, r.label, str(r.count))
    return t


def _link(prefix: str, url: str) -> Text:
    """A URL on one line even when it is wider than the terminal, so it can be copied or clicked whole."""
    return Text(prefix + url, style="dim", no_wrap=True, overflow="ignore")


def _caption(view: View) -> str:
    n = len(view.results)
    return f"{n} result{'s' if n != 1 else ''}"


def coverage(view: View) -> Any:
    parts: list[Any] = []
    totals = _table(title="Coverage by programme", caption="Known share: known ÷ announced, over batches whose size "
                    "was announced. Sourced: rows citing a public page.")
    for name in ("Programme", "Batches", "Complete", "Size unknown", "Announced", "Known", "Missing", "Known share",
                 "No 中文 name", "No English name", "Sourced"):
        totals.add_column(name, justify="left" if name == "Programme" else "right", overflow="fold")
    for t in view.extra["totals"]:
        sourced = min(t.share_with_source.values()) if t.share_with_source else 1.0
        _row(totals, PROGRAMME_SHORT.get(t.programme, t.programme), str(t.batches), str(t.batches_complete),
             str(t.batches_of_unknown_size), str(t.announced), str(t.known), str(t.missing),
             f"{t.share_known:.0%}" if t.share_known is not None else "—",
             str(t.projects_without_name_zh), str(t.projects_without_name_en), f"{sourced:.0%}")
    parts.append(totals)
    if view.results:
        t = _table(title="By batch", caption=_caption(view))
        t.add_column("Programme", no_wrap=True)
        _col(t, "Region", max_width=14)
        _col(t, "Batch", max_width=16)
        t.add_column("Announced", no_wrap=True)
        for name in ("Apps", "Missing", "No 中文", "No EN", "Descr.", "Inferred"):
            t.add_column(name, justify="right", no_wrap=True)
        for r in view.results:
            apps = Text(f"{'?' if r.announced_count is None else r.announced_count} / {r.known_count}",
                        style="green" if r.complete else "yellow")
            _row(t, PROGRAMME_SHORT.get(r.programme, r.programme), r.region_name_en, r.batch_key, _date(r.announced),
                 apps, "?" if r.missing is None else str(r.missing), str(r.projects_without_name_zh),
                 str(r.projects_without_name_en), str(r.names_that_are_descriptions), str(r.placements_inferred))
        parts.append(t)
    return parts


LAYOUTS = {"list-cities": regions, "show-region": region_batches, "show": batch, "search": projects,
           "compare": compare, "technologies": technologies, "coverage": coverage}


def render(view: View, console: Console | None = None) -> None:
    """Print `view` as a table on stdout (or the given console)."""
    console = console or Console(highlight=False)
    if view.kind == "search" and not view.results:
        console.print("No matching projects.")
        return
    if view.kind in ("timeline", "stats", "applicant", "sql"):
        from . import reports

        layout = getattr(reports, view.kind)(view)
    else:
        layout = LAYOUTS[view.kind](view)
    for part in layout if isinstance(layout, list) else [layout]:
        # URLs stay on one line (soft wrap leaves wrapping to the terminal), so they can be copied whole.
        console.print(part, soft_wrap=isinstance(part, Text) and part.no_wrap is True)
