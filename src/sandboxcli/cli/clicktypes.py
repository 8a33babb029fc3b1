"""The classes sandboxcli takes from Click, in one place.

Typer (0.26 and later) ships its own copy of Click as the private package `typer._click` and re-exports only a few
of its names (`typer.Context`, `typer.BadParameter`, `typer.TyperException`, the base of every Click error). The
usage errors Click raises (an unknown option, a missing argument, an option without its value), the number types
whose failures we word, and the help formatter we extend have no public name, yet recognising an error by its
class is the only alternative to matching Click's English messages. So they are imported here, and nowhere else:
if Typer moves or renames one, this import fails at start-up (loudly, in every test), and
tests/test_click_boundary.py checks that each is the very class Typer uses. Nothing here is modified: sandboxcli
only subclasses and recognises these classes.
"""

from __future__ import annotations

from typer._click.core import Context  # private: the type of every context (typer.Context is a subclass)
from typer._click.exceptions import (  # private: Typer re-exports none of these
    BadArgumentUsage,
    BadOptionUsage,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter  # private: the base of Context.formatter_class
from typer._click.types import (  # private: Typer picks these for int and float parameters (`--top N`)
    FloatParamType,
    FloatRange,
    IntParamType,
    IntRange,
)

__all__ = ["BadArgumentUsage", "BadOptionUsage", "Context", "FloatParamType", "FloatRange", "HelpFormatter",
           "IntParamType", "IntRange", "MissingParameter", "NoSuchOption", "UsageError"]
