"""How single values read in a terminal, in the current language: names in both languages (Chinese first in
Chinese), counts, dates, programmes, categories, statuses. Shared by every layout; imports nothing from them."""

from __future__ import annotations

import re

from .. import records as m
from ..i18n import N_, _, language, listing
from .text import Text, wide

PROGRAMME_SHORT = {
    "pboc-regulatory-pilot": N_("sandbox"),
    "csrc-capital-market-pilot": N_("CSRC"),
    "pboc-application-pilot": N_("app pilot"),
}
CATEGORY = {"financial-service": N_("financial service"), "technology-product": N_("technology product")}
NOT_GIVEN = N_("not given")
STATUS = {"in-testing": N_("in testing"), "in-service": N_("in service"), "completed-testing": N_("completed testing"),
          "exited": N_("exited")}
EVENT = {"call-for-applications": N_("call for applications"), "service-launched": N_("service launched"),
         "completed-testing": N_("completed testing"), "exited": N_("exited"), "planned-start": N_("planned start"),
         "milestone": N_("milestone")}

KIND = {"bank": N_("bank"), "technology-company": N_("technology company"),
        "payment-institution": N_("payment institution"), "insurer": N_("insurer"), "public-body": N_("public body"),
        "other": N_("other"), "unknown": N_("not classified")}

def zh() -> bool:
    return language() == "zh"


def programme(pid: str) -> str:
    return _(PROGRAMME_SHORT[pid]) if pid in PROGRAMME_SHORT else pid


def sentence_gap() -> str:
    """What goes between two sentences: a space, or nothing after Chinese 。"""
    return "" if zh() else " "


def bracketed(text: str) -> str:
    """(text), or （text） in Chinese."""
    return _("({text})").format(text=text)


def aside(text: str, joiner: str = " ") -> str:
    """' (text)' after a word, or '（text）' in Chinese, where the bracket needs no space before it."""
    return ("" if zh() else joiner) + bracketed(text)


def unbroken(text: str) -> str:
    """`text` held on one line: a batch named in a heading ("batch 2", "第 2 批") is one unit. The no-break spaces
    are written as plain ones (render.terminal), so the output greps like any text."""
    return text.replace(" ", "\u00a0")


def labelled(label: str, text: str | None) -> str:
    """'label: text' with the reader's colon (标签：文字); the label alone when there is no text."""
    return _("{label}: {text}").format(label=label, text=text) if text else label


def names(english: str | None, chinese: str | None, sep: str = " ") -> str:
    """Both names of a place or an institution, the reader's language first."""
    ordered = (chinese, english) if zh() else (english, chinese)
    return sep.join(n for n in ordered if n)


def date(value: str | None) -> str:
    """An ISO date as the reader writes it: 2021-06-04, or 2021年6月4日 (2021年6月, 2021年) in Chinese."""
    if not value:
        return "—"
    if not zh():
        return value
    parts = value.split("-")
    suffixes = ("年", "月", "日")
    return "".join(str(int(p)) + suffixes[i] for i, p in enumerate(parts[:3]))


def announced_total(total: int, unknown_batches: int) -> str:
    """Applications announced: '12', '12 +?' when some batch sizes were never announced, '?' when none was."""
    if not unknown_batches:
        return str(total)
    return f"{total} +?" if total else "?"


def count_line(announced: int | None, known: int, derived: bool = False) -> Text:
    """'6 announced, 6 known' in green when complete; the gap in yellow otherwise."""
    shown = "?" if announced is None else f"{announced}{'*' if derived else ''}"
    label = _("{announced} announced, {known} known").format(announced=shown, known=known)
    return Text(label, style="green" if m.batch_complete(announced, known) else "yellow")


def batch_name(key: str, number: int | None, announced: str | None) -> str:
    """A batch as a reader names it: its number (2); for a batch no source numbers, what is known of it rather than
    its key (the key stays what `sandbox show CITY KEY` takes): a programme without batches is the pilot (试点), a
    dated listing is "announced 2023-11" (2023年11月公示), one known only from an applicant's statement says so
    with the year its key gives."""
    if number is not None:
        return str(number)
    if key == "pilot":
        return _("pilot")
    if announced:
        return _("announced {date}").format(date=date(announced))
    year = key[:4] if key[:4].isdigit() and key[4:5] == "-" else None  # 2024-abc-mianyang-statement
    if "statement" in key:
        return _("applicant's statement ({year})").format(year=year) if year else _("applicant's statement")
    if "listing" in key:
        return _("listing of {year}").format(year=year) if year else _("listing")
    if "theme" in key:
        return _("themed batch")
    return _("unnumbered batch")


def batch_heading(key: str, number: int | None, announced: str | None) -> str:
    """A batch in a heading, held on one line: "batch 2" (第 2 批) for a number, else its name (batch_name)."""
    if number is not None:
        return unbroken(_("batch {key}").format(key=number))
    return batch_name(key, number, announced)


def batch_label(p: m.Project) -> str:
    """Which batch a project is in, with the programme when it is not the regulatory sandbox."""
    name = batch_name(p.batch_key, p.batch_number, p.batch_announced)
    if p.programme == "pboc-regulatory-pilot":
        return name
    return _("{key} ({programme})").format(key=name, programme=programme(p.programme))


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
        marks.append(_("translated"))
    if p.name_is_description:
        marks.append(_("a description; official name not found"))
    if p.name_incomplete:
        marks.append(_("name incomplete in every source"))
    if marks:
        text.append(aside(_("; ").join(marks)), style="dim")
    return text


def in_language(text: str | None) -> str | None:
    """A bilingual value written "English (中文)" (branches, regulators), or several such joined by "and": the
    Chinese parts for a Chinese reader. A value written any other way is shown as it is."""
    if not (text and zh()):
        return text
    chinese = re.findall(r"\(([^()]*)\)", text)
    outside = re.sub(r"\([^()]*\)", "", text)
    if chinese and all(any(wide(ch) for ch in part) for part in chinese) and not any(wide(ch) for ch in outside):
        return listing(chinese)
    return text


def applicants(p: m.Project) -> Text:
    """One line per applicant in the reader's language where known (JSON carries both), then the branch."""
    lines = []
    for a in p.applicants:
        name = (a.name_zh or a.name_en if zh() else a.name_en or a.name_zh) or a.entity_id
        branch = in_language(a.branch)
        lines.append(f"{name}{'' if zh() else ','} {branch}" if branch else name)
    return Text("\n".join(lines) or "—")


def category(p: m.Project) -> str:
    if p.category is None:
        return "—"
    label = _(CATEGORY.get(p.category, p.category))
    return label + (" " + _("(derived)") if p.category_derived else "")


def kind(value: str | None) -> str:
    """An institution's kind (bank, technology company …) in the reader's language."""
    return _(KIND.get(value or "unknown", value or "unknown"))


def status(value: str | None) -> str:
    """A lifecycle status as `--status` takes it (in-testing …), or its Chinese name."""
    return _(STATUS[value]) if zh() and value in STATUS else (value or "—")


def event_kind(value: str) -> str:
    """An event kind as `sandbox events` takes it (completed-testing …), or its Chinese name."""
    return _(EVENT[value]) if zh() and value in EVENT else value


def source(ref: m.SourceRef) -> str:
    """Who published a cited page and when, its title when known, and whether the URL is a copy of it on another
    site: `Publisher, 2021-06-04: “Title” (copy)`, in Chinese `发布者，2021年6月4日：《标题》（转载）`."""
    who = ref.publisher or _("publisher not named")
    if ref.date:
        who = _("{publisher}, {date}").format(publisher=who, date=date(ref.date))
    if ref.title:
        who = labelled(who, _("“{title}”").format(title=ref.title))
    return who + aside(_("copy")) if ref.is_copy else who


def batches_total(batches: int, missing: int) -> str:
    """Batches known to exist: '8', or '8 (3)' when 3 of them are known only by their number."""
    return str(batches) + (aside(str(missing)) if missing else "")


def count_legend(by_number: bool = False, unsized: bool = False, known_over: bool = False) -> list[Text]:
    """One dim line for each mark a table of counts shows: what 'N (n)' in Batches, '+?' in Announced and a Known
    above Announced mean. Only the lines for marks that appear."""
    lines = []
    if by_number:
        lines.append(_("Batches N (n): n known only by number, implied by a later batch's number."))
    if unsized:
        lines.append(_("+?: plus batches whose size no source gives (?: no size given at all)."))
    if known_over:
        lines.append(_("Known > Announced: batches of unknown size still have named applications."))
    return [Text(line, style="dim") for line in lines]
