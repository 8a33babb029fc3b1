"""`sandbox sources [ID]`."""

from typing import Annotated

import typer

from ..i18n import _
from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt

RESULTS = ("SourceList", "SourceView")


def sources(
    source: Annotated[str | None, typer.Argument(
        metavar=_("[ID]"), show_default=False, help=_("A source id (or the page's URL): show that page."))] = None,
    publisher: Annotated[str | None, typer.Option(
        "--publisher", metavar=_("NAME"), show_default=False,
        help=_("Pages whose publisher's name contains this."))] = None,
    copy: Annotated[bool | None, typer.Option(
        "--copy/--original", show_default=False,
        help=_("Only copies on third-party sites, or only pages that are not copies."))] = None,
    official: Annotated[bool, typer.Option(
        "--official", help=_("Only pages on government sites (a regulator's own page)."))] = False,
    domain: Annotated[str | None, typer.Option(
        "--domain", metavar=_("HOST"), show_default=False,
        help=_("Only pages on this site or its subdomains (mpaypass.com.cn)."))] = None,
    source_lang: Annotated[str | None, typer.Option(
        "--language", metavar="zh|en", show_default=False, help=_("Only pages in this language."))] = None,
    cited_by: Annotated[str | None, typer.Option(
        "--cited-by", metavar=_("KIND"), show_default=False,
        help=_("Only pages a project, batch, event or group tie (group) rests on."))] = None,
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
        run(lambda sandbox: sandbox.source(source), fmt, as_json, layout)
        return
    run(lambda sandbox: sandbox.sources(publisher=publisher, copy=copy, official=official or None, domain=domain,
                                        language=source_lang, cited_by=cited_by), fmt, as_json, layout)
