"""How the tool read the user's words, said in one line above the results: free text that names a technology,
lifecycle words that mean several stored values. A reader who typed `exited` or `隐私计算` should see that the
answer includes what the data calls completed-testing, or projects tagged with a member technology."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .context import RenderContext
from .text import Text


def _quoted(words: str, ctx: RenderContext) -> str:
    t = ctx.t
    return t._("\"{words}\"").format(words=words)


def technology_clauses(read: Mapping[str, Sequence[str]], ctx: RenderContext) -> list[str]:
    """'"隐私计算" read as the technology privacy-computing (with its members)' for each run of words."""
    t, c = ctx.t, ctx.c
    out = []
    for words, slugs in read.items():
        clause = t._("{words} read as the technology {slug}").format(words=_quoted(words, ctx),
                                                                     slug=ctx.technology(slugs[0]))
        out.append(clause + (c.aside(t._("with its members")) if len(slugs) > 1 else ""))
    return out


def lifecycle_clauses(read: Mapping[str, Sequence[str]], message: str, name: Callable[[str], str],
                      ctx: RenderContext) -> list[str]:
    """'--status "exited" read as completed-testing or exited' for each word that means more than itself."""
    t = ctx.t
    return [message.format(word=_quoted(word, ctx), values=t.either([name(v) for v in values]))
            for word, values in read.items() if list(values) != [word]]


def line(clauses: list[str], ctx: RenderContext) -> list[Any]:
    """The clauses as one dim sentence, or nothing."""
    t = ctx.t
    if not clauses:
        return []
    return [Text(t._("{clauses}.").format(clauses=t._("; ").join(clauses)), style="dim")]


def also_containing(name: str, institutions: Sequence[Mapping[str, Any]], ctx: RenderContext) -> list[Any]:
    """'Also containing "度小满", not included: 度小满（重庆）科技有限公司': the institutions an exact name left out."""
    t, c = ctx.t, ctx.c
    if not institutions:
        return []
    names = t.listing([c.names(x["name_en"], x["name_zh"]) or x["entity_id"] for x in institutions])
    return [Text(t._("Also containing {words}, not included: {names} (ask for it by its name).").format(
        words=_quoted(name, ctx), names=names), style="dim")]


def search_line(query: Mapping[str, Any], ctx: RenderContext) -> list[Any]:
    """What `sandbox search` read its words as."""
    t, c = ctx.t, ctx.c
    also = [x for name, found in (query.get("applicants_also_containing") or {}).items()
            for x in also_containing(name, found, ctx)]
    return line(technology_clauses(query.get("read_as_technology") or {}, ctx) + lifecycle_clauses(
        query.get("read_as_status") or {}, t._("--status {word} read as {values}"), c.status, ctx), ctx) + also


def events_line(query: Mapping[str, Any], ctx: RenderContext) -> list[Any]:
    """What `sandbox events` read its kinds as."""
    t, c = ctx.t, ctx.c
    clauses = lifecycle_clauses(query.get("read_as_kind") or {}, t._("{word} read as {values}"), c.event_kind, ctx)
    return line(clauses, ctx)
