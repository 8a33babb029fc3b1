"""How a profile shows the group an institution belongs to and, for a group, its members: one line per tie, with
the relation in the cited page's terms and the page's footnote mark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import aggregates as agg
from .. import records as m
from .context import RenderContext
from .text import Text


def _name(english: str | None, chinese: str | None, ctx: RenderContext) -> str:
    c = ctx.c
    return ((chinese or english) if c.zh else (english or chinese)) or "?"


def tie(link: agg.GroupLink, mark: str, ctx: RenderContext) -> str:
    """'MYbank, an affiliate of Ant Group [1]': a member, its relation to its parent, and the page that says so."""
    t = ctx.t
    member, group = _name(link.name_en, link.name_zh, ctx), _name(link.parent_name_en, link.parent_name_zh, ctx)
    if link.relation == "subsidiary":
        return t._("{member}, a subsidiary of {group} {mark}").format(member=member, group=group, mark=mark)
    return t._("{member}, an affiliate of {group} {mark}").format(member=member, group=group, mark=mark)


def group_lines(profile: agg.ApplicantProfile, mark: Callable[[m.SourceRef], str], ctx: RenderContext) -> list[str]:
    """The lines under a profile's heading: the groups above it, then the members below it and whose the
    applications are (a group that never applied says so)."""
    t, c = ctx.t, ctx.c
    lines = [t._("Part of a group: {tie}").format(tie=tie(link, mark(link.source), ctx)) for link in profile.part_of]
    if not profile.members:
        return lines
    name = _name(profile.name_en, profile.name_zh, ctx)
    lines.append(t.ngettext("{n} member in this data:", "{n} members in this data:", len(profile.members)).format(
        n=len(profile.members)))
    for x in profile.members:
        lines.append("  " + tie(x.link, mark(x.link.source), ctx) + c.aside(t.ngettext(
            "{n} application", "{n} applications", x.applications).format(n=x.applications)))
    if profile.own_applications == 0:
        lines.append(t._("{name} itself is not an applicant in this data; the applications below are its "
                       "members'.").format(name=name))
    else:
        lines.append(t.ngettext("{n} of the applications below is {name}'s own; the others are its members'.",
                              "{n} of the applications below are {name}'s own; the others are its members'.",
                              profile.own_applications).format(n=profile.own_applications, name=name))
    return lines


def members_matched(query: dict[str, Any], ctx: RenderContext) -> list[Text]:
    """`search --applicant GROUP`: which members of the group the search took in (one line per group)."""
    t = ctx.t
    out = []
    for g in query.get("group_members") or []:
        names = [_name(x["name_en"], x["name_zh"], ctx) for x in g["members"]]
        out.append(Text(t.ngettext("{group} includes its member {members}.", "{group} includes its members {members}.",
                                   len(names)).format(group=_name(g["name_en"], g["name_zh"], ctx),
                                                      members=t.listing(names))))
    return out
