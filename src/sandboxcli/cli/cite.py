"""`sandbox cite TARGET...`."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_
from .options import FormatOpt, JsonOpt, LangOpt

RESULTS = ("Citations",)

if TYPE_CHECKING:
    from ..api import Sandbox
    from ..results import Result


def complete_style(incomplete: str) -> list[str]:
    from ..citations import STYLES

    return [s for s in STYLES if s.startswith(incomplete.lower())]


def cite(
    ctx: typer.Context,
    targets: Annotated[list[str] | None, typer.Argument(
        metavar=N_("TARGET..."), show_default=False,
        help=N_("A project id (12), a city and batch (guangzhou 2) or a source id (sandbox sources lists them)."))
    ] = None,
    style: Annotated[str | None, typer.Option(
        "--style", "-s", metavar=N_("STYLE"), show_default=False, autocompletion=complete_style,
        help=N_("gbt7714, apa, bibtex, ris or csl-json (default: GB/T 7714 in a Chinese table, else APA)."))] = None,
    everything: Annotated[bool, typer.Option("--all", help=N_("Cite every source in the data."))] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Cite the public pages an answer rests on, in a standard style.

    One reference per page, best first: an original before a copy on a third-party site, a regulator's own page
    before a report of it, a named publisher before an unnamed one. A copy is named as a copy (with its
    original's address when that is known). The accessed date is the date the data was compiled (sandbox
    --version). Several targets or --all make one bibliography, each page once. BibTeX, RIS and CSL-JSON print
    nothing else, so they can be redirected to a file for Zotero, EndNote or LaTeX.

    Example: sandbox cite 12 --style bibtex ; sandbox cite guangzhou 2
    """
    from .runner import invocation, output_format, run

    def ask(sandbox: "Sandbox") -> "Result":
        # JSON, NDJSON and CSV never change with the language, so only a table defaults to GB/T 7714 in Chinese.
        chinese_table = invocation(ctx).language == "zh" and output_format(fmt, as_json) == "table"
        chosen = style if style is not None else ("gbt7714" if chinese_table else "apa")
        return sandbox.cite(list(targets or []), chosen, everything=everything)

    run(ctx, ask, fmt, as_json)
