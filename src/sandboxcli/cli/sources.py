"""`sandbox sources [ID]`."""

from typing import Annotated

import typer

from ..i18n import N_
from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt

RESULTS = ("SourceList", "SourceView")


def sources(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Argument(
        metavar=N_("[ID]"), show_default=False, help=N_("A source id (or the page's URL): show that page."))] = None,
    publisher: Annotated[str | None, typer.Option(
        "--publisher", metavar=N_("NAME"), show_default=False,
        help=N_("Pages whose publisher's name contains this."))] = None,
    copy: Annotated[bool | None, typer.Option(
        "--copy/--original", show_default=False,
        help=N_("Only copies on third-party sites, or only pages that are not copies."))] = None,
    official: Annotated[bool, typer.Option(
        "--official", help=N_("Only pages on government sites (a regulator's own page)."))] = False,
    domain: Annotated[str | None, typer.Option(
        "--domain", metavar=N_("HOST"), show_default=False,
        help=N_("Only pages on this site or its subdomains (mpaypass.com.cn)."))] = None,
    source_lang: Annotated[str | None, typer.Option(
        "--language", metavar="zh|en", show_default=False, help=N_("Only pages in this language."))] = None,
    cited_by: Annotated[str | None, typer.Option(
        "--cited-by", metavar=N_("KIND"), show_default=False,
        help=N_("Only pages a project, batch, event or group tie (group) rests on."))] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """List the public pages the data rests on, or show one with everything that cites it.

    Best first: originals before copies on third-party sites, regulators' own pages, named publishers. With ID:
    the page's title, publisher, date, whether it is a copy (and of which original), and every batch, project and
    event that rests on it, for checking them when a page disappears.

    Example: sandbox sources --publisher 移动支付网
    """
    from .runner import run

    if source is not None:
        run(ctx, lambda sandbox: sandbox.source(source), fmt, as_json, layout)
        return
    run(ctx, lambda sandbox: sandbox.sources(publisher=publisher, copy=copy, official=official or None, domain=domain,
                                        language=source_lang, cited_by=cited_by), fmt, as_json, layout)
