"""A cited page as a reference: GB/T 7714-2015, APA (7th edition), BibTeX (biblatex `@online`), RIS and CSL-JSON.

Pure formatting: a page's record in, one string out, no database and no terminal. The rules that are easy to get
wrong for these sources:

- The publisher is an organisation (移动支付网, 中国人民银行): it is the author as a whole name, never split
  into family and given names or cut to "et al." (BibTeX braces it, RIS and CSL give it as one literal name).
  A signed page's byline (`author`: people or a team) takes the author's place instead, each name whole and
  without the position the data notes beside it; the publisher then follows as the site or outlet.
- Titles are kept as the page gives them, in Chinese too; nothing is translated or re-cased.
- GB/T 7714 entries of Chinese pages use full-width punctuation (．，（）［］); English pages the standard's
  half-width form.
- A copy on a third-party site carries the original article's title, publisher and date (that is how the data
  records it) and is named as a copy, with the original's address when the original is cited too.
- The access date is the data's compilation date, so the same data always gives the same references.
- A page without a title gets a bracketed description of itself ("[Untitled page on fastread.xyz]"), as APA
  does for works without a title; without a date, APA's "n.d." (the other styles leave the date out).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .records import SourceDetail

STYLES = ("gbt7714", "apa", "bibtex", "ris", "csl-json")
"""Citation styles `sandbox cite --style` takes; the first is the Chinese default, the second the English one."""

MACHINE_STYLES = ("bibtex", "ris", "csl-json")
"""Styles that are file formats for reference managers: printed as they are, never wrapped."""

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _has_cjk(text: str | None) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" for ch in text or "")


def chinese(page: SourceDetail) -> bool:
    """Whether a page is Chinese (its title or publisher is; else its recorded language)."""
    if page.title or page.publisher:
        return _has_cjk(page.title) or _has_cjk(page.publisher)
    return page.language == "zh"


def _site(page: SourceDetail) -> str:
    return page.site or page.url.split("://", 1)[-1].split("/", 1)[0]


def _title(page: SourceDetail, zh: bool) -> str:
    """The page's title, or a description of the page when it shows none."""
    if page.title:
        return page.title
    if zh:
        return f"{_site(page)} 上的无标题转载" if page.is_copy else f"{_site(page)} 上的无标题网页"
    return f"Untitled copy on {_site(page)}" if page.is_copy else f"Untitled page on {_site(page)}"


def copy_note(page: SourceDetail, original: SourceDetail | None, zh: bool) -> str | None:
    """What a copy is: "Copy on SITE; original: URL" (or in Chinese), None for a page that is not a copy."""
    if not page.is_copy:
        return None
    if zh:
        return f"转载于 {_site(page)}" + (f"；原文：{original.url}" if original else "")
    return f"Copy on {_site(page)}" + (f"; original: {original.url}" if original else "")


def authors(page: SourceDetail) -> list[str]:
    """The byline's names as the page gives them, each whole (a person or a team), without the positions the data
    notes in brackets: "陈玉海 (中国人民银行广州分行副行长)" → ["陈玉海"], "李昕, 赵艳阳" → ["李昕", "赵艳阳"]."""
    if not page.author:
        return []
    plain = re.sub(r"\s*[(（][^()（）]*[)）]", "", page.author)
    return [name.strip() for name in re.split(r"[,，、;；]", plain) if name.strip()]


def _end(text: str, stop: str = ".") -> str:
    """Text closed with a full stop, unless it already ends with one (or with ? or !)."""
    return text if text.endswith((".", "?", "!", "。", "？", "！", "．")) else text + stop


def _apa_date(date: str | None) -> str:
    if not date:
        return "n.d."
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{parts[0]}, {month}" + (f" {int(parts[2])}" if len(parts) == 3 else "")


def _long_date(date: str) -> str:
    year, month, day = date.split("-")
    return f"{_MONTHS[int(month) - 1]} {int(day)}, {year}"


def apa(page: SourceDetail, original: SourceDetail | None, accessed: str) -> str:
    """APA 7: `Publisher. (2020, August 25). Title. Retrieved Month D, YYYY, from URL` (an untitled page's
    description in brackets; without a publisher the title takes the author's place)."""
    note = copy_note(page, original, False)
    if page.title:
        title = f"{page.title} [{note}]" if note else page.title
    else:  # the description says it is a copy; the original's address is added when known
        title = f"[{_title(page, False)}" + (f"; original: {original.url}]" if original else "]")
    date = f"({_apa_date(page.date)})."
    names = authors(page)
    if len(names) > 2:
        who: str | None = ", ".join(names[:-1]) + f", & {names[-1]}"
    else:  # names as the page gives them, never inverted or cut to initials (Chinese names have none)
        who = " & ".join(names) if names else page.publisher
    head = f"{_end(who)} {date} {_end(title)}" if who else f"{_end(title)} {date}"
    if names and page.publisher:  # the outlet is the site name when a byline is the author
        head += f" {_end(page.publisher)}"
    return f"{head} Retrieved {_long_date(accessed)}, from {page.url}"


def gbt7714(page: SourceDetail, original: SourceDetail | None, accessed: str) -> str:
    """GB/T 7714-2015, electronic resource: `主要责任者．题名［EB/OL］．（发布日期）［引用日期］．URL．`, full-width
    for a Chinese page, `Publisher. Title[EB/OL]. (date)[accessed]. URL.` for an English one."""
    zh = chinese(page)
    stop, l_paren, r_paren, l_br, r_br = ("．", "（", "）", "［", "］") if zh else (". ", "(", ")", "[", "]")
    names = authors(page)
    who = ("，" if zh else ", ").join(names) if names else page.publisher
    out = f"{who}{stop}" if who else ""
    out += f"{_title(page, zh)}{l_br}EB/OL{r_br}{stop}"
    if names and page.publisher:  # 出版者 after the type code when a byline is the 主要责任者
        out += f"{page.publisher}{stop}"
    if page.date:
        out += f"{l_paren}{page.date}{r_paren}"
    out += f"{l_br}{accessed}{r_br}{stop}{page.url}"
    note = copy_note(page, original, zh) if page.title else (
        (f"原文：{original.url}" if zh else f"Original: {original.url}") if original else None)
    if note:
        out += f"{stop}{note}"
    return out + stop.strip()


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                   "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def bibtex(page: SourceDetail, original: SourceDetail | None, accessed: str) -> str:
    """A biblatex `@online` entry keyed by the source id; an organisation author in double braces, so BibTeX
    never splits it into names."""
    zh = chinese(page)
    fields: list[tuple[str, str]] = []
    names = authors(page)
    if names or page.publisher:
        fields.append(("author", " and ".join("{" + _tex(n) + "}" for n in names or [page.publisher or ""])))
    if names and page.publisher:
        fields.append(("organization", _tex(page.publisher)))
    fields.append(("title", _tex(_title(page, False) if not page.title else page.title)))
    if page.date:
        fields.append(("date", page.date))
    fields += [("url", page.url), ("urldate", accessed), ("langid", "chinese" if zh else "english")]
    note = copy_note(page, original, False)
    if note:
        fields.append(("note", _tex(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{page.id},\n{body}\n}}"


def _ris_date(date: str) -> str:
    parts = [*date.split("-"), "", ""]
    return f"{parts[0]}/{parts[1]}/{parts[2]}/"


def ris(page: SourceDetail, original: SourceDetail | None, accessed: str) -> str:
    """An RIS record of type ELEC (a web page): the publisher as one author name, the access date in Y2."""
    lines = ["TY  - ELEC", f"ID  - {page.id}", f"TI  - {_title(page, False) if not page.title else page.title}"]
    names = authors(page)
    lines += [f"AU  - {name}" for name in names or ([page.publisher] if page.publisher else [])]
    if names and page.publisher:
        lines.append(f"PB  - {page.publisher}")
    if page.date:
        lines += [f"PY  - {page.date[:4]}", f"DA  - {_ris_date(page.date)}"]
    lines += [f"UR  - {page.url}", f"Y2  - {_ris_date(accessed)}", f"LA  - {'zh' if chinese(page) else 'en'}"]
    note = copy_note(page, original, False)
    if note:
        lines.append(f"N1  - {note}")
    return "\n".join([*lines, "ER  -"])


def _csl_date(date: str) -> dict[str, Any]:
    return {"date-parts": [[int(part) for part in date.split("-")]]}


def csl(page: SourceDetail, original: SourceDetail | None, accessed: str) -> dict[str, Any]:
    """A CSL-JSON item (what Zotero and citeproc read): the publisher as a literal author name."""
    item: dict[str, Any] = {"id": page.id, "type": "webpage", "title": page.title or _title(page, False)}
    names = authors(page) or ([page.publisher] if page.publisher else [])
    if names:
        item["author"] = [{"literal": name} for name in names]
    if authors(page) and page.publisher:
        item["container-title"] = page.publisher
    if page.date:
        item["issued"] = _csl_date(page.date)
    item["accessed"] = _csl_date(accessed)
    item["URL"] = page.url
    item["language"] = "zh-CN" if chinese(page) else "en"
    note = copy_note(page, original, False)
    if note:
        item["note"] = note
    return item


def cite(style: str, page: SourceDetail, original: SourceDetail | None, accessed: str) -> str:
    """One reference in `style` (one of STYLES); CSL-JSON as one indented JSON object."""
    if style == "csl-json":
        text = json.dumps(csl(page, original, accessed), ensure_ascii=False, indent=2)
        return re.sub(r"\[\s*\[\s*([\d\s,]+?)\s*\]\s*\]",  # a date's parts on one line: [[2020, 8, 25]]
                      lambda m: "[[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]]", text)
    maker = {"gbt7714": gbt7714, "apa": apa, "bibtex": bibtex, "ris": ris}[style]
    return maker(page, original, accessed)
