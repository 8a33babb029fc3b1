"""`sandbox export --out DIR`: every table written into a temporary folder first, then moved into DIR, so a
failure (a full disk, a read-only folder) leaves DIR as it was rather than half written."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..i18n import _
from ..results import FilesWritten

if TYPE_CHECKING:
    from ..api import Sandbox


def write_tables(sandbox: Sandbox, names: list[str], folder: Path, fmt: str, bom: bool) -> FilesWritten:
    from ..render import emit

    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".sandbox-export-", dir=folder))
    except OSError as exc:
        problem = _("cannot write to {folder}: {error}").format(folder=folder, error=exc.strerror or exc)
        raise OutputError(problem) from None
    try:
        for name in names:
            rows = sandbox.export(name)
            target = staging / f"{name}.{fmt}"
            with target.open("w", encoding="utf-8", newline="") as handle:
                emit(rows, fmt, None, out=handle, bom=bom)
            written.append({"table": name, "file": str(folder / target.name), "rows": rows.as_dict()["count"]})
        for name in names:  # every file is complete: now replace the old ones (a rename within one folder)
            os.replace(staging / f"{name}.{fmt}", folder / f"{name}.{fmt}")
    except OSError as exc:
        raise OutputError(_("cannot write to {folder}: {error}").format(folder=folder, error=exc.strerror or exc),
                          _("nothing was changed there")) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return FilesWritten(command="export", query={"tables": names, "format": fmt}, folder=str(folder),
                        results=written)
