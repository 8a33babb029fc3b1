"""`sandbox export --out DIR`: every table written all or nothing, and a file the user already has there replaced
only when they say so (`--force`).

1. Each target is checked first: one that exists stops the export (without --force), one that is not a plain file
   (a folder called `tallies.csv`) stops it in any case, before anything is written.
2. Every table is written into a hidden folder inside DIR (the same file system, so a rename moves it), each file
   checked and flushed to the disk (fsync): a full disk, a file-size limit or a short write stops here, and DIR
   is as it was.
3. The files are moved into place one by one. A file being replaced is first kept as a backup (a hard link, so the
   name always holds the old file or the new one); should a move fail, the files already moved are put back from
   their backups (or removed, where there was none), so DIR is again as it was.

Ctrl-C, SIGTERM and SIGHUP during step 2 stop the export and remove the hidden folder; during step 3 they wait
until it has finished (a few renames), then take effect.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING

from ..errors import OutputError, UsageError
from ..i18n import N_, Message
from ..results import FilesWritten

if TYPE_CHECKING:
    from ..api import Sandbox

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class _Stopped(BaseException):
    """A signal arrived while the tables were being written: unwind (removing the hidden folder), then let it act."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Signals:
    """While active, SIGINT, SIGTERM and SIGHUP unwind the export instead of killing it mid-way; inside `deferred`
    they are held until it ends. On exit the signal is delivered again with the handler the process had, so
    Ctrl-C still ends as exit 130 and SIGTERM still terminates."""

    def __init__(self) -> None:
        self.deferring = False
        self.pending: int | None = None
        self.previous: dict[int, Callable[[int, FrameType | None], object] | int | None] = {}

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.deferring:
            self.pending = self.pending or signum
            return
        raise _Stopped(signum)

    def __enter__(self) -> Signals:
        try:
            for signum in SIGNALS:
                if signal.getsignal(signum) is not signal.SIG_IGN:  # `sandbox … &` ignores Ctrl-C: so do we
                    self.previous[signum] = signal.signal(signum, self._handle)
        except ValueError:  # not the main thread (an embedding program): signals stay as they are
            self._restore()
        return self

    def _restore(self) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        self.previous.clear()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._restore()
        signum = error.signum if isinstance(error, _Stopped) else self.pending
        if signum is not None:
            os.kill(os.getpid(), signum)  # the process's own handler now: KeyboardInterrupt, or the default end
            if signum == signal.SIGINT:  # should the handler not have raised yet
                raise KeyboardInterrupt
            raise SystemExit(128 + signum)


def _problem(folder: Path, exc: OSError) -> OutputError:
    return OutputError(Message(N_("cannot write to {folder}: {error}"), folder=folder, error=exc.strerror or exc),
                       N_("nothing was changed there"))


def _check_targets(targets: list[Path], force: bool) -> None:
    """Stop before writing anything when a target is in the way."""
    existing = []
    for target in targets:
        try:
            mode = target.lstat().st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode):
            raise OutputError(Message(N_("{file} is in the way: it is not a plain file"), file=target),
                              N_("nothing was written; move it, or choose another folder"))
        existing.append(target)
    if existing and not force:  # a usage error: the command must say --force, or name another folder
        more = len(existing) - 1
        raise UsageError(Message("{exists}{more}", exists=Message(N_("{file} exists already"), file=existing[0]),
                                 more=Message(N_(" (and {n} more)"), n=more) if more else ""),
            N_("nothing was written; add --force to replace the files, or choose a new folder"))


def _write(path: Path, write: Callable[..., None]) -> None:
    """One file, flushed and synced before it counts as written (a buffered file raises on a short write)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        write(out=handle)
        handle.flush()
        os.fsync(handle.fileno())


def publish(new: Path, target: Path, backup: Path, force: bool) -> Path | None:
    """Move one staged file to its name; the old file (if any) is kept as `backup`, which is returned.

    Without --force the file is hard-linked into place, which fails if a file of that name has appeared since
    the check; a file system without hard links gets a rename after one more check.
    """
    if not force:
        try:
            os.link(new, target)
        except FileExistsError:
            raise
        except OSError:
            if os.path.lexists(target):
                raise FileExistsError(target) from None
            os.rename(new, target)
        return None
    if not os.path.lexists(target):
        os.replace(new, target)
        return None
    try:
        os.link(target, backup)  # the name keeps a file all along: the old one, then the new one
    except OSError:
        os.rename(target, backup)
    os.replace(new, target)
    return backup


def _roll_back(done: list[tuple[Path, Path | None]]) -> None:
    """Put back what was there before: the backups, and no file where there was none."""
    for target, backup in reversed(done):
        try:
            if backup is not None:
                os.replace(backup, target)
            else:
                os.unlink(target)
        except OSError:
            pass


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the files themselves are synced
    finally:
        os.close(fd)


def write_tables(sandbox: Sandbox, names: list[str], folder: Path, fmt: str, bom: bool,
                 force: bool = False) -> FilesWritten:
    from ..render import emit

    targets = [folder / f"{name}.{fmt}" for name in names]
    try:
        _check_targets(targets, force)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _problem(folder, exc) from None
    written = []
    with Signals() as signals:
        try:
            staging = Path(tempfile.mkdtemp(prefix=".sandbox-export-", dir=folder))
        except OSError as exc:
            raise _problem(folder, exc) from None
        try:
            for name, target in zip(names, targets, strict=True):
                rows = sandbox.export(name)
                _write(staging / target.name, partial(emit, rows, fmt, None, bom=bom))
                written.append({"table": name, "file": str(target), "rows": rows.as_dict()["count"]})
            signals.deferring = True  # from here to the end, a signal waits: the folder is never left half done
            done: list[tuple[Path, Path | None]] = []
            try:
                for target in targets:
                    backup = publish(staging / target.name, target, staging / (target.name + ".old"), force)
                    done.append((target, backup))
            except FileExistsError:
                _roll_back(done)
                raise OutputError(Message(N_("a file appeared in {folder} while the tables were written"),
                                          folder=folder), N_("nothing was changed there; run it again")) from None
            except OSError as exc:
                _roll_back(done)
                raise _problem(folder, exc) from None
            _sync_folder(folder)
        except OSError as exc:
            raise _problem(folder, exc) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return FilesWritten(command="export", query={"tables": names, "format": fmt, "force": force},
                        folder=str(folder), results=written)
