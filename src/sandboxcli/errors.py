"""Domain errors and the exit code each one maps to (documented in the README)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_INTERNAL = 70  # a bug in sandboxcli (sysexits EX_SOFTWARE); SANDBOX_DEBUG=1 shows the traceback


class SandboxError(Exception):
    """Base class: a message for one stderr line, an optional suggestion, and an exit code."""

    exit_code = 1

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


class NotFound(SandboxError):
    """A city, batch, technology or institution the database does not know."""

    exit_code = EXIT_NOT_FOUND


class UsageError(SandboxError):
    """Input that cannot be answered: an empty search, contradictory flags, a bad date."""

    exit_code = EXIT_USAGE


class DataError(SandboxError):
    """The database is missing, truncated, corrupt or of another schema version."""

    exit_code = EXIT_DATA
