"""Layouts of the counting reports: the timeline (a bar chart that scales to the terminal) and stats."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from .. import records as m
from . import cells as c
from .fit import Col, Sheet

BAR = "█"
GAP = "░"


def Timeline(result: m.Timeline, width: int) -> list[Any]:
    """One row per period and programme; the bar is the announced applications, its solid part the known ones."""
    points = result.results
    if not points:
        return [Text("No dated batches in this selection.")]
    fixed = max(len(p.period) for p in [*points, m.TimelinePoint("Period", "", 0, 0, 0, 0)])
    fixed += len("Programme") + len("Batches") + len("Announced") + len("Known") + 2 * 5
    room = max(width - fixed, 10)
    widest = max(max(p.announced, p.known) for p in points) or 1
    scale = min(room, 60) / widest
    rows = []
    for p in points:
        known = round(min(p.known, max(p.announced, p.known)) * scale)
        rest = max(round(max(p.announced, p.known) * scale) - known, 0)
        bar = Text(BAR * known, style="green")
        bar.append(GAP * rest, style="yellow")
        rows.append([p.period, c.programme(p.programme), str(p.batches),
                     c.announced_total(p.announced, p.announced_unknown_batches), str(p.known), bar])
    columns = [Col("Period", "key"), Col("Programme", "key"), Col("Batches", "token", "right"),
               Col("Announced", "token", "right"), Col("Known", "token", "right"), Col("", "token")]
    return [Sheet(columns, rows, heading=[0, 1],
                  caption=f"{BAR} known applications, {GAP} announced but not known; +? : some batches of unknown "
                  "size. Undated batches are left out (see `sandbox coverage`).")]


STAT_TITLES = {"programme": "By programme", "category": "By category", "technology": "Top technologies",
               "institution-kind": "Applications involving each kind of institution", "applicant": "Top applicants"}


def Stats(result: m.Stats, width: int) -> list[Any]:
    parts: list[Any] = []
    for dimension, title in STAT_TITLES.items():
        items = [s for s in result.results if s.dimension == dimension]
        if not items:
            continue
        rows = [[s.label, str(s.count), f"{s.share:.0%}" if s.share is not None else "—"] for s in items]
        parts.append(Sheet([Col(""), Col("Applications", "token", "right"), Col("Share", "token", "right")], rows,
                           title=title, heading=[0]))
    if not parts:
        parts.append(Text("No known applications in this selection."))
    return parts
