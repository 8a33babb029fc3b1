"""Start-up discipline (measured by bench/run.py, asserted here only as imports): the JSON path loads no Rich,
no sqlite-utils, no PyYAML and no pydantic."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import REAL_DB

PROBE = """
import sys
from sandboxcli.cli import app
try:
    app(["show", "guangzhou", "2", "--json"])
except SystemExit:
    pass
heavy = sorted(m for m in ("rich", "sqlite_utils", "yaml", "pydantic", "click_default_group") if m in sys.modules)
print(heavy, file=sys.stderr)
"""


def _probe(*extra: str) -> list[str]:
    env = {**os.environ, "SANDBOX_DB": str(REAL_DB)}
    code = PROBE.replace('"--json"]', '"--json"' + "".join(f", {a!r}" for a in extra) + "]")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    json.loads(proc.stdout)
    return eval(proc.stderr.strip().splitlines()[-1])


def test_json_path_imports_no_rich_sqlite_utils_yaml_or_pydantic() -> None:
    assert _probe() == []


def test_table_path_imports_no_rich_either() -> None:
    """Tables are drawn by render/text.py: the table path loads neither Rich nor the build's libraries."""
    code = PROBE.replace(', "--json"]', "]").replace("json.loads", "str")
    env = {**os.environ, "SANDBOX_DB": str(REAL_DB)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert eval(proc.stderr.strip().splitlines()[-1]) == []


def test_the_library_leaves_the_garbage_collector_alone() -> None:
    """Only the console script (sandboxcli/launch.py) tunes the collector; a program using the API keeps its own."""
    code = ("import gc, sandboxcli\n"
            "from sandboxcli.cli import app\n"
            "sandboxcli.open().batch('guangzhou', '2')\n"
            "print(gc.isenabled(), gc.get_freeze_count())")
    env = {**os.environ, "SANDBOX_DB": str(REAL_DB)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert proc.stdout.split() == ["True", "0"]


def test_the_console_script_runs_with_the_collector_back_on() -> None:
    """launch.main switches the collector off only while importing the CLI, then freezes what that made."""
    code = ("import gc, sys\n"
            "from sandboxcli import launch\n"
            "import sandboxcli.cli\n"
            "sandboxcli.cli.main = lambda: print(gc.isenabled(), gc.get_freeze_count() > 10000)\n"
            "launch.main()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["True", "True"]
