"""`sandbox list-cities`."""

import typer

from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt, ProgrammeOpt
from .runner import run

RESULTS = ("RegionList",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def list_cities(ctx: typer.Context, programme: ProgrammeOpt = None, fmt: FormatOpt = None, as_json: JsonOpt = False,
                layout: LayoutOpt = None,
                lang: LangOpt = None) -> None:
    """List every city and province with batches, per programme.

    For each: the number of batches, applications announced and known, and the first and latest batch date.

    Example: sandbox list-cities --programme csrc
    """
    run(ctx, lambda sandbox: sandbox.regions(programme), fmt, as_json, layout)
