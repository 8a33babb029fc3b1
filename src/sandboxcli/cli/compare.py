"""`sandbox compare CITY CITY...`."""

from typing import Annotated

import typer

from ..i18n import N_
from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt, ProgrammeOpt, complete_region
from .runner import run

RESULTS = ("ComparisonTable",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def compare(
    ctx: typer.Context,
    cities: Annotated[list[str], typer.Argument(metavar=N_("CITY CITY..."), help=N_("Two or more cities or provinces."),
                                                autocompletion=complete_region, show_default=False)],
    programme: ProgrammeOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Compare cities side by side.

    Programmes, batches, applications, dates, category split, top technologies and applicants, and the share of
    applications with a bank applicant.

    Example: sandbox compare beijing shanghai shenzhen
    """
    run(ctx, lambda sandbox: sandbox.compare(cities, programme), fmt, as_json, layout)
