"""Layouts of `sandbox cite` and `sandbox sources`: references printed exactly as a reference manager or an editor
takes them, and the cited pages with what rests on each."""

from __future__ import annotations

from typing import Any

from .. import records as m
from .. import results as res
from ..i18n import N_
from .context import RenderContext
from .fit import Col, Sheet
from .link import Link, Verbatim
from .registry import draws
from .text import Text

FACT = {"batch": N_("batch"), "project": N_("project"), "event": N_("event"), "tally": N_("tally"),
        "programme": N_("programme"), "group": N_("group tie")}


@draws(res.Citations)
def Citations(result: res.Citations, ctx: RenderContext) -> list[Any]:
    """GB/T 7714 numbered [1] [2] …, APA one reference a line, BibTeX and RIS entries apart by a blank line,
    CSL-JSON one array: nothing else, so the output can be redirected to a .bib, .ris or .json file."""
    texts = [x.text for x in result.results]
    if result.style == "csl-json":
        items = ",\n".join("\n".join("  " + line for line in text.split("\n")) for text in texts)
        return [Verbatim(f"[\n{items}\n]" if items else "[]")]
    if result.style in ("bibtex", "ris"):
        return [Verbatim("\n\n".join(texts))]
    if result.style == "gbt7714":
        return [Verbatim(f"[{x.number}] {x.text}") for x in result.results]
    return [Verbatim(text) for text in texts]


def _kind(d: m.SourceDetail, ctx: RenderContext) -> str:
    t = ctx.t
    if d.is_copy:
        return t._("copy")
    return t._("official") if d.official else t._("original")


@draws(res.SourceList)
def SourceList(result: res.SourceList, ctx: RenderContext) -> list[Any]:
    """One block per page, best first: its id, kind and what rests on it, then who published it, when, under
    which title, and its URL (whole, on a line of its own when it does not fit beside them)."""
    t, c = ctx.t, ctx.c
    if not result.results:
        return [Text(t._("No matching sources."))]
    parts: list[Any] = []
    for d in result.results:
        counts = t._("projects {p} · batches {b} · events {e}").format(p=d.projects, b=d.batches, e=d.events)
        if d.groups:
            counts += " · " + t._("group ties {g}").format(g=d.groups)
        parts.append(Text(f"{d.id} · {_kind(d, ctx)} · {counts}", style="bold"))
        parts.append(Link("  ", d.url, c.source(_ref(d))))
    n = len(result.results)
    parts.append(Text(t.ngettext("{n} source, best first.", "{n} sources, best first.", n).format(n=n)
                      + c.sentence_gap() + t._("`sandbox sources ID` lists what rests on a page; `sandbox cite ID` "
                                             "cites it."), style="dim"))
    return parts


def _use_what(u: m.SourceUse, ctx: RenderContext) -> str:
    t, c = ctx.t, ctx.c
    if u.kind == "programme":
        return c.names(u.name_en, u.name_zh)
    if u.kind == "tally":
        return t._("a count of {scope}").format(scope=u.role or "—")
    if u.kind == "group":
        return t._("{institution}, part of {group}").format(institution=c.names(u.name_en, u.name_zh),
                                                            group=c.names(u.group_name_en, u.group_name_zh))
    names = [n for n in ((u.name_zh, u.name_en) if c.zh else (u.name_en, u.name_zh)) if n]
    return "\n".join(names) or "—"


def _use_role(u: m.SourceUse, ctx: RenderContext) -> str:
    t, c = ctx.t, ctx.c
    if u.kind == "event":
        return c.event_kind(u.role or "")
    if u.role == "by-number":
        return t._("known only by number")
    if u.kind == "group":
        return {"subsidiary": t._("subsidiary"), "affiliate": t._("affiliate")}.get(u.role or "", u.role or "—")
    roles = {"main": t._("listed first"), "more": t._("also listed"), "english-name": t._("its English name"),
             "applicant": t._("an applicant")}
    return roles.get(u.role or "", "—") if u.kind == "project" else "—"


@draws(res.SourceView)
def SourceView(result: res.SourceView, ctx: RenderContext) -> list[Any]:
    t, c = ctx.t, ctx.c
    d = result.source
    fields: list[list[Any]] = [
        [t._("Title"), d.title or "—"],
        [t._("Publisher"), d.publisher or t._("publisher not named")],
        *([[t._("Author"), d.author]] if d.author else []),
        [t._("Date"), c.date(d.date)],
        [t._("Kind"), _kind(d, ctx)],
        [t._("Site"), d.site or "—"],
        [t._("Language"), d.language or "—"],
    ]
    if d.is_copy:
        fields.append([t._("Copy"), t._("a copy on a third-party site: title, publisher and date are the original's")])
    if result.original:
        fields.append([t._("Original"), f"{result.original.id}"])
    if d.copies:
        fields.append([t._("Copies"), "\n".join(d.copies)])  # ids: `sandbox sources ID` shows each
    if d.note:
        fields.append([t._("Note"), d.note])
    parts: list[Any] = [Text(d.id, style="bold"), Sheet([Col(t._("Field"), "key"), Col(t._("Value"))], fields,
                                                        heading=[]), Link("", d.url)]
    if result.original:
        prefix = "  " + t._("Original:") + ("" if c.zh else " ")
        parts.append(Link(prefix, result.original.url, c.source(_ref(result.original))))
    if not result.results:
        parts.append(Text(t._("Nothing in the data rests on this page."), style="dim"))
        return parts
    rows = []
    for u in result.results:
        region = (u.region_name_zh if c.zh else u.region_name_en) or u.region or "—"
        batch = t._("{key} ({programme})").format(key=u.batch_key, programme=c.programme(u.programme)) if (
            u.batch_key and u.programme) else "—"
        rows.append([t._(FACT[u.kind]), f"#{u.project_id}" if u.project_id else "", region, batch,
                     c.date(u.date), _use_role(u, ctx), _use_what(u, ctx)])
    columns = [Col(t._("Fact"), "key"), Col(t._("Id"), "key"), Col(t._("Region"), "key"), Col(t._("Batch"), "key"),
               Col(t._("Date"), "key"), Col(t._("As"), "token"), Col(t._("What"))]
    n = len(result.results)
    caption = t.ngettext("{n} fact rests on this page.", "{n} facts rest on this page.", n).format(n=n)
    parts.append(Sheet(columns, rows, caption=caption))
    return parts


def _ref(d: m.SourceDetail) -> m.SourceRef:
    return m.SourceRef(d.id, d.url, d.title, d.publisher, d.date, d.is_copy, d.original_id)
