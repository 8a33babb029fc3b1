"""How single values read in a terminal: names in both languages, counts, dates, programmes. Shared by every
layout; imports nothing from them."""

from __future__ import annotations

from rich.text import Text

from .. import records as m

PROGRAMME_SHORT = {
    "pboc-regulatory-pilot": "sandbox",
    "csrc-capital-market-pilot": "CSRC",
    "pboc-application-pilot": "app pilot",
}


def programme(pid: str) -> str:
    return PROGRAMME_SHORT.get(pid, pid)


def date(value: str | None) -> str:
    return value or "—"


def announced_total(total: int, unknown_batches: int) -> str:
    """Applications announced: '12', '12 +?' when some batch sizes were never announced, '?' when none was."""
    if not unknown_batches:
        return str(total)
    return f"{total} +?" if total else "?"


def count_line(announced: int | None, known: int, derived: bool = False) -> Text:
    """'6 announced, 6 known' in green when complete; the gap in yellow otherwise."""
    if announced is None:
        return Text(f"? announced, {known} known", style="yellow")
    label = f"{announced}{'*' if derived else ''} announced, {known} known"
    return Text(label, style="green" if known >= announced else "yellow")


def batch_label(p: m.Project) -> str:
    """Which batch a project is in, with the programme when it is not the regulatory sandbox."""
    if p.programme == "pboc-regulatory-pilot":
        return p.batch_key
    return f"{p.batch_key} ({programme(p.programme)})"


def project_name(p: m.Project) -> Text:
    """The Chinese name, then the English one in italics, with what is uncertain about them."""
    text = Text()
    if p.name_zh:
        text.append(p.name_zh)
    if p.name_en:
        if text:
            text.append("\n")
        text.append(p.name_en, style="italic")
    marks = []
    if p.name_en_translated and p.name_zh and p.name_en:
        marks.append("translated")
    if p.name_is_description:
        marks.append("a description; official name not found")
    if p.name_incomplete:
        marks.append("name incomplete in every source")
    if marks:
        text.append(" (" + "; ".join(marks) + ")", style="dim")
    return text


def applicants(p: m.Project) -> Text:
    """One line per applicant, English name where known (JSON carries both languages), then the branch."""
    lines = []
    for a in p.applicants:
        name = a.name_en or a.name_zh or a.entity_id
        lines.append(f"{name}, {a.branch}" if a.branch else name)
    return Text("\n".join(lines) or "—")


def category(p: m.Project) -> str:
    if p.category is None:
        return "—"
    return p.category.replace("-", " ") + (" (derived)" if p.category_derived else "")


def technologies(p: m.Project) -> str:
    return "\n".join(p.technologies) or "—"


def source(ref: m.SourceRef) -> str:
    """Who published a cited page and when, and whether the URL is a copy of it on another site."""
    who = ref.publisher or "publisher not named"
    if ref.date:
        who += f", {ref.date}"
    return f"{who} (copy)" if ref.is_copy else who
