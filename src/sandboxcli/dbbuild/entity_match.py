"""Match an applicant as a notice writes it (中国光大银行股份有限公司重庆分行) to an institution of entities.yaml.

A notice writes the legal name with its legal form and often a branch; entities.yaml keeps one entry per institution
with its usual names as aliases. The match is tried in tiers, the strictest first, and a tier that finds two
institutions stops the search as ambiguous: a wrong institution in the data is worse than a question to the
maintainer, so nothing is guessed silently.

1. the name, case- and width-folded, is a name or alias;
2. the same without legal forms (股份有限公司, 有限责任公司, 有限公司, 集团);
3. the same without a leading 中国 (中国光大银行 = 光大银行), when at least three characters are left;
4. the same without a place mark in brackets (华控清交信息科技（北京）有限公司 → 华控清交信息科技): reported, because
   度小满（重庆）科技 is a company of its own while (北京) in another name may only say where it is registered;
5. a known name of four or more characters that begins the name (中国人寿保险股份有限公司 → 中国人寿): reported too.

Each tier is tried on the whole name, then on the name with a branch split off (…重庆分行 → the bank + the branch
"Chongqing branch (重庆分行)"). A branch's English label is taken from the same Chinese branch elsewhere in the data
when there is one, else made from the region names of regions.yaml; when neither knows the place, the branch is
written in Chinese only and flagged.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import source_rows as r

LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "Co., Ltd.", "Co.,Ltd.", "Ltd.")
_UNITS_WITHOUT_PLACE = {"信用卡中心": "Credit card center"}  # the data's wording (中信银行信用卡中心)
_UNIT = re.compile(r"(分行|分公司|分局|支行|营业部|信用卡中心)$")
_ENDS_INSTITUTION = re.compile(r"(银行|公司|保险|证券|集团|协会|中心)$")
_PLACE_MARK = re.compile(r"[(（][\u4e00-\u9fff]{2,4}[)）]")
_KIND_WORDS = (("bank", ("银行", "bank")), ("insurer", ("保险", "人寿", "财险", "insurance")),
               ("payment-institution", ("支付", "payment")),
               ("public-body", ("管理局", "人民政府", "委员会")),
               ("technology-company", ("科技", "技术", "信息", "软件", "网络", "数据", "云", "technology")))


def fold(name: str) -> str:
    """The matching key: width-folded (（→(), case-folded, without spaces and quotation marks."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s\"'“”‘’「」]", "", text)


def strip_legal(key: str) -> str:
    """Without a trailing legal form: 宁波银行股份有限公司 → 宁波银行 (never down to a single character)."""
    for form in LEGAL_FORMS:
        form_key = fold(form)
        if key.endswith(form_key) and len(key) > len(form_key) + 1:
            return key[: -len(form_key)]
    return key


def strip_china(key: str) -> str:
    """Without a leading 中国 when three or more characters stay: 中国光大银行 → 光大银行, but 中国银行 stays."""
    return key[2:] if key.startswith("中国") and len(key) >= 5 else key


def strip_place(key: str) -> str:
    """Without bracketed place marks of two to four characters: 腾讯云计算(北京)有限公司 → 腾讯云计算有限公司."""
    return _PLACE_MARK.sub("", key)


_TIERS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("name", lambda k: k),
    ("without legal form", strip_legal),
    ("without 中国", lambda k: strip_china(strip_legal(k))),
    ("without place mark", lambda k: strip_china(strip_legal(strip_place(k)))),
)


@dataclass(frozen=True)
class Match:
    """What an applicant of the notice becomes: a known entity, a proposed new one, or a question."""

    written: str
    entity: str | None  # None when ambiguous
    branch: str | None
    candidates: tuple[str, ...] = ()  # the institutions an ambiguous name could be
    new: r.Entity | None = None  # the proposed entity when the name matches nothing
    flags: tuple[str, ...] = ()  # what the maintainer should check


@dataclass
class EntityIndex:
    """Every entity reachable by each tier's key of its names and aliases."""

    entities: dict[str, r.Entity]
    keys: list[dict[str, set[str]]] = field(default_factory=list)
    branch_labels: dict[str, str] = field(default_factory=dict)  # 重庆分行 → Chongqing branch (重庆分行)
    places: dict[str, str] = field(default_factory=dict)  # 重庆 → Chongqing

    @classmethod
    def build(cls, data: r.Dataset) -> EntityIndex:
        index = cls({e.id: e for e in data.entities})
        index.keys = [{} for _ in _TIERS]
        for e in data.entities:
            index.add(e)
        for region in data.regions:
            for zh, en in ((region.name_zh, region.name_en), (region.province_zh, region.province_en)):
                if zh and en:
                    index.places.setdefault(zh, en)
                    index.places.setdefault(re.sub(r"(市|省|新区|自治区|壮族自治区)$", "", zh), en)
        for batch in data.batches:
            for project in batch.projects:
                for a in project.applicants:
                    m = re.fullmatch(r"(.+?) \((.+)\)", a.branch or "")
                    if m:
                        index.branch_labels.setdefault(m.group(2), a.branch or "")
                        # the place of a known branch names other branches there: Hebei Xiong'an (河北雄安)
                        place = re.fullmatch(r"(.+?) (?:provincial )?branch \((.+?)(?:省|市)?(?:分行|分公司|分局)\)",
                                             a.branch or "")
                        if place:
                            index.places.setdefault(place.group(2), place.group(1))
        return index

    def add(self, entity: r.Entity) -> None:
        self.entities[entity.id] = entity
        for name in (entity.name_zh, entity.name_en, *entity.aliases):
            if not name:
                continue
            for tier, (_, key_of) in zip(self.keys, _TIERS, strict=True):
                tier.setdefault(key_of(fold(name)), set()).add(entity.id)

    def lookup(self, name: str, *, by_start: bool = False) -> tuple[str, set[str]]:
        """The first tier that finds anything, and what it finds (empty set: nothing). `by_start` tries only tier 5:
        a known name of at least four characters that begins the name (中国人寿保险 → 中国人寿), the longest."""
        key = fold(name)
        if by_start:
            key = strip_legal(strip_place(key))
            best = max((k for k in self.keys[1] if len(k) >= 4 and key.startswith(k) and len(key) > len(k)),
                       key=len, default=None)
            return ("by the start of the name", set(self.keys[1][best])) if best else ("", set())
        for tier, (label, key_of) in zip(self.keys, _TIERS, strict=True):
            found = tier.get(key_of(key), set())
            if found:
                return label, found
        return "", set()

    def branch_label(self, branch_zh: str, place: str) -> tuple[str, bool]:
        """English label for a branch and whether it is known (else the Chinese alone, to be completed)."""
        if branch_zh in self.branch_labels:
            return self.branch_labels[branch_zh], True
        if not place and branch_zh in _UNITS_WITHOUT_PLACE:
            return f"{_UNITS_WITHOUT_PLACE[branch_zh]} ({branch_zh})", True
        english = self.places.get(place) or self.places.get(re.sub(r"(市|省)$", "", place))
        if english:
            return f"{english} branch ({branch_zh})", True
        return branch_zh, False


def guess_kind(name: str) -> str | None:
    """An editorial kind from the name alone (the data format allows that); None when the name does not tell."""
    folded = fold(name)
    for kind, words in _KIND_WORDS:
        if any(w in folded for w in words):
            return kind
    return None


def proposed_id(name: str, taken: Iterable[str]) -> str:
    """A valid id: the Latin words of the name when it has some, else `new-` and a short hash to rename."""
    latin = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", name).casefold()).strip("-")
    base = latin if len(latin) >= 3 and re.match(r"[a-z]", latin) else \
        "new-" + hashlib.sha1(fold(name).encode()).hexdigest()[:6]
    taken_set, candidate, n = set(taken), base, 2
    while candidate in taken_set:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


@dataclass(frozen=True)
class _Split:
    base: str
    place: str
    branch: str  # place + unit, as written


def branch_splits(written: str) -> list[_Split]:
    """Every way to read `written` as institution + branch, the longest institution name first."""
    name = written.strip()
    unit = _UNIT.search(name)
    if not unit:
        return []
    head = name[: unit.start()]
    out = []
    for cut in range(len(head), 0, -1):
        place = head[cut:]
        if len(place) > 8 or not re.fullmatch(r"[\u4e00-\u9fff]*", place):
            break
        if (place or unit.group(1) == "信用卡中心") and len(head[:cut]) >= 2:
            out.append(_Split(head[:cut], place, place + unit.group(1)))
    return out


def match_applicant(written: str, index: EntityIndex, chosen: dict[str, str] | None = None) -> Match:
    """Resolve one applicant; `chosen` maps a written name (folded) to the id the maintainer picked: an existing
    institution, or the id for a new one (which then wins over any match, as the maintainer said it is new)."""
    chosen = chosen or {}
    picked = chosen.get(fold(written))
    splits = branch_splits(written)
    if picked and picked in index.entities:
        split = next((x for x in splits if picked in index.lookup(x.base)[1]), None)
        label = index.branch_label(split.branch, split.place)[0] if split else None
        return Match(written, picked, label, flags=("chosen with --entity",))
    if picked:
        return _new_entity(written, splits, index, picked)
    flags: list[str] = []
    branch: str | None = None
    tier, found = index.lookup(written)
    # by the start of a name, a split is only tried where the institution's legal name visibly ends (…公司北京市分公司)
    ended = [x for x in splits if _ENDS_INSTITUTION.search(x.base)]
    attempts = [(x, False) for x in splits] + [(x, True) for x in ended] + [(None, True)]
    for split, by_start in attempts:
        if found:
            break
        tier, found = index.lookup(split.base if split else written, by_start=by_start)
        if found and split:
            branch, known = index.branch_label(split.branch, split.place)
            if not known:
                flags.append(f"branch {branch!r}: no English name is known for the place; write it as "
                             f"'<Place> branch ({branch})'")
    if len(found) > 1:
        return Match(written, None, branch, candidates=tuple(sorted(found)),
                     flags=(f"matches {len(found)} institutions ({tier}): choose one with --entity NAME=ID",))
    if found:
        if tier == "without place mark":
            flags.append("matched only after removing the place mark in brackets: check it is the same institution")
        elif tier == "by the start of the name":
            flags.append("matched by the start of its name only: check it is the same institution")
        return Match(written, found.pop(), branch, flags=tuple(flags))
    return _new_entity(written, splits, index, picked)


def _new_entity(written: str, splits: list[_Split], index: EntityIndex, picked: str | None) -> Match:
    """An institution the data does not know: proposed with the names the notice gives and a kind from its name."""
    split = next((x for x in splits if _ENDS_INSTITUTION.search(x.base)), None)
    base = split.base if split else written.strip()
    branch = index.branch_label(split.branch, split.place)[0] if split else None
    new_id = picked or proposed_id(base, index.entities)
    latin = not re.search(r"[\u4e00-\u9fff]", base)
    entity = r.Entity(new_id, base if latin else None, None if latin else base, guess_kind(base), ())
    return Match(written, new_id, branch, new=entity,
                 flags=("new institution: check its names, kind and id (if it is one the data knows under "
                        "another name, use --entity NAME=ID)",))
