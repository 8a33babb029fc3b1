"""Rich layouts for the wider reports: timeline (a bar chart), stats, applicant profiles and SQL results.

Imported only for table output, like table.py, whose small helpers it shares.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from .table import PROGRAMME_SHORT, _applicants, _col, _date, _name, _row, _table
from .view import View

BAR = "█"
GAP = "░"


def timeline(view: View) -> list[Any]:
    """One row per period and programme; the bar is the announced applications, its solid part the known ones."""
    points = view.results
    if not points:
        return [Text("No dated batches in this selection.")]
    widest = max(max(p.announced, p.known) for p in points) or 1
    scale = 40 / widest
    t = _table(caption=f"{BAR} known applications, {GAP} announced but not known; "
               "+? : some batches of unknown size. Undated batches are left out (see `sandbox coverage`).")
    t.add_column("Period", no_wrap=True)
    t.add_column("Programme", no_wrap=True)
    t.add_column("Batches", justify="right", no_wrap=True)
    t.add_column("Announced", justify="right", no_wrap=True)
    t.add_column("Known", justify="right", no_wrap=True)
    t.add_column("", no_wrap=True)
    for p in points:
        known = round(min(p.known, max(p.announced, p.known)) * scale)
        rest = max(round(max(p.announced, p.known) * scale) - known, 0)
        bar = Text(BAR * known, style="green")
        bar.append(GAP * rest, style="yellow")
        _row(t, p.period, PROGRAMME_SHORT.get(p.programme, p.programme), str(p.batches),
             f"{p.announced}{' +?' if p.announced_unknown_batches else ''}", str(p.known), bar)
    return [t]


STAT_TITLES = {"programme": "By programme", "category": "By category", "technology": "Top technologies",
               "institution-kind": "Applications involving each kind of institution", "applicant": "Top applicants"}


def stats(view: View) -> list[Any]:
    parts: list[Any] = []
    for dimension, title in STAT_TITLES.items():
        items = [s for s in view.results if s.dimension == dimension]
        if not items:
            continue
        t = _table(title=title)
        _col(t, "")
        t.add_column("Applications", justify="right", no_wrap=True)
        t.add_column("Share", justify="right", no_wrap=True)
        for s in items:
            _row(t, s.label, str(s.count), f"{s.share:.0%}" if s.share is not None else "—")
        parts.append(t)
    if not parts:
        parts.append(Text("No known applications in this selection."))
    return parts


def applicant(view: View) -> list[Any]:
    parts: list[Any] = []
    for profile in view.results:
        head = Text()
        head.append(" ".join(n for n in (profile.name_en, profile.name_zh) if n), style="bold")
        head.append(f"  ({profile.kind or 'kind not classified'})")
        if profile.aliases:
            head.append("\nAlso written: " + ", ".join(profile.aliases))
        head.append(f"\n{len(profile.projects)} application(s) in " + (", ".join(profile.regions) or "no region")
                    + "; programmes: " + (", ".join(PROGRAMME_SHORT.get(p, p) for p in profile.programmes) or "—"))
        parts.append(head)
        if profile.projects:
            t = _table()
            t.add_column("Date", no_wrap=True)
            _col(t, "Region", max_width=12)
            _col(t, "Batch", max_width=10)
            _col(t, "Project")
            _col(t, "Applicants")
            for p in profile.projects:
                _row(t, _date(p.batch_announced), p.region_name_en, p.batch_key, _name(p), _applicants(p))
            parts.append(t)
        if profile.co_applicants:
            parts.append(Text("Co-applicants: " + "; ".join(f"{c.label} ({c.count})" for c in profile.co_applicants)))
    return parts


def sql(view: View) -> list[Any]:
    columns = view.extra["columns"]
    if not columns:
        return [Text("Statement returned no columns.")]
    t = _table(caption=f"{len(view.results)} row(s)")
    for name in columns:
        _col(t, name)
    for row in view.results:
        _row(t, *("NULL" if row[c] is None else str(row[c]) for c in columns))
    return [t]
