"""Load data/sources/ and check every rule a domain expert can break with a text editor.

Each problem becomes one `data/sources/<file>:<line>: what is wrong` message. All problems are collected before
giving up, so one run of the build shows everything to fix. The files are read in the order their references need
(sources, then programmes, regions, technologies and institutions, then the batch files of each programme, which
batch_files.py reads, then tallies), by one `Loader` that holds what has been read so far and every problem found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..vocabulary import PROGRAMMES as PROGRAMME_DIRS
from ..vocabulary import TALLY_MEASURES
from . import batch_files, groups
from . import source_rows as r
from .checker import ID_RE, Checker, list_file, suggest, unique
from .yamlio import Node, SourceError, load

T = TypeVar("T")


class ValidationFailed(Exception):
    """Raised with every problem found; the build prints them and exits non-zero."""

    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in the source files")


def folder_problem(root: Path, display_root: str) -> str | None:
    """The one-line error for a `--sources` that is not a folder (the build and `add` both start with it), or None."""
    if root.is_dir():
        return None
    return f"error: {display_root}: source folder not found (run from the repository root or pass --sources)"


def load_dataset(root: Path, display_root: str = "data/sources") -> r.Dataset:
    """Read and check every file under `root`; raise ValidationFailed listing all problems."""
    if not root.is_dir():
        raise ValidationFailed([SourceError(display_root, None, "source folder not found")])
    loader = Loader(root, display_root)
    loader.load()
    if loader.errors:
        raise ValidationFailed(loader.errors)
    return loader.data


class Loader:
    """One reading of data/sources: the records read so far, the ids later files may refer to, and every problem."""

    def __init__(self, root: Path, display_root: str) -> None:
        self.root, self.display_root = root, display_root
        self.errors: list[SourceError] = []
        self.data = r.Dataset()
        self.source_ids: set[str] = set()
        self.programme_ids: set[str] = set()
        self.region_ids: set[str] = set()
        self.tech_ids: set[str] = set()
        self.entity_ids: set[str] = set()
        self.listings: dict[str, list[tuple[Checker, int]]] = {}
        """Application key → where each of its listings is written (one application in several regions)."""

    def load(self) -> None:
        data = self.data
        self.read_dataset()
        data.sources = self.read_list("sources.yaml", "sources", self.make_source, lambda s: s.id)
        self.source_ids = {s.id for s in data.sources}
        self.check_sources()
        data.programmes = self.read_list("programmes.yaml", "programmes", self.make_programme, lambda p: p.id)
        data.regions = self.read_list("regions.yaml", "regions", self.make_region, lambda x: x.slug)
        data.technologies = self.read_list("technologies.yaml", "technologies", self.make_technology,
                                           lambda t: t.slug)
        data.entities = self.read_list("entities.yaml", "entities", self.make_entity, lambda e: e.id)
        self.programme_ids = {p.id for p in data.programmes}
        self.region_ids = {x.slug for x in data.regions}
        self.tech_ids = {t.slug for t in data.technologies}
        self.entity_ids = {e.id for e in data.entities}
        groups.check_tree(Checker(f"{self.display_root}/entities.yaml", self.errors), data.entities)
        self.check_technology_families()
        for folder in PROGRAMME_DIRS:
            for path in sorted((self.root / folder).glob("*.yaml")) if (self.root / folder).is_dir() else []:
                batch_files.read(self, folder, path)
        self.check_listings()
        self.read_tallies()
        self.check_stray_folders()
        self.check_region_aliases()

    # Shared readers -------------------------------------------------------------------------------------------

    def shown(self, path: Path) -> str:
        """A path as error messages name it: under the display root, e.g. data/sources/beijing.yaml."""
        return f"{self.display_root}/{path.relative_to(self.root).as_posix()}"

    def load_file(self, path: Path, c: Checker) -> Node | None:
        """A YAML file with line numbers, or None (with the problem recorded) when it does not parse."""
        try:
            doc: Node = load(path, c.display)
            return doc
        except SourceError as exc:
            self.errors.append(exc)
            return None

    def read_list(self, name: str, key: str, make: Callable[[Checker, Node], T | None],
                  id_of: Callable[[T], str]) -> list[T]:
        """The items of a list file (sources.yaml: `sources: [...]`), each made and checked, ids unique."""
        path = self.root / name
        if not path.exists():
            self.errors.append(SourceError(f"{self.display_root}/{name}", None, "file is missing"))
            return []
        checker, raw = list_file(path, self.shown(path), key, self.errors)
        out: list[T] = []
        ids: list[tuple[str, int]] = []
        for item in raw:
            made = make(checker, item)
            if made is not None:
                out.append(made)
                ids.append((id_of(made), item.line))
        unique(checker, ids, "id")
        return out

    @staticmethod
    def ident(c: Checker, node: Node, key: str) -> str | None:
        """A required id: lower-case letters, digits and hyphens."""
        value = c.text(node, key, nullable=False)
        if value is not None and not ID_RE.match(value):
            c.error(node.line_of(key), f"{key!r} {value!r} must be lower-case letters, digits and hyphens")
        return value

    def source_ref(self, c: Checker, n: Node, key: str, *, required: bool = True) -> str | None:
        """A reference to a cited page; required unless said otherwise, because every fact names its source."""
        value = c.text(n, key, nullable=not required)
        if value is None:
            if required and key not in n:
                c.error(n.line, f"missing {key!r}: every fact names the source it comes from")
            return None
        if value not in self.source_ids:
            c.error(n.line_of(key), f"unknown source id {value!r}{suggest(value, self.source_ids)}")
        return value

    def source_list(self, c: Checker, n: Node, key: str) -> tuple[str, ...]:
        """A list of references to cited pages, each checked."""
        ids = c.strings(n, key)
        for source_id in ids:
            if source_id not in self.source_ids:
                c.error(n.line_of(key), f"unknown source id {source_id!r}{suggest(source_id, self.source_ids)}")
        return ids

    # The reference files ---------------------------------------------------------------------------------------

    def read_dataset(self) -> None:
        """dataset.yaml: the data's version and the full date it was compiled (citations' "accessed" date)."""
        path, display = self.root / "dataset.yaml", f"{self.display_root}/dataset.yaml"
        if not path.exists():
            self.errors.append(SourceError(display, None, "file is missing (version: and compiled: YYYY-MM-DD)"))
            return
        c = Checker(display, self.errors)
        doc = self.load_file(path, c)
        if doc is None or not c.fields(doc, "dataset.yaml", {"version", "compiled"}, set(), line=1):
            return
        self.data.version = c.text(doc, "version", nullable=False) or ""
        compiled = c.date(doc, "compiled") or ""
        if compiled and len(compiled) != 10:
            c.error(doc.line_of("compiled"), f"'compiled' {compiled!r} must be a full date (YYYY-MM-DD)")
        self.data.compiled = compiled

    def make_source(self, c: Checker, n: Node) -> r.Source | None:
        if not c.fields(n, "source", {"id", "url"}, {"title", "publisher", "date", "language", "date_from_url",
                                                     "copy", "original", "note", "author"}):
            return None
        url = c.text(n, "url", nullable=False) or ""
        if url and not re.match(r"^https?://\S+$", url):
            c.error(n.line_of("url"), f"url {url!r} must start with http:// or https:// and have no spaces")
        return r.Source(self.ident(c, n, "id") or "", url, c.text(n, "title"), c.text(n, "publisher"),
                        c.date(n, "date"), c.choice(n, "language", r.LANGUAGES), c.flag(n, "date_from_url"),
                        c.flag(n, "copy"), c.text(n, "original"), c.text(n, "note"), c.text(n, "author"))

    def check_sources(self) -> None:
        """One source per URL; a copy's `original` is another source."""
        display = f"{self.display_root}/sources.yaml"
        urls_seen: dict[str, str] = {}
        for s in self.data.sources:
            if s.url in urls_seen:
                self.errors.append(SourceError(display, None, f"url of {s.id!r} is already source "
                                                              f"{urls_seen[s.url]!r}"))
            urls_seen.setdefault(s.url, s.id)
            if s.original is not None and (s.original not in self.source_ids or s.original == s.id):
                hint = suggest(s.original, self.source_ids)
                self.errors.append(SourceError(display, None, f"source {s.id!r}: original {s.original!r} is not "
                                                              f"another source id{hint}"))

    def make_programme(self, c: Checker, n: Node) -> r.Programme | None:
        keys = {"id", "name_en", "name_zh", "regulator_en", "regulator_zh", "has_batches", "source"}
        if not c.fields(n, "programme", keys, set()):
            return None
        return r.Programme(self.ident(c, n, "id") or "", c.text(n, "name_en", nullable=False) or "",
                           c.text(n, "name_zh", nullable=False) or "", c.text(n, "regulator_en") or "",
                           c.text(n, "regulator_zh") or "", c.flag(n, "has_batches"),
                           self.source_ref(c, n, "source") or "")

    def make_region(self, c: Checker, n: Node) -> r.Region | None:
        keys = {"slug", "name_en", "name_zh", "level", "province_en", "province_zh"}
        if not c.fields(n, "region", keys, {"aliases"}):
            return None
        return r.Region(self.ident(c, n, "slug") or "", c.text(n, "name_en", nullable=False) or "",
                        c.text(n, "name_zh", nullable=False) or "", c.choice(n, "level", r.REGION_LEVELS) or "",
                        c.text(n, "province_en") or "", c.text(n, "province_zh") or "", c.strings(n, "aliases"))

    def make_technology(self, c: Checker, n: Node) -> r.Technology | None:
        if not c.fields(n, "technology", {"slug", "label_en", "label_zh"}, {"aliases", "parent"}):
            return None
        return r.Technology(self.ident(c, n, "slug") or "", c.text(n, "label_en", nullable=False) or "",
                            c.text(n, "label_zh", nullable=False) or "", c.strings(n, "aliases"),
                            c.text(n, "parent"))

    def check_technology_families(self) -> None:
        """A technology's parent is another technology, and families are one level deep."""
        display = f"{self.display_root}/technologies.yaml"
        parents = {x.slug: x.parent for x in self.data.technologies}
        for name, parent in parents.items():
            if parent is None:
                continue
            if parent not in self.tech_ids or parent == name:
                self.errors.append(SourceError(display, None, f"technology {name!r}: parent {parent!r} is not "
                                                              f"another technology{suggest(parent, self.tech_ids)}"))
            elif parents.get(parent) is not None:
                self.errors.append(SourceError(display, None, f"technology {name!r}: parent {parent!r} has a "
                                                              "parent itself; families are one level deep"))

    def make_entity(self, c: Checker, n: Node) -> r.Entity | None:
        if not c.fields(n, "entity", {"id", "name_en", "name_zh", "kind"},
                        {"aliases", "parent", "notes", "name_en_translated"}):
            return None
        name_en, name_zh = c.text(n, "name_en"), c.text(n, "name_zh")
        if not name_en and not name_zh:
            c.error(n.line, "an entity needs name_en or name_zh")
        parent, relation, parent_source = groups.read_parent(c, n, self.source_ref)
        return r.Entity(self.ident(c, n, "id") or "", name_en, name_zh, c.choice(n, "kind", r.ENTITY_KINDS),
                        c.strings(n, "aliases"), parent, c.strings(n, "notes"),
                        c.flag(n, "name_en_translated"), relation, parent_source, n.line)

    # After the batch files ---------------------------------------------------------------------------------------

    def check_listings(self) -> None:
        """An application key joins several regions' listings of one application: one listing alone is a mistake."""
        for key, places in self.listings.items():
            if len(places) == 1:
                c, line = places[0]
                c.error(line, f"application {key!r} has one listing; it joins the listings of one application in "
                              "several regions, so give it to each of them (or remove it)")

    def read_tallies(self) -> None:
        path = self.root / "tallies.yaml"
        if not path.exists():
            return
        c, raw = list_file(path, self.shown(path), "tallies", self.errors)
        for n in raw:
            tally = self.make_tally(c, n)
            if tally is not None:
                self.data.tallies.append(tally)

    def make_tally(self, c: Checker, n: Any) -> r.Tally | None:
        if not c.fields(n, "tally", {"date", "programme", "scope", "count", "exact", "source"},
                        {"regions", "note", "measure"}):
            return None
        programme = c.text(n, "programme") or ""
        if programme not in self.programme_ids:
            c.error(n.line_of("programme"), f"unknown programme {programme!r}{suggest(programme, self.programme_ids)}")
        regions = n.get("regions") or {}
        pairs: list[tuple[str, int]] = []
        if not isinstance(regions, dict):
            c.error(n.line_of("regions"), "'regions' must map region slugs to counts")
        else:
            for slug, count in regions.items():
                if slug not in self.region_ids:
                    c.error(n.line_of("regions"), f"unknown region {slug!r}{suggest(str(slug), self.region_ids)}")
                if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                    c.error(n.line_of("regions"), f"count for {slug!r} must be a whole number")
                else:
                    pairs.append((str(slug), count))
        problems_before = len(self.errors)
        date = c.date(n, "date")
        if date is None and "date" in n and len(self.errors) == problems_before:  # not when the date was malformed
            c.error(n.line_of("date"), "a tally needs a date")
        return r.Tally(
            date=date or "", scope=c.text(n, "scope", nullable=False) or "", programme=programme,
            count=c.count(n, "count") or 0, exact=c.flag(n, "exact"), source=self.source_ref(c, n, "source") or "",
            regions=tuple(pairs), note=c.text(n, "note"),
            measure=c.choice(n, "measure", TALLY_MEASURES) or "applications")

    def check_stray_folders(self) -> None:
        for stray in sorted(self.root.iterdir()):
            if stray.is_dir() and stray.name not in PROGRAMME_DIRS and not stray.name.startswith("."):
                message = f"unknown programme folder{suggest(stray.name, PROGRAMME_DIRS)}"
                self.errors.append(SourceError(self.shown(stray), None, message))

    def check_region_aliases(self) -> None:
        """Two regions answering to the same typed name would make `sandbox show` ambiguous."""
        from ..names import normalise_region

        owner: dict[str, str] = {}
        for region in self.data.regions:
            for name in {region.slug, region.name_en, region.name_zh, *region.aliases}:
                key = normalise_region(name)
                if key in owner and owner[key] != region.slug:
                    self.errors.append(SourceError(f"{self.display_root}/regions.yaml", None,
                                                   f"alias {name!r} of {region.slug!r} also names {owner[key]!r}"))
                owner.setdefault(key, region.slug)
