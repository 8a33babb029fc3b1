"""The `sandbox` console script (and `python -m sandboxcli`): the CLI run as the short-lived process it is.

Everything the start-up imports (Typer, its Click, our modules: some 26,000 objects the collector tracks) lives
until the process exits, yet CPython's cyclic garbage collector walks those objects several times while they are
being created and once more at exit. So the collector is off while the CLI is imported, and what the imports made
is then frozen (`gc.freeze()`, the documented way to exclude long-lived objects from every later collection)
before the collector is switched back on for the command's own work, where it behaves as usual (a long `sql` or
`export` is collected like any program). Measured with callgrind: `show guangzhou 2 --json` falls from 301 M to
267 M instructions, `list-cities` from 325 M to 293 M (bench/run.py --instructions).

The Python API (`sandboxcli.open`) never comes through here: a program that imports sandboxcli keeps its own
collector settings.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn


def main() -> None:
    gc.disable()
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        _interrupted()
    finally:
        gc.freeze()
        gc.enable()
    try:
        run()
    except KeyboardInterrupt:  # before the command's runner took over (building the app)
        _interrupted()


def _interrupted() -> NoReturn:
    """Ctrl-C while the CLI is still being imported or assembled: the same line and exit code as at any later moment."""
    from .errors import EXIT_INTERRUPTED
    from .i18n import detect, translator

    t = translator(detect(sys.argv[1:], os.environ))
    print(t._("error: {message}").format(message=t._("interrupted")), file=sys.stderr)
    raise SystemExit(EXIT_INTERRUPTED)
