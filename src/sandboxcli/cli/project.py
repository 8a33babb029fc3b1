"""`sandbox project ID`."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import N_, Message
from .options import FormatOpt, JsonOpt, LangOpt, LayoutOpt
from .runner import run

if TYPE_CHECKING:
    from ..api import Sandbox
    from ..results import Result

RESULTS = ("ProjectView",)
"""The result records (results.py) this command prints: the README's JSON shapes are generated from them."""


def project(
    ctx: typer.Context,
    project_id: Annotated[str, typer.Argument(metavar=N_("ID"), help=N_("The project's id, as search results show it."),
                                              show_default=False)],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show one project whole, with its sources and lifecycle events.

    Every field: names in both languages, batch and regulator, applicants with branches, technologies, notes,
    every source with its publisher, and the events of the project and its batch.

    Example: sandbox project 12
    """

    def ask(sandbox: "Sandbox") -> "Result":
        from ..errors import UsageError

        key = project_id.strip().lstrip("#")
        if not key.isdecimal():
            raise UsageError(Message(N_("project id {id!r} is not a number"), id=project_id),
                             N_("search results show each project's id"))
        if len(key) > 19:  # beyond SQLite's 64 bits (and Python's 4,300 digits): no such project
            from ..errors import NotFound

            raise NotFound(Message(N_("no project {id}"), id=key), N_("search results show each project's id"))
        return sandbox.project(int(key))

    run(ctx, ask, fmt, as_json, layout)
