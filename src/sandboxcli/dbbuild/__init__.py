"""Build data/sandbox.db from the human-edited files in data/sources/ (`python -m sandboxcli.dbbuild`).

Never imported on the query path: it needs PyYAML and sqlite-utils, which the installed tool does not.
"""
