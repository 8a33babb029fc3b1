"""`python -m sandboxcli` runs the `sandbox` command."""

from .launch import main

main()
