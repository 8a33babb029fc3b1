"""Start-up and query benchmark: whole `sandbox` processes against the Python floor and a Typer hello app.

Every query is a fresh process, so what users feel is start-up. This script installs nothing: run it with the
interpreter of an environment where sandboxcli is installed from a wheel (e.g. `/tmp/bench/bin/python
bench/run.py`; an editable install compiles the package on every start when bytecode writing is off).

How it measures, so that the figures describe `sandbox` and hold on a noisy, shared machine:
- **Interleaved rounds.** Each round runs every case once, in the same order (floor, hello, then each command);
  a burst of load hits neighbours alike. A ratio is reported as the median of its per-round ratios (command ÷ the
  same round's hello app, or ÷ its floor), with the min–max, over `--rounds` rounds after one warm-up round.
- **Each command's own memory.** A small launcher (`python -S -E`, about 8 MiB) forks, execs the command and
  reads the child's `ru_maxrss` from `wait4`, timing fork to exit. A child's high-water mark starts from its
  parent's size at fork, so measuring from this (larger) benchmark process would report the benchmark's own size;
  the launcher is smaller than any Python program, so what is reported is the command's own peak.
- **Peers in the same run:** `sqlite-utils query`, `datasette --get` and the `sqlite3` shell with the same SQL,
  when installed, and search/compare on a synthetic database `--scale` times the real one.

It prints a table and writes the figures as JSON (default bench/results/latest.json).
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
LAUNCHER = """\
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execvp(cmd[0], cmd)
_, status, usage = os.wait4(pid, 0)
elapsed = (time.perf_counter() - start) * 1000
with open(out, "w") as f:
    f.write(f"{elapsed} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""
BATCH_SQL = ("select p.position, p.name_zh, p.name_en from projects p join batches b on b.id = p.batch_id "
             "where b.region = 'guangzhou' and b.key = '2' and b.programme = 'pboc-regulatory-pilot'")

TARGETS = {
    "json_vs_hello": 1.10,
    "table_vs_hello": 1.5,
    "help_vs_hello": 2.0,
    "peak_rss_mib": 30,
    "peak_rss_vs_floor": 1.6,
    "scale_vs_real": 1.1,
    "sqlite_utils_vs_json": 2.0,
}
JSON_CASES = ("show guangzhou 2 --json", "search --tech blockchain --json", "search 供应链 --json")
TABLE_CASES = ("show guangzhou 2", "list-cities", "compare beijing shanghai shenzhen")


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

    def columns(table: str) -> list[str]:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]

    def copy(table: str, changes: dict[str, str], where: str) -> None:
        cols = columns(table)
        select = ", ".join(changes.get(c, c) for c in cols)
        conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM {table} WHERE {where}")

    with conn:
        conn.execute("INSERT INTO technologies (slug, label_en, label_zh) VALUES ('synthetic-tech', 'Synthetic', "
                     "'合成')")
        for k in range(1, factor):
            b, p = k * max_batch, k * max_project
            conn.execute("INSERT INTO regions VALUES (?, ?, ?, 'city', 'Nowhere', '无')",
                         (f"synthetic-{k}", f"Synthetic {k}", f"合成{k}"))
            copy("batches", {"id": f"id + {b}", "region": f"'synthetic-{k}'"}, f"id <= {max_batch}")
            copy("projects", {"id": f"id + {p}", "batch_id": f"batch_id + {b}",
                              "name_zh": f"'合成项目' || (id + {p})", "name_en": f"'synthetic project ' || (id + {p})"},
                 f"id <= {max_project}")
            copy("project_applicants", {"project_id": f"project_id + {p}"}, f"project_id <= {max_project}")
            conn.execute(f"""INSERT INTO project_technologies SELECT DISTINCT project_id + {p}, 'synthetic-tech', 1
                             FROM project_technologies WHERE project_id <= {max_project}""")
            copy("project_search", {"project_id": f"project_id + {p}", "name_zh": f"'合成项目' || (project_id + {p})",
                                    "name_en": f"'synthetic project ' || (project_id + {p})",
                                    "applicants": "'synthetic applicant'", "technologies": "'Synthetic 合成'",
                                    "search_text": f"' 合成项目' || (project_id + {p}) || ' synthetic project '"},
                 f"project_id <= {max_project}")
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


def launch(cmd: list[str], env: dict[str, str], scratch: Path) -> tuple[float, float]:
    """Wall time (ms) and the command's own peak RSS (MiB), through the small launcher."""
    out = scratch / "launch.txt"
    subprocess.run([sys.executable, "-S", "-E", "-c", LAUNCHER, str(out), *cmd], env=env, check=True)
    elapsed, rss_kib, code = out.read_text().split()
    if int(code) != 0:
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}")
    return float(elapsed), int(rss_kib) / 1024


def summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 2), "min": round(min(values), 2),
            "max": round(max(values), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (after one warm-up round)")
    parser.add_argument("--sandbox", help="path of the sandbox executable (default: next to this Python)")
    parser.add_argument("--scale", type=int, default=100, help="size factor of the synthetic database")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    args = parser.parse_args()

    sandbox = find_sandbox(args.sandbox)
    real_db = ROOT / "data" / "sandbox.db"
    env = {k: v for k, v in os.environ.items() if k not in ("SANDBOX_DB", "FORCE_COLOR", "LANG", "LC_ALL",
                                                            "LC_MESSAGES", "SANDBOX_LANG")}
    env["COLUMNS"] = "120"
    zh = {**env, "SANDBOX_LANG": "zh"}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        hello = scratch / "hello.py"
        hello.write_text(HELLO)
        big = scaled_database(real_db, args.scale, scratch)
        big_env = {**env, "SANDBOX_DB": str(big)}
        cases: list[tuple[str, list[str], dict[str, str]]] = [
            ("floor: python -c pass", [sys.executable, "-c", "pass"], env),
            ("yardstick: typer hello", [sys.executable, str(hello)], env),
            ("show guangzhou 2 --json", [sandbox, "show", "guangzhou", "2", "--json"], env),
            ("search --tech blockchain --json", [sandbox, "search", "--tech", "blockchain", "--json"], env),
            ("search 供应链 --json", [sandbox, "search", "供应链", "--json"], env),
            ("show guangzhou 2", [sandbox, "show", "guangzhou", "2"], env),
            ("list-cities", [sandbox, "list-cities"], env),
            ("compare beijing shanghai shenzhen", [sandbox, "compare", "beijing", "shanghai", "shenzhen"], env),
            ("--help", [sandbox, "--help"], env),
            ("zh: show guangzhou 2", [sandbox, "show", "guangzhou", "2"], zh),
            ("zh: show guangzhou 2 --json", [sandbox, "show", "guangzhou", "2", "--json"], zh),
            (f"x{args.scale}: search 供应链 --json", [sandbox, "search", "供应链", "--json"], big_env),
            (f"x{args.scale}: compare beijing shanghai shenzhen",
             [sandbox, "compare", "beijing", "shanghai", "shenzhen"], big_env),
        ]
        peers = {"peer: sqlite-utils query": (Path(sys.executable).with_name("sqlite-utils"),
                                              ["query", str(real_db), BATCH_SQL]),
                 "peer: datasette --get": (Path(sys.executable).with_name("datasette"),
                                           [str(real_db), "--get", f"/sandbox.json?sql={BATCH_SQL}"]),
                 "peer: sqlite3 shell": (Path(shutil.which("sqlite3") or "/nonexistent"), [str(real_db), BATCH_SQL])}
        for name, (program, peer_args) in peers.items():
            if program.exists():
                cases.append((name, [str(program), *peer_args], env))
        times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
        rss: dict[str, float] = dict.fromkeys(times, 0.0)
        for round_no in range(args.rounds + 1):
            for name, cmd, case_env in cases:
                elapsed, peak = launch(cmd, case_env, scratch)
                if round_no:  # the first round warms the page cache and .pyc files
                    times[name].append(elapsed)
                    rss[name] = max(rss[name], peak)
            print(f"  round {round_no}/{args.rounds}", file=sys.stderr)

    floor, hello_times = times["floor: python -c pass"], times["yardstick: typer hello"]
    results = {}
    for name in times:
        results[name] = {
            "median_ms": round(statistics.median(times[name]), 1),
            "x_floor": summary([t / f for t, f in zip(times[name], floor, strict=True)]),
            "x_hello": summary([t / h for t, h in zip(times[name], hello_times, strict=True)]),
            "peak_rss_mib": round(rss[name], 1),
        }

    def per_round(name: str, base: str) -> float:
        return statistics.median(t / b for t, b in zip(times[name], times[base], strict=True))

    floor_rss = results["floor: python -c pass"]["peak_rss_mib"]
    sandbox_rss = max(r["peak_rss_mib"] for k, r in results.items() if not k.startswith(("peer", "floor", "yard")))
    checks = {
        f"JSON commands <= {TARGETS['json_vs_hello']}x hello":
            max(results[k]["x_hello"]["median"] for k in JSON_CASES) <= TARGETS["json_vs_hello"],
        f"table commands <= {TARGETS['table_vs_hello']}x hello":
            max(results[k]["x_hello"]["median"] for k in TABLE_CASES) <= TARGETS["table_vs_hello"],
        f"--help <= {TARGETS['help_vs_hello']}x hello":
            results["--help"]["x_hello"]["median"] <= TARGETS["help_vs_hello"],
        f"peak RSS <= {TARGETS['peak_rss_mib']} MiB and <= {TARGETS['peak_rss_vs_floor']}x the floor's":
            sandbox_rss <= TARGETS["peak_rss_mib"] and sandbox_rss <= TARGETS["peak_rss_vs_floor"] * floor_rss,
        f"x{args.scale} search and compare <= {TARGETS['scale_vs_real']}x real":
            per_round(f"x{args.scale}: search 供应链 --json", "search 供应链 --json") <= TARGETS["scale_vs_real"]
            and per_round(f"x{args.scale}: compare beijing shanghai shenzhen", "compare beijing shanghai shenzhen")
            <= TARGETS["scale_vs_real"],
        "Chinese no slower than English (table and JSON, within 3%)":
            per_round("zh: show guangzhou 2", "show guangzhou 2") <= 1.03
            and per_round("zh: show guangzhou 2 --json", "show guangzhou 2 --json") <= 1.03,
    }
    if "peer: sqlite-utils query" in times:
        checks[f"sqlite-utils query >= {TARGETS['sqlite_utils_vs_json']}x show --json"] = per_round(
            "peer: sqlite-utils query", "show guangzhou 2 --json") >= TARGETS["sqlite_utils_vs_json"]

    machine = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
               "sqlite": sqlite3.sqlite_version, "rounds": args.rounds, "sandbox": sandbox}
    width = max(len(k) for k in results)
    print(f"\n{'command':<{width}}  {'median ms':>9}  {'x floor':>7}  {'x hello (min-max)':>19}  {'peak MiB':>8}")
    for name, r in results.items():
        span = f"{r['x_hello']['median']:.2f} ({r['x_hello']['min']:.2f}-{r['x_hello']['max']:.2f})"
        print(f"{name:<{width}}  {r['median_ms']:>9.1f}  {r['x_floor']['median']:>7.2f}  {span:>19}  "
              f"{r['peak_rss_mib']:>8.1f}")
    print()
    for check, ok in checks.items():
        print(f"{'PASS' if ok else 'MISS'}  {check}")
    print(f"\n{machine['platform']}, Python {machine['python']}, SQLite {machine['sqlite']}, {machine['cpus']} CPUs, "
          f"{args.rounds} interleaved rounds; ratios are medians of per-round ratios (min-max)")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"machine": machine, "results": results, "targets": TARGETS,
                                       "checks": checks}, indent=2, ensure_ascii=False) + "\n")
    print(f"figures written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
