"""sandboxcli: China's fintech regulatory sandboxes from a cited, bilingual database — a Python API (`open`) and
the `sandbox` command on top of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.4.0"

if TYPE_CHECKING:
    from .api import Sandbox, open

__all__ = ["Sandbox", "__version__", "open"]


def __getattr__(name: str) -> Any:
    """`sandboxcli.open` and `sandboxcli.Sandbox`, imported on first use: the `sandbox` command starts without them."""
    if name in ("open", "Sandbox"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'sandboxcli' has no attribute {name!r}")
