"""The batch files, data/sources/<programme>/<region>.yaml: each batch, its projects, their applicants and events,
checked against what the reference files define (validate.Loader holds those ids and collects the problems)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..vocabulary import NAME_EN_ORIGINS
from . import source_rows as r
from .checker import ID_RE, Checker, suggest, unique
from .schema import PROJECT_FIELDS
from .yamlio import Node

if TYPE_CHECKING:
    from .validate import Loader

BATCH_KEYS = {"label", "announced", "regulator", "announced_count", "sources", "projects"}
BATCH_OPTIONAL = {"number", "key", "announced_count_derived", "notes", "events"}
PROJECT_KEYS = {"source", *(f.name for f in PROJECT_FIELDS if f.required)}
PROJECT_OPTIONAL = {"more_sources", "notes", "events", "application", "name_en_from", "name_en_source", "applicants",
                    "technologies", *(f.name for f in PROJECT_FIELDS if not f.required)}
"""A project's keys: its simple fields' as declared (schema.PROJECT_FIELDS), and those with structure, read below."""


def read(loader: Loader, folder: str, path: Path) -> None:
    """One region's batches in one programme, appended to the loader's dataset."""
    c = Checker(loader.shown(path), loader.errors)
    doc = loader.load_file(path, c)
    if doc is None or not c.fields(doc, "batch file", {"programme", "region", "batches"}, set(), line=1):
        return
    programme, region = c.text(doc, "programme"), c.text(doc, "region")
    if programme != folder:
        c.error(doc.line_of("programme"), f"programme {programme!r} does not match the folder {folder!r}")
    if programme not in loader.programme_ids:
        c.error(doc.line_of("programme"),
                f"unknown programme {programme!r}{suggest(str(programme), loader.programme_ids)}")
    if region not in loader.region_ids:
        c.error(doc.line_of("region"), f"unknown region {region!r}{suggest(str(region), loader.region_ids)}"
                " (add it to data/sources/regions.yaml)")
    elif path.stem != region:
        c.error(doc.line_of("region"), f"region {region!r} does not match the file name {path.name!r}")
    keys_seen: list[tuple[str, int]] = []
    for n in c.items(doc, "batches"):
        batch = _batch(loader, c, n, str(programme), str(region))
        if batch is not None:
            loader.data.batches.append(batch)
            keys_seen.append((batch.key, n.line))
    unique(c, keys_seen, "batch")


def _batch(loader: Loader, c: Checker, n: Node, programme: str, region: str) -> r.Batch | None:
    if not c.fields(n, "batch", BATCH_KEYS, BATCH_OPTIONAL):
        return None
    number = c.count(n, "number")
    key = c.text(n, "key")
    if number is not None and key is not None:
        c.error(n.line_of("key"), "give a batch either a number or a key, not both")
    if number is None and key is None:
        c.error(n.line, "a batch needs a number (its 第N批) or, when no number is known, a key")
    if key is not None and (not ID_RE.match(key) or key.isdigit()):
        c.error(n.line_of("key"), f"key {key!r} must be lower-case letters, digits and hyphens, not only digits")
    sources = loader.source_list(c, n, "sources")
    if not sources:
        c.error(n.line_of("sources"), "a batch needs at least one source")
    made = [(p, raw) for raw in c.items(n, "projects") if (p := _project(loader, c, raw)) is not None]
    _check_duplicate_projects(c, made)
    projects = tuple(p for p, _ in made)
    announced_count = c.count(n, "announced_count")
    if announced_count is not None and len(projects) > announced_count:
        c.error(n.line_of("announced_count"), f"{len(projects)} projects listed but only {announced_count} announced")
    return r.Batch(
        programme=programme, region=region, number=number, key=str(number) if number is not None else (key or ""),
        label=c.text(n, "label"), announced=c.date(n, "announced"), regulator=c.text(n, "regulator"),
        announced_count=announced_count, announced_count_derived=c.flag(n, "announced_count_derived"),
        sources=sources, notes=c.strings(n, "notes"), events=_events(loader, c, n), projects=projects,
        file=c.display,
    )


def _events(loader: Loader, c: Checker, n: Node) -> tuple[r.Event, ...]:
    events = []
    for e in c.items(n, "events"):
        if c.fields(e, "event", {"date", "kind", "source"}, {"note"}):
            kind = c.choice(e, "kind", r.EVENT_KINDS)
            events.append(r.Event(c.date(e, "date"), kind or "milestone", loader.source_ref(c, e, "source") or "",
                                  c.text(e, "note")))
    return tuple(events)


def _project(loader: Loader, c: Checker, n: Any) -> r.Project | None:
    if not c.fields(n, "project", PROJECT_KEYS, PROJECT_OPTIONAL):
        return None
    values = {f.name: f.read(c, n) for f in PROJECT_FIELDS}
    name_zh, name_en = values["name_zh"], values["name_en"]
    if not name_zh and not name_en:
        c.error(n.line, "a project needs name_zh or name_en")
    source = loader.source_ref(c, n, "source") or ""
    techs = c.strings(n, "technologies")
    for t in techs:
        if t not in loader.tech_ids:
            c.error(n.line_of("technologies"), f"unknown technology {t!r}{suggest(t, loader.tech_ids)}"
                    " (add it to data/sources/technologies.yaml)")
    if len(set(techs)) != len(techs):
        c.error(n.line_of("technologies"), "a technology is listed twice")
    return r.Project(
        values=values, source=source, more_sources=loader.source_list(c, n, "more_sources"),
        notes=c.strings(n, "notes"), applicants=_applicants(loader, c, n, source), technologies=techs,
        events=_events(loader, c, n), application=_application(loader, c, n),
        **_name_en_origin(loader, c, n, bool(name_en), bool(values["name_en_translated"])),
    )


def _applicants(loader: Loader, c: Checker, n: Node, default_source: str) -> tuple[r.Applicant, ...]:
    """A project's applicants; an institution (with the same branch) listed twice is pointed at on its own line."""
    out: list[r.Applicant] = []
    seen: set[tuple[str, str | None]] = set()
    for raw in c.items(n, "applicants"):
        if not c.fields(raw, "applicant", {"entity"}, {"branch", "as_written", "source"}):
            continue
        entity = c.text(raw, "entity", nullable=False) or ""
        if entity and entity not in loader.entity_ids:
            c.error(raw.line_of("entity"), f"unknown entity {entity!r}{suggest(entity, loader.entity_ids)}"
                    " (add it to data/sources/entities.yaml)")
        source = loader.source_ref(c, raw, "source", required=False) or default_source
        applicant = r.Applicant(entity, c.text(raw, "branch"), c.text(raw, "as_written"), source)
        if (applicant.entity, applicant.branch) in seen:
            c.error(raw.line if isinstance(raw, Node) else n.line, f"applicant {applicant.entity!r} is listed twice")
        seen.add((applicant.entity, applicant.branch))
        out.append(applicant)
    return tuple(out)


def _name_en_origin(loader: Loader, c: Checker, n: Node, has_name_en: bool,
                    translated: bool) -> dict[str, str | None]:
    """Where the English name comes from: a translation of ours, or (required) an official or press English."""
    origin = c.choice(n, "name_en_from", NAME_EN_ORIGINS)
    if translated and origin not in (None, "translation"):
        c.error(n.line_of("name_en_from"), f"name_en_from is {origin!r} but name_en_translated is true")
    if has_name_en and not translated and origin is None:
        c.error(n.line, "an English name that is not our translation needs name_en_from (official or press) "
                        "and name_en_source, the page it comes from")
    source = loader.source_ref(c, n, "name_en_source", required=False) if "name_en_source" in n else None
    if origin in ("official", "press") and source is None:
        c.error(n.line_of("name_en_from"), f"name_en_from is {origin!r}: name_en_source must name the page")
    return {"name_en_from": "translation" if translated else origin, "name_en_source": source}


def _application(loader: Loader, c: Checker, n: Node) -> str | None:
    """The application this listing belongs to, when one application is listed in several regions."""
    key = loader.ident(c, n, "application") if "application" in n else None
    if key:
        loader.listings.setdefault(key, []).append((c, n.line_of("application")))
    return key


def _check_duplicate_projects(c: Checker, made: list[tuple[r.Project, Any]]) -> None:
    """A project written twice in one batch (by Chinese name, or English name in any case), at its own line."""
    seen: dict[str, int] = {}
    for project, node in made:
        line = node.line if isinstance(node, Node) else 0
        for name in (project.name_zh, project.name_en and project.name_en.casefold()):
            if not name:
                continue
            if name in seen:
                c.error(line, f"duplicate project {name!r} in this batch (first at line {seen[name]})")
            else:
                seen[name] = line
