"""The one path every command takes: ask the API, render the result, and turn every failure into one line on
stderr and a documented exit code.

Exit codes (README "Exit codes"): 0 ok (also when the reader of a pipe goes away), 1 not found, 2 usage (bad
input, including arguments that are not text in the terminal's encoding), 3 the database is missing or damaged,
74 the output could not be written (a full disk), 70 a bug in sandboxcli, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OUTPUT, DataError, OutputError, SandboxError, UsageError
from ..i18n import ENGLISH, N_, Message, Translator
from ..names import printable
from ..render import FORMATS

if TYPE_CHECKING:
    from ..api import Sandbox
    from ..results import Result

_LIMITS = ("expression tree is too large", "pattern too complex", "too many sql variables", "parser stack overflow")
"""SQLite's messages for the limits a long input can reach (expression depth, LIKE pattern, variables, parser
stack). SQLite reports them as SQLITE_ERROR, the code of any statement it cannot compile (a damaged schema's
too), so only the message tells them apart; a value too long has a code of its own (SQLITE_TOOBIG)."""


def _shortened(text: str, most: int = 300) -> str:
    """A message that quotes a 100 kB argument back stays readable: its middle is left out."""
    return text if len(text) <= most else text[: most - 80] + " … " + text[-77:]


def invocation(ctx: Any) -> Translator:
    """The Translator main(), the root callback or a command's --lang chose for this invocation, kept in its Click
    context object (a command's context inherits its parent's)."""
    obj = getattr(ctx, "obj", None)
    return obj if isinstance(obj, Translator) else ENGLISH


def error_line(t: Translator, message: str, suggestion: str | None = None) -> str:
    """`error: message; suggestion` on one line in `t`'s language, without doubled punctuation, and at most a few
    hundred characters however long the input it quotes."""
    message = _shortened(" ".join(printable(message).split()))
    line = t._("error: {message}").format(message=message.rstrip(".;。；"))
    if suggestion:
        joiner = "" if line.endswith(("？", "！")) else " " if line.endswith(("?", "!")) else t._("; ")
        line += joiner + _shortened(" ".join(printable(suggestion).split()))
    return line


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit cannot fail again (closed pipe, full disk)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _stdout_is_devnull() -> bool:
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.stat(os.devnull))
    except (OSError, ValueError, AttributeError):
        return False


def fail(error: SandboxError, t: Translator) -> NoReturn:
    from .wording import worded

    print(error_line(t, *worded(error, t)), file=sys.stderr)
    raise SystemExit(error.exit_code)


def exit_for(exc: BaseException, t: Translator) -> NoReturn:
    """Map any exception to its one stderr line (in `t`'s language) and exit code (SANDBOX_DEBUG=1 re-raises
    bugs)."""
    if isinstance(exc, SystemExit):
        raise exc
    if isinstance(exc, SandboxError):
        fail(exc, t)
    if isinstance(exc, KeyboardInterrupt):
        _silence_stdout()
        print(error_line(t, t._("interrupted")), file=sys.stderr)
        raise SystemExit(EXIT_INTERRUPTED)
    if isinstance(exc, BrokenPipeError):
        _silence_stdout()  # the reader (`| head`) has gone: that is a normal end, not an error
        raise SystemExit(0)
    if isinstance(exc, OSError) and exc.filename is None:
        _silence_stdout()
        fail(OutputError(Message(N_("cannot write the output: {error}"), error=exc.strerror or exc),
                         N_("is the disk full?")), t)
    if isinstance(exc, sqlite3.DatabaseError):
        from ..db import Code, primary_code, repair_hint

        text, code = str(exc), primary_code(exc)
        if code == Code.TOOBIG or (code in (Code.ERROR, None) and any(limit in text.lower() for limit in _LIMITS)):
            fail(UsageError(Message(N_("the input is too large or complex to search for ({error})"), error=text),
                            N_("shorten it")), t)
        fail(DataError(Message(N_("the database could not be read ({error})"), error=text), repair_hint()), t)
    if os.environ.get("SANDBOX_DEBUG"):
        raise exc
    print(error_line(t, t._("internal error ({error})").format(error=f"{type(exc).__name__}: {exc}"),
                     t._("please report it with the command you ran (SANDBOX_DEBUG=1 shows the traceback)")),
          file=sys.stderr)
    raise SystemExit(EXIT_INTERNAL)


DATA_SHAPE_ERRORS = (ArithmeticError, AttributeError, LookupError, MemoryError, RecursionError, TypeError, ValueError,
                     sqlite3.DatabaseError)
"""What a value of the wrong shape raises in a query or a renderer (a NULL name, a BLOB, a dangling reference, a
count that is text, a page of random bytes): the database is then checked, and only a problem found there makes
it exit 3; the same error on a sound database is a bug (exit 70)."""


def _raise_if_damaged(sandbox: Sandbox) -> None:
    """A DataError naming what is wrong with the database, when something is."""
    from ..db import repair_hint
    from ..integrity import damage

    problem = damage(sandbox.conn)
    if problem:
        raise DataError(Message(N_("the database is damaged: {problem}"), problem=problem), repair_hint()) from None


def output_format(fmt: str | None, as_json: bool, default: str = "table") -> str:
    """The format asked for by --format / --json (case-insensitive), or the command's default."""
    from ..resolve import choice

    chosen = choice(fmt, FORMATS, N_("format")) if fmt is not None else None
    if as_json and chosen not in (None, "json"):
        raise UsageError(Message(N_("--json contradicts --format {format}"), format=chosen), N_("use one of them"))
    return "json" if as_json else (chosen or default)


def run(ctx: Any, ask: Callable[[Sandbox], Result], fmt: str | None = None, as_json: bool = False,
        layout: str | None = None, *, default: str = "table", bom: bool = False) -> None:
    """Everything a command does: check the format, open the database, ask, render in the language of the
    invocation whose Click context `ctx` is; every failure → exit_for."""
    t = invocation(ctx)
    try:
        output = output_format(fmt, as_json, default)
        if bom and output != "csv":
            raise UsageError(N_("--bom applies to CSV only"))
        from ..render import layout_choice

        layout = layout_choice(layout)
        from ..api import open as open_sandbox

        with open_sandbox() as sandbox:
            try:
                result = ask(sandbox)
                # A Chinese table names technologies (区块链 blockchain): only it pays for the labels' query.
                labels = sandbox.technology_labels() if output == "table" and t.language == "zh" else None
                from ..render import emit

                emit(result, output, layout, bom=bom, technology_labels=labels, t=t)
            except DATA_SHAPE_ERRORS:
                _raise_if_damaged(sandbox)
                raise
        sys.stdout.flush()
    except BaseException as exc:
        exit_for(exc, t)


def guard_output(write: Callable[[], None], t: Translator) -> None:
    """Run a writer (Click's help and version text) with the same rules for closed pipes and full disks."""
    # Output sent to /dev/null by the user (`sandbox show X >/dev/null && …`) is not a closed pipe: a "not found"
    # (exit 1) must stay exit 1 there, so only a stdout that became /dev/null during the call counts.
    devnull_before = _stdout_is_devnull()
    try:
        write()
        sys.stdout.flush()
    except SystemExit as exc:
        # Typer and Rich answer a closed pipe with exit 1, after wrapping stdout in Click's PacifyFlushWrapper
        # (Typer) or pointing it at /dev/null (Rich); a reader that has gone is a normal end here.
        if exc.code == 1 and (type(sys.stdout).__name__ == "PacifyFlushWrapper"
                              or (not devnull_before and _stdout_is_devnull())):
            raise SystemExit(0) from None
        raise
    except BaseException as exc:  # the one place every failure is turned into an exit code
        exit_for(exc, t)


def prepare_streams(t: Translator) -> None:
    """Standard streams every outcome can be written to: a closed stdout (`sandbox … >&-`) is an output error
    (exit 74), a closed stderr is /dev/null, and a terminal whose encoding is not UTF-8 (an ASCII or Latin-1
    locale) gets what it cannot show as escapes (\\u5e7f) instead of an encoding error. JSON, NDJSON and CSV are
    written as UTF-8 whatever the locale (render.emit)."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    if sys.stdout is None:
        print(error_line(t, t._("cannot write the output: standard output is closed")), file=sys.stderr)
        raise SystemExit(EXIT_OUTPUT)
    from ..render import writes_utf8

    for stream in (sys.stdout, sys.stderr):
        if not writes_utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def check_arguments(argv: list[str], t: Translator) -> None:
    """Refuse arguments that are not text in the terminal's encoding (a GBK terminal sending 广州 to a UTF-8
    machine): Python keeps such bytes as lone surrogates, which no query can use."""
    encoding = sys.getfilesystemencoding()
    for position, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raw = os.fsencode(arg)
            hint: str | Message = N_("set the terminal to UTF-8, or type the name in English (e.g. guangzhou)")
            with contextlib.suppress(UnicodeDecodeError):
                hint = Message(N_("it reads as GBK {text!r}: set the terminal to UTF-8, or type it in English"),
                               text=raw.decode("gbk"))
            with contextlib.suppress(UnicodeDecodeError):  # UTF-8 sent to a process whose locale is not UTF-8
                hint = Message(N_("it is UTF-8 ({text}), but the locale's encoding is {encoding}: use a UTF-8 locale "
                                  "(e.g. LANG=C.UTF-8)"), text=raw.decode("utf-8"), encoding=encoding.upper())
            fail(UsageError(Message(N_("argument {n} ({raw!r}) is not valid {encoding} text"),
                                    n=position, raw=raw, encoding=encoding.upper()), hint), t)
