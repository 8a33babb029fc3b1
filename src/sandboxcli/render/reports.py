"""Layouts of the counting reports: the timeline (a bar chart that scales to the terminal) and stats."""

from __future__ import annotations

from typing import Any

from .. import records as m
from .. import results as res
from ..i18n import N_, _
from . import cells as c
from .fit import Col, Sheet
from .registry import draws
from .text import Text, cell_len

BAR = "█"
GAP = "░"


@draws(res.Timeline)
def Timeline(result: res.Timeline, width: int) -> list[Any]:
    """One row per period and programme; the bar is the announced applications, its solid part the known ones."""
    points = result.results
    if not points:
        return [Text(_("No dated batches in this selection."))]
    headers = [_("Period"), _("Programme"), _("Batches"), _("Announced"), _("Known")]
    fixed = max(cell_len(x) for x in [*(p.period for p in points), headers[0]])
    fixed += max(cell_len(x) for x in [headers[1], *(c.programme(p.programme) for p in points)])
    fixed += sum(cell_len(h) for h in headers[2:]) + 2 * 5
    room = max(width - fixed, 10)
    widest = max(max(p.announced, p.known) for p in points) or 1
    scale = room / widest
    rows = []
    for p in points:
        # A count that is not zero is never drawn as nothing: at least one cell for any known or missing ones.
        total = max(p.announced, p.known)
        known = max(round(p.known * scale), 1 if p.known else 0)
        rest = max(round(total * scale) - known, 1 if total > p.known else 0)
        bar = Text(BAR * known, style="green")
        bar.append(GAP * rest, style="yellow")
        rows.append([p.period, c.programme(p.programme), str(p.batches),
                     c.announced_total(p.announced, p.announced_unknown_batches), str(p.known), bar])
    columns = [Col(headers[0], "key"), Col(headers[1], "key"), Col(headers[2], "token", "right"),
               Col(headers[3], "token", "right"), Col(headers[4], "token", "right"), Col("", "token")]
    return [Sheet(columns, rows, heading=[0, 1], caption=_(
        "{bar} known applications, {gap} announced but not known; +?: some batches of unknown size. Undated "
        "batches are left out (see `sandbox coverage`).").format(bar=BAR, gap=GAP))]


STAT_TITLES = {"programme": N_("By programme"), "category": N_("By category"), "technology": N_("Top technologies"),
               "institution-kind": N_("Applications involving each kind of institution"),
               "applicant": N_("Top applicants")}



@draws(res.Stats)
def Stats(result: res.Stats, width: int) -> list[Any]:
    parts: list[Any] = []
    for dimension, title in STAT_TITLES.items():
        items = [s for s in result.results if s.dimension == dimension]
        if not items:
            continue
        rows = [[_label(s), str(s.count), f"{s.share:.0%}" if s.share is not None else "—"] for s in items]
        caption = _("Projects as tagged: a family does not include its members here, as it does in `sandbox "
                    "technologies`.") if dimension == "technology" else None
        parts.append(Sheet([Col(""), Col(_("Applications"), "token", "right"), Col(_("Share"), "token", "right")],
                           rows, title=_(title), heading=[0], caption=caption))
    if not parts:
        parts.append(Text(_("No known applications in this selection.")))
    return parts


def _label(item: m.StatItem) -> str:
    """A counted item in the reader's language: categories and kinds from the catalogue, names from the data."""
    if item.dimension == "category":
        return _(c.CATEGORY.get(item.key, c.NOT_GIVEN))
    if item.dimension == "institution-kind":
        return c.kind(item.key)
    if item.dimension == "technology":
        return c.technology(item.key)
    return (item.label_zh or item.label) if c.zh() else item.label
