"""Start-up and query benchmark: whole `sandbox` processes against the Python floor and a Typer hello app.

Every query is a fresh process, so what users feel is start-up. This script installs nothing: run it with the
interpreter of an environment where sandboxcli is installed from a wheel (e.g. `/tmp/bench/bin/python
bench/run.py`; an editable install compiles the package on every start when bytecode writing is off).

How it measures, so that the figures describe `sandbox` and hold on a noisy, shared machine:
- **Interleaved rounds.** Each round runs every case once, in the same order (floor, hello, then each command);
  a burst of load hits neighbours alike. A ratio is reported as the median of its per-round ratios (command ÷ the
  same round's hello app, or ÷ its floor), with the min–max, over `--rounds` rounds after one warm-up round.
- **CPU time as the yardstick.** The ratios and targets use each process's user + system CPU time from `wait4`:
  on a shared 2-core machine wall time also counts the time a process waited for a core (measured here: per-round
  wall ratios spanning 0.74–1.92 for one command); wall time is reported beside it.
- **Each command's own memory.** A small launcher (`python -S -E`, about 8 MiB) forks, execs the command and
  reads the child's `ru_maxrss` from `wait4`, timing fork to exit. A child's high-water mark starts from its
  parent's size at fork, so measuring from this (larger) benchmark process would report the benchmark's own size;
  the launcher is smaller than any Python program, so what is reported is the command's own peak.
- **Instruction counts** (`--instructions`, needs valgrind): one more pass runs every case under
  `valgrind --tool=callgrind` and counts the instructions it executes. The count does not depend on what else the
  machine is doing (the same total twice, measured), so its ratios are the ones the targets are checked against
  when it is given; the timed ratios stay beside them.
- **Peers in the same run:** `sqlite-utils query`, `datasette --get` and the `sqlite3` shell with the same SQL,
  when installed, and search/compare on a synthetic database `--scale` times the real one.

It prints a table and writes the figures as JSON (default bench/results/latest.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
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
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    f.write(f"{elapsed} {cpu} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
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


def launch(cmd: list[str], env: dict[str, str], scratch: Path) -> tuple[float, float, float]:
    """Wall time (ms), CPU time (user + system, ms) and the command's own peak RSS (MiB), through the launcher."""
    out = scratch / "launch.txt"
    subprocess.run([sys.executable, "-S", "-E", "-c", LAUNCHER, str(out), *cmd], env=env, check=True)
    elapsed, cpu, rss_kib, code = out.read_text().split()
    if int(code) != 0:
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}")
    return float(elapsed), float(cpu), int(rss_kib) / 1024


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    """Instructions the command executes, counted by valgrind's callgrind (deterministic, about 50x slower)."""
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or not found:
        raise SystemExit(f"valgrind failed ({proc.returncode}): {' '.join(cmd)}")
    return int(found.group(1))


def summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 2), "min": round(min(values), 2),
            "max": round(max(values), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (after one warm-up round)")
    parser.add_argument("--sandbox", help="path of the sandbox executable (default: next to this Python)")
    parser.add_argument("--scale", type=int, default=100, help="size factor of the synthetic database")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions with valgrind (deterministic; checks the targets on them)")
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
        walls: dict[str, list[float]] = {name: [] for name, _, _ in cases}
        times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
        rss: dict[str, float] = dict.fromkeys(times, 0.0)
        for round_no in range(args.rounds + 1):
            for name, cmd, case_env in cases:
                elapsed, cpu, peak = launch(cmd, case_env, scratch)
                if round_no:  # the first round warms the page cache and .pyc files
                    walls[name].append(elapsed)
                    times[name].append(cpu)
                    rss[name] = max(rss[name], peak)
            print(f"  round {round_no}/{args.rounds}", file=sys.stderr)
        counts: dict[str, int] = {}
        if args.instructions:
            for name, cmd, case_env in cases:
                if name != "peer: datasette --get":  # a minute under valgrind; timed only
                    counts[name] = instructions(cmd, case_env)
                    print(f"  counted {name}", file=sys.stderr)

    floor, hello_times = times["floor: python -c pass"], times["yardstick: typer hello"]
    results = {}
    for name in times:
        results[name] = {
            "median_wall_ms": round(statistics.median(walls[name]), 1),
            "median_cpu_ms": round(statistics.median(times[name]), 1),
            "wall_x_hello": summary([t / h for t, h in zip(walls[name], walls["yardstick: typer hello"],
                                                           strict=True)]),
            "x_floor": summary([t / f for t, f in zip(times[name], floor, strict=True)]),
            "x_hello": summary([t / h for t, h in zip(times[name], hello_times, strict=True)]),
            "peak_rss_mib": round(rss[name], 1),
        }

    hello_count = counts.get("yardstick: typer hello")
    for name, count in counts.items():
        results[name]["instructions_m"] = round(count / 1e6, 1)
        results[name]["instructions_x_hello"] = round(count / hello_count, 3) if hello_count else None

    def per_round(name: str, base: str) -> float:
        if counts:
            return counts[name] / counts[base]
        return statistics.median(t / b for t, b in zip(times[name], times[base], strict=True))

    def x_hello(name: str) -> float:
        return per_round(name, "yardstick: typer hello")

    floor_rss = results["floor: python -c pass"]["peak_rss_mib"]
    sandbox_rss = max(r["peak_rss_mib"] for k, r in results.items() if not k.startswith(("peer", "floor", "yard")))
    checks = {
        f"JSON commands <= {TARGETS['json_vs_hello']}x hello":
            max(x_hello(k) for k in JSON_CASES) <= TARGETS["json_vs_hello"],
        f"table commands <= {TARGETS['table_vs_hello']}x hello":
            max(x_hello(k) for k in TABLE_CASES) <= TARGETS["table_vs_hello"],
        f"--help <= {TARGETS['help_vs_hello']}x hello":
            x_hello("--help") <= TARGETS["help_vs_hello"],
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
    print(f"\n{'command':<{width}}  {'CPU ms':>6}  {'x floor':>7}  {'x hello (min-max)':>19}  {'wall ms':>7}  "
          f"{'wall x hello':>12}  {'peak MiB':>8}" + (f"  {'instr.':>9}  x hello" if counts else ""))
    for name, r in results.items():
        span = f"{r['x_hello']['median']:.2f} ({r['x_hello']['min']:.2f}-{r['x_hello']['max']:.2f})"
        print(f"{name:<{width}}  {r['median_cpu_ms']:>6.1f}  {r['x_floor']['median']:>7.2f}  {span:>19}  "
              f"{r['median_wall_ms']:>7.1f}  {r['wall_x_hello']['median']:>12.2f}  {r['peak_rss_mib']:>8.1f}"
              + (f"  {r['instructions_m']:>8.1f}M  {r['instructions_x_hello']:.3f}" if "instructions_m" in r else ""))
    print()
    for check, ok in checks.items():
        print(f"{'PASS' if ok else 'MISS'}  {check}")
    print(f"\n{machine['platform']}, Python {machine['python']}, SQLite {machine['sqlite']}, {machine['cpus']} CPUs, "
          f"{args.rounds} interleaved rounds; ratios are medians of per-round ratios (min-max) of CPU time (user + "
          "system), which a busy neighbour does not inflate; wall time beside it")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"machine": machine, "results": results, "targets": TARGETS,
                                       "checks": checks}, indent=2, ensure_ascii=False) + "\n")
    print(f"figures written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
