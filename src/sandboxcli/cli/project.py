"""`sandbox project ID`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .options import FormatOpt, JsonOpt, LayoutOpt
from .runner import run

if TYPE_CHECKING:
    from ..api import Sandbox
    from ..records import Result


def project(
    project_id: Annotated[str, typer.Argument(metavar="ID", help="The project's id, as search results show it.",
                                              show_default=False)],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    layout: LayoutOpt = None,
) -> None:
    """Show one project whole, with its sources and lifecycle events.

    Every field: names in both languages, batch and regulator, applicants with branches, technologies, notes,
    every source with its publisher, and the events of the project and its batch.

    Example: sandbox project 12
    """

    def ask(sandbox: Sandbox) -> Result:
        from ..errors import UsageError

        key = project_id.strip().lstrip("#")
        if not key.isdecimal():
            raise UsageError(f"project id {project_id!r} is not a number", "search results show each project's id")
        return sandbox.project(int(key))

    run(ask, fmt, as_json, layout)
