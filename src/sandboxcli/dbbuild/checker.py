"""Typed field access for YAML mappings, reporting every problem as `file:line: message`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..dates import NO_SUCH_DAY, NO_SUCH_MONTH, date_problem
from .yamlio import Node, SourceError, load

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean …?)' suffix, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_date(value: Any) -> str | None:
    """Return an error message for a bad YYYY / YYYY-MM / YYYY-MM-DD value, else None."""
    if value is None:
        return None
    problem = date_problem(str(value))
    if problem is None:
        return None
    if problem.template == NO_SUCH_MONTH:
        return f"bad date {str(value)!r}: no such month"
    if problem.template == NO_SUCH_DAY:
        return f"bad date {str(value)!r}: no such day"
    return f"bad date {str(value)!r}: use YYYY-MM-DD, YYYY-MM or YYYY"


class Checker:
    """Collects errors for one file and offers typed field access with file:line reporting."""

    def __init__(self, display: str, errors: list[SourceError]) -> None:
        self.display = display
        self.errors = errors

    def error(self, line: int | None, message: str) -> None:
        self.errors.append(SourceError(self.display, line, message))

    def fields(self, node: Any, where: str, required: set[str], optional: set[str], line: int = 0) -> bool:
        if not isinstance(node, Node):
            self.error(line or None, f"{where} must be a mapping (key: value lines)")
            return False
        allowed = required | optional
        for key in node:
            if key not in allowed:
                self.error(node.line_of(str(key)), f"unknown key {key!r} in {where}{suggest(str(key), allowed)}")
        for key in sorted(required - set(node)):
            self.error(node.line, f"{where} is missing {key!r}")
        return True

    def text(self, node: Node, key: str, *, nullable: bool = True) -> str | None:
        value = node.get(key)
        if value is None:
            if not nullable and key in node:
                self.error(node.line_of(key), f"{key!r} must not be empty")
            return None
        if isinstance(value, (dict, list, bool)):
            self.error(node.line_of(key), f"{key!r} must be text, not {type(value).__name__}")
            return None
        text = str(value).strip()
        if not text:
            if not nullable:
                self.error(node.line_of(key), f"{key!r} must not be empty")
            return None
        return text

    def flag(self, node: Node, key: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            self.error(node.line_of(key), f"{key!r} must be true or false, not {value!r}")
            return False
        return value

    def choice(self, node: Node, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(node, key)
        if value is not None and value not in choices:
            self.error(node.line_of(key), f"{key!r} is {value!r}; expected one of {', '.join(choices)}"
                       f"{suggest(value, choices)}")
            return None
        return value

    def date(self, node: Node, key: str) -> str | None:
        value = self.text(node, key)
        problem = check_date(value)
        if problem:
            self.error(node.line_of(key), problem)
            return None
        return value

    def count(self, node: Node, key: str) -> int | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.error(node.line_of(key), f"{key!r} must be a whole number ≥ 0, not {value!r}")
            return None
        return value

    def strings(self, node: Node, key: str) -> tuple[str, ...]:
        value = node.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.error(node.line_of(key), f"{key!r} must be a list of texts")
            return ()
        return tuple(str(v).strip() for v in value)

    def items(self, node: Node, key: str) -> list[Any]:
        value = node.get(key) or []
        if not isinstance(value, list):
            self.error(node.line_of(key), f"{key!r} must be a list")
            return []
        return value


def list_file(path: Path, display: str, key: str, errors: list[SourceError]) -> tuple[Checker, list[Any]]:
    checker = Checker(display, errors)
    try:
        doc = load(path, display)
    except SourceError as exc:
        errors.append(exc)
        return checker, []
    if not isinstance(doc, Node) or key not in doc:
        checker.error(1, f"expected a top-level {key!r} list")
        return checker, []
    return checker, checker.items(doc, key)


def unique(checker: Checker, items: list[tuple[str, int]], what: str) -> None:
    seen: dict[str, int] = {}
    for value, line in items:
        if value in seen:
            checker.error(line, f"duplicate {what} {value!r} (first at line {seen[value]})")
        else:
            seen[value] = line
