"""How single values read in a terminal, in the reader's language (a Cells made with the invocation's
Translator, which a layout finds in its RenderContext): names in both languages (Chinese first in Chinese),
counts, dates, programmes, categories, statuses. Shared by every layout; imports nothing from them."""

from __future__ import annotations

import re

from .. import records as m
from ..i18n import N_, Translator
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


class Cells:
    """The cell helpers in one reader's language (the Translator of the invocation, from its RenderContext)."""

    __slots__ = ("t", "zh")

    def __init__(self, t: Translator) -> None:
        self.t = t
        self.zh = t.language == "zh"

    def programme(self, pid: str) -> str:
        return self.t._(PROGRAMME_SHORT[pid]) if pid in PROGRAMME_SHORT else pid

    def sentence_gap(self) -> str:
        """What goes between two sentences: a space, or nothing after Chinese 。"""
        return "" if self.zh else " "

    def bracketed(self, text: str) -> str:
        """(text), or （text） in Chinese."""
        return self.t._("({text})").format(text=text)

    def aside(self, text: str, joiner: str = " ") -> str:
        """' (text)' after a word, or '（text）' in Chinese, where the bracket needs no space before it."""
        return ("" if self.zh else joiner) + self.bracketed(text)

    def unbroken(self, text: str) -> str:
        """`text` held on one line: a batch named in a heading ("batch 2", "第 2 批") is one unit. The no-break spaces
        are written as plain ones (render.terminal), so the output greps like any text."""
        return text.replace(" ", "\u00a0")

    def labelled(self, label: str, text: str | None) -> str:
        """'label: text' with the reader's colon (标签：文字); the label alone when there is no text."""
        return self.t._("{label}: {text}").format(label=label, text=text) if text else label

    def names(self, english: str | None, chinese: str | None, sep: str = " ") -> str:
        """Both names of a place or an institution, the reader's language first."""
        ordered = (chinese, english) if self.zh else (english, chinese)
        return sep.join(n for n in ordered if n)

    def date(self, value: str | None) -> str:
        """An ISO date as the reader writes it: 2021-06-04, or 2021年6月4日 (2021年6月, 2021年) in Chinese."""
        if not value:
            return "—"
        if not self.zh:
            return value
        parts = value.split("-")
        suffixes = ("年", "月", "日")
        return "".join(str(int(p)) + suffixes[i] for i, p in enumerate(parts[:3]))

    def announced_total(self, total: int, unknown_batches: int) -> str:
        """Applications announced: '12', '12 +?' when some batch sizes were never announced, '?' when none was."""
        if not unknown_batches:
            return str(total)
        return f"{total} +?" if total else "?"

    def count_line(self, announced: int | None, known: int, derived: bool = False) -> Text:
        """'6 announced, 6 known' in green when complete; the gap in yellow otherwise."""
        shown = "?" if announced is None else f"{announced}{'*' if derived else ''}"
        label = self.t._("{announced} announced, {known} known").format(announced=shown, known=known)
        return Text(label, style="green" if m.batch_complete(announced, known) else "yellow")

    def batch_name(self, key: str, number: int | None, announced: str | None) -> str:
        """A batch as a reader names it: its number (2); for a batch no source numbers, what is known of it rather than
        its key (the key stays what `sandbox show CITY KEY` takes): a programme without batches is the pilot (试点), a
        dated listing is "announced 2023-11" (2023年11月公示), one known only from an applicant's statement says so
        with the year its key gives."""
        if number is not None:
            return str(number)
        if key == "pilot":
            return self.t._("pilot")
        if announced:
            return self.t._("announced {date}").format(date=self.date(announced))
        year = key[:4] if key[:4].isdigit() and key[4:5] == "-" else None  # 2024-abc-mianyang-statement
        if "statement" in key:
            if year:
                return self.t._("applicant's statement ({year})").format(year=year)
            return self.t._("applicant's statement")
        if "listing" in key:
            return self.t._("listing of {year}").format(year=year) if year else self.t._("listing")
        if "theme" in key:
            return self.t._("themed batch")
        return self.t._("unnumbered batch")

    def batch_heading(self, key: str, number: int | None, announced: str | None) -> str:
        """A batch in a heading, held on one line: "batch 2" (第 2 批) for a number, else its name (batch_name)."""
        if number is not None:
            return self.unbroken(self.t._("batch {key}").format(key=number))
        return self.batch_name(key, number, announced)

    def batch_label(self, p: m.Project) -> str:
        """Which batch a project is in, with the programme when it is not the regulatory sandbox."""
        name = self.batch_name(p.batch_key, p.batch_number, p.batch_announced)
        if p.programme == "pboc-regulatory-pilot":
            return name
        return self.t._("{key} ({programme})").format(key=name, programme=self.programme(p.programme))

    def project_name(self, p: m.Project) -> Text:
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
            marks.append(self.t._("translated"))
        if p.name_is_description:
            marks.append(self.t._("a description; official name not found"))
        if p.name_incomplete:
            marks.append(self.t._("name incomplete in every source"))
        if marks:
            text.append(self.aside(self.t._("; ").join(marks)), style="dim")
        return text

    def in_language(self, text: str | None) -> str | None:
        """A bilingual value written "English (中文)" (branches, regulators), or several such joined by "and": the
        Chinese parts for a Chinese reader. A value written any other way is shown as it is."""
        if not (text and self.zh):
            return text
        chinese = re.findall(r"\(([^()]*)\)", text)
        outside = re.sub(r"\([^()]*\)", "", text)
        if chinese and all(any(wide(ch) for ch in part) for part in chinese) and not any(wide(ch) for ch in outside):
            return self.t.listing(chinese)
        return text

    def applicants(self, p: m.Project) -> Text:
        """One line per applicant in the reader's language where known (JSON carries both), then the branch."""
        lines = []
        for a in p.applicants:
            name = (a.name_zh or a.name_en if self.zh else a.name_en or a.name_zh) or a.entity_id
            branch = self.in_language(a.branch)
            lines.append(f"{name}{'' if self.zh else ','} {branch}" if branch else name)
        return Text("\n".join(lines) or "—")

    def category(self, p: m.Project) -> str:
        if p.category is None:
            return "—"
        label = self.t._(CATEGORY.get(p.category, p.category))
        return label + (" " + self.t._("(derived)") if p.category_derived else "")

    def kind(self, value: str | None) -> str:
        """An institution's kind (bank, technology company …) in the reader's language."""
        return self.t._(KIND.get(value or "unknown", value or "unknown"))

    def status(self, value: str | None) -> str:
        """A lifecycle status as `--status` takes it (in-testing …), or its Chinese name."""
        return self.t._(STATUS[value]) if self.zh and value in STATUS else (value or "—")

    def event_kind(self, value: str) -> str:
        """An event kind as `sandbox events` takes it (completed-testing …), or its Chinese name."""
        return self.t._(EVENT[value]) if self.zh and value in EVENT else value

    def source(self, ref: m.SourceRef) -> str:
        """Who published a cited page and when, its title when known, and whether the URL is a copy of it on another
        site: `Publisher, 2021-06-04: “Title” (copy)`, in Chinese `发布者，2021年6月4日：《标题》（转载）`."""
        who = ref.publisher or self.t._("publisher not named")
        if ref.date:
            who = self.t._("{publisher}, {date}").format(publisher=who, date=self.date(ref.date))
        if ref.title:
            who = self.labelled(who, self.t._("“{title}”").format(title=ref.title))
        return who + self.aside(self.t._("copy")) if ref.is_copy else who

    def batches_total(self, batches: int, missing: int) -> str:
        """Batches known to exist: '8', or '8 (3)' when 3 of them are known only by their number."""
        return str(batches) + (self.aside(str(missing)) if missing else "")

    def count_legend(self, by_number: bool = False, unsized: bool = False, known_over: bool = False) -> list[Text]:
        """One dim line for each mark a table of counts shows: what 'N (n)' in Batches, '+?' in Announced and a Known
        above Announced mean. Only the lines for marks that appear."""
        lines = []
        if by_number:
            lines.append(self.t._("Batches N (n): n known only by number, implied by a later batch's number."))
        if unsized:
            lines.append(self.t._("+?: plus batches whose size no source gives (?: no size given at all)."))
        if known_over:
            lines.append(self.t._("Known > Announced: batches of unknown size still have named applications."))
        return [Text(line, style="dim") for line in lines]
