"""`sandbox search [WORDS]`."""

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
    complete_category,
    complete_technology,
    lifecycle_help,
)
from .runner import run

Many = Annotated[list[str] | None, typer.Option()]

RESULTS = ("ProjectList",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def search(
    ctx: typer.Context,
    text: Annotated[list[str] | None, typer.Argument(
        metavar=N_("[WORDS]..."), help=N_("Words to find in project names, applicants and technologies; "
                                      "a technology's name also finds the projects tagged with it or a member."),
        show_default=False)] = None,
    tech: Annotated[list[str] | None, typer.Option(
        "--tech", "-t", metavar=N_("TECH"), help=N_("Technology or family (blockchain, 区块链, privacy-computing)."),
        show_default=False, autocompletion=complete_technology)] = None,
    applicant: Annotated[list[str] | None, typer.Option(
        "--applicant", "-a", metavar=N_("NAME"), help=N_("Institution: any language, alias, or the start of a word."),
        show_default=False)] = None,
    category: Annotated[list[str] | None, typer.Option(
        "--category", "-c", metavar=N_("CATEGORY"), help=N_("financial-service or technology-product."),
        show_default=False, autocompletion=complete_category)] = None,
    status: Annotated[list[str] | None, typer.Option(
        "--status", "-s", metavar=N_("STATUS"), help=worded_help(lambda t: lifecycle_help(
            1, N_("Status, in either language, any case: {words}."), t)),
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
    """Search projects by words and filters.

    Different filters must all match; repeating one (or a comma list) matches any of its values. Results are
    ordered by batch date, then region; each shows the id `sandbox project ID` takes.

    Example: sandbox search --tech privacy-computing --city beijing,shanghai
    """
    run(ctx, lambda sandbox: sandbox.search(
        " ".join(text) if text else None, technologies=tech, applicants=applicant, categories=category,
        statuses=status, cities=city, programmes=programme, since=since, until=until), fmt, as_json, layout)
