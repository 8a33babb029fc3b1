"""What the Python API accepts before any query runs: filter values split and bounded, blank filters refused,
dates checked, text that is not valid Unicode and numbers beyond 64 bits turned into `UsageError`.

api.py's methods call these on their arguments, so every way into the library (the CLI, scripts, tests) gets the
same checks and the same messages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NoReturn, ParamSpec, TypeVar

from .errors import UsageError
from .i18n import N_, Message

P = ParamSpec("P")
R = TypeVar("R")


MAX_VALUES = 64
"""Values one filter may have (`--applicant` given 20,000 times would take minutes), as free text may have words."""


def refuse_blank(what: str) -> NoReturn:
    raise UsageError(Message(N_("an empty {what} matches nothing"), what=Message(what)),
                     N_("give a value, or leave the option out"))


def text_value(value: str | None, what: str) -> str | None:
    """One filter value as typed (commas kept: a publisher's name may have them); blank is refused like `_many`."""
    if value is not None and not value.strip():
        refuse_blank(what)
    return value


def many(values: str | Iterable[str] | None, what: str = N_("filter")) -> list[str]:
    """Filter values from a string, a comma list ("beijing,shanghai") or several of either; blanks between commas
    dropped, but a filter given only blanks is refused (it would silently match everything)."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    parts = [part.strip() for item in items for part in item.split(",") if part.strip()]
    if items and not parts:
        refuse_blank(what)
    if len(parts) > MAX_VALUES:
        raise UsageError(Message(N_("too many values for one {what} ({n}; at most {most})"),
                                 what=Message(what), n=len(parts), most=MAX_VALUES))
    return parts


def library_errors(method: Callable[P, R]) -> Callable[P, R]:
    """The library's own errors for values of the right type that no query can use: text that is not valid
    Unicode (a lone surrogate, as Python keeps undecodable bytes) and numbers beyond SQLite's 64 bits."""

    @functools.wraps(method)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        for value in _texts([*args[1:], *kwargs.values()]):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise UsageError(Message(N_("{text!r} is not valid text (it has a lone surrogate)"), text=value),
                                 N_("decode bytes with errors='replace' first")) from None
        try:
            return method(*args, **kwargs)
        except OverflowError:
            raise UsageError(N_("a number is too large (SQLite holds at most 64 bits)")) from None

    return checked


def _texts(values: Iterable[object]) -> Iterator[str]:
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, Mapping):
            yield from _texts([*value.keys(), *value.values()])
        elif isinstance(value, (list, tuple, set, frozenset)):
            yield from _texts(value)


def check_date(value: str | None, flag: str) -> str | None:
    from .dates import DATE_HINT, date_problem

    if value is None:
        return None
    problem = date_problem(value.strip())
    if problem:
        raise UsageError(Message("{flag} {problem}", flag=flag, problem=problem), DATE_HINT)
    return value.strip()
