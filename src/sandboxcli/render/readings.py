"""How the tool read the user's words, said in one line above the results: free text that names a technology,
lifecycle words that mean several stored values. A reader who typed `exited` or `隐私计算` should see that the
answer includes what the data calls completed-testing, or projects tagged with a member technology."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..i18n import _, either
from . import cells as c
from .context import RenderContext
from .text import Text


def _quoted(words: str) -> str:
    return _("\"{words}\"").format(words=words)


def technology_clauses(read: Mapping[str, Sequence[str]], ctx: RenderContext) -> list[str]:
    """'"隐私计算" read as the technology privacy-computing (with its members)' for each run of words."""
    out = []
    for words, slugs in read.items():
        clause = _("{words} read as the technology {slug}").format(words=_quoted(words), slug=ctx.technology(slugs[0]))
        out.append(clause + (c.aside(_("with its members")) if len(slugs) > 1 else ""))
    return out


def lifecycle_clauses(read: Mapping[str, Sequence[str]], message: str, name: Callable[[str], str]) -> list[str]:
    """'--status "exited" read as completed-testing or exited' for each word that means more than itself."""
    return [message.format(word=_quoted(word), values=either([name(v) for v in values]))
            for word, values in read.items() if list(values) != [word]]


def line(clauses: list[str]) -> list[Any]:
    """The clauses as one dim sentence, or nothing."""
    if not clauses:
        return []
    return [Text(_("{clauses}.").format(clauses=_("; ").join(clauses)), style="dim")]


def search_line(query: Mapping[str, Any], ctx: RenderContext) -> list[Any]:
    """What `sandbox search` read its words as."""
    return line(technology_clauses(query.get("read_as_technology") or {}, ctx) + lifecycle_clauses(
        query.get("read_as_status") or {}, _("--status {word} read as {values}"), c.status))


def events_line(query: Mapping[str, Any]) -> list[Any]:
    """What `sandbox events` read its kinds as."""
    return line(lifecycle_clauses(query.get("read_as_kind") or {}, _("{word} read as {values}"), c.event_kind))
