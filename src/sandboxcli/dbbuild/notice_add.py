"""`python -m sandboxcli.dbbuild add NOTICE …`: turn a published notice into a batch of data/sources/, then rebuild.

The changes are made to a copy of data/sources/ first and checked by the build's own validator, so the real files
are written only when the whole dataset is still valid, and `--dry-run` shows the same diff without writing. A batch
that is already there (same programme, region and number or key) is left alone, and a source is found by its URL, so
adding the same notice twice changes nothing.
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import notice_write as w
from . import source_rows as r
from .checker import check_date, suggest
from .entity_match import EntityIndex, Match, fold, match_applicant
from .notice_parse import Notice, NoticeError, NoticeRow, parse_notice
from .schema import project_values
from .validate import ValidationFailed, folder_problem, load_dataset


class AddFailed(Exception):
    """Nothing was written; every line says why."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass
class Plan:
    """What adding the notice changes: new file texts by path, and what the maintainer should review."""

    files: dict[Path, tuple[str, str]] = field(default_factory=dict)  # path → (old text, new text)
    report: list[str] = field(default_factory=list)
    unchanged: bool = False


def suggest_technologies(name: str, technologies: list[r.Technology]) -> tuple[str, ...]:
    """Technologies the project's name states, in the vocabulary of technologies.yaml (labels and aliases)."""
    folded = fold(name)
    found: list[tuple[int, str]] = []
    for t in technologies:
        for word in (t.label_zh, t.label_en, *t.aliases):
            key = fold(word)
            if not key:
                continue
            at = (folded.find(key) if re.search(r"[\u4e00-\u9fff]", key)
                  else next((m.start() for m in re.finditer(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", folded)),
                            -1))
            if at >= 0:
                found.append((at, t.slug))
                break
    return tuple(dict.fromkeys(slug for _, slug in sorted(found)))


def source_id(url: str, date: str | None, taken: set[str]) -> str:
    """`<site>-<number in the URL>` (or the date), the way the existing ids are made: the longest number, and of
    numbers as long, the last (`/202007/513573.shtml` is article 513573 of July 2020, not 202007)."""
    host = [p for p in (urlsplit(url).hostname or "source").split(".") if p not in ("www", "m", "news", "wap")]
    site = next((p for p in host if p not in ("com", "cn", "gov", "org", "net", "edu")), "source")
    digits = re.findall(r"\d+", urlsplit(url).path + urlsplit(url).query)
    longest = max(reversed(digits), key=len, default="")
    tail = longest[-8:] if len(longest) >= 4 else (date or "notice")
    base = re.sub(r"[^a-z0-9-]", "-", f"{site}-{tail}".lower())
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def plan_notice(root: Path, notice_text: str, *, programme: str, region: str, key: str, announced: str,
                url: str, publisher: str | None = None, title: str | None = None, source_date: str | None = None,
                label: str | None = None, regulator: str | None = None, chosen: dict[str, str] | None = None,
                display_root: str = "data/sources") -> Plan:
    """Everything `add` would change under `root`, validated on a copy; AddFailed when it cannot be added."""
    data = load_dataset(root, display_root)
    problems: list[str] = []
    if programme not in {p.id for p in data.programmes}:
        ids = [p.id for p in data.programmes]
        problems.append(f"unknown programme {programme!r}{suggest(programme, ids)}; one of {', '.join(ids)}")
    if region not in {x.slug for x in data.regions}:
        problems.append(f"unknown region {region!r}{suggest(region, [x.slug for x in data.regions])}"
                        " (add it to data/sources/regions.yaml first)")
    if not re.fullmatch(r"\d+|[a-z0-9][a-z0-9-]*", key) or key.startswith("0"):
        problems.append(f"batch {key!r}: give its number (第N批) or a key of lower-case letters, digits and hyphens")
    for what, value in (("--announced", announced), ("--source-date", source_date)):
        if value and check_date(value):
            problems.append(f"{what}: {check_date(value)}")
    if not re.match(r"^https?://\S+$", url):
        problems.append(f"--source-url {url!r} must start with http:// or https:// and have no spaces")
    if problems:
        raise AddFailed(problems)
    try:
        notice = parse_notice(notice_text)
    except NoticeError as exc:
        raise AddFailed([f"notice: {exc}"]) from None

    plan = Plan()
    existing = next((b for b in data.batches if (b.programme, b.region, b.key) == (programme, region, key)), None)
    if existing is not None:
        return _already_there(existing, notice, plan)
    _not_elsewhere(notice, [b for b in data.batches if (b.programme, b.region) == (programme, region)])

    files: dict[Path, str] = {}

    def text_of(path: Path) -> str:
        if path not in files:
            files[path] = path.read_text(encoding="utf-8") if path.exists() else ""
        return files[path]

    source = next((s for s in data.sources if s.url == url), None)
    if source is None:
        language = "zh" if re.search(r"[\u4e00-\u9fff]", notice_text) else "en"
        source = r.Source(source_id(url, source_date or announced, {s.id for s in data.sources}), url, title,
                          publisher, source_date, language, False)
        files[root / "sources.yaml"] = w.append(text_of(root / "sources.yaml"), w.source_block(source))
        plan.report.append(f"source: new {source.id} ({url})" + ("" if source_date else "; its date is not given"))
    else:
        plan.report.append(f"source: {source.id} (already cited)")

    index = EntityIndex.build(data)
    matches = _match_rows(notice, index, chosen or {})
    for new in (m.new for row_matches in matches for m in row_matches):
        if new is not None:
            files[root / "entities.yaml"] = w.append(text_of(root / "entities.yaml"), w.entity_line(new))
    projects = [_project(n, row, row_matches, index, data.technologies, source.id, plan.report)
                for n, (row, row_matches) in enumerate(zip(notice.rows, matches, strict=True), start=1)]

    batch = r.Batch(programme, region, int(key) if key.isdigit() else None, key, label or notice.title, announced,
                    regulator, len(notice.rows), False, (source.id,), (), (), (), "")
    region_path = root / programme / f"{region}.yaml"
    region_text = text_of(region_path) or w.new_region_file(programme, region)
    in_file = [b for b in data.batches if (b.programme, b.region) == (programme, region)]
    files[region_path], following = w.insert_batch(region_text, w.batch_block(batch, projects), batch, in_file)
    plan.report[:0] = [f"batch {key} of {region} ({programme}): {len(projects)} project(s) from a "
                       f"{notice.form.replace('-', ' ')} notice → {display_root}/{programme}/{region}.yaml",
                       f"label: {batch.label or 'null (no title line in the notice; pass --label)'}"]
    if following:
        plan.report.append(f"note: inserted before {following} later batch(es) of this file: the project ids and "
                           "positions of every batch after it shift by the build")
    _validate(root, files, display_root)
    plan.files = {p: (p.read_text(encoding="utf-8") if p.exists() else "", t) for p, t in files.items()}
    return plan


def _match_rows(notice: Notice, index: EntityIndex, chosen: dict[str, str]) -> list[list[Match]]:
    """Each row's applicants as institutions; a new one joins the index so a second mention reuses it. An
    ambiguous name anywhere stops the whole notice (AddFailed), so nothing half-decided is written."""
    matches: list[list[Match]] = []
    ambiguous: list[str] = []
    for row in notice.rows:
        row_matches = []
        for name in row.applicants:
            m = match_applicant(name, index, {fold(k): v for k, v in chosen.items()})
            if m.new is not None:
                index.add(m.new)
            if m.entity is None:
                ambiguous.append(f"notice line {row.line}: applicant {name!r} could be any of "
                                 f"{', '.join(m.candidates)}: add --entity '{name}=ID'")
            row_matches.append(m)
        matches.append(row_matches)
    written = {fold(name) for row in notice.rows for name in row.applicants}
    unused = [f"--entity: no applicant of the notice is written {name!r}" for name in chosen
              if fold(name) not in written]
    if ambiguous or unused:
        raise AddFailed(ambiguous + unused)
    return matches


def _project(number: int, row: NoticeRow, matches: list[Match], index: EntityIndex, technologies: list[r.Technology],
             source: str, report: list[str]) -> w.NewProject:
    """The project of one row, with what the maintainer should check added to `report`."""
    latin = not re.search(r"[\u4e00-\u9fff]", row.name)
    applicants = tuple(r.Applicant(str(m.entity), m.branch, _as_written(m, index), source) for m in matches)
    suggested = suggest_technologies(row.name, technologies)
    values = project_values({"name_zh": None if latin else row.name, "name_en": row.name if latin else None,
                             "category": row.category})
    project = r.Project(values, source, (), (), applicants, suggested, ())
    report.append(f"#{number} {row.name} [{row.category or 'category not stated'}]"
                  + (f" technologies suggested: {', '.join(suggested)}" if suggested else ""))
    if not matches:
        report.append("      ! no applicant found in the notice for this project: add it by hand")
    if row.more_applicants:
        report.append("      ! the notice names the first applicants only (等): look for the others in the sources")
    for m in matches:
        who = f"{m.entity}" + (f", {m.branch}" if m.branch else "")
        report.append(f"    {m.written} → {who}" + "".join(f"\n      ! {f}" for f in m.flags))
    return w.NewProject(project, bool(suggested))


def _not_elsewhere(notice: Notice, batches: list[r.Batch]) -> None:
    """A project of the notice already in another batch of the region means the batch is there under another
    number or key: adding it again would count its projects twice."""
    where = {fold(n): b.key for b in batches for p in b.projects for n in (p.name_zh, p.name_en) if n}
    found = [(row.name, where[fold(row.name)]) for row in notice.rows if fold(row.name) in where]
    if found:
        raise AddFailed([f"project {name!r} is already in batch {key} of this region" for name, key in found]
                        + [f"is the notice that batch? then rerun with --batch {found[0][1]}"])


def _as_written(m: Match, index: EntityIndex) -> str | None:
    entity = index.entities.get(str(m.entity))
    names = {fold(n) for n in (entity.name_zh, entity.name_en) if n} if entity else set()
    return None if fold(m.written) in names else m.written


def _already_there(batch: r.Batch, notice: Notice, plan: Plan) -> Plan:
    known = {fold(n) for p in batch.projects for n in (p.name_zh, p.name_en) if n}
    missing = [row.name for row in notice.rows if fold(row.name) not in known]
    if missing:
        raise AddFailed([f"batch {batch.key} of {batch.region} is already in {batch.file} and lacks "
                         f"{len(missing)} project(s) of the notice ({'; '.join(missing)}): add them by hand there"])
    plan.unchanged = True
    plan.report.append(f"batch {batch.key} of {batch.region} is already in {batch.file} with every project of "
                       "the notice: nothing changed")
    return plan


def _validate(root: Path, files: dict[Path, str], display_root: str) -> None:
    """Run the build's validator on a copy of the sources with the changes applied."""
    with tempfile.TemporaryDirectory(prefix="sandbox-add-") as tmp:
        copy = Path(tmp) / "sources"
        shutil.copytree(root, copy)
        for path, text in files.items():
            w.write_text(copy / path.relative_to(root), text)
        try:
            load_dataset(copy, display_root)
        except ValidationFailed as exc:
            raise AddFailed([str(e) for e in exc.errors]
                            + ["the notice was not added (the line numbers are those of the --dry-run diff)"]) from None


def diff(plan: Plan, root: Path, display_root: str) -> str:
    out: list[str] = []
    for path, (old, new) in sorted(plan.files.items()):
        name = f"{display_root}/{path.relative_to(root).as_posix()}"
        out.extend(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        name, name))
    return "".join(out)


def read_notice(data: bytes) -> str:
    """UTF-8 (with or without the byte-order mark Windows editors write), else GB18030: Chinese government sites
    still serve GBK pages, and a browser saves them as served."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _entity_choice(text: str) -> tuple[str, str]:
    name, sep, ident = text.rpartition("=")
    if not sep or not name.strip() or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident.strip()):
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=ID, e.g. 光大银行=china-everbright-bank")
    return name.strip(), ident.strip()


def main(argv: list[str], build: Callable[[Path, Path, str], None]) -> int:
    """Run `add`; `build` rebuilds the database afterwards (passed in by __main__, which owns it)."""
    parser = argparse.ArgumentParser(
        prog="python -m sandboxcli.dbbuild add",
        description="Add a batch to data/sources/ from its published notice (a pasted table, the saved HTML page "
                    "or numbered lines), then rebuild data/sandbox.db. Run with --dry-run first and read the report.",
        epilog="example: python -m sandboxcli.dbbuild add notice.txt --programme pboc-regulatory-pilot --region "
               "chongqing --batch 7 --announced 2025-03-01 --source-url https://example.org/notice.html --dry-run "
               "(walk-through: data/README.md, 'Adding a notice')")
    parser.add_argument("notice", metavar="NOTICE",
                        help="file with the notice as copied from the page, or its saved HTML (- = stdin)")
    parser.add_argument("--programme", required=True,
                        help="pboc-regulatory-pilot, csrc-capital-market-pilot or pboc-application-pilot")
    parser.add_argument("--region", required=True, help="region slug of regions.yaml, e.g. chongqing")
    parser.add_argument("--batch", required=True, metavar="KEY", help="the batch number (第N批), or a key such as "
                        "2025-listing when the notice gives none")
    parser.add_argument("--announced", required=True, metavar="DATE", help="notice date: YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument("--source-url", required=True, metavar="URL", help="the page the notice comes from")
    parser.add_argument("--publisher", help="who published the page (for a new source)")
    parser.add_argument("--title", help="the page's headline (for a new source)")
    parser.add_argument("--source-date", metavar="DATE", help="the page's date (for a new source)")
    parser.add_argument("--label", help="the batch's own title (default: a title line of the notice)")
    parser.add_argument("--regulator", help="e.g. 'PBOC Chongqing Operations Office (中国人民银行重庆营业管理部)'")
    parser.add_argument("--entity", action="append", default=[], type=_entity_choice, metavar="NAME=ID",
                        help="the institution an applicant is (an existing id, or the id of a new one); repeatable")
    parser.add_argument("--dry-run", action="store_true", help="print the changes as a diff; write nothing")
    parser.add_argument("--sources", type=Path, default=Path("data/sources"), help="folder of source files")
    parser.add_argument("--output", type=Path, default=Path("data/sandbox.db"), help="database file to rebuild")
    args = parser.parse_args(argv)
    display = args.sources.as_posix().rstrip("/")
    problem = folder_problem(args.sources, display)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        text = read_notice(sys.stdin.buffer.read() if args.notice == "-" else Path(args.notice).read_bytes())
    except OSError as exc:
        print(f"error: {args.notice}: cannot read the notice ({exc.strerror or exc})", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"error: {args.notice}: the notice is neither UTF-8 nor GB18030/GBK text", file=sys.stderr)
        return 1
    try:
        plan = plan_notice(args.sources, text, programme=args.programme, region=args.region, key=args.batch,
                           announced=args.announced, url=args.source_url, publisher=args.publisher,
                           title=args.title, source_date=args.source_date, label=args.label,
                           regulator=args.regulator, chosen=dict(args.entity), display_root=display)
    except ValidationFailed as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print("the sources do not build as they are; fix them before adding a notice", file=sys.stderr)
        return 1
    except AddFailed as exc:
        for line in exc.lines:
            print(f"error: {line}", file=sys.stderr)
        return 1
    print("\n".join(plan.report), file=sys.stderr, flush=True)
    if plan.unchanged:
        return 0
    if args.dry_run:
        sys.stdout.write(diff(plan, args.sources, display))
        print("dry run: nothing written", file=sys.stderr)
        return 0
    for path, (_, new) in plan.files.items():
        w.write_text(path, new)
    build(args.sources, args.output, display)
    print(f"wrote {', '.join(sorted(p.relative_to(args.sources).as_posix() for p in plan.files))} and "
          f"{args.output}; review with git diff", file=sys.stderr)
    return 0
