"""Corporate groups in entities.yaml: an institution's cited `parent` and the checks on the tree they form.

A parent is written `parent: {id: ant-group, relation: affiliate, source: scmp-3133227}`: which institution, how the
cited page describes the tie (vocabulary.GROUP_RELATIONS) and the page. The tree may be several levels deep (a
subsidiary of a bank's subsidiary) but never loops, and every link names its page, like every other fact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..vocabulary import GROUP_RELATIONS
from . import source_rows as r
from .checker import Checker, suggest
from .yamlio import Node

ParentLink = tuple[str | None, str | None, str | None]
"""(parent id, relation, source id); all None when the institution has no parent."""


def read_parent(c: Checker, n: Node, source_ref: Callable[[Checker, Node, str], str | None]) -> ParentLink:
    """The `parent` mapping of one entity, checked field by field (the parent's existence is checked later)."""
    value = n.get("parent")
    if value is None:
        return None, None, None
    if not isinstance(value, Node):
        c.error(n.line_of("parent"), "'parent' must be a mapping {id: <entity>, relation: subsidiary|affiliate, "
                                      "source: <source id>}: every relation names the page it comes from")
        return None, None, None
    if not c.fields(value, "parent", {"id", "relation", "source"}, set()):
        return None, None, None
    return c.text(value, "id", nullable=False), c.choice(value, "relation", GROUP_RELATIONS), source_ref(
        c, value, "source")


def check_tree(c: Checker, entities: Sequence[r.Entity]) -> None:
    """Every parent is another known entity and no chain of parents comes back to where it started."""
    by_id = {e.id: e for e in entities}
    for e in entities:
        if e.parent is None:
            continue
        if e.parent not in by_id or e.parent == e.id:
            c.error(e.line, f"entity {e.id!r}: parent {e.parent!r} is not another entity"
                            f"{suggest(e.parent, [x for x in by_id if x != e.id])}")
            continue
        seen = [e.id]
        up: str | None = e.parent
        while up is not None and up in by_id and up not in seen:
            seen.append(up)
            up = by_id[up].parent
        if up == e.id:
            c.error(e.line, f"entity {e.id!r}: its parents form a loop ({' → '.join([*seen, e.id])})")


def depth_order(entities: Sequence[r.Entity]) -> list[r.Entity]:
    """Parents before their members (so each row's foreign key already resolves), else in file order."""
    by_id = {e.id: e for e in entities}

    def depth(e: r.Entity) -> int:
        n, up = 0, e.parent
        while up is not None and up in by_id and n <= len(by_id):
            n, up = n + 1, by_id[up].parent
        return n

    return sorted(entities, key=depth)
