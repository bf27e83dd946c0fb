"""The soak, in one command: many runs over many documents with random faults in checks and workers.

    .venv/bin/python bench/soak.py                          # 40 runs of up to 120 documents (minutes)
    .venv/bin/python bench/soak.py --rounds 200 --max-docs 400 --seed 7
    DIENSTVISIE_SOAK=1 .venv/bin/python -m pytest tests/test_soak.py   # the same, from pytest

Each run generates a folder of service concepts (bench/generate.py, a seed per run), sometimes with
a broken document, and checks it as a user would (`python -m dienstvisie check`, a fresh process)
with a plugin that injects faults (bench/soak_faults.py): a check that raises, returns garbage,
hangs past the time limit, calls `os._exit` or `sys.exit`, prints to standard output, kills its
own worker process (SIGKILL, as the out-of-memory killer does), or is slow; a report hook that
raises or prints. Jobs (1 or 2), report format and output (stdout or `-o`) are drawn at random.

Which service gets which fault follows from the run's seed, so every run is held to exactly what
its report must say: the exit code; no traceback; a report on stdout that parses, with nothing
else in it; every document accounted for (a report, or an error naming it: invalid, or lost with
its worker); each fault shown as the error finding or plugin error it must be, the other services'
findings untouched; no process of the run left alive; no temporary file left beside the output.
A run that does not finish within its time is a hang. Any broken promise is printed and the soak
exits 1; `--keep DIR` keeps the folders of the runs that broke one.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.dom.minidom
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BROKEN = ROOT / "tests" / "corpus" / "broken" / "missing-required.yaml"
CHECK_TIMEOUT = 0.5


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"dienstvisie_soak_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _module("generate")
faults = _module("soak_faults")


def _expected_finding(fault: str | None) -> tuple[str, str]:
    """(status, a piece of the English message) of the fault check's finding for a fault."""
    return {
        "raise": ("error", "RuntimeError: soak: raised"),
        "garbage": ("error", "returned str instead of an Outcome"),
        "hang": ("error", f"time limit of {CHECK_TIMEOUT:g} s"),
        "exit": ("error", "os._exit(7) was called"),
        "sys-exit": ("error", "SystemExit: 8"),
    }.get(fault or "", ("failed", "seen"))


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


FORMATS = ("json", "json", "sarif", "junit", "csv", "text")
"""The report formats a run draws from (JSON, read finding by finding, twice as often)."""


def one_run(number: int, seed: int, max_docs: int, rate: float, work: Path,
            formats: tuple[str, ...] = FORMATS) -> tuple[str, list[str]]:
    """Run one soak round in `work`: what it was, and the promises it broke (empty: all kept)."""
    from dienstvisie.documents.load import read_service
    from dienstvisie.pipeline.parallel import worker_count

    rng = random.Random(seed * 1000 + number)
    count = rng.randint(4, max_docs)
    folder = work / "diensten"
    generate.write(count, folder / "gegenereerd", seed=rng.randrange(1 << 30))
    broken = rng.random() < 0.3
    if broken:
        shutil.copy(BROKEN, folder / "kapot.yaml")
    files = sorted(str(path) for path in folder.rglob("*.yaml"))
    jobs = rng.choice([1, 2])
    parallel = worker_count(len(files), jobs) > 0
    kinds = tuple(kind for kind in faults.KINDS if parallel or kind != "kill")  # SIGKILL in serial ends the run
    fault_seed = rng.randrange(1 << 30)
    format_name = rng.choice(formats)
    to_file = rng.random() < 0.4
    output = work / "uit" / f"rapport.{format_name}"
    output.parent.mkdir()
    ids = {}
    for file in files:
        try:
            ids[file] = read_service(file).model.id
        except Exception:  # the broken document
            ids[file] = None
    fault_of = {file: faults.fault_for(fault_seed, service, rate, kinds) if service else None
                for file, service in ids.items()}
    command = [sys.executable, "-m", "dienstvisie", "check", str(folder), "--plugin", "soak_faults", "--isolated",
               "--check-timeout", str(CHECK_TIMEOUT), "--jobs", str(jobs), "--format", format_name, "--lang", "en",
               "--no-progress"] + (["-o", str(output)] if to_file else [])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(BENCH), os.environ.get("PYTHONPATH", "")]),
           "DV_SOAK_SEED": str(fault_seed), "DV_SOAK_RATE": str(rate), "DV_SOAK_KINDS": ",".join(kinds)}
    hangs = sum(fault == "hang" for fault in fault_of.values())
    limit = 60 + count * 0.2 + hangs * CHECK_TIMEOUT * 4
    where = (f"run {number}: {count} documents{' + 1 broken' if broken else ''}, --jobs {jobs}, {format_name}"
             f"{' -o' if to_file else ''}, faults {sorted(f for f in fault_of.values() if f)}")
    process = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return where, [f"{where}: did not finish within {limit:.0f} s (a hang)"]
    broken_promises: list[str] = []

    def promise(kept: bool, what: str) -> None:
        if not kept:
            broken_promises.append(f"{where}: {what}")

    deadline = time.monotonic() + 5
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _group_alive(process.pid):
        os.killpg(process.pid, signal.SIGKILL)
        promise(False, "a process of the run outlived it")
    lost = {file for file, fault in fault_of.items() if fault == "kill"}
    invalid = {file for file, service in ids.items() if service is None}
    promise(process.returncode == (2 if lost or invalid else 1), f"exit code {process.returncode}: {stderr[-500:]}")
    promise("Traceback" not in stderr and "internal error" not in stderr, f"a traceback on stderr: {stderr[-800:]}")
    promise("SOAK NOISE" not in stdout, "plugin output on stdout")
    report_text = output.read_text(encoding="utf-8") if to_file and output.exists() else stdout
    promise(not to_file or stdout == "", "output on stdout besides the report file")
    left = sorted(path.name for path in output.parent.iterdir())
    promise(left == ([output.name] if to_file else []), f"files beside the output: {left}")
    if format_name in ("json", "sarif"):
        try:
            data = json.loads(report_text)
        except ValueError as error:
            return where, [*broken_promises, f"{where}: the report is not JSON: {error}"]
        if format_name == "json":
            _json_promises(data, ids, fault_of, lost, invalid, broken_promises, where)
    elif format_name == "junit":
        try:
            xml.dom.minidom.parseString(report_text)
        except Exception as error:
            promise(False, f"the JUnit report is not XML: {error}")
    for file in lost:
        promise(f"{file}: error: the worker process checking this document" in stderr, f"{file} lost without a word")
    return where, broken_promises


def _json_promises(data: dict[str, Any], ids: dict[str, str | None], fault_of: dict[str, str | None], lost: set[str],
                   invalid: set[str], broken: list[str], where: str) -> None:
    """The promises of a JSON report: every document, every fault as it must show."""
    def promise(kept: bool, what: str) -> None:
        if not kept:
            broken.append(f"{where}: {what}")

    services = {service["file"]: service for service in data["services"]}
    errors = {error["file"]: error for error in data["errors"]}
    promise(set(services) | set(errors) == set(ids), "a document is missing from the report")
    promise(set(errors) == lost | invalid, f"errors for {sorted(set(errors) ^ (lost | invalid))}")
    for file in lost:
        if file in errors:
            promise(errors[file]["problems"][0]["code"] == "worker.lost", f"{file}: not reported as lost")
    for file, service in services.items():
        status, words = _expected_finding(fault_of[file])
        found = [f for f in service["findings"] if f["check"] == faults.CHECK_ID]
        promise(len(found) == 1 and found[0]["status"] == status and words in found[0]["message"]["en"],
                f"{file} ({fault_of[file]}): {found}")
        promise(any(f["check"].startswith("DV") for f in service["findings"]), f"{file}: the built-in checks did not run")
    raised = [e for e in data["plugin_errors"] if e["plugin"] == "soak_faults"]
    expected = sum(fault == "report-raise" for file, fault in fault_of.items() if file not in lost)
    promise(len(raised) == expected and all("soak: report hook raised" in e["message"] for e in raised),
            f"{len(raised)} report-hook errors, {expected} expected")
    promise(data["result"] == "fail", "result is not fail")


def soak(rounds: int, max_docs: int, seed: int, rate: float, keep: Path | None, quiet: bool = False,
         formats: tuple[str, ...] = FORMATS) -> list[str]:
    """Run the soak; every broken promise, as a line."""
    problems: list[str] = []
    for number in range(rounds):
        with tempfile.TemporaryDirectory(prefix="dienstvisie-soak-") as folder:
            where, found = one_run(number, seed, max_docs, rate, Path(folder), formats)
            if found and keep is not None:
                shutil.copytree(folder, keep / f"run-{number}", dirs_exist_ok=True)
        problems += found
        if not quiet:
            print(f"{where}: {'ok' if not found else f'{len(found)} broken promise(s)'}", file=sys.stderr)
            for problem in found:
                print(f"  {problem}", file=sys.stderr)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Many runs with random faults in checks and workers.")
    parser.add_argument("--rounds", type=int, default=40, help="runs (default 40)")
    parser.add_argument("--max-docs", type=int, default=120, help="at most this many documents per run (default 120)")
    parser.add_argument("--seed", type=int, default=20261201, help="seed of the whole soak")
    parser.add_argument("--rate", type=float, default=0.15, help="fraction of services with a fault (default 0.15)")
    parser.add_argument("--keep", type=Path, help="keep the folders of runs that broke a promise here")
    args = parser.parse_args(argv)
    problems = soak(args.rounds, args.max_docs, args.seed, args.rate, args.keep)
    print(f"soak: {args.rounds} runs, {len(problems)} broken promise(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
