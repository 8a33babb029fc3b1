"""`sandbox technologies`."""

import typer

from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt
from .runner import run

RESULTS = ("TechnologyList",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def technologies(ctx: typer.Context, fmt: FormatOpt = None, as_json: JsonOpt = False, layout: LayoutOpt = None,
                lang: LangOpt = None) -> None:
    """List technologies by family, with how many projects use each.

    These are what `search --tech` accepts. A family (privacy-computing) counts the projects using it or any of
    its members; `search --tech FAMILY` finds them all.

    Example: sandbox technologies --format csv
    """
    run(ctx, lambda sandbox: sandbox.technologies(), fmt, as_json, layout)
