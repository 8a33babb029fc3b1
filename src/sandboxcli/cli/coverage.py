"""`sandbox coverage`."""

from typing import Annotated

import typer

from ..i18n import N_
from .options import CityOpt, FormatOpt, JsonOpt, LangOpt, LayoutOpt, ProgrammeOpt
from .runner import run

RESULTS = ("CoverageReport",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def coverage(
    ctx: typer.Context,
    city: CityOpt = None,
    programme: ProgrammeOpt = None,
    incomplete: Annotated[bool, typer.Option("--incomplete",
                                             help=N_("List only batches with unknown projects."))] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show how complete the data is, per programme and batch.

    Applications announced vs known, names missing in either language, descriptions and inferred placements, the
    share of rows that cite a source, and how many sources name a publisher or are copies.

    Example: sandbox coverage --programme pboc --incomplete
    """
    run(ctx, lambda sandbox: sandbox.coverage(city, programme, incomplete), fmt, as_json, layout)
