"""Domain errors and the exit code each one maps to (documented in the README, applied in cli/runner.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .i18n import Message

if TYPE_CHECKING:
    from .i18n import Translator

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_INTERNAL = 70  # a bug in sandboxcli (sysexits EX_SOFTWARE); SANDBOX_DEBUG=1 shows the traceback
EXIT_OUTPUT = 74  # the output could not be written, e.g. a full disk (sysexits EX_IOERR)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


class SandboxError(Exception):
    """Base class: a message for one stderr line, an optional suggestion, and an exit code.

    The message is worded for the Python API (keyword arguments, never `--flags`) and in English: the library
    never knows the reader's language. Message and suggestion are English templates marked with `N_()`, or
    Messages (template and values); `message`, `suggestion` and `str(error)` are their English text, and the CLI
    words them in the reader's language (`worded`). An error the command line words differently carries a
    `reason` and the `values` its wording needs; cli/wording.py words it by that reason, so the CLI recognises an
    error by data, never by matching its text.
    """

    exit_code = EXIT_NOT_FOUND

    def __init__(self, message: str | Message, suggestion: str | Message | None = None, *,
                 reason: str | None = None, values: dict[str, object] | None = None) -> None:
        super().__init__(str(message))
        self.text = message
        self.hint = suggestion
        self.message = str(message)
        self.suggestion = None if suggestion is None else str(suggestion)
        self.reason = reason
        self.values = values or {}

    def worded(self, t: Translator) -> tuple[str, str | None]:
        """The message and suggestion in `t`'s language."""
        return t.words(self.text), None if self.hint is None else t.words(self.hint)


class NotFound(SandboxError):
    """A city, batch, technology, project or institution the database does not know."""

    exit_code = EXIT_NOT_FOUND


class UsageError(SandboxError):
    """Input that cannot be answered: an empty search, contradictory flags, a bad date, text that is not text."""

    exit_code = EXIT_USAGE


class DataError(SandboxError):
    """The database is missing, truncated, corrupt or of another schema version."""

    exit_code = EXIT_DATA


class OutputError(SandboxError):
    """The answer could not be written (a full disk, an unwritable --out folder)."""

    exit_code = EXIT_OUTPUT
