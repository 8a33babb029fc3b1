"""Find the database and open it read-only; turn a missing or damaged file into a DataError.

The bundled file ships inside the package (wheel); a source checkout uses data/sandbox.db; `SANDBOX_DB` points
anywhere else (tests, the benchmark's 100x database).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from enum import IntEnum
from pathlib import Path
from urllib.parse import quote

from .errors import DataError
from .i18n import N_, Message
from .vocabulary import SCHEMA_VERSION

ENV_VAR = "SANDBOX_DB"

LONGEST_VALUE = 1_000_000
"""Bytes one value may have on the query path (SQLite's length limit, set at connect): the longest value the
builder writes is about 1 kB; a 200 MB field would take minutes and gigabytes to lay out. `sandbox sql` raises it
for its own results (sqlrun.LONGEST_CELL)."""


def default_path() -> Path:
    """The database this installation ships with.

    In a normal installation the package is a folder, and the file sits next to this module: that is what
    importlib.resources would return, without the 3 ms its import costs at every start (measured). Only when the
    package is not a plain folder (a zip) is importlib.resources asked, and it extracts the file if it must.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    packaged = Path(__file__).with_name("data") / "sandbox.db"
    if packaged.exists():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "data" / "sandbox.db"
    if checkout.exists():  # an editable install or a source checkout
        return checkout
    import atexit
    import contextlib
    from importlib import resources

    resource = resources.files("sandboxcli") / "data" / "sandbox.db"
    if not resource.is_file():
        return packaged  # connect() reports it as missing
    stack = contextlib.ExitStack()  # keeps an extracted copy until the process ends, then removes it
    atexit.register(stack.close)
    return Path(stack.enter_context(resources.as_file(resource)))


def repair_hint() -> str | Message:
    """What to do about a bad database, for the way this copy was installed: a checkout can rebuild it from
    data/sources/; an installed package can only be reinstalled; an override can be pointed elsewhere."""
    if os.environ.get(ENV_VAR):
        return Message(N_("{var} points at it: unset it to use the bundled database"), var=ENV_VAR)
    if (Path(__file__).resolve().parents[2] / "data" / "sources").is_dir():
        return N_("rebuild it with `python -m sandboxcli.dbbuild` (in the checkout)")
    return N_("reinstall sandboxcli: pip install --force-reinstall sandboxcli")


SQLITE_MAGIC = b"SQLite format 3\x00"


def _header(path: Path, hint: str | Message) -> bytes:
    """The first 100 bytes of the file, after checking it is a regular file: a FIFO would block the read, and
    /dev/zero or a folder is no database ("not found" would be the wrong cause)."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        missing = Message(N_("database not found: {path}"), path=path) if str(path).strip() else N_(
            "the database path is empty")
        raise DataError(missing, hint) from None
    if stat.S_ISDIR(mode):
        raise DataError(Message(N_("the database path is a folder, not a file: {path}"), path=path), hint)
    if not stat.S_ISREG(mode):
        raise DataError(Message(N_("the database path is not a regular file (a device, a pipe or a socket): {path}"),
                                path=path), hint)
    with path.open("rb") as handle:
        head = handle.read(100)
    if head and not head.startswith(SQLITE_MAGIC):
        raise DataError(Message(N_("not a SQLite database: {path}"), path=path), repair_hint())
    return head


def _uri(path: Path, head: bytes) -> str:
    """A read-only URI. A database in WAL mode (header bytes 18-19 = 2) would have SQLite create `-wal` and
    `-shm` files beside it, and fail in a read-only folder; with no unwritten changes in a `-wal` file it is opened
    `immutable`, which creates nothing. With changes waiting there, only a writer can apply them."""
    # The path as the file system's bytes: a name that is not valid UTF-8 (SANDBOX_DB set from a GBK shell)
    # opens as it is instead of failing to encode.
    uri = f"file:{quote(os.fsencode(path.resolve()))}?mode=ro"
    if head[18:20] == b"\x02\x02":
        wal = Path(os.fsdecode(os.fsencode(path) + b"-wal"))
        if wal.exists() and wal.stat().st_size > 0:
            raise DataError(Message(N_("the database has changes waiting in a -wal file beside it: {path}"), path=path),
                            N_("open it once with sqlite3 (PRAGMA wal_checkpoint), or use a clean copy"))
        uri += "&immutable=1"
    return uri


class Code(IntEnum):
    """SQLite's primary result codes this tool tells apart. The numbers are fixed by SQLite's C API; the sqlite3
    module names them (sqlite3.SQLITE_BUSY …) from Python 3.11 only."""

    ERROR = 1
    BUSY = 5
    LOCKED = 6
    READONLY = 8
    INTERRUPT = 9
    CORRUPT = 11
    TOOBIG = 18
    AUTH = 23
    NOTADB = 26


CODES_GIVEN = sys.version_info >= (3, 11)
"""Whether sqlite3 errors carry SQLite's result code (`sqlite_errorcode`, Python 3.11+)."""

_CODE_OF_MESSAGE = {"database is locked": Code.BUSY, "database table is locked": Code.LOCKED,
                    "attempt to write a readonly database": Code.READONLY, "interrupted": Code.INTERRUPT,
                    "database disk image is malformed": Code.CORRUPT, "string or blob too big": Code.TOOBIG,
                    "not authorized": Code.AUTH, "authorization denied": Code.AUTH,
                    "file is not a database": Code.NOTADB}
"""SQLite's own wording of those codes (sqlite3_errstr): Python 3.10 gives an error its message only."""


def primary_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an error (Code.BUSY, Code.TOOBIG …), or None when SQLite did not raise it
    (the sqlite3 module's own ProgrammingError, ValueError …).

    Python 3.11+ gives the code (`sqlite_errorcode`, extended codes included: the primary one is its low byte).
    Python 3.10 gives none; there, and only there, the code is read back from SQLite's standard message for it.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    if CODES_GIVEN or not isinstance(exc, sqlite3.DatabaseError):
        return None
    return _CODE_OF_MESSAGE.get(str(exc).strip().lower())


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open the database read-only and check it is ours; never creates or changes a file."""
    path = path or default_path()
    hint: str | Message = Message(N_("is {var} set correctly?"), var=ENV_VAR) if os.environ.get(ENV_VAR) else N_(
        "reinstall sandboxcli")
    try:
        uri = _uri(path, _header(path, hint))
    except OSError as exc:  # no permission, a name too long for the file system, a loop of links …
        raise DataError(Message(N_("cannot open the database {path}: {error}"), path=path, error=exc.strerror or exc),
                        hint) from None
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
        conn.row_factory = sqlite3.Row
        if hasattr(conn, "setlimit"):  # Python 3.11+: a huge value is refused instead of read
            conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, LONGEST_VALUE)
        row = conn.execute("SELECT value FROM metadata WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        code = primary_code(exc)
        if code in (Code.BUSY, Code.LOCKED):
            raise DataError(Message(N_("the database is locked by another program: {path}"), path=path),
                            N_("try again when it has finished writing")) from None
        if code == Code.READONLY:  # a hot journal: a write was cut off, and only a writer (never this) can undo it
            raise DataError(Message(N_("the database has an unfinished write (a -journal file beside it): {path}"),
                path=path), N_("open it once with sqlite3 to roll the write back, or use a clean copy")) from None
        raise DataError(Message(N_("database is unreadable or corrupt: {path} ({error})"), path=path, error=exc),
                        repair_hint()) from None
    if row is None or row[0] != SCHEMA_VERSION:
        found = row[0] if row else "none"
        raise DataError(Message(N_("database schema version {found} is not {expected}: {path}"),
                                found=found, expected=SCHEMA_VERSION, path=path), repair_hint())
    return conn
