"""Find the database and open it read-only; turn a missing or damaged file into a DataError.

The bundled file ships inside the package (wheel); a source checkout uses data/sandbox.db; `SANDBOX_DB` points
anywhere else (tests, the benchmark's 100x database).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from .errors import DataError
from .i18n import _
from .vocabulary import SCHEMA_VERSION

ENV_VAR = "SANDBOX_DB"


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


def repair_hint() -> str:
    """What to do about a bad database, for the way this copy was installed: a checkout can rebuild it from
    data/sources/; an installed package can only be reinstalled; an override can be pointed elsewhere."""
    if os.environ.get(ENV_VAR):
        return _("{var} points at it: unset it to use the bundled database").format(var=ENV_VAR)
    if (Path(__file__).resolve().parents[2] / "data" / "sources").is_dir():
        return _("rebuild it with `python -m sandboxcli.dbbuild` (in the checkout)")
    return _("reinstall sandboxcli: pip install --force-reinstall sandboxcli")


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open the database read-only and check it is ours; never creates or changes a file."""
    path = path or default_path()
    hint = _("is {var} set correctly?").format(var=ENV_VAR) if os.environ.get(ENV_VAR) else _(
        "reinstall sandboxcli")
    try:
        if path.is_dir():
            raise DataError(_("the database path is a folder, not a file: {path}").format(path=path), hint)
        if not path.is_file():
            raise DataError(_("database not found: {path}").format(path=path) if str(path).strip() else _(
                "the database path is empty"), hint)
        # The path as the file system's bytes: a name that is not valid UTF-8 (SANDBOX_DB set from a GBK shell)
        # opens as it is instead of failing to encode.
        uri = f"file:{quote(os.fsencode(path.resolve()))}?mode=ro"
    except OSError as exc:  # a name too long for the file system, a loop of links …
        raise DataError(_("cannot open the database {path}: {error}").format(path=path, error=exc.strerror or exc),
                        hint) from None
    try:
        conn = sqlite3.connect(uri, uri=True)
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT value FROM metadata WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        if "readonly database" in str(exc):  # a hot journal: a write was cut off, and only a writer can undo it
            raise DataError(_("the database has an unfinished write (a -journal file beside it): {path}").format(
                path=path), _("open it once with sqlite3 to roll the write back, or use a clean copy")) from None
        raise DataError(_("database is unreadable or corrupt: {path} ({error})").format(path=path, error=exc),
                        repair_hint()) from None
    if row is None or row[0] != SCHEMA_VERSION:
        found = row[0] if row else "none"
        raise DataError(_("database schema version {found} is not {expected}: {path}").format(
            found=found, expected=SCHEMA_VERSION, path=path), repair_hint())
    return conn
