"""`python -m sandboxcli` runs the `sandbox` command."""

from .cli import main

main()
