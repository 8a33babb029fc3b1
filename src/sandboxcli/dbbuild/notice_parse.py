"""Read a published notice (pasted table, saved HTML page or numbered lines) into rows: name, applicants, category.

Regulators and the press publish the same list in a few shapes, and a maintainer copies whichever the page has. The
parser finds the shape from the text itself, so `dbbuild add` takes one NOTICE argument whatever its form:

- a table with a header row (序号 / 创新应用名称 or 项目名称 / 申请机构 or 申请单位 / 类型), tab- or
  space-separated as a browser pastes it;
- an HTML `<table>` (a saved page; read with the standard library's html.parser);
- numbered lines: `1. 名称（申请机构）` or `2、名称 申请机构：甲、乙`, optionally under section lines such as
  `金融服务类` / `（二）科技产品` that give the category of the lines below them;
- sentences as news reports write them: `甲银行申请的“名称”，乙公司、丙银行共同申请的“名称”`.

Names are kept as written (only surrounding space and the numbering are removed); applicants are split on 、，,;；
outside brackets. Nothing is guessed here: matching to institutions is entity_match's job.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser


class NoticeError(ValueError):
    """The text has no recognisable list of applications."""


@dataclass(frozen=True)
class NoticeRow:
    """One application as the notice lists it."""

    name: str
    applicants: tuple[str, ...]
    category: str | None  # financial-service | technology-product | None when the notice does not say
    line: int  # 1-based line of the notice text (of the extracted text for HTML)
    more_applicants: bool = False  # the notice names the first applicants and adds 等 (and others)


@dataclass(frozen=True)
class Notice:
    title: str | None
    rows: tuple[NoticeRow, ...]
    form: str  # table | html-table | numbered


CATEGORY_WORDS = {"金融服务": "financial-service", "科技产品": "technology-product"}
_NAME_HEADERS = ("创新应用名称", "应用名称", "项目名称", "名称", "创新应用")
_APPLICANT_HEADERS = ("申请机构", "申请单位", "申请主体", "申报机构", "申请人", "机构")
_CATEGORY_HEADERS = ("应用类型", "类型", "类别", "分类")
_NUMBER_HEADERS = ("序号", "编号", "No")
_NUMBERED = re.compile(r"^\s*[(（]?(\d{1,3})\s*[.、．)）:：]\s*(.+)$")
_APPLICANT_LABEL = re.compile(r"\s*[（(]?\s*(?:申请机构|申请单位|申请主体|申报机构|申请人|参与机构)\s*[:：]\s*")
_CATEGORY_LABEL = re.compile(r"\s*(?:应用类型|类型|类别)\s*[:：]\s*")
_SPLIT = "、，,;；"
_OPEN, _CLOSE = "（(", "）)"


def fold(text: str) -> str:
    """Width- and case-folded text for comparing structure words (never for what is written out)."""
    return unicodedata.normalize("NFKC", text).casefold()


def category_of(text: str) -> str | None:
    folded = fold(text)
    found = {slug for word, slug in CATEGORY_WORDS.items() if word in folded}
    return found.pop() if len(found) == 1 else None


def split_applicants(text: str) -> tuple[str, ...]:
    """Split on list separators outside brackets: 度小满（重庆）科技有限公司、光大银行 → two names."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text.strip():
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in _SPLIT and depth == 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    names = (re.sub(r"\s+", " ", n).strip(" \u3000\t。.") for n in out)
    return tuple(n for n in names if n)


def _trailing_group(text: str) -> tuple[str, str] | None:
    """Split `名称（申请机构）` at its last balanced bracket group; None when the text does not end with one."""
    text = text.rstrip(" \u3000。.")
    if not text or text[-1] not in _CLOSE:
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in _CLOSE:
            depth += 1
        elif text[i] in _OPEN:
            depth -= 1
            if depth == 0:
                return text[:i].strip(), text[i + 1:-1].strip()
    return None


def _numbered_row(body: str, category: str | None, line: int) -> NoticeRow:
    labelled = _APPLICANT_LABEL.search(body)
    if labelled:
        name, applicants = body[:labelled.start()], body[labelled.end():].rstrip("）) 。")
    else:
        group = _trailing_group(body)
        name, applicants = group if group else (body, "")
    own = None
    marked = _trailing_group(name)
    if marked and category_of(marked[1]) and len(marked[1]) <= 6:  # 名称（金融服务）
        name, own = marked[0], category_of(marked[1])
    return NoticeRow(name.strip(" \u3000\t"), split_applicants(applicants), own or category, line)


def _is_section(text: str) -> str | None:
    """`一、金融服务类（3个）` or `科技产品：` sets the category of the numbered lines below it."""
    category = category_of(text)
    rest = re.sub(r"金融服务|科技产品|创新|应用|[\s\d一二三四五六七八九十、.．:：()（）个项类]", "", fold(text))
    return category if category and len(rest) <= 2 else None


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    """Map name/applicants/category/number to column indexes when `cells` is a header row."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        c = fold(cell).replace(" ", "")
        for role, words in (("number", _NUMBER_HEADERS), ("name", _NAME_HEADERS),
                            ("applicants", _APPLICANT_HEADERS), ("category", _CATEGORY_HEADERS)):
            if role not in found and any(c == fold(w) or (len(c) <= 8 and fold(w) in c) for w in words):
                found[role] = i
                break
    return found if "name" in found and "applicants" in found else None


def _split_cells(line: str, header: list[str] | None = None) -> list[str]:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    cells = [c for c in re.split(r"\s{2,}|\u3000+", line.strip()) if c]
    if len(cells) < (len(header) if header is not None else 2):
        cells = line.split()
    return cells


_INSTITUTION_END = re.compile(r"(银行|公司|分行|支行|中心|协会|集团|研究院|研究所|局|社|所|营业部|科技|支付|"
                              r"保险|证券|征信|通讯|电信|移动|联通|Bank|Ltd\.?|Co\.?|Inc\.?|Corporation|Group)$",
                              re.IGNORECASE)


def _row_cells(cells: list[str], columns: dict[str, int], width: int) -> dict[str, str] | None:
    """The cells of one row by role. A space-separated row can have more cells than the header when a name holds
    spaces: the number and the category are recognisable, the first cell left is the name, and a further cell joins
    the name where Latin words meet (AIBank Inside产品) unless it ends like an institution (…银行, …有限公司); the
    cells from there on are applicants."""
    if len(cells) == width:
        return {role: cells[i] for role, i in columns.items()}
    if len(cells) < width:
        return None
    rest = list(cells)
    out: dict[str, str] = {}
    if "number" in columns and columns["number"] == 0:
        out["number"] = rest.pop(0)
    if "category" in columns and columns["category"] == width - 1 and category_of(rest[-1]):
        out["category"] = rest.pop()
    if not rest:
        return None
    name = [rest.pop(0)]
    while (len(rest) > 1 and not _INSTITUTION_END.search(rest[0])
           and (re.search(r"[A-Za-z0-9]$", name[-1]) or re.match(r"[A-Za-z0-9]", rest[0]))):
        name.append(rest.pop(0))
    out["name"] = " ".join(name)
    out["applicants"] = "、".join(rest)
    return out


def _table_rows(lines: list[tuple[int, list[str]]], columns: dict[str, int], width: int) -> list[NoticeRow]:
    """Rows under a header. With a number column, a line without a number continues the row above (a cell that
    wrapped when pasted): cell by cell when it has the header's columns, otherwise as more applicants."""
    merged: list[tuple[int, list[str]]] = []
    number = columns.get("number")
    for line, cells in lines:
        is_new = number is None or (len(cells) > number and re.fullmatch(r"\d{1,3}[.、]?", cells[number]))
        if is_new or not merged:
            merged.append((line, list(cells)))
        elif len(cells) == width:
            above = merged[-1][1] + [""] * (width - len(merged[-1][1]))
            merged[-1] = (merged[-1][0], ["、".join(x for x in (a, b) if x) for a, b in zip(above, cells, strict=True)])
        else:
            above = merged[-1][1] + [""] * (width - len(merged[-1][1]))
            kinds = [c for c in cells if category_of(c) and len(c) <= 6]
            if kinds and "category" in columns and not above[columns["category"]]:
                above[columns["category"]] = kinds[0]
            rest = [c for c in cells if c not in kinds]
            above[columns["applicants"]] = "、".join(x for x in (above[columns["applicants"]], *rest) if x)
            merged[-1] = (merged[-1][0], above)
    rows: list[NoticeRow] = []
    for line, cells in merged:
        if len(cells) < width and len(cells) > max(columns["name"], columns["applicants"]):
            cells = cells + [""] * (width - len(cells))
        by_role = _row_cells(cells, columns, width)
        if by_role is None or not by_role["name"].strip():
            raise NoticeError(f"line {line}: expected {width} columns as in the header, found {len(cells)}")
        category = category_of(by_role["category"]) if by_role.get("category") else None
        rows.append(NoticeRow(by_role["name"].strip(), split_applicants(by_role["applicants"]), category, line))
    return rows


class _TableReader(HTMLParser):
    """Collect the cells of every <tr> and the text of the page, one line per block element.

    A cell spanning rows (a 类型 cell with rowspan="3") is repeated in the rows below it, and <br> or <p> inside a
    cell separates applicants, as both are common in notices exported from word processors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.text: list[str] = [""]
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._rowspan = 1
        self._spans: dict[int, tuple[int, str]] = {}  # column → (rows still to fill, text)
        self._skip = 0

    def _fill(self) -> None:
        """Put the cells of rowspans from above into the current row, at their columns."""
        while self._row is not None and len(self._row) in self._spans:
            column = len(self._row)
            left, text = self._spans.pop(column)
            self._row.append(text)
            if left > 1:
                self._spans[column] = (left - 1, text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._fill()
            self._cell = []
            span = dict(attrs).get("rowspan") or "1"
            self._rowspan = int(span) if span.isdigit() else 1
        elif tag in ("br", "p", "div") and self._cell is not None:
            self._cell.append("、")
        if tag in ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "title"):
            self.text.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = re.sub(r"、(\s*、)+", "、", re.sub(r"\s+", " ", "".join(self._cell))).strip(" 、")
            if self._rowspan > 1:
                self._spans[len(self._row)] = (self._rowspan - 1, text)
            self._row.append(text)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._fill()
            if any(self._row):
                self.rows.append(self._row)
            self._row = None
        if tag in ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "title"):
            self.text.append("")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        self.text[-1] += data


def _from_lines(lines: list[str]) -> Notice:
    title: str | None = None
    numbered: list[NoticeRow] = []
    section: str | None = None
    for number, raw in enumerate(lines, start=1):
        text = raw.strip(" \u3000\t\r")
        if not text:
            continue
        cells = _split_cells(text)
        columns = _header_columns(cells)
        if columns and not numbered:
            header_width = len(cells)
            body = [(n, _split_cells(line.strip(" \u3000\r"), cells)) for n, line in enumerate(lines, start=1)
                    if n > number and line.strip(" \u3000\t\r")]
            rows = _table_rows(body, columns, header_width)
            return Notice(title, tuple(rows), "table")
        match = _NUMBERED.match(text)
        label = _APPLICANT_LABEL.match(text) or _CATEGORY_LABEL.match(text)
        if match:
            numbered.append(_numbered_row(match.group(2), section, number))
        elif label and numbered:  # 申请机构：… or 类型：… on a line of its own, below its numbered line
            last, value = numbered[-1], text[label.end():].strip()
            if label.re is _CATEGORY_LABEL:
                numbered[-1] = NoticeRow(last.name, last.applicants, category_of(value) or last.category, last.line)
            else:
                numbered[-1] = NoticeRow(last.name, last.applicants + split_applicants(value.rstrip("）)")),
                                         last.category, last.line)
        elif _is_section(text):
            section = _is_section(text)
        elif not numbered and title is None and _is_title(text):
            title = text
    if numbered:
        return Notice(title, tuple(numbered), "numbered")
    prose = _prose_rows(lines)
    if prose:
        return Notice(title, tuple(prose), "prose")
    raise NoticeError("no list of applications found: expected a table with a header row "
                      "(序号 / 名称 / 申请机构 / 类型), an HTML <table>, numbered lines such as "
                      "'1. 名称（申请机构）', or sentences such as '甲银行申请的“名称”'")


def _is_title(text: str) -> bool:
    """A heading such as 重庆市金融科技创新监管试点应用公示(2020年第一批), not a sentence of a report."""
    return len(text) <= 60 and "申请的" not in text and any(w in text for w in ("批", "公示", "公告"))


_PROSE_VERB = re.compile(r"(等)?\s*(共同|联合)?\s*(?:申请|申报)的\s*“")
# words that open a clause before the applicants; one-character ones (和, 有) also begin names (和泰人寿), so not them
_PROSE_LEAD = re.compile(r"^(?:分别是|分别为|依次是|依次为|包括|其中|此外|另有|还有|以及)\s*")


def _prose_rows(lines: list[str]) -> list[NoticeRow]:
    """`甲银行申请的“名称”，乙公司、丙银行共同申请的“名称”`: the way reports list a batch in a sentence.

    The applicants are the words since the previous comma, colon or closing quote; 等 after them means the report
    names only the first ones. Quotation marks inside a quoted name are written ‘’ and are the name's own “”."""
    rows: list[NoticeRow] = []
    for number, line in enumerate(lines, start=1):
        boundary = 0
        for verb in _PROSE_VERB.finditer(line):
            if verb.start() < boundary:
                continue
            cut = max(line.rfind(ch, boundary, verb.start()) for ch in "，,；;。：:”")
            who = _PROSE_LEAD.sub("", line[max(cut + 1, boundary):verb.start()].strip())
            depth, end = 1, verb.end()
            while end < len(line) and depth:
                depth += {"“": 1, "”": -1}.get(line[end], 0)
                end += 1
            name = line[verb.end():end - 1].translate(str.maketrans("‘’", "“”")).strip()
            boundary = end
            if not name or not who:
                continue
            names = re.split(r"[与及]", who) if verb.group(2) and "、" not in who else [who]
            applicants = tuple(a for n in names for a in split_applicants(n))
            rows.append(NoticeRow(name, applicants, None, number, more_applicants=bool(verb.group(1))))
    return rows


def parse_notice(text: str) -> Notice:
    """Rows of a notice in any supported form; NoticeError when none is found."""
    text = text.replace("\xa0", " ").replace("\ufeff", "")  # &nbsp; of pages, a byte-order mark
    if re.search(r"<(table|tr|p|div|html|body)\b", text, re.IGNORECASE):
        reader = _TableReader()
        reader.feed(text)
        reader.close()
        for i, cells in enumerate(reader.rows):
            columns = _header_columns(cells)
            if columns:
                body = [(n, cells) for n, cells in enumerate(reader.rows[i + 1:], start=i + 2)]
                title = next((t.strip() for t in reader.text if _is_title(t.strip())), None)
                return Notice(title, tuple(_table_rows(body, columns, len(cells))), "html-table")
        return _from_lines([t for t in reader.text if t.strip()])
    return _from_lines(text.splitlines())
