"""The `sandbox` command: a registry of commands, one module each in this package, and the entry point.

A process imports only the module of the command it runs (the registry names modules, not functions): every query
is a fresh process, and start-up is most of what a user waits for.
"""

import importlib
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import __version__
from ..i18n import ENGLISH, N_, Translator
from .help import SandboxCommand, SandboxGroup, reflow
from .options import LangOpt
from .runner import invocation

if TYPE_CHECKING:
    from collections.abc import Callable

COMMANDS = {
    "list-cities": "list_cities",
    "show": "show",
    "search": "search",
    "project": "project",
    "compare": "compare",
    "applicant": "applicant",
    "technologies": "technologies",
    "events": "events",
    "timeline": "timeline",
    "stats": "stats",
    "coverage": "coverage",
    "sources": "sources",
    "cite": "cite",
    "export": "export",
    "sql": "sql",
}
"""Command name → module (and function) name in this package, in the order `sandbox --help` lists them."""


def command_function(name: str) -> "Callable[..., None]":
    module = importlib.import_module(f".{COMMANDS[name]}", __name__)
    function: Callable[..., None] = getattr(module, COMMANDS[name])
    return function


def _version(ctx: typer.Context, value: bool) -> None:
    """`sandbox --version`: the program's version, then the data's (version, compilation date, counts), which a
    citation of an answer needs; a database that cannot be opened is said so on the second line."""
    if not value:
        return
    t = invocation(ctx)
    print(f"sandbox {__version__}")
    from ..api import open as open_sandbox
    from ..errors import SandboxError

    try:
        with open_sandbox() as sandbox:
            info = sandbox.data_info()
    except SandboxError as error:
        print(t._("data: not available ({error})").format(error=error.worded(t)[0]))
        raise typer.Exit() from None
    from ..render.cells import Cells

    c = Cells(t)
    by_number = c.aside(t._("{n} known only by number").format(n=info.batches_by_number_only)) if (
        info.batches_by_number_only) else ""
    print(t._("data {version}, compiled {date}: {projects} projects, {batches} batches{by_number}, {sources} "
              "sources").format(version=info.version or "?", date=c.date(info.compiled), projects=info.projects,
                                batches=info.batches, by_number=by_number, sources=info.sources))
    raise typer.Exit()


def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help=N_("Print the version of the program and of the data, and exit."))] = False,
    lang: LangOpt = None,
) -> None:
    """China's fintech regulatory sandboxes (PBOC, CSRC) from a cited, bilingual database.

    Every fact carries the public page it comes from. Try `sandbox show guangzhou 2` or
    `sandbox search blockchain`. Every command takes --json (or --format json|ndjson|csv) for scripts.
    """
    if lang is None and not isinstance(ctx.obj, Translator):
        # Each invocation decides its language (main() did, before Click parsed; in-process callers such as tests
        # arrive here without one) and keeps it in its own Click context, where every command finds it.
        from ..i18n import detect, translator

        ctx.obj = translator(detect([*getattr(ctx, "protected_args", []), *ctx.args], os.environ))


HELP_WIDTH = 120
"""Help uses the terminal's width up to this many columns (Click's default stops at 80, leaving a 120-column
terminal with text wrapped at 78 and words alone on their lines)."""


def make_app(only: str | None = None, t: Translator = ENGLISH) -> typer.Typer:
    """The Typer app with every command, or with `only` one of them (what a process running it needs), its help
    in `t`'s language."""
    new = typer.Typer(name="sandbox", no_args_is_help=True, pretty_exceptions_enable=False, add_completion=True,
                      context_settings={"help_option_names": ["-h", "--help"], "max_content_width": HELP_WIDTH},
                      help=reflow(_root.__doc__, t),
                      rich_markup_mode=None, cls=SandboxGroup)
    new.callback()(_root)
    for name in COMMANDS:
        if only in (None, name):
            function = command_function(name)
            text = reflow(function.__doc__, t)
            new.command(name, help=text, short_help=text.split("\n\n")[0], cls=SandboxCommand)(function)
    return new


def __getattr__(name: str) -> Any:
    """`sandboxcli.cli.app`: the full app, built on first use (tests and completion), not at import."""
    if name == "app":
        return make_app()
    raise AttributeError(name)


def _after_root_options(argv: list[str]) -> list[str]:
    """A command line without the root options that come first (`--lang zh`, `--lang=zh`)."""
    rest = list(argv)
    while rest and (rest[0] == "--lang" or rest[0].startswith("--lang=")):
        del rest[: 2 if rest[0] == "--lang" else 1]
    return rest


def _command_in(argv: list[str]) -> str | None:
    """The command a command line runs (after root options such as `--lang zh`), if any."""
    rest = _after_root_options(argv)
    return rest[0] if rest and rest[0] in COMMANDS else None


def main() -> None:
    """Console-script entry point: every outcome, Click's own usage errors included, is one stderr line at most
    and a documented exit code (cli/runner.py)."""
    from ..i18n import detect, translator
    from .runner import check_arguments, error_line, guard_output, prepare_streams

    t = translator(detect(sys.argv[1:], os.environ))  # before any help text or message is made
    prepare_streams(t)
    check_arguments(sys.argv[1:], t)
    first = _command_in(sys.argv[1:])
    if not _after_root_options(sys.argv[1:]):
        sys.argv.append("--help")  # bare `sandbox`, or `sandbox --lang zh` alone: the help
    target = make_app(first if first in COMMANDS else None, t)
    outcome: list[Any] = []
    error: list[typer.TyperException] = []

    def invoke() -> None:
        try:
            outcome.append(target(standalone_mode=False, prog_name="sandbox", obj=t))
        except typer.TyperException as exc:  # every Click error is one (Typer's public base of ClickException)
            error.append(exc)

    guard_output(invoke, t)
    if error:
        from .usage import message

        exc = error[0]
        where = f"sandbox {first} --help" if first in COMMANDS else "sandbox --help"
        print(error_line(t, message(exc, t), t._("see `{where}`").format(where=where)), file=sys.stderr)
        sys.exit(exc.exit_code)
    code = outcome[0] if outcome else 0
    sys.exit(code if isinstance(code, int) else 0)
