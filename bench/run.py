"""The benchmark, in one command: `.venv/bin/python bench/run.py` (see docs/performance.md).

For each size N (default 1,000 and 10,000) it generates N realistic service concepts from a fixed
seed (bench/generate.py) into a temporary folder and measures, side by side, each in a fresh process:

  (a) the floor: the same files read with PyYAML's `safe_load` and validated against the same JSON
      Schema with `jsonschema`, nothing else (bench/floor.py);
  (b) dienstvisie's full check, `dienstvisie check FOLDER --no-plugins --isolated -o report.txt`:
      serially (`--jobs 1`) and in two processes (`--jobs 2`).

It reports wall time, CPU time (all processes), documents per second, peak memory (the resident
memory of the whole process tree, sampled every 50 ms) and the ratios the targets are about: check / floor, time at the largest
size / time at the smallest (linearity), serial / `--jobs 2` (speed-up); and the start-up time of
`dienstvisie --version` against a bare `python -c pass`. Also measured for reference: the floor with
PyYAML's C loader (libyaml).

    python bench/run.py                      # 1,000 and 10,000 documents (about ten minutes on 2 cores)
    python bench/run.py --sizes 200,2000     # other sizes
    python bench/run.py --repeat 3           # best of three runs per measurement (noisy machines)
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
    "check_vs_floor": 2.0,  # full check at most 2x the floor
    "linearity": 11.0,  # 10x the documents, at most 11x the time
    "speedup_jobs2": 1.6,  # --jobs 2 at least 1.6x faster than serial
    "startup_vs_python": 2.0,  # --version within 2x of a bare python
}
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


def best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest of repeated runs (its own memory figure)."""
    return min(runs, key=lambda run: run["seconds"])


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

def run(sizes: list[int], jobs: int, seed: int, repeat: int, keep: Path | None) -> dict[str, Any]:
    python = sys.executable
    dienstvisie = dienstvisie_command()
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="dienstvisie-bench-"))
    results: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_before": os.getloadavg() if hasattr(os, "getloadavg") else None},
        "seed": seed, "jobs": jobs, "repeat": repeat, "sizes": {},
    }
    try:
        for size in sizes:
            folder = work / f"n{size}"
            if not folder.exists():
                started = time.perf_counter()
                generate.write(size, folder, seed)
                print(f"generated {size} documents in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            report = work / f"report-{size}.txt"
            rows: dict[str, Any] = {}
            plans = {
                "floor": [python, str(HERE / "floor.py"), str(folder)],
                "floor_libyaml": [python, str(HERE / "floor.py"), "--libyaml", str(folder)],
                "check_serial": [*dienstvisie, "check", str(folder), "--no-plugins", "--isolated", "--jobs", "1",
                                 "-o", str(report)],
                f"check_jobs{jobs}": [*dienstvisie, "check", str(folder), "--no-plugins", "--isolated", "--jobs",
                                      str(jobs), "-o", str(report)],
            }
            for name, command in plans.items():
                runs = []
                for _ in range(repeat):
                    result = measure(command)
                    if name.startswith("floor"):
                        floor = json.loads(result["stdout"])
                        assert floor["documents"] == size and floor["invalid"] == 0, floor
                    elif result["code"] not in (0, 1):
                        raise SystemExit(f"{name} failed ({result['code']}): {result['stderr'][-2000:]}")
                    runs.append(result)
                    print(f"n={size:>6} {name:<14} {result['seconds']:8.2f} s  {result['cpu_seconds']:8.2f} s CPU  "
                          f"{result['peak_bytes'] / 2**20:7.1f} MB", file=sys.stderr)
                chosen = best(runs)
                rows[name] = {"seconds": round(chosen["seconds"], 3), "cpu_seconds": round(chosen["cpu_seconds"], 3),
                              "docs_per_second": round(size / chosen["seconds"], 1),
                              "peak_mb": round(chosen["peak_bytes"] / 2**20, 1),
                              "all_seconds": [round(r["seconds"], 3) for r in runs]}
            rows["check_vs_floor"] = round(rows["check_serial"]["seconds"] / rows["floor"]["seconds"], 2)
            rows["check_vs_floor_libyaml"] = round(rows["check_serial"]["seconds"] / rows["floor_libyaml"]["seconds"], 2)
            rows["speedup_jobs2"] = round(rows["check_serial"]["seconds"] / rows[f"check_jobs{jobs}"]["seconds"], 2)
            results["sizes"][str(size)] = rows
        if len(sizes) > 1:
            small, large = str(min(sizes)), str(max(sizes))
            factor = max(sizes) / min(sizes)
            results["linearity"] = {
                "factor": factor,
                **{name: round(results["sizes"][large][name]["seconds"] / results["sizes"][small][name]["seconds"], 2)
                   for name in ("floor", "check_serial", f"check_jobs{jobs}")},
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
        results["machine"]["load_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return results


def verdicts(results: dict[str, Any]) -> dict[str, tuple[float, float, bool]]:
    """(measured, target, met) per target, at the largest size."""
    sizes = results["sizes"]
    large = sizes[max(sizes, key=int)]
    jobs = results["jobs"]
    found = {
        "check_vs_floor": (large["check_vs_floor"], TARGETS["check_vs_floor"],
                           large["check_vs_floor"] <= TARGETS["check_vs_floor"]),
        "speedup_jobs2": (large["speedup_jobs2"], TARGETS["speedup_jobs2"], large["speedup_jobs2"] >= TARGETS["speedup_jobs2"]),
        "startup_vs_python": (results["startup"]["ratio"], TARGETS["startup_vs_python"],
                              results["startup"]["ratio"] <= TARGETS["startup_vs_python"]),
    }
    if "linearity" in results:
        worst = max(results["linearity"]["check_serial"], results["linearity"][f"check_jobs{jobs}"])
        limit = TARGETS["linearity"] * results["linearity"]["factor"] / 10
        found["linearity"] = (worst, limit, worst <= limit)
    return found


def table(results: dict[str, Any]) -> str:
    """The figures as Markdown tables."""
    jobs = results["jobs"]
    lines = ["| documents | measurement | seconds | CPU seconds | documents/s | peak memory (MB) |", "|--:|---|--:|--:|--:|--:|"]
    names = {"floor": "floor: safe_load + jsonschema", "floor_libyaml": "floor with libyaml (reference)",
             "check_serial": "dienstvisie check --jobs 1", f"check_jobs{jobs}": f"dienstvisie check --jobs {jobs}"}
    for size, rows in results["sizes"].items():
        for key, name in names.items():
            row = rows[key]
            lines.append(f"| {int(size):,} | {name} | {row['seconds']:.2f} | {row['cpu_seconds']:.2f} | "
                         f"{row['docs_per_second']:.0f} | {row['peak_mb']:.0f} |")
    lines += ["", "| ratio | " + " | ".join(f"{int(s):,}" for s in results["sizes"]) + " |",
              "|---|" + "--:|" * len(results["sizes"])]
    for key, name in (("check_vs_floor", "check / floor"), ("check_vs_floor_libyaml", "check / floor with libyaml"),
                      ("speedup_jobs2", f"speed-up --jobs {jobs}")):
        lines.append(f"| {name} | " + " | ".join(f"{rows[key]:.2f}" for rows in results["sizes"].values()) + " |")
    if "linearity" in results:
        lin = results["linearity"]
        lines += ["", f"Linearity (time at {max(map(int, results['sizes'])):,} / time at {min(map(int, results['sizes'])):,}, "
                      f"{lin['factor']:.0f}x the documents): floor {lin['floor']}, check --jobs 1 {lin['check_serial']}, "
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
                  f"load average before {_load(machine['load_before'])}, after {_load(machine.get('load_after'))}."]
    return "\n".join(lines)


def _load(value: Any) -> str:
    return "n/a" if not value else " ".join(f"{v:.2f}" for v in value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of documents (default: 1000,10000)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the parallel run (default: 2)")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts (default: 1)")
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder instead of a temporary one")
    parser.add_argument("--json", type=Path, help="also write the figures to this file as JSON")
    args = parser.parse_args(argv)
    sizes = sorted(int(part) for part in args.sizes.split(",") if part.strip())
    results = run(sizes, args.jobs, args.seed, max(1, args.repeat), args.keep)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
