"""Start-up and query benchmark: whole `sandbox` processes against the Python floor, in one run.

Every query is a fresh process, so what users feel is start-up. This script installs nothing: run it with the
interpreter of an environment where sandboxcli is installed (e.g. `.venv/bin/python bench/run.py`). It times

- the floor (`python -c pass`) and the yardstick (a one-command Typer "hello" app, same Typer),
- the `sandbox` commands users run most, as table and as JSON,
- the peer: the same batch query through `sqlite-utils query` (skipped when sqlite-utils is not installed),
- the same search and compare against a synthetic database 100 times the real one (built in a temporary folder,
  never committed; the CLI is pointed at it through SANDBOX_DB),

each at least `--runs` times after a warm-up, and reports medians, ratios to the floor and to the hello app, and
peak RSS. It prints a table and writes the figures as JSON (default bench/results/latest.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELLO = """\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


app()
"""
BATCH_SQL = ("select p.position, p.name_zh, p.name_en from projects p join batches b on b.id = p.batch_id "
             "where b.region = 'guangzhou' and b.key = '2' and b.programme = 'pboc-regulatory-pilot'")

TARGETS = {
    "json_vs_hello": 1.15,
    "table_vs_hello": 1.6,
    "help_vs_hello": 2.5,
    "peak_rss_mib": 40,
    "scale_vs_real": 1.3,
    "peer_vs_json": 2.0,
}


def measure(cmd: list[str], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median wall time (ms) of `runs` executions after one warm-up, and the peak RSS (MiB) of any run."""
    times, rss = [], 0
    for i in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}")
        if i:  # the first run warms the page cache and .pyc files
            times.append(elapsed)
            rss = max(rss, usage.ru_maxrss)
    return {"median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1),
            "peak_rss_mib": round(rss / 1024, 1)}


def scaled_database(source: Path, factor: int, folder: Path) -> Path:
    """A copy of the database with (factor - 1) synthetic copies of every batch and project added.

    The copies live in synthetic regions, carry synthetic names and a synthetic technology, and keep the real
    applicants, so the real queries return the same rows: what is measured is how lookups scale with the size of
    the tables (indexes, FTS), not how long it takes to print 100 times more results.
    """
    target = folder / f"sandbox-x{factor}.db"
    shutil.copy(source, target)
    conn = sqlite3.connect(target)
    max_batch = conn.execute("SELECT max(id) FROM batches").fetchone()[0]
    max_project = conn.execute("SELECT max(id) FROM projects").fetchone()[0]
    with conn:
        conn.execute("INSERT INTO technologies VALUES ('synthetic-tech', 'Synthetic', '合成')")
        for k in range(1, factor):
            b, p = k * max_batch, k * max_project
            conn.execute("INSERT INTO regions VALUES (?, ?, ?, 'city', 'Nowhere', '无')",
                         (f"synthetic-{k}", f"Synthetic {k}", f"合成{k}"))
            conn.execute(f"""INSERT INTO batches SELECT id + {b}, programme, 'synthetic-{k}', number, key, label,
                             announced, announced_precision, regulator, announced_count, announced_count_derived,
                             known_count, source_id, notes, source_file FROM batches WHERE id <= {max_batch}""")
            conn.execute(f"""INSERT INTO projects SELECT id + {p}, batch_id + {b}, position,
                             '合成项目' || (id + {p}), 'synthetic project ' || (id + {p}), name_en_translated,
                             name_is_description, category, category_derived, placement_inferred, status,
                             statement_no, planned_start, source_id, notes FROM projects WHERE id <= {max_project}""")
            conn.execute(f"""INSERT INTO project_applicants SELECT project_id + {p}, position, entity_id, branch,
                             as_written, source_id FROM project_applicants WHERE project_id <= {max_project}""")
            conn.execute(f"""INSERT INTO project_technologies SELECT DISTINCT project_id + {p}, 'synthetic-tech', 1
                             FROM project_technologies WHERE project_id <= {max_project}""")
            conn.execute(f"""INSERT INTO project_search SELECT project_id + {p}, '合成项目' || (project_id + {p}),
                             'synthetic project ' || (project_id + {p}), 'synthetic applicant'
                             FROM project_search WHERE project_id <= {max_project}""")
        conn.execute("INSERT INTO project_search_fts(project_search_fts) VALUES ('rebuild')")
    conn.execute("VACUUM")
    counts = conn.execute("SELECT (SELECT count(*) FROM batches), (SELECT count(*) FROM projects)").fetchone()
    conn.close()
    print(f"  synthetic database: {counts[0]} batches, {counts[1]} projects ({target.stat().st_size // 1024} KiB)",
          file=sys.stderr)
    return target


def find_sandbox(explicit: str | None) -> str:
    if explicit:
        return explicit
    beside = Path(sys.executable).with_name("sandbox")
    if beside.exists():
        return str(beside)
    found = shutil.which("sandbox")
    if not found:
        raise SystemExit("no `sandbox` found: install sandboxcli in this environment or pass --sandbox PATH")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (after one warm-up)")
    parser.add_argument("--sandbox", help="path of the sandbox executable (default: next to this Python)")
    parser.add_argument("--scale", type=int, default=100, help="size factor of the synthetic database")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    args = parser.parse_args()

    sandbox = find_sandbox(args.sandbox)
    real_db = ROOT / "data" / "sandbox.db"
    env = {k: v for k, v in os.environ.items() if k not in ("SANDBOX_DB", "FORCE_COLOR")}
    env["COLUMNS"] = "120"
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO)
        big = scaled_database(real_db, args.scale, Path(tmp))
        big_env = {**env, "SANDBOX_DB": str(big)}
        cases: list[tuple[str, list[str], dict[str, str]]] = [
            ("floor: python -c pass", [sys.executable, "-c", "pass"], env),
            ("yardstick: typer hello", [sys.executable, str(hello)], env),
            ("show guangzhou 2 --json", [sandbox, "show", "guangzhou", "2", "--json"], env),
            ("show guangzhou 2", [sandbox, "show", "guangzhou", "2"], env),
            ("search --tech blockchain --json", [sandbox, "search", "--tech", "blockchain", "--json"], env),
            ("search 供应链 --json", [sandbox, "search", "供应链", "--json"], env),
            ("list-cities", [sandbox, "list-cities"], env),
            ("compare beijing shanghai shenzhen", [sandbox, "compare", "beijing", "shanghai", "shenzhen"], env),
            ("--help", [sandbox, "--help"], env),
            (f"x{args.scale}: search 供应链 --json", [sandbox, "search", "供应链", "--json"], big_env),
            (f"x{args.scale}: compare beijing shanghai shenzhen",
             [sandbox, "compare", "beijing", "shanghai", "shenzhen"], big_env),
        ]
        sqlite_utils = Path(sys.executable).with_name("sqlite-utils")
        if sqlite_utils.exists():
            cases.append(("peer: sqlite-utils query (same batch)", [str(sqlite_utils), "query", str(real_db),
                                                                    BATCH_SQL], env))
        results = {}
        for name, cmd, case_env in cases:
            results[name] = measure(cmd, args.runs, case_env)
            print(f"  measured {name}", file=sys.stderr)

    floor = results["floor: python -c pass"]["median_ms"]
    hello_ms = results["yardstick: typer hello"]["median_ms"]
    for r in results.values():
        r["x_floor"] = round(r["median_ms"] / floor, 2)
        r["x_hello"] = round(r["median_ms"] / hello_ms, 2)
    json_ms = results["show guangzhou 2 --json"]["median_ms"]
    checks = {
        "json commands <= 1.15x hello": max(results[k]["x_hello"] for k in results if k.endswith("--json")
                                            and not k.startswith("x")) <= TARGETS["json_vs_hello"],
        "table commands <= 1.6x hello": max(results[k]["x_hello"] for k in (
            "show guangzhou 2", "list-cities", "compare beijing shanghai shenzhen")) <= TARGETS["table_vs_hello"],
        "--help <= 2.5x hello": results["--help"]["x_hello"] <= TARGETS["help_vs_hello"],
        "peak RSS <= 40 MiB": max(r["peak_rss_mib"] for k, r in results.items()
                                  if not k.startswith("peer")) <= TARGETS["peak_rss_mib"],
        f"x{args.scale} search within 1.3x of real": results[f"x{args.scale}: search 供应链 --json"]["median_ms"]
        <= TARGETS["scale_vs_real"] * results["search 供应链 --json"]["median_ms"],
        f"x{args.scale} compare within 1.3x of real": results[f"x{args.scale}: compare beijing shanghai shenzhen"][
            "median_ms"] <= TARGETS["scale_vs_real"] * results["compare beijing shanghai shenzhen"]["median_ms"],
    }
    peer = results.get("peer: sqlite-utils query (same batch)")
    if peer:
        checks["at least 2x faster than sqlite-utils"] = peer["median_ms"] >= TARGETS["peer_vs_json"] * json_ms

    machine = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
               "sqlite": sqlite3.sqlite_version, "runs": args.runs, "sandbox": sandbox}
    width = max(len(k) for k in results)
    print(f"\n{'command':<{width}}  {'median ms':>9}  {'x floor':>7}  {'x hello':>7}  {'peak RSS MiB':>12}")
    for name, r in results.items():
        print(f"{name:<{width}}  {r['median_ms']:>9.1f}  {r['x_floor']:>7.2f}  {r['x_hello']:>7.2f}  "
              f"{r['peak_rss_mib']:>12.1f}")
    print()
    for check, ok in checks.items():
        print(f"{'PASS' if ok else 'MISS'}  {check}")
    print(f"\n{machine['platform']}, Python {machine['python']}, SQLite {machine['sqlite']}, {machine['cpus']} CPUs, "
          f"{args.runs} runs per command")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"machine": machine, "results": results, "targets": TARGETS,
                                       "checks": checks}, indent=2, ensure_ascii=False) + "\n")
    print(f"figures written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
