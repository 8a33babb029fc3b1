"""Load data/sources/ and check every rule a domain expert can break with a text editor.

Each problem becomes one `data/sources/<file>:<line>: what is wrong` message. All problems are collected before
giving up, so one run of the build shows everything to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..vocabulary import NAME_EN_ORIGINS, TALLY_MEASURES
from ..vocabulary import PROGRAMMES as PROGRAMME_DIRS
from . import groups
from . import source_rows as r
from .checker import ID_RE, Checker, list_file, suggest, unique
from .yamlio import Node, SourceError, load


class ValidationFailed(Exception):
    """Raised with every problem found; the build prints them and exits non-zero."""

    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in the source files")


def load_dataset(root: Path, display_root: str = "data/sources") -> r.Dataset:
    """Read and check every file under `root`; raise ValidationFailed listing all problems."""
    errors: list[SourceError] = []
    data = r.Dataset()
    if not root.is_dir():
        raise ValidationFailed([SourceError(display_root, None, "source folder not found")])

    def shown(path: Path) -> str:
        return f"{display_root}/{path.relative_to(root).as_posix()}"

    def read_list(name: str, key: str, make: Callable[[Checker, Node], Any], id_of: Callable[[Any], str]) -> list[Any]:
        path = root / name
        if not path.exists():
            errors.append(SourceError(f"{display_root}/{name}", None, "file is missing"))
            return []
        checker, raw = list_file(path, shown(path), key, errors)
        out, ids = [], []
        for item in raw:
            made = make(checker, item)
            if made is not None:
                out.append(made)
                ids.append((id_of(made), item.line))
        unique(checker, ids, "id")
        return out

    def ident(c: Checker, node: Node, key: str) -> str | None:
        value = c.text(node, key, nullable=False)
        if value is not None and not ID_RE.match(value):
            c.error(node.line_of(key), f"{key!r} {value!r} must be lower-case letters, digits and hyphens")
        return value

    def make_source(c: Checker, n: Node) -> r.Source | None:
        if not c.fields(n, "source", {"id", "url"}, {"title", "publisher", "date", "language", "date_from_url",
                                                     "copy", "original", "note", "author"}):
            return None
        url = c.text(n, "url", nullable=False) or ""
        if url and not re.match(r"^https?://\S+$", url):
            c.error(n.line_of("url"), f"url {url!r} must start with http:// or https:// and have no spaces")
        return r.Source(ident(c, n, "id") or "", url, c.text(n, "title"), c.text(n, "publisher"),
                        c.date(n, "date"), c.choice(n, "language", r.LANGUAGES), c.flag(n, "date_from_url"),
                        c.flag(n, "copy"), c.text(n, "original"), c.text(n, "note"), c.text(n, "author"))

    _read_dataset(root, display_root, data, errors)
    data.sources = read_list("sources.yaml", "sources", make_source, lambda s: s.id)
    source_ids = {s.id for s in data.sources}
    urls_seen: dict[str, str] = {}
    for s in data.sources:
        if s.url in urls_seen:
            errors.append(SourceError(f"{display_root}/sources.yaml", None,
                                      f"url of {s.id!r} is already source {urls_seen[s.url]!r}"))
        urls_seen.setdefault(s.url, s.id)
        if s.original is not None and (s.original not in source_ids or s.original == s.id):
            errors.append(SourceError(f"{display_root}/sources.yaml", None,
                                      f"source {s.id!r}: original {s.original!r} is not another source id"
                                      f"{suggest(s.original, source_ids)}"))

    def source_ref(c: Checker, n: Node, key: str, *, required: bool = True) -> str | None:
        value = c.text(n, key, nullable=not required)
        if value is None:
            if required and key not in n:
                c.error(n.line, f"missing {key!r}: every fact names the source it comes from")
            return None
        if value not in source_ids:
            c.error(n.line_of(key), f"unknown source id {value!r}{suggest(value, source_ids)}")
        return value

    def make_programme(c: Checker, n: Node) -> r.Programme | None:
        keys = {"id", "name_en", "name_zh", "regulator_en", "regulator_zh", "has_batches", "source"}
        if not c.fields(n, "programme", keys, set()):
            return None
        return r.Programme(ident(c, n, "id") or "", c.text(n, "name_en", nullable=False) or "",
                           c.text(n, "name_zh", nullable=False) or "", c.text(n, "regulator_en") or "",
                           c.text(n, "regulator_zh") or "", c.flag(n, "has_batches"), source_ref(c, n, "source") or "")

    def make_region(c: Checker, n: Node) -> r.Region | None:
        keys = {"slug", "name_en", "name_zh", "level", "province_en", "province_zh"}
        if not c.fields(n, "region", keys, {"aliases"}):
            return None
        return r.Region(ident(c, n, "slug") or "", c.text(n, "name_en", nullable=False) or "",
                        c.text(n, "name_zh", nullable=False) or "", c.choice(n, "level", r.REGION_LEVELS) or "",
                        c.text(n, "province_en") or "", c.text(n, "province_zh") or "", c.strings(n, "aliases"))

    def make_technology(c: Checker, n: Node) -> r.Technology | None:
        if not c.fields(n, "technology", {"slug", "label_en", "label_zh"}, {"aliases", "parent"}):
            return None
        return r.Technology(ident(c, n, "slug") or "", c.text(n, "label_en", nullable=False) or "",
                            c.text(n, "label_zh", nullable=False) or "", c.strings(n, "aliases"),
                            c.text(n, "parent"))

    def make_entity(c: Checker, n: Node) -> r.Entity | None:
        if not c.fields(n, "entity", {"id", "name_en", "name_zh", "kind"},
                        {"aliases", "parent", "notes", "name_en_translated"}):
            return None
        name_en, name_zh = c.text(n, "name_en"), c.text(n, "name_zh")
        if not name_en and not name_zh:
            c.error(n.line, "an entity needs name_en or name_zh")
        parent, relation, parent_source = groups.read_parent(c, n, source_ref)
        return r.Entity(ident(c, n, "id") or "", name_en, name_zh, c.choice(n, "kind", r.ENTITY_KINDS),
                        c.strings(n, "aliases"), parent, c.strings(n, "notes"),
                        c.flag(n, "name_en_translated"), relation, parent_source, n.line)

    data.programmes = read_list("programmes.yaml", "programmes", make_programme, lambda p: p.id)
    data.regions = read_list("regions.yaml", "regions", make_region, lambda x: x.slug)
    data.technologies = read_list("technologies.yaml", "technologies", make_technology, lambda t: t.slug)
    data.entities = read_list("entities.yaml", "entities", make_entity, lambda e: e.id)

    programme_ids = {p.id for p in data.programmes}
    region_ids = {x.slug for x in data.regions}
    tech_ids = {t.slug for t in data.technologies}
    entity_ids = {e.id for e in data.entities}
    groups.check_tree(Checker(f"{display_root}/entities.yaml", errors), data.entities)
    kind, display = "technology", f"{display_root}/technologies.yaml"
    parents = {x.slug: x.parent for x in data.technologies}
    for name, parent in parents.items():
        if parent is None:
            continue
        if parent not in tech_ids or parent == name:
            errors.append(SourceError(display, None, f"{kind} {name!r}: parent {parent!r} is not another "
                                      f"{kind}{suggest(parent, tech_ids)}"))
        elif parents.get(parent) is not None:
            errors.append(SourceError(display, None, f"{kind} {name!r}: parent {parent!r} has a parent itself; "
                                      "families are one level deep"))

    def make_event(c: Checker, n: Any) -> r.Event | None:
        if not c.fields(n, "event", {"date", "kind", "source"}, {"note"}):
            return None
        kind = c.choice(n, "kind", r.EVENT_KINDS)
        return r.Event(c.date(n, "date"), kind or "milestone", source_ref(c, n, "source") or "", c.text(n, "note"))

    def make_applicant(c: Checker, n: Any, default_source: str) -> r.Applicant | None:
        if not c.fields(n, "applicant", {"entity"}, {"branch", "as_written", "source"}):
            return None
        entity = c.text(n, "entity", nullable=False) or ""
        if entity and entity not in entity_ids:
            c.error(n.line_of("entity"), f"unknown entity {entity!r}{suggest(entity, entity_ids)}"
                    " (add it to data/sources/entities.yaml)")
        source = source_ref(c, n, "source", required=False) or default_source
        return r.Applicant(entity, c.text(n, "branch"), c.text(n, "as_written"), source)

    project_keys = {"name_zh", "name_en", "name_en_translated", "category", "applicants", "technologies",
                    "status", "source"}
    project_optional = {"name_is_description", "name_incomplete", "category_derived", "placement_inferred",
                        "statement_no", "planned_start", "more_sources", "notes", "events", "application",
                        "name_en_from", "name_en_source"}
    listings: dict[str, list[tuple[Checker, int]]] = {}

    def make_project(c: Checker, n: Any) -> r.Project | None:
        if not c.fields(n, "project", project_keys - {"applicants", "technologies"},
                        project_optional | {"applicants", "technologies"}):
            return None
        name_zh, name_en = c.text(n, "name_zh"), c.text(n, "name_en")
        if not name_zh and not name_en:
            c.error(n.line, "a project needs name_zh or name_en")
        source = source_ref(c, n, "source") or ""
        techs = c.strings(n, "technologies")
        for t in techs:
            if t not in tech_ids:
                c.error(n.line_of("technologies"), f"unknown technology {t!r}{suggest(t, tech_ids)}"
                        " (add it to data/sources/technologies.yaml)")
        if len(set(techs)) != len(techs):
            c.error(n.line_of("technologies"), "a technology is listed twice")
        applicants = tuple(a for a in (make_applicant(c, a, source) for a in c.items(n, "applicants")) if a)
        seen: set[tuple[str, str | None]] = set()
        for a, raw in zip(applicants, c.items(n, "applicants"), strict=False):
            if (a.entity, a.branch) in seen:
                c.error(raw.line if isinstance(raw, Node) else n.line, f"applicant {a.entity!r} is listed twice")
            seen.add((a.entity, a.branch))
        more = c.strings(n, "more_sources")
        for s in more:
            if s not in source_ids:
                c.error(n.line_of("more_sources"), f"unknown source id {s!r}{suggest(s, source_ids)}")
        return r.Project(
            name_zh=name_zh, name_en=name_en, name_en_translated=c.flag(n, "name_en_translated"),
            name_is_description=c.flag(n, "name_is_description"), name_incomplete=c.flag(n, "name_incomplete"),
            category=c.choice(n, "category", r.CATEGORIES),
            category_derived=c.flag(n, "category_derived"), placement_inferred=c.flag(n, "placement_inferred"),
            status=c.choice(n, "status", r.STATUSES), statement_no=c.text(n, "statement_no"),
            planned_start=c.date(n, "planned_start"), source=source, more_sources=more, notes=c.strings(n, "notes"),
            applicants=applicants, technologies=techs,
            events=tuple(e for e in (make_event(c, e) for e in c.items(n, "events")) if e),
            application=listed(c, n), **name_en_origin(c, n, name_en),
        )

    def name_en_origin(c: Checker, n: Node, name_en: str | None) -> dict[str, str | None]:
        """Where the English name comes from: a translation of ours, or (required) an official or press English."""
        origin = c.choice(n, "name_en_from", NAME_EN_ORIGINS)
        translated = c.flag(n, "name_en_translated")
        if translated and origin not in (None, "translation"):
            c.error(n.line_of("name_en_from"), f"name_en_from is {origin!r} but name_en_translated is true")
        if name_en and not translated and origin is None:
            c.error(n.line, "an English name that is not our translation needs name_en_from (official or press) "
                            "and name_en_source, the page it comes from")
        source = source_ref(c, n, "name_en_source", required=False) if "name_en_source" in n else None
        if origin in ("official", "press") and source is None:
            c.error(n.line_of("name_en_from"), f"name_en_from is {origin!r}: name_en_source must name the page")
        return {"name_en_from": "translation" if translated else origin, "name_en_source": source}

    def listed(c: Checker, n: Node) -> str | None:
        """The application this listing belongs to, when one application is listed in several regions."""
        key = ident(c, n, "application") if "application" in n else None
        if key:
            listings.setdefault(key, []).append((c, n.line_of("application")))
        return key

    batch_keys = {"label", "announced", "regulator", "announced_count", "sources", "projects"}
    batch_optional = {"number", "key", "announced_count_derived", "notes", "events"}
    for folder in PROGRAMME_DIRS:
        for path in sorted((root / folder).glob("*.yaml")) if (root / folder).is_dir() else []:
            display = shown(path)
            c = Checker(display, errors)
            try:
                doc = load(path, display)
            except SourceError as exc:
                errors.append(exc)
                continue
            if not c.fields(doc, "batch file", {"programme", "region", "batches"}, set(), line=1):
                continue
            programme, region = c.text(doc, "programme"), c.text(doc, "region")
            if programme != folder:
                c.error(doc.line_of("programme"), f"programme {programme!r} does not match the folder {folder!r}")
            if programme not in programme_ids:
                c.error(doc.line_of("programme"),
                        f"unknown programme {programme!r}{suggest(str(programme), programme_ids)}")
            if region not in region_ids:
                c.error(doc.line_of("region"), f"unknown region {region!r}{suggest(str(region), region_ids)}"
                        " (add it to data/sources/regions.yaml)")
            elif path.stem != region:
                c.error(doc.line_of("region"), f"region {region!r} does not match the file name {path.name!r}")
            keys_seen: list[tuple[str, int]] = []
            for n in c.items(doc, "batches"):
                if not c.fields(n, "batch", batch_keys, batch_optional):
                    continue
                number = c.count(n, "number")
                key = c.text(n, "key")
                if number is not None and key is not None:
                    c.error(n.line_of("key"), "give a batch either a number or a key, not both")
                if number is None and key is None:
                    c.error(n.line, "a batch needs a number (its 第N批) or, when no number is known, a key")
                if key is not None and (not ID_RE.match(key) or key.isdigit()):
                    c.error(n.line_of("key"),
                            f"key {key!r} must be lower-case letters, digits and hyphens, not only digits")
                batch_key = str(number) if number is not None else (key or "")
                keys_seen.append((batch_key, n.line))
                sources = c.strings(n, "sources")
                if not sources:
                    c.error(n.line_of("sources"), "a batch needs at least one source")
                for source_id in sources:
                    if source_id not in source_ids:
                        c.error(n.line_of("sources"),
                                f"unknown source id {source_id!r}{suggest(source_id, source_ids)}")
                projects = [p for p in (make_project(c, p) for p in c.items(n, "projects")) if p]
                _check_duplicate_projects(c, projects, c.items(n, "projects"))
                announced_count = c.count(n, "announced_count")
                if announced_count is not None and len(projects) > announced_count:
                    c.error(n.line_of("announced_count"),
                            f"{len(projects)} projects listed but only {announced_count} announced")
                data.batches.append(r.Batch(
                    programme=str(programme), region=str(region), number=number, key=batch_key,
                    label=c.text(n, "label"), announced=c.date(n, "announced"), regulator=c.text(n, "regulator"),
                    announced_count=announced_count, announced_count_derived=c.flag(n, "announced_count_derived"),
                    sources=sources, notes=c.strings(n, "notes"),
                    events=tuple(e for e in (make_event(c, e) for e in c.items(n, "events")) if e),
                    projects=tuple(projects), file=display,
                ))
            unique(c, keys_seen, "batch")
    for key, places in listings.items():
        if len(places) == 1:
            c, line = places[0]
            c.error(line, f"application {key!r} has one listing; it joins the listings of one application in "
                          "several regions, so give it to each of them (or remove it)")
    tallies_path = root / "tallies.yaml"
    if tallies_path.exists():
        c, raw = list_file(tallies_path, shown(tallies_path), "tallies", errors)
        for n in raw:
            if not c.fields(n, "tally", {"date", "programme", "scope", "count", "exact", "source"},
                            {"regions", "note", "measure"}):
                continue
            programme = c.text(n, "programme") or ""
            if programme not in programme_ids:
                c.error(n.line_of("programme"), f"unknown programme {programme!r}{suggest(programme, programme_ids)}")
            regions = n.get("regions") or {}
            pairs: list[tuple[str, int]] = []
            if not isinstance(regions, dict):
                c.error(n.line_of("regions"), "'regions' must map region slugs to counts")
            else:
                for slug, count in regions.items():
                    if slug not in region_ids:
                        c.error(n.line_of("regions"), f"unknown region {slug!r}{suggest(str(slug), region_ids)}")
                    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                        c.error(n.line_of("regions"), f"count for {slug!r} must be a whole number")
                    else:
                        pairs.append((str(slug), count))
            date = c.date(n, "date")
            if date is None and "date" in n and not c.errors:
                c.error(n.line_of("date"), "a tally needs a date")
            data.tallies.append(r.Tally(
                date=date or "", scope=c.text(n, "scope", nullable=False) or "", programme=programme,
                count=c.count(n, "count") or 0, exact=c.flag(n, "exact"), source=source_ref(c, n, "source") or "",
                regions=tuple(pairs), note=c.text(n, "note"),
                measure=c.choice(n, "measure", TALLY_MEASURES) or "applications"))
    for stray in sorted(root.iterdir()):
        if stray.is_dir() and stray.name not in PROGRAMME_DIRS and not stray.name.startswith("."):
            message = f"unknown programme folder{suggest(stray.name, PROGRAMME_DIRS)}"
            errors.append(SourceError(shown(stray), None, message))
    _check_aliases(data, root, display_root, errors)
    if errors:
        raise ValidationFailed(errors)
    return data


def _read_dataset(root: Path, display_root: str, data: r.Dataset, errors: list[SourceError]) -> None:
    """dataset.yaml: the data's version and the full date it was compiled (citations' "accessed" date)."""
    path, display = root / "dataset.yaml", f"{display_root}/dataset.yaml"
    if not path.exists():
        errors.append(SourceError(display, None, "file is missing (version: and compiled: YYYY-MM-DD)"))
        return
    c = Checker(display, errors)
    try:
        doc = load(path, display)
    except SourceError as exc:
        errors.append(exc)
        return
    if not c.fields(doc, "dataset.yaml", {"version", "compiled"}, set(), line=1):
        return
    data.version = c.text(doc, "version", nullable=False) or ""
    compiled = c.date(doc, "compiled") or ""
    if compiled and len(compiled) != 10:
        c.error(doc.line_of("compiled"), f"'compiled' {compiled!r} must be a full date (YYYY-MM-DD)")
    data.compiled = compiled


def _check_duplicate_projects(c: Checker, projects: list[r.Project], raw: list[Any]) -> None:
    seen: dict[str, int] = {}
    for project, node in zip(projects, raw, strict=False):
        line = node.line if isinstance(node, Node) else 0
        for name in (project.name_zh, project.name_en and project.name_en.casefold()):
            if not name:
                continue
            if name in seen:
                c.error(line, f"duplicate project {name!r} in this batch (first at line {seen[name]})")
            else:
                seen[name] = line


def _check_aliases(data: r.Dataset, root: Path, display_root: str, errors: list[SourceError]) -> None:
    """Two regions answering to the same typed name would make `sandbox show` ambiguous."""
    from ..names import normalise_region

    owner: dict[str, str] = {}
    for region in data.regions:
        for name in {region.slug, region.name_en, region.name_zh, *region.aliases}:
            key = normalise_region(name)
            if key in owner and owner[key] != region.slug:
                errors.append(SourceError(f"{display_root}/regions.yaml", None,
                                          f"alias {name!r} of {region.slug!r} also names {owner[key]!r}"))
            owner.setdefault(key, region.slug)
