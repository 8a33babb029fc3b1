"""`sandbox applicant NAME`."""

from typing import Annotated

import typer

from ..i18n import N_
from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt
from .runner import run

RESULTS = ("ApplicantProfiles",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def applicant(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(
        metavar=N_("NAME"), show_default=False,
        help=N_("Institution: English or Chinese name, alias, or the start of a word."))],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Profile an institution: its applications and co-applicants.

    Its names and aliases in both languages, every application in every region and programme. A name that
    matches several institutions lists them to choose from (a full profile for three or fewer).

    Example: sandbox applicant 招商银行
    """
    run(ctx, lambda sandbox: sandbox.applicant(name), fmt, as_json, layout)
