"""Library errors in the command line's words: the flags and commands a terminal user types.

The library (api.py, search.py, sqlrun.py) words its errors for Python callers (`since=`, `params`, `schema()`)
and tags those the CLI says differently with a `reason` and the `values` the wording needs (errors.SandboxError).
This table is the one place that knows both: the runner looks an error up here by its reason, never by its text.
"""

from __future__ import annotations

from ..errors import SandboxError
from ..i18n import N_, Translator
from ..i18n import worded as worded_value

CLI_WORDS: dict[str, tuple[str | None, str | None]] = {
    "nothing-to-search": (None, N_("give words to look for or a filter such as --tech blockchain")),
    "since-after-until": (N_("--since {since} is after --until {until}"), None),
    "timeout-out-of-range": (N_("--timeout {value!r} is not a number of seconds between 0.1 and 300"), None),
    "query-timed-out": (None, N_("narrow it down, or raise --timeout")),
    "unbound-parameter": (None, N_("give it with -p {name} VALUE")),
    "positional-parameters": (None, N_("give each :name with -p name value")),
    "sql-error": (None, N_("`sandbox sql --schema` lists the tables and columns")),
    "top-out-of-range": (N_("--top {top} is not between 1 and 1000"), None),
    "cite-all-with-targets": (N_("--all cites every source: give no targets with it"), None),
    "nothing-to-cite": (None, N_("give a project id, a city and batch, a source id or --all")),
}
"""Reason → (message, suggestion) as the command line says them; None keeps the library's own."""


def worded(error: SandboxError, t: Translator) -> tuple[str, str | None]:
    """The error's message and suggestion for a terminal user, in `t`'s language."""
    message, suggestion = CLI_WORDS.get(error.reason or "", (None, None))
    own_message, own_suggestion = error.worded(t)
    values = {key: worded_value(value, t) for key, value in error.values.items()}
    return (t._(message).format(**values) if message else own_message,
            t._(suggestion).format(**values) if suggestion else own_suggestion)
