"""The benchmark, in one command: `.venv/bin/python bench/run.py` (see docs/performance.md).

For each size N (default 1,000 and 10,000; 100,000 with `--sizes 1000,10000,100000` or `--large`)
it generates N realistic service concepts from a fixed seed (bench/generate.py) into a temporary
folder and measures, side by side, each in a fresh process, the measurements taking turns (A, B,
C, D, A, B, …, `--repeat` rounds) so that a busy spell of the shared machine falls on all of them:

  floor        the same files read with PyYAML's C loader (`yaml.CSafeLoader`) and validated against
               the same JSON Schema with one reused `jsonschema` validator (bench/floor.py --libyaml);
  c_loader     the C loader alone, no validation: the hard floor (bench/floor.py --libyaml --no-validate);
  check_serial dienstvisie's full check, `dienstvisie check FOLDER --no-plugins --isolated --format json
               -o report.json --jobs 1`;
  check_jobsJ  the same with `--jobs J` (default 2); next to it, in the same round, a two-loop yardstick:
               one pure-Python loop alone, then two at once, whose ratio says how much of a second
               core the machine gave at that moment (2.0 on an idle two-core machine);
  pure_floor   with `--pure-floor`: the floor with PyYAML's pure-Python loader (`safe_load`), as the
               first benchmark had it.

It reports medians of wall time and CPU time (all processes), documents per second, peak memory
(the resident memory of the whole process tree, sampled every 50 ms), the load average before each
measurement, and the ratios the targets are about: check / floor and check / C loader (CPU), time at
the largest size / time at the smallest (linearity), serial / `--jobs J` (wall, the speed-up). Per
size, bench/phases.py times the phases of a full check in one process (CPU seconds). And the start-up
of `dienstvisie --version` against a bare `python -c pass`.

    python bench/run.py                      # 1,000 and 10,000 documents, three rounds
    python bench/run.py --sizes 200,2000     # other sizes
    python bench/run.py --large              # adds 100,000 documents, one round of the checks only
    python bench/run.py --json results.json  # the figures as JSON as well

Only the standard library is used besides dienstvisie and its dependencies. Peak memory is read
from /proc (Linux); elsewhere the largest single process's peak is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - bench/ is not a package

TARGETS = {
    "check_vs_floor": 0.5,  # full check serial at most 0.5x the floor (C loader + jsonschema), CPU, at 10,000
    "check_vs_c_loader": 1.5,  # stretch: at most 1.5x the C loader alone
    "linearity": 10.5,  # 10x the documents, at most 10.5x the time
    "speedup_jobs2": 1.8,  # --jobs 2 at least 1.8x faster than serial (wall), on an idle two-core machine
    "peak_mb_json": 500.0,  # the largest size checked with JSON output under 500 MB
    "startup_vs_python": 2.0,  # --version within 2x of a bare python
}
LOOP = "n = 0\nfor i in range(12_000_000):\n    n += i\n"  # about a second of pure-Python work
HEAVY = ("jsonschema", "yaml", "cattrs", "jinja2", "referencing", "pluggy", "markupsafe")
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# -------------------------------------------------------------------------------------- measuring

def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (0 where /proc is missing)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        total += _rss(current)
        stack += _children(current)
    return total


def measure(command: list[str], *, stdout: Path | None = None) -> dict[str, Any]:
    """Run `command`; its wall time, peak memory of its process tree, exit code and output."""
    out = open(stdout, "w", encoding="utf-8") if stdout else tempfile.TemporaryFile("w+")  # noqa: SIM115
    err = tempfile.TemporaryFile("w+")  # noqa: SIM115
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=out, stderr=err)
    peak = 0
    cpu = 0.0
    has_proc = Path("/proc").is_dir()
    while True:
        if has_proc:
            peak = max(peak, tree_rss(process.pid))
        try:
            _, status, usage = os.wait4(process.pid, os.WNOHANG)
        except ChildProcessError:
            break
        if _:
            process.returncode = os.waitstatus_to_exitcode(status)
            peak = max(peak, usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024))
            cpu = usage.ru_utime + usage.ru_stime  # with the worker processes it waited for
            break
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    err.seek(0)
    text = ""
    if not stdout:
        out.seek(0)
        text = out.read()
    out.close()
    errors = err.read()
    err.close()
    return {"seconds": elapsed, "cpu_seconds": cpu, "peak_bytes": peak, "code": process.returncode, "stdout": text,
            "stderr": errors}


def summary(runs: list[dict[str, Any]], size: int) -> dict[str, Any]:
    """Medians of repeated runs (the largest peak memory), with every run's figures beside them."""
    seconds = statistics.median(run["seconds"] for run in runs)
    return {"seconds": round(seconds, 3), "cpu_seconds": round(statistics.median(run["cpu_seconds"] for run in runs), 3),
            "docs_per_second": round(size / seconds, 1), "peak_mb": round(max(run["peak_bytes"] for run in runs) / 2**20, 1),
            "all_seconds": [round(run["seconds"], 3) for run in runs],
            "all_cpu_seconds": [round(run["cpu_seconds"], 3) for run in runs],
            "load": [run.get("load") for run in runs]}


def yardstick(python: str) -> dict[str, float]:
    """How parallel the machine is right now: one pure-Python loop alone, then two at once."""
    started = time.perf_counter()
    subprocess.run([python, "-c", LOOP], check=True)
    alone = time.perf_counter() - started
    started = time.perf_counter()
    both = [subprocess.Popen([python, "-c", LOOP]) for _ in range(2)]
    for process in both:
        process.wait()
    together = time.perf_counter() - started
    return {"alone": round(alone, 3), "two_at_once": round(together, 3), "parallelism": round(2 * alone / together, 2)}


def _loadavg() -> list[float] | None:
    return [round(v, 2) for v in os.getloadavg()] if hasattr(os, "getloadavg") else None


def startup(command: list[str], runs: int = 30) -> float:
    """Median wall time of `command` in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def dienstvisie_command() -> list[str]:
    script = Path(sys.executable).parent / "dienstvisie"
    return [str(script)] if script.exists() else [sys.executable, "-m", "dienstvisie"]


# ---------------------------------------------------------------------------------------- the run

def run(sizes: list[int], jobs: int, seed: int, repeat: int, keep: Path | None, pure_floor: bool = False,
        large: set[int] | None = None) -> dict[str, Any]:
    """Every measurement at every size; sizes in `large` get one round of the checks only."""
    python = sys.executable
    dienstvisie = dienstvisie_command()
    large = large or set()
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="dienstvisie-bench-"))
    results: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_before": _loadavg(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())},
        "seed": seed, "jobs": jobs, "repeat": repeat, "sizes": {},
    }
    try:
        for size in sizes:
            folder = work / f"n{size}"
            if not folder.exists():
                started = time.perf_counter()
                generate.write(size, folder, seed)
                print(f"generated {size} documents in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            report = work / f"report-{size}.json"
            check = [*dienstvisie, "check", str(folder), "--no-plugins", "--isolated", "--format", "json", "-o", str(report)]
            plans = {
                "floor": [python, str(HERE / "floor.py"), "--libyaml", str(folder)],
                "c_loader": [python, str(HERE / "floor.py"), "--libyaml", "--no-validate", str(folder)],
                "check_serial": [*check, "--jobs", "1"],
                f"check_jobs{jobs}": [*check, "--jobs", str(jobs)],
            }
            if pure_floor:
                plans["pure_floor"] = [python, str(HERE / "floor.py"), str(folder)]
            if size in large:
                plans = {name: command for name, command in plans.items() if name.startswith("check")}
            runs: dict[str, list[dict[str, Any]]] = {name: [] for name in plans}
            sticks: list[dict[str, float]] = []
            for _ in range(1 if size in large else repeat):
                for name, command in plans.items():
                    if name.startswith("check_jobs"):
                        sticks.append(yardstick(python))
                    load = _loadavg()
                    result = measure(command)
                    result["load"] = load[0] if load else None
                    if "floor" in name or name == "c_loader":
                        floor = json.loads(result["stdout"])
                        assert floor["documents"] == size and floor["invalid"] == 0, floor
                    elif result["code"] not in (0, 1):
                        raise SystemExit(f"{name} failed ({result['code']}): {result['stderr'][-2000:]}")
                    runs[name].append(result)
                    print(f"n={size:>6} {name:<14} {result['seconds']:8.2f} s  {result['cpu_seconds']:8.2f} s CPU  "
                          f"{result['peak_bytes'] / 2**20:7.1f} MB  load {result['load']}", file=sys.stderr)
            rows: dict[str, Any] = {name: summary(found, size) for name, found in runs.items()}
            rows["yardstick"] = {"parallelism_median": statistics.median(s["parallelism"] for s in sticks), "runs": sticks}
            serial, parallel = rows["check_serial"], rows[f"check_jobs{jobs}"]
            rows["speedup_jobs2"] = round(serial["seconds"] / parallel["seconds"], 2)
            if "floor" in rows:
                rows["check_vs_floor"] = round(serial["cpu_seconds"] / rows["floor"]["cpu_seconds"], 2)
                rows["check_vs_c_loader"] = round(serial["cpu_seconds"] / rows["c_loader"]["cpu_seconds"], 2)
                rows["check_vs_floor_wall"] = round(serial["seconds"] / rows["floor"]["seconds"], 2)
                phases = subprocess.run([python, str(HERE / "phases.py"), str(folder)], capture_output=True, text=True,
                                        check=True)
                rows["phases"] = json.loads(phases.stdout)["cpu_seconds"]
            rows["report_mb"] = round(report.stat().st_size / 2**20, 1) if report.exists() else None
            results["sizes"][str(size)] = rows
        timed = [size for size in sizes if size not in large]
        if len(timed) > 1:
            small, big = str(min(timed)), str(max(timed))
            factor = max(timed) / min(timed)
            results["linearity"] = {
                "factor": factor, "from": int(small), "to": int(big),
                **{name: round(results["sizes"][big][name]["cpu_seconds"] / results["sizes"][small][name]["cpu_seconds"], 2)
                   for name in ("floor", "c_loader", "check_serial", f"check_jobs{jobs}")},
            }
        bare = startup([python, "-c", "pass"])
        version = startup([*dienstvisie, "--version"])
        imported = subprocess.run(
            [python, "-c", "import json, sys, dienstvisie.cli.main; print(json.dumps(sorted(sys.modules)))"],
            capture_output=True, text=True, check=True)
        modules = set(json.loads(imported.stdout))
        results["startup"] = {"python_ms": round(bare, 1), "version_ms": round(version, 1),
                              "ratio": round(version / bare, 2),
                              "heavy_modules_imported": sorted(m for m in HEAVY if m in modules)}
        results["machine"]["load_after"] = _loadavg()
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return results


def verdicts(results: dict[str, Any]) -> dict[str, tuple[float, float, bool]]:
    """(measured, target, met) per target: ratios at the largest size with a floor, memory at the largest."""
    sizes = results["sizes"]
    compared = [size for size in sizes if "check_vs_floor" in sizes[size]]
    at = sizes[max(compared, key=int)] if compared else None
    largest = sizes[max(sizes, key=int)]
    jobs = results["jobs"]
    found: dict[str, tuple[float, float, bool]] = {}
    if at is not None:
        for key in ("check_vs_floor", "check_vs_c_loader"):
            found[key] = (at[key], TARGETS[key], at[key] <= TARGETS[key])
        found["speedup_jobs2"] = (at["speedup_jobs2"], TARGETS["speedup_jobs2"], at["speedup_jobs2"] >= TARGETS["speedup_jobs2"])
    peak = max(largest["check_serial"]["peak_mb"], largest[f"check_jobs{jobs}"]["peak_mb"])
    found["peak_mb_json"] = (peak, TARGETS["peak_mb_json"], peak < TARGETS["peak_mb_json"])
    found["startup_vs_python"] = (results["startup"]["ratio"], TARGETS["startup_vs_python"],
                                  results["startup"]["ratio"] <= TARGETS["startup_vs_python"])
    if "linearity" in results:
        worst = max(results["linearity"]["check_serial"], results["linearity"][f"check_jobs{jobs}"])
        limit = TARGETS["linearity"] * results["linearity"]["factor"] / 10
        found["linearity"] = (worst, limit, worst <= limit)
    return found


def table(results: dict[str, Any]) -> str:
    """The figures as Markdown tables."""
    jobs = results["jobs"]
    lines = ["| documents | measurement | seconds | CPU seconds | documents/s | peak memory (MB) | load |",
             "|--:|---|--:|--:|--:|--:|--:|"]
    names = {"floor": "floor: C loader + jsonschema", "c_loader": "C loader alone (hard floor)",
             "pure_floor": "floor with the pure-Python loader", "check_serial": "dienstvisie check --jobs 1",
             f"check_jobs{jobs}": f"dienstvisie check --jobs {jobs}"}
    for size, rows in results["sizes"].items():
        for key, name in names.items():
            if key not in rows:
                continue
            row = rows[key]
            loads = [load for load in row["load"] if load is not None]
            lines.append(f"| {int(size):,} | {name} | {row['seconds']:.2f} | {row['cpu_seconds']:.2f} | "
                         f"{row['docs_per_second']:.0f} | {row['peak_mb']:.0f} | "
                         f"{statistics.median(loads) if loads else 'n/a'} |")
    lines += ["", "| ratio | " + " | ".join(f"{int(s):,}" for s in results["sizes"]) + " |",
              "|---|" + "--:|" * len(results["sizes"])]
    for key, name in (("check_vs_floor", "check / floor (CPU)"), ("check_vs_c_loader", "check / C loader (CPU)"),
                      ("check_vs_floor_wall", "check / floor (wall)"), ("speedup_jobs2", f"speed-up --jobs {jobs} (wall)")):
        lines.append(f"| {name} | " + " | ".join(f"{rows[key]:.2f}" if key in rows else "–"
                                                 for rows in results["sizes"].values()) + " |")
    lines.append("| two-loop yardstick (2.0: two idle cores) | "
                 + " | ".join(f"{rows['yardstick']['parallelism_median']:.2f}" for rows in results["sizes"].values()) + " |")
    phased = {size: rows["phases"] for size, rows in results["sizes"].items() if "phases" in rows}
    if phased:
        names_of_phases = list(next(iter(phased.values())))
        lines += ["", "| phase (CPU ms per document) | " + " | ".join(f"{int(s):,}" for s in phased) + " |",
                  "|---|" + "--:|" * len(phased)]
        for phase in names_of_phases:
            lines.append(f"| {phase} | " + " | ".join(f"{phases[phase] * 1000 / int(size):.3f}"
                                                     for size, phases in phased.items()) + " |")
    if "linearity" in results:
        lin = results["linearity"]
        lines += ["", f"Linearity (CPU time at {lin['to']:,} / at {lin['from']:,}, {lin['factor']:.0f}x the documents): "
                      f"floor {lin['floor']}, C loader {lin['c_loader']}, check --jobs 1 {lin['check_serial']}, "
                      f"check --jobs {jobs} {lin[f'check_jobs{jobs}']}."]
    start = results["startup"]
    lines += ["", f"Start-up: `python -c pass` {start['python_ms']} ms, `dienstvisie --version` {start['version_ms']} ms "
                  f"(ratio {start['ratio']}); heavy modules imported by the CLI entry point: "
                  f"{', '.join(start['heavy_modules_imported']) or 'none'}."]
    lines += ["", "| target | measured | limit | met |", "|---|--:|--:|---|"]
    for key, (measured, limit, met) in verdicts(results).items():
        lines.append(f"| {key} | {measured} | {limit:g} | {'yes' if met else 'NO'} |")
    machine = results["machine"]
    lines += ["", f"Machine: {machine['cores']} cores, Python {machine['python']}, {machine['platform']}; "
                  f"{machine['date']}; load average before {_load(machine['load_before'])}, "
                  f"after {_load(machine.get('load_after'))}; medians of {results['repeat']} rounds."]
    return "\n".join(lines)


def _load(value: Any) -> str:
    return "n/a" if not value else " ".join(f"{v:.2f}" for v in value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of documents (default: 1000,10000)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the parallel run (default: 2)")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=3, help="rounds, the measurements taking turns; medians count (default: 3)")
    parser.add_argument("--large", action="store_true", help="add 100,000 documents (one round of the checks only)")
    parser.add_argument("--pure-floor", action="store_true", help="also the floor with the pure-Python loader")
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder instead of a temporary one")
    parser.add_argument("--json", type=Path, help="also write the figures to this file as JSON")
    args = parser.parse_args(argv)
    sizes = sorted(int(part) for part in args.sizes.split(",") if part.strip())
    large = {100_000} if args.large else set()
    sizes = sorted(set(sizes) | large)
    results = run(sizes, args.jobs, args.seed, max(1, args.repeat), args.keep, args.pure_floor, large)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
