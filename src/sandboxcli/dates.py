"""Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD): the one check the build and the query filters share."""

from __future__ import annotations

import re

from .i18n import N_, Message

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_HINT = N_("use a year (2021), a month (2021-06) or a day (2021-06-04)")


NOT_A_DATE = N_("{text!r} is not a date")
NO_SUCH_MONTH = N_("{text!r} is not a date (no such month)")
NO_SUCH_DAY = N_("{text!r} is not a date (no such day)")
"""What can be wrong with a date, as `date_problem`'s message templates (the builder tells them apart by these)."""


def date_problem(text: str) -> Message | None:
    """Why `text` is not a YYYY / YYYY-MM / YYYY-MM-DD date that exists, or None when it is one."""
    m = DATE_RE.match(text)
    if not m:
        return Message(NOT_A_DATE, text=text)
    import datetime as dt  # already loaded by sqlite3: no start-up cost on the query path

    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return Message(NO_SUCH_MONTH, text=text)
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return Message(NO_SUCH_DAY, text=text)
    return None


def upper_bound(date: str) -> str:
    """The last day a partial date covers, as text that sorts correctly: 2021 → 2021-12-31, 2021-06 → 2021-06-31."""
    return {4: date + "-12-31", 7: date + "-31"}.get(len(date), date)
