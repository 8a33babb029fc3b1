"""`sandbox show CITY [BATCH]`."""

from typing import Annotated

import typer

from ..i18n import N_
from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt, ProgrammeOpt, complete_region
from .runner import run

RESULTS = ("BatchView", "RegionBatchList")
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def complete_batch(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the batch keys of the city already typed."""
    from ..completion import batches

    return batches(ctx.params.get("city") or "", incomplete)


def show(
    ctx: typer.Context,
    city: Annotated[str, typer.Argument(metavar=N_("CITY"), help=N_("City or province: English, pinyin or Chinese."),
                                        autocompletion=complete_region, show_default=False)],
    batch: Annotated[str | None, typer.Argument(metavar=N_("[BATCH]"), show_default=False,
                                                help=N_("Batch number (2, 第二批) or the key of an unnumbered batch."),
                                                autocompletion=complete_batch)] = None,
    programme: ProgrammeOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show one batch with every project, or a region's batches.

    A batch: its date, regulator, announced vs known count, and every project with applicants, technologies and
    source. Without BATCH: the region's batches in every programme.

    Example: sandbox show guangzhou 2
    """
    if batch is None:
        run(ctx, lambda sandbox: sandbox.region(city, programme), fmt, as_json, layout)
    else:
        run(ctx, lambda sandbox: sandbox.batch(city, batch, programme), fmt, as_json, layout)
