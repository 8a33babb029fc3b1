"""`sandbox stats`."""

from typing import Annotated

import typer

from ..i18n import N_
from .options import CityOpt, FormatOpt, JsonOpt, LangOpt, LayoutOpt, ProgrammeOpt
from .runner import run

RESULTS = ("Stats",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def stats(
    ctx: typer.Context,
    programme: ProgrammeOpt = None,
    city: CityOpt = None,
    top: Annotated[int, typer.Option("--top", metavar=N_("N"), min=1, max=1000,
                                     help=N_("How many technologies and applicants."))] = 10,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Count known applications by programme, category and more.

    By programme, category, technology and kind of institution, with the top applicants. Shares are of the
    known applications in scope.

    Example: sandbox stats --programme pboc --top 5
    """
    run(ctx, lambda sandbox: sandbox.stats(programme, city, top), fmt, as_json, layout)
