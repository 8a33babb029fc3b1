"""`python -m sandboxcli.dbbuild`: validate data/sources/ and atomically rewrite data/sandbox.db.

`python -m sandboxcli.dbbuild add NOTICE …` adds a batch from a published notice first (see notice_add.py).

The new database is written to a temporary file next to the target and moved into place only when complete, so a
broken source file or a crash never leaves a half-written or changed database behind.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

try:
    import sqlite_utils  # noqa: F401 - checked here so a missing extra is one line, not a traceback
    import yaml  # noqa: F401
except ImportError as missing:  # pragma: no cover - exercised by the wheel test
    sys.exit(f"error: the database builder needs {missing.name}: pip install -e '.[build]' in a checkout of "
             "sandboxcli (the builder reads data/sources/, which only a checkout has)")

from .validate import ValidationFailed, folder_problem, load_dataset


def build(sources: Path, output: Path, display_root: str = "data/sources") -> None:
    """Validate `sources` and replace `output` with the database they describe."""
    data = load_dataset(sources, display_root)
    from .write import write_database  # imported late: sqlite-utils is only needed once the sources are valid

    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        write_database(data, tmp, sources.parent / "metadata.json")
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["add"]:
        from .notice_add import main as add

        return add(argv[1:], build)
    parser = argparse.ArgumentParser(prog="python -m sandboxcli.dbbuild", description=__doc__.splitlines()[0],
                                     epilog="To add a batch from a published notice: python -m sandboxcli.dbbuild "
                                     "add --help (walk-through: data/README.md, 'Adding a notice').")
    parser.add_argument("--sources", type=Path, default=Path("data/sources"), help="folder of source files")
    parser.add_argument("--output", type=Path, default=Path("data/sandbox.db"), help="database file to write")
    parser.add_argument("--check", action="store_true", help="only validate the sources; write nothing")
    args = parser.parse_args(argv)
    display = args.sources.as_posix().rstrip("/")
    problem = folder_problem(args.sources, display)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        if args.check:
            load_dataset(args.sources, display)
        else:
            build(args.sources, args.output, display)
    except ValidationFailed as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"{len(exc.errors)} problem(s); {args.output} was not changed", file=sys.stderr)
        return 1
    except (OSError, RuntimeError) as exc:
        print(f"error: could not write {args.output}: {exc}", file=sys.stderr)
        return 1
    print(f"{'checked' if args.check else 'wrote'} {args.sources if args.check else args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
