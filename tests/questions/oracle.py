"""An independent answer key: the question bank's answers recomputed from data/sources with PyYAML alone.

This module never imports sandboxcli. It reads the YAML the simplest way it can and answers each question from the
README's description of what a command means, so that a wrong answer needs the same mistake twice, in two
unrelated pieces of code, to go unnoticed.

Project ids. The database numbers projects 1, 2, 3 ... in reading order (read from the builder once and
reimplemented here plainly): programme folders in the order pboc-regulatory-pilot, csrc-capital-market-pilot,
pboc-application-pilot; inside a folder, files by name; inside a file, batches as listed; inside a batch, projects
as listed. Batches are numbered the same way, and events in that order too (a batch's own events, then each
project's events in turn).

`python tests/questions/oracle.py FILE.yaml` prints the oracle's answer to every question in FILE whose `expect`
is missing, to check by hand against the YAML before pasting it in; `--fill` writes those answers into FILE.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"
FOLDERS = ("pboc-regulatory-pilot", "csrc-capital-market-pilot", "pboc-application-pilot")
SHORT_PROGRAMMES = {"pboc": FOLDERS[0], "sandbox": FOLDERS[0], "csrc": FOLDERS[1], "application": FOLDERS[2],
                    "金融科技创新监管试点": FOLDERS[0], "金融科技创新监管工具": FOLDERS[0],
                    "资本市场金融科技创新试点": FOLDERS[1], "金融科技应用试点": FOLDERS[2]}
CATEGORY_WORDS = {"financial-service": "financial-service", "financial": "financial-service",
                  "service": "financial-service", "金融服务": "financial-service",
                  "technology-product": "technology-product", "technology": "technology-product",
                  "product": "technology-product", "科技产品": "technology-product"}
# The words for where an application is, as agreed for this round (issue 19): each means a SET of stored values.
LEFT_THE_SANDBOX = {"completed-testing", "exited"}
STATUS_WORDS: dict[str, set[str]] = {
    **{w: LEFT_THE_SANDBOX for w in ("exited", "exit", "exits", "graduated", "left", "出盒", "退出", "退出测试")},
    **{w: {"completed-testing"} for w in ("completed", "completed-testing", "完成测试", "测试完成")},
    **{w: {"in-service"} for w in ("launched", "live", "in-service", "上线", "投入运营", "运营")},
    **{w: {"in-testing"} for w in ("testing", "in-testing", "测试中", "入盒")},
    **{w: {"exited"} for w in ("withdrawn", "terminated", "终止")},
}
EVENT_WORDS: dict[str, set[str]] = {
    **{w: {"service-launched"} if v == {"in-service"} else v for w, v in STATUS_WORDS.items()},
    **{k: {k} for k in ("call-for-applications", "service-launched", "planned-start", "milestone")},
}
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


class Answer(Exception):
    """A question the tool must refuse: `exit` is the documented exit code (1 not found, 2 usage)."""

    def __init__(self, exit_code: int, what: str) -> None:
        super().__init__(what)
        self.exit = exit_code


def text(value: Any) -> str | None:
    """YAML reads an unquoted 2021-06-04 as a date: every date here is compared as ISO text."""
    return None if value is None else str(value)


def fold(value: str) -> str:
    """Case and width folded, spaces squeezed, surrounding quotes and brackets dropped."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split()).strip(" \"'“”「」()（）[]【】.,，。")


def compact(value: str) -> str:
    return re.sub(r"[\s'’\-_.·]", "", fold(value))


def has_cjk(value: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in value)


def words_of(value: str) -> str:
    """Folded text with every run of punctuation as one space and a space at each end."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return " " + " ".join(re.sub(r"[^\w\u3400-\u9fff]+", " ", folded).split()) + " "


class Data:
    """Everything in data/sources, as plain dicts with the ids the database gives them."""

    def __init__(self, root: Path = SOURCES) -> None:
        def read(name: str) -> Any:
            return yaml.safe_load((root / name).read_text(encoding="utf-8"))

        self.regions = {r["slug"]: r for r in read("regions.yaml")["regions"]}
        self.techs = {t["slug"]: t for t in read("technologies.yaml")["technologies"]}
        self.entities = {e["id"]: e for e in read("entities.yaml")["entities"]}
        self.batches: list[dict[str, Any]] = []
        self.projects: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        for folder in FOLDERS:
            for path in sorted((root / folder).glob("*.yaml")):
                doc = yaml.safe_load(path.read_text(encoding="utf-8"))
                for b in doc["batches"]:
                    batch = {"id": len(self.batches) + 1, "programme": folder, "region": doc["region"],
                             "number": b.get("number"), "key": str(b["number"]) if b.get("number") else b["key"],
                             "label": b.get("label"), "announced": text(b.get("announced")),
                             "regulator": b.get("regulator"), "announced_count": b.get("announced_count"),
                             "projects": []}
                    self.batches.append(batch)
                    self._events(b, batch, None)
                    for position, p in enumerate(b.get("projects") or [], 1):
                        project = {**p, "id": len(self.projects) + 1, "batch": batch, "position": position,
                                   "technologies": list(p.get("technologies") or []),
                                   "applicants": list(p.get("applicants") or [])}
                        self.projects.append(project)
                        batch["projects"].append(project)
                        self._events(p, batch, project)
        self.missing: list[dict[str, Any]] = []
        """Batches that exist by their numbering alone: a batch 6 means batches 1 to 5 were announced too."""
        for folder in FOLDERS:
            for region in self.regions:
                numbers = {b["number"] for b in self.batches
                           if b["programme"] == folder and b["region"] == region and b["number"]}
                self.missing += [{"programme": folder, "region": region, "number": n, "key": str(n), "announced": None,
                                  "announced_count": None, "projects": [], "missing": True}
                                 for n in range(1, max(numbers, default=0)) if n not in numbers]

    @property
    def every_batch(self) -> list[dict[str, Any]]:
        """The recorded batches and those known only by their number."""
        return self.batches + self.missing

    def _events(self, node: dict[str, Any], batch: dict[str, Any], project: dict[str, Any] | None) -> None:
        for e in node.get("events") or []:
            self.events.append({"id": len(self.events) + 1, "batch": batch, "project": project,
                                "date": text(e.get("date")), "kind": e["kind"]})

    # --- names users type -------------------------------------------------------------------------------------

    def region(self, typed: str) -> str:
        def key(name: str) -> str:
            k = compact(name)
            for suffix in ("壮族自治区", "自治区", "新区", "newarea", "city", "province", "市", "省"):
                if k.endswith(suffix) and len(k) > len(suffix):
                    return k[: -len(suffix)]
            return k

        for slug, r in self.regions.items():
            if key(typed) in {key(n) for n in (slug, r["name_en"], r["name_zh"], *r.get("aliases", []))}:
                return slug
        raise Answer(1, f"unknown city {typed}")

    def technology(self, typed: str) -> str:
        for slug, t in self.techs.items():
            if compact(typed) in {compact(n) for n in (slug, t["label_en"], t["label_zh"], *t.get("aliases", []))}:
                return slug
        raise Answer(1, f"unknown technology {typed}")

    def family(self, slugs: Iterable[str]) -> set[str]:
        """A technology and, for a family such as privacy-computing, its members."""
        wanted = set(slugs)
        return wanted | {s for s, t in self.techs.items() if t.get("parent") in wanted}

    def with_members(self, entities: Iterable[str]) -> set[str]:
        """Institutions and, for a corporate group, every institution under it (a member of a member too)."""
        found = set(entities)
        while True:
            more = {e for e, x in self.entities.items() if parent_of(x) in found} - found
            if not more:
                return found
            found |= more

    def groups_of(self, entity: str) -> set[str]:
        """The corporate groups an applicant counts for: itself if others belong to it, and every group above it."""
        chain, parent = {entity}, parent_of(self.entities[entity])
        while parent and parent not in chain:
            chain.add(parent)
            parent = parent_of(self.entities[parent])
        return {g for g in chain if any(parent_of(x) == g for x in self.entities.values())}

    def entity_names(self, entity: str) -> list[str]:
        e = self.entities[entity]
        return [n for n in (e.get("name_en"), e.get("name_zh"), *e.get("aliases", [])) if n]

    def applicant(self, typed: str) -> list[str]:
        """An exact name or alias wins; else names in which the text starts a word (Latin script) or appears
        (Chinese); else the names the text contains."""
        query = fold(typed)
        if not query:
            raise Answer(2, "empty institution name")
        names = [(fold(n), e) for e in self.entities for n in self.entity_names(e)]
        exact = {e for n, e in names if n == query}
        if exact:
            return sorted(exact)
        latin = not has_cjk(query)

        if latin:  # a letter or digit before the match means it is inside a word
            found = {e for n, e in names if re.search(r"(?<![0-9a-z])" + re.escape(query), n)}
            found = found or {e for n, e in names
                              if len(n) >= 3 and re.search(rf"(?<![0-9a-z]){re.escape(n)}(?![0-9a-z])", query)}
        else:
            found = {e for n, e in names if query in n} or {e for n, e in names if len(n) >= 2 and n in query}
        if not found:
            raise Answer(1, f"no institution matches {typed}")
        return sorted(found)

    # --- the questions ----------------------------------------------------------------------------------------

    def programme(self, typed: str | None) -> str | None:
        if typed is None:
            return None
        key = fold(typed).replace(" ", "-")
        if key in FOLDERS or key in SHORT_PROGRAMMES:
            return SHORT_PROGRAMMES.get(key, key)
        raise Answer(2, f"unknown programme {typed}")

    def in_scope(self, batch: dict[str, Any], programmes: Iterable[str], regions: Iterable[str]) -> bool:
        programmes, regions = list(programmes), list(regions)
        return (not programmes or batch["programme"] in programmes) and (not regions or batch["region"] in regions)

    def text_matches(self, project: dict[str, Any], word: str) -> bool:
        """A word is found in the project's names, its applicants' names, aliases, branches and the names as
        written, or its technologies' labels: at the start of a word in Latin script, anywhere in Chinese."""
        parts = [project.get("name_zh"), project.get("name_en")]
        for a in project["applicants"]:
            parts += [*self.entity_names(a["entity"]), a.get("branch"), a.get("as_written")]
        for slug in project["technologies"]:
            parts += [self.techs[slug]["label_en"], self.techs[slug]["label_zh"]]
        haystack = words_of(" ".join(p for p in parts if p))
        needle = words_of(word).strip()
        return (" " + needle) in haystack if not has_cjk(word) else needle in haystack

    def read_words(self, words: list[str]) -> list[tuple[list[str], str | None]]:
        """Words grouped into runs: the longest run of consecutive words naming a technology, else one word."""
        out, i = [], 0
        while i < len(words):
            for j in range(len(words), i, -1):
                try:
                    out.append((words[i:j], self.technology(" ".join(words[i:j]))))
                    i = j
                    break
                except Answer:
                    continue
            else:
                out.append(([words[i]], None))
                i += 1
        return out

    def search(self, text: str | None = None, technologies: list[str] | None = None,
               applicants: list[str] | None = None, categories: list[str] | None = None,
               cities: list[str] | None = None, programmes: list[str] | None = None,
               statuses: list[str] | None = None, since: str | None = None, until: str | None = None) -> list[int]:
        """Project ids matching every filter (any of several values of one filter), by date, region, batch."""
        words = [w for w in (text or "").split() if words_of(w).strip()]
        techs = self.family(self.technology(t) for t in many(technologies))
        entities = self.with_members(e for name in many(applicants) for e in self.applicant(name)) \
            if applicants else None
        cats = {self.category(c) for c in many(categories)}
        regions = {self.region(c) for c in many(cities)}
        progs = {self.programme(p) for p in many(programmes)}
        wanted_status = set().union(*(self.status(s) for s in many(statuses))) if statuses else set()
        for date in (since, until):
            check_date(date)
        if not words and not (techs or entities is not None or cats or regions or progs or wanted_status or since
                              or until):
            raise Answer(2, "nothing to search for")
        if since and until and since > last_day(until):
            raise Answer(2, "--since after --until")
        runs = self.read_words(words)
        found = []
        for p in self.projects:
            b = p["batch"]
            if not self.in_scope(b, progs, regions):
                continue
            if techs and not techs & set(p["technologies"]):
                continue
            if entities is not None and not entities & {a["entity"] for a in p["applicants"]}:
                continue
            if cats and p.get("category") not in cats:
                continue
            if wanted_status and not (p.get("status") in wanted_status or any(
                    e["kind"] in wanted_status for e in self.events
                    if e["project"] is p or (e["project"] is None and e["batch"] is b))):
                continue
            if since and not (b["announced"] and b["announced"] >= since):
                continue
            if until and not (b["announced"] and b["announced"] <= last_day(until)):
                continue
            if not all(all(self.text_matches(p, w) for w in run)
                       or (tech is not None and self.family([tech]) & set(p["technologies"])) for run, tech in runs):
                continue
            found.append(p)
        found.sort(key=lambda p: (p["batch"]["announced"] is None, p["batch"]["announced"] or "",
                                  self.regions[p["batch"]["region"]]["name_en"], p["batch"]["programme"],
                                  p["batch"]["key"], p["position"]))
        return [p["id"] for p in found]

    def category(self, typed: str) -> str:
        key = fold(typed).replace(" ", "-")
        if key not in CATEGORY_WORDS:
            raise Answer(2, f"unknown category {typed}")
        return CATEGORY_WORDS[key]

    def status(self, typed: str) -> set[str]:
        key = fold(typed).replace(" ", "-")
        if key not in STATUS_WORDS:
            raise Answer(2, f"unknown status {typed}")
        return STATUS_WORDS[key]

    def region_batches(self, city: str, programme: str | None = None) -> list[dict[str, Any]]:
        slug, prog = self.region(city), self.programme(programme)
        mine = [b for b in self.every_batch if b["region"] == slug and prog in (None, b["programme"])]
        if not mine:
            raise Answer(1, f"{slug} has no batches")
        return sorted(mine, key=lambda b: (FOLDERS.index(b["programme"]), b["number"] is None, b["number"] or 0,
                                           b["announced"] is None, b["announced"] or "", b["key"]))

    def batch(self, city: str, batch: str | int, programme: str | None = None) -> dict[str, Any]:
        """The batch a user means; the PBOC sandbox wins where several programmes have that batch."""
        key = batch_key(str(batch))
        for b in self.region_batches(city, programme):  # already in programme order
            if b["key"] == key:
                return b
        raise Answer(1, f"no batch {key}")

    def event_rows(self, kinds: list[str] | None = None, cities: list[str] | None = None,
                   programmes: list[str] | None = None, since: str | None = None,
                   until: str | None = None) -> list[dict[str, Any]]:
        wanted = set().union(*(self.event_kind(k) for k in many(kinds))) if kinds else set()
        regions = {self.region(c) for c in many(cities)}
        progs = {self.programme(p) for p in many(programmes)}
        for date in (since, until):
            check_date(date)
        rows = [e for e in self.events if self.in_scope(e["batch"], progs, regions)
                and (not wanted or e["kind"] in wanted)
                and (not since or (e["date"] and e["date"] >= since))
                and (not until or (e["date"] and e["date"] <= last_day(until)))]
        return sorted(rows, key=lambda e: (e["date"] is None, e["date"] or "", e["batch"]["region"], e["id"]))

    def event_kind(self, typed: str) -> set[str]:
        key = fold(typed).replace(" ", "-")
        if key not in EVENT_WORDS:
            raise Answer(2, f"unknown event kind {typed}")
        return EVENT_WORDS[key]

    def totals(self, batches: list[dict[str, Any]]) -> dict[str, Any]:
        dates = [b["announced"] for b in batches if b["announced"]]
        return {"batches": len(batches), "batches_missing": sum(bool(b.get("missing")) for b in batches),
                "announced_count": sum(b["announced_count"] or 0 for b in batches),
                "announced_unknown_batches": sum(b["announced_count"] is None for b in batches),
                "known": sum(len(b["projects"]) for b in batches),
                "first_date": min(dates, default=None), "latest_date": max(dates, default=None)}

    def projects_in(self, programme: str | None, region: str | None) -> list[dict[str, Any]]:
        return [p for p in self.projects if self.in_scope(p["batch"], [programme] if programme else [],
                                                          [region] if region else [])]


def parent_of(entity: dict[str, Any]) -> str | None:
    """The group an institution belongs to: `parent: {id: ..., relation: ..., source: ...}` (or a bare id)."""
    parent = entity.get("parent")
    return parent.get("id") if isinstance(parent, dict) else parent


def many(values: str | list[str] | None) -> list[str]:
    items = [values] if isinstance(values, str) else list(values or [])
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def check_date(value: str | None) -> None:
    if value is None:
        return
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    import datetime

    try:
        if not m:
            raise ValueError(value)
        datetime.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise Answer(2, f"{value} is not a date") from None


def last_day(date: str) -> str:
    """The last day a YYYY or YYYY-MM date covers, as text that sorts after every day in it."""
    return date + "-12-31" if len(date) == 4 else date + "-31" if len(date) == 7 else date


def batch_key(typed: str) -> str:
    """What a user means by a batch: 2, "batch 2", 第二批, 第2批, 首批, 十, 第十二批, 第二十一批."""
    key = unicodedata.normalize("NFKC", typed).strip().lower()
    key = key.removeprefix("batch").strip(" #-")
    if key == "首批":
        return "1"
    if key.startswith("第") and key.endswith("批"):
        key = key[1:-1]
    if key and set(key) <= set(CHINESE_DIGITS) | {"十"}:
        if "十" in key:
            tens, _, ones = key.partition("十")
            return str(CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(ones, 0))
        if len(key) == 1:
            return str(CHINESE_DIGITS[key])
    return key


# --- answers to questions: one function per API method, returning what a question's `expect` may hold ------------

def answer(data: Data, method: str, kwargs: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """The oracle's value for each expected key of a question asked as `method(**kwargs)`."""
    try:
        full = ANSWERS[method](data, **kwargs)
    except Answer as refused:
        full = {"exit": refused.exit}
    return {k: full.get(k) for k in keys if k not in ("suggests",)}


def _search(data: Data, **kw: Any) -> dict[str, Any]:
    ids = data.search(**kw)
    return {"ids": ids, "id_set": sorted(ids), "count": len(ids), "exit": 0}


def _region(data: Data, city: str, programme: str | None = None) -> dict[str, Any]:
    batches = data.region_batches(city, programme)
    return {"batch_keys": [b["key"] for b in batches], "count": len(batches), "exit": 0}


def _batch(data: Data, city: str, batch: str | int, programme: str | None = None) -> dict[str, Any]:
    b = data.batch(city, batch, programme)
    info = {"programme": b["programme"], "region": b["region"], "key": b["key"], "number": b["number"],
            "announced": b["announced"], "announced_count": b["announced_count"], "known_count": len(b["projects"])}
    return {"batch": info, "ids": [p["id"] for p in b["projects"]], "count": len(b["projects"]), "exit": 0}


def _project(data: Data, project_id: int) -> dict[str, Any]:
    if not 1 <= project_id <= len(data.projects):
        raise Answer(1, f"no project {project_id}")
    p = data.projects[project_id - 1]
    b = p["batch"]
    own = [e for e in data.events if e["project"] is p or (e["project"] is None and e["batch"] is b)]
    detail = {"programme": b["programme"], "region": b["region"], "batch_key": b["key"], "name_zh": p.get("name_zh"),
              "name_en": p.get("name_en"), "category": p.get("category"), "status": p.get("status"),
              "applicants": [a["entity"] for a in p["applicants"]], "technologies": p["technologies"],
              "events": [[e["date"], e["kind"]] for e in sorted(
                  own, key=lambda e: (e["date"] is None, e["date"] or "", e["id"]))]}
    return {"project": detail, "exit": 0}


def _events(data: Data, **kw: Any) -> dict[str, Any]:
    rows = data.event_rows(**kw)
    return {"events": [[e["date"], e["kind"], e["project"]["id"] if e["project"] else None] for e in rows],
            "count": len(rows), "exit": 0}


def _regions(data: Data, programme: str | None = None) -> dict[str, Any]:
    prog = data.programme(programme)
    out: dict[str, dict[str, Any]] = {}
    for slug in data.regions:
        for folder in FOLDERS:
            mine = [b for b in data.every_batch if b["region"] == slug and b["programme"] == folder
                    and prog in (None, folder)]
            if mine:
                out.setdefault(slug, {})[folder] = data.totals(mine)

    def order(slug: str) -> tuple[int, str, str]:
        first = next(iter(out[slug]))
        return FOLDERS.index(first), out[slug][first]["first_date"] or "9999", data.regions[slug]["name_en"]

    return {"regions": out, "region_order": sorted(out, key=order), "count": len(out), "exit": 0}


def _compare(data: Data, cities: list[str], programme: str | None = None) -> dict[str, Any]:
    prog = data.programme(programme)
    slugs = list(dict.fromkeys(data.region(c) for c in many(cities)))
    if len(slugs) < 2:
        raise Answer(2, "compare needs two cities")
    by_programme: dict[str, dict[str, Any]] = {}
    for slug in slugs:
        by_programme[slug] = {}
        for folder in FOLDERS:
            batches = [b for b in data.every_batch if b["region"] == slug and b["programme"] == folder]
            if batches and prog in (None, folder):
                by_programme[slug][folder] = {**data.totals(batches),
                                              **_figures(data, data.projects_in(folder, slug))}
    sums: dict[str, dict[str, int]] = {}  # a sum over programmes that no single programme's figure equals
    for slug in slugs:
        for f in ("batches", "announced_count", "known"):
            values = [entry[f] for entry in by_programme[slug].values()]
            if len(values) > 1 and sum(values) not in values:
                sums.setdefault(slug, {})[f] = sum(values)
    return {"compare_by_programme": by_programme, "compare_sums": sums, "count": len(slugs), "exit": 0}


def _figures(data: Data, projects: list[dict[str, Any]]) -> dict[str, Any]:
    cats = Counter(p.get("category") for p in projects)
    techs = Counter(t for p in projects for t in set(p["technologies"]))
    banks = sum(any(data.entities[a["entity"]].get("kind") == "bank" for a in p["applicants"]) for p in projects)
    return {"financial_service": cats["financial-service"], "technology_product": cats["technology-product"],
            "category_unknown": cats[None], "with_bank_applicant": banks,
            "top_technologies": [[s, n] for s, n in sorted(techs.items(), key=lambda x: (-x[1], x[0]))[:3]]}


def _technologies(data: Data) -> dict[str, Any]:
    counts = {s: sum(bool(data.family([s]) & set(p["technologies"])) for p in data.projects) for s in data.techs}
    return {"technologies": counts, "count": len(counts), "exit": 0}


def _coverage(data: Data, city: str | None = None, programme: str | None = None,
              incomplete: bool = False) -> dict[str, Any]:
    prog, slug = data.programme(programme), data.region(city) if city else None
    batches = [b for b in data.every_batch if data.in_scope(b, [prog] if prog else [], [slug] if slug else [])]
    totals = {}
    for folder in FOLDERS:
        mine = [b for b in batches if b["programme"] == folder]
        if not mine:
            continue
        sized = [b for b in mine if b["announced_count"] is not None]
        totals[folder] = {"batches": len(mine), "announced_count": sum(b["announced_count"] for b in sized),
                          "known": sum(len(b["projects"]) for b in mine),
                          "batches_of_unknown_size": len(mine) - len(sized),
                          "batches_missing": sum(bool(b.get("missing")) for b in mine),
                          "missing": sum(max(b["announced_count"] - len(b["projects"]), 0) for b in sized)}
    rows = [b for b in batches if not incomplete or b["announced_count"] is None
            or len(b["projects"]) < b["announced_count"]]
    return {"coverage_totals": totals, "count": len(rows), "exit": 0,
            "coverage_rows": sorted([b["programme"], b["region"], b["key"], b["announced_count"], len(b["projects"])]
                                    for b in rows)}


def _timeline(data: Data, by: str = "year", programme: str | None = None, city: str | None = None) -> dict[str, Any]:
    if by not in ("year", "month"):
        raise Answer(2, f"unknown grouping {by}")
    prog, slug = data.programme(programme), data.region(city) if city else None
    points: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for b in data.batches:
        if b["announced"] and data.in_scope(b, [prog] if prog else [], [slug] if slug else []):
            point = points[(b["announced"][: 4 if by == "year" else 7], b["programme"])]
            point[0] += 1
            point[1] += len(b["projects"])
    rows = [[period, prog_, n, known] for (period, prog_), (n, known) in points.items()]
    rows.sort(key=lambda r: (r[0], FOLDERS.index(r[1])))
    return {"timeline": rows, "count": len(rows), "exit": 0}


def _stats(data: Data, programme: str | None = None, city: str | None = None, top: int = 10) -> dict[str, Any]:
    if not 1 <= top <= 1000:
        raise Answer(2, "--top out of range")
    prog, slug = data.programme(programme), data.region(city) if city else None
    projects = data.projects_in(prog, slug)
    counted: dict[str, set[Any]] = {}  # key -> the applications counted: one listed in several regions is one
    for p in projects:
        application = p.get("application") or p["id"]
        for key in (f"programme:{p['batch']['programme']}", f"category:{p.get('category') or 'unknown'}",
                    *{f"technology:{t}" for t in p["technologies"]},
                    *{f"institution-kind:{data.entities[a['entity']].get('kind') or 'unknown'}"
                      for a in p["applicants"]},
                    *{f"applicant:{a['entity']}" for a in p["applicants"]},
                    *{f"group:{g}" for a in p["applicants"] for g in data.groups_of(a["entity"])}):
            counted.setdefault(key, set()).add(application)
    return {"stats": {key: len(apps) for key, apps in counted.items()}, "exit": 0}


def _applicant(data: Data, name: str) -> dict[str, Any]:
    ids = data.applicant(name)
    profiles = {}
    for e in ids:  # a group's profile holds its members' projects
        mine = [p for p in data.projects if data.with_members([e]) & {a["entity"] for a in p["applicants"]}]
        mine.sort(key=lambda p: (p["batch"]["announced"] is None, p["batch"]["announced"] or "",
                                 p["batch"]["region"], p["position"]))
        profiles[e] = [p["id"] for p in mine]
    shown = profiles if len(ids) <= 3 else {}  # more than three matches: a list to choose from, no profiles
    return {"entities": ids, "entity_count": len(ids), "profile_projects": shown, "count": len(shown), "exit": 0}


def _export(data: Data, table: str) -> dict[str, Any]:
    rows = {"projects": data.projects, "batches": data.batches, "regions": data.regions, "events": data.events,
            "institutions": data.entities, "technologies": data.techs}
    if table not in rows:
        raise Answer(2, f"unknown table {table}")
    return {"count": len(rows[table]), "exit": 0}


def _sql(data: Data, query: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """The few statements the bank asks `sandbox sql`, answered in plain Python; others are refused as writes."""
    params = params or {}
    cats = Counter(p.get("category") for p in data.projects)
    known = {
        "select count(*) as n from projects": lambda: [{"n": len(data.projects)}],
        "select key from batches where region = :r order by key":
            lambda: [{"key": k} for k in sorted(b["key"] for b in data.batches if b["region"] == params["r"])],
        "select category, count(*) as n from projects group by category order by category":
            lambda: [{"category": c, "n": cats[c]} for c in sorted(cats, key=lambda c: (c is not None, c or ""))],
    }
    if query not in known:
        raise Answer(2, "only read-only statements are allowed")
    rows = known[query]()
    return {"rows": rows, "count": len(rows), "exit": 0}


ANSWERS = {"search": _search, "region": _region, "batch": _batch, "project": _project, "events": _events,
           "regions": _regions, "compare": _compare, "technologies": _technologies, "coverage": _coverage,
           "timeline": _timeline, "stats": _stats, "applicant": _applicant, "export": _export,
           "sql": _sql}


class _TextDates(yaml.SafeLoader):
    """YAML without its date type: `since: 2021-06-04` in a question is the text the user types."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load_questions(path: Path) -> list[dict[str, Any]]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates) or []  # a SafeLoader without dates


def emit(questions: list[dict[str, Any]], header: str) -> str:
    """The question file in its one layout: a block per question, each value on one line in flow style."""
    out = [header.rstrip("\n"), ""] if header.strip() else []
    for q in questions:
        first = True
        for key in ("ask", "argv", "api", "expect", "error_mentions", "suggests", "pending", "want"):
            if key in q:
                value = json.dumps(q[key], ensure_ascii=False)
                out.append(f"{'- ' if first else '  '}{key}: {value}")
                first = False
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    fill = "--fill" in argv
    data = Data()
    for name in [a for a in argv if not a.startswith("--")]:
        path = Path(name)
        raw = path.read_text(encoding="utf-8")
        header = "".join(line for line in raw.splitlines(keepends=True)[:20] if line.startswith("#"))
        questions = load_questions(path)
        for q in questions:
            if "expect" in q or not q.get("api"):
                continue
            (method, kwargs), = q["api"].items()
            keys = q.get("want") or ["ids"]
            got = answer(data, method, kwargs or {}, keys)
            q.pop("want", None)
            q["expect"] = {k: v for k, v in got.items() if not (k == "exit" and v == 0)}
            print(q["ask"], "→", json.dumps(q["expect"], ensure_ascii=False))
        if fill:
            path.write_text(emit(questions, header), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
