"""`sandbox events [KIND]`."""

from typing import Annotated

import typer

from ..i18n import N_
from .help import worded_help
from .options import (
    CitiesOpt,
    FormatOpt,
    JsonOpt,
    LangOpt,
    LayoutOpt,
    ProgrammesOpt,
    SinceOpt,
    UntilOpt,
    lifecycle_help,
)
from .runner import run

RESULTS = ("EventList",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def events(
    ctx: typer.Context,
    kind: Annotated[list[str] | None, typer.Argument(
        metavar=N_("[KIND]..."), help=worded_help(lambda t: lifecycle_help(2, N_(
            "Event kind (default: all): call-for-applications, planned-start, milestone, or a word for a stage, in "
            "either language, any case: {words}."), t)),
        show_default=False)] = None,
    city: CitiesOpt = None,
    programme: ProgrammesOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """List lifecycle events: completed testing, launched, exited.

    Which applications (or whole batches) reached each stage, and when, with the source for each.

    Example: sandbox events completed-testing exited --since 2021
    """
    run(ctx, lambda sandbox: sandbox.events(kind, cities=city, programmes=programme, since=since, until=until),
        fmt, as_json, layout)
