"""What the main process of a parallel check spends before the first worker gets work, and after the
last result: `python bench/parent.py FOLDER [--jobs 2] [--format json] [--repeat 3]`.

Each round runs `dienstvisie check FOLDER --no-plugins --isolated --format F -o FILE --jobs J` in a
fresh process that notes the time (wall and this process's CPU) when the command starts, when it
hands the documents to the pool, when it sends the first batch of documents to a worker, when the
last result comes in, and when the command returns. It prints the medians as JSON (seconds), with
the load average before each round:

  start        command start → first batch sent to a worker (arguments, plugins, vision, checks,
               discovery of the documents, starting the workers)
  discovery    command start → documents handed to the pool (the part of `start` before the pool)
  end          last result in → command returns (stopping the workers, the end of the report,
               putting the file in place)
  main_cpu     the main process's CPU over the whole command (merging the parts included)

Only the standard library and dienstvisie are used; the hooks are wrappers set from outside.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, os, sys, time
marks = {}
def now():
    return time.perf_counter(), time.process_time()
from multiprocessing import connection
send = connection.Connection.send
main_pid = os.getpid()
def noting_send(self, obj):
    if os.getpid() == main_pid and isinstance(obj, list) and "first_batch" not in marks:
        marks["first_batch"] = now()
    return send(self, obj)
connection.Connection.send = noting_send
import dienstvisie.pipeline.parallel as parallel
check_files = parallel.check_files
def noting_check_files(*args, **kwargs):
    marks["pool"] = now()
    for item in check_files(*args, **kwargs):
        marks["last"] = now()
        yield item
parallel.check_files = noting_check_files
from dienstvisie.cli.main import main
marks["start"] = now()
code = main(sys.argv[1:])
marks["return"] = now()
print(json.dumps({"code": code, **marks}), file=sys.stderr)
"""


def one_round(folder: Path, jobs: int, fmt: str, output: Path) -> dict[str, float]:
    command = [sys.executable, "-c", _CHILD, "check", str(folder), "--no-plugins", "--isolated", "--format", fmt,
               "-o", str(output), "--jobs", str(jobs), "--no-progress"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    result = subprocess.run(command, capture_output=True, text=True)
    marks = json.loads(result.stderr.strip().splitlines()[-1])
    if marks["code"] not in (0, 1):
        raise SystemExit(f"the check ended with {marks['code']}:\n{result.stderr}")
    start, ret = marks["start"], marks["return"]
    first = marks.get("first_batch", marks["pool"])  # no batch: too few documents for workers
    return {
        "start_wall": first[0] - start[0], "start_cpu": first[1] - start[1],
        "discovery_wall": marks["pool"][0] - start[0],
        "end_wall": ret[0] - marks["last"][0], "end_cpu": ret[1] - marks["last"][1],
        "main_cpu": ret[1] - start[1], "wall": ret[0] - start[0], "load": load,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="json")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        rounds = [one_round(args.folder, args.jobs, args.format, Path(work) / f"report.{args.format}")
                  for _ in range(args.repeat)]
    medians = {key: round(statistics.median(r[key] for r in rounds), 3) for key in rounds[0]}
    print(json.dumps({"medians": medians, "rounds": rounds}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
