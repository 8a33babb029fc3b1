"""`sandbox timeline`."""

from typing import Annotated

import typer

from ..i18n import N_
from .options import CityOpt, FormatOpt, JsonOpt, LangOpt, LayoutOpt, ProgrammeOpt
from .runner import run

RESULTS = ("Timeline",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def timeline(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", metavar=N_("month|year"), help=N_("Group by month or year."))] = "year",
    programme: ProgrammeOpt = None,
    city: CityOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Chart batches and applications over time, per programme.

    Example: sandbox timeline --by month --programme pboc
    """
    run(ctx, lambda sandbox: sandbox.timeline(by, programme, city), fmt, as_json, layout)
