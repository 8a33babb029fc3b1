"""Write a new batch, its source and new institutions into data/sources/ as text in the house format.

The files are edited by people, with comments and a layout PyYAML would not reproduce, so nothing is re-dumped: the
new batch is rendered as a block of lines and inserted where the file's order puts it; a new source and new entities
are appended to sources.yaml and entities.yaml. Every scalar is written plain when YAML reads it back as the same
text, otherwise single-quoted (a check by parsing, not a list of special characters to keep in sync).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import source_rows as r

SUGGESTED = "# suggested from the name by dbbuild add: keep only what the name or the source states"
NEW_ENTITY = "# new (dbbuild add): check id, names and kind"


def scalar(value: object, *, flow: bool = False) -> str:
    """One YAML scalar as text that reads back as `value`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return f"'{text}'"
    plain = text == text.strip() and text != "" and not (flow and any(c in text for c in ",[]{}"))
    if plain:
        try:
            probe = f"{{k: {text}}}" if flow else f"k: {text}"
            plain = yaml.safe_load(probe) == {"k": text}  # stricter than the build's loader: never too plain
        except yaml.YAMLError:
            plain = False
    return text if plain else "'" + text.replace("'", "''") + "'"


def flow_list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


@dataclass(frozen=True)
class NewProject:
    project: r.Project
    technologies_suggested: bool


def batch_block(batch: r.Batch, projects: list[NewProject]) -> str:
    """The batch as lines in the format of data/README.md (the same key order as the hand-written files)."""
    head = f"- number: {batch.number}" if batch.number is not None else f"- key: {scalar(batch.key)}"
    lines = [head,
             f"  label: {scalar(batch.label)}",
             f"  announced: {scalar(batch.announced)}",
             f"  regulator: {scalar(batch.regulator)}",
             f"  announced_count: {scalar(batch.announced_count)}",
             f"  sources: {flow_list(batch.sources)}"]
    if batch.notes:
        lines.append("  notes:")
        lines.extend(f"  - {scalar(n)}" for n in batch.notes)
    lines.append("  projects:")
    for item in projects:
        p = item.project
        lines += [f"  - name_zh: {scalar(p.name_zh)}",
                  f"    name_en: {scalar(p.name_en)}",
                  f"    name_en_translated: {scalar(p.name_en_translated)}",
                  f"    category: {scalar(p.category)}",
                  "    applicants:"]
        for a in p.applicants:
            fields = [f"entity: {scalar(a.entity, flow=True)}", f"branch: {scalar(a.branch, flow=True)}"]
            if a.as_written:
                fields.append(f"as_written: {scalar(a.as_written, flow=True)}")
            lines.append("    - {" + ", ".join(fields) + "}")
        tech = f"    technologies: {flow_list(p.technologies)}"
        lines.append(f"{tech}   {SUGGESTED}" if item.technologies_suggested else tech)
        lines += ["    status: null", f"    source: {scalar(p.source)}"]
    return "\n".join(lines) + "\n"


def entity_line(e: r.Entity) -> str:
    fields = [f"id: {e.id}", f"name_en: {scalar(e.name_en, flow=True)}", f"name_zh: {scalar(e.name_zh, flow=True)}",
              f"kind: {scalar(e.kind, flow=True)}", f"aliases: {flow_list(e.aliases)}"]
    return "- {" + ", ".join(fields) + "}   " + NEW_ENTITY + "\n"


def source_block(s: r.Source) -> str:
    lines = [f"- id: {s.id}", f"  url: {scalar(s.url)}", f"  title: {scalar(s.title)}",
             f"  publisher: {scalar(s.publisher)}", f"  date: {scalar(s.date)}", f"  language: {scalar(s.language)}"]
    return "\n".join(lines) + "\n"


def append(text: str, block: str) -> str:
    return text + ("" if text.endswith("\n") or not text else "\n") + block


def batch_spans(text: str) -> list[tuple[int, int]]:
    """(first, end) line indexes of each top-level batch item; comment lines just above an item belong to it."""
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith("batches:"))
    except StopIteration:
        return []
    heads = [i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")]
    spans = []
    for n, head in enumerate(heads):
        first = head
        while first - 1 > start and lines[first - 1].startswith("#"):
            first -= 1
        spans.append((first, heads[n + 1] if n + 1 < len(heads) else len(lines)))
    # the comments that open an item were counted in the item above too: end it where they begin
    return [(f, spans[i + 1][0] if i + 1 < len(spans) else e) for i, (f, e) in enumerate(spans)]


def comes_before(new: r.Batch, old: r.Batch) -> bool:
    """The order of the files: by number where both have one, else by date; undated listings without a number
    come last."""
    if new.number is not None and old.number is not None:
        return new.number < old.number
    if new.announced and old.announced:
        return new.announced < old.announced
    return not old.announced and (bool(new.announced) or (new.number is not None and old.number is None))


def insert_batch(text: str, block: str, new: r.Batch, existing: list[r.Batch]) -> tuple[str, int]:
    """`text` with `block` inserted before the first batch the new one comes before; and how many batches follow."""
    spans = batch_spans(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for n, (old, (first, _)) in enumerate(zip(existing, spans, strict=False)):
        if comes_before(new, old):
            return "".join(lines[:first]) + block + "".join(lines[first:]), len(existing) - n
    return "".join(lines) + block, 0


def new_region_file(programme: str, region: str) -> str:
    return (f"# {region} — {programme}. Format: data/README.md. Every fact names its source id "
            "(data/sources/sources.yaml).\n"
            f"programme: {programme}\nregion: {region}\nbatches:\n")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
