"""How every check grows with the number of steps: each should be linear.

    python bench/steps.py                    # 500, 1,000, 2,000 and 4,000 steps
    python bench/steps.py --steps 1000,8000
    python bench/steps.py --branched         # a format-2 journey with branches and joins

Builds one long service concept per size from the generated documents' steps (bench/generate.py,
renamed so ids stay unique, organisations pooled), and times every built-in check on it alone (the
median of three runs, CPU seconds, no time limit; each run on a fresh copy of the concept, so
what the checks work out once per service, the journey graph among it, is in every run's time). Prints a table: milliseconds per size and the
growth from the smallest to the largest size divided by the growth in steps, which is about 1 for a
linear check and grows with the size for a quadratic one (2,000 steps of DV201 took 87 ms before it
was made linear). Prints one JSON line per check with --json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import attrs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - bench/ is not a package


def long_service(steps: int) -> dict[str, Any]:
    """A valid service concept with `steps` steps, made of generated ones."""
    base: dict[str, Any] | None = None
    organisations: dict[str, dict[str, Any]] = {}
    all_steps: list[dict[str, Any]] = []
    for number, document in enumerate(generate.services(10_000)):
        if base is None:
            base = document
        for organisation in document["organisations"]:
            organisations.setdefault(organisation["id"], organisation)
        for step in document["steps"]:
            step = dict(step, id=f"{step['id']}-{number}")
            all_steps.append(step)
            if len(all_steps) == steps:
                break
        if len(all_steps) == steps:
            break
    assert base is not None
    service = dict(base, organisations=list(organisations.values()), steps=all_steps)
    service.pop("explanations", None)
    known = set(organisations)
    for section, field in (("owner", "organisation"), ("contact", "single_point"), ("coordination", "coordinator")):
        if isinstance(service.get(section), dict) and service[section].get(field) not in known:
            service[section] = dict(service[section], **{field: next(iter(known))})
    return service


def branched(service: dict[str, Any]) -> dict[str, Any]:
    """The same service in format 2 with a journey of branches and joins: every 7th step joins the
    two steps before it, every 11th branches off from five steps back, every 13th starts afresh."""
    steps = []
    for index, step in enumerate(service["steps"]):
        step = dict(step)
        if "handover" in step:
            step["handovers"] = [step.pop("handover")]
        if index >= 5 and index % 11 == 0:
            step["after"] = [service["steps"][index - 5]["id"]]
        elif index >= 2 and index % 7 == 0:
            step["after"] = [service["steps"][index - 2]["id"], service["steps"][index - 1]["id"]]
        elif index % 13 == 0:
            step["after"] = []
        steps.append(step)
    return dict(service, dienstvisie="2", steps=steps)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Every check's time against the number of steps.")
    parser.add_argument("--steps", default="500,1000,2000,4000")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--branched", action="store_true", help="a format-2 journey with branches and joins")
    args = parser.parse_args(argv)
    sizes = sorted(int(part) for part in args.steps.split(","))

    from dienstvisie.documents.load import read_service
    from dienstvisie.model.check import CheckContext
    from dienstvisie.pipeline.parallel import RunSpec, session_for

    session = session_for(RunSpec(entry_points=False, check_timeout=None))
    times: dict[str, list[float]] = {check.id: [] for check in session.checks}
    for size in sizes:
        document = read_service(branched(long_service(size)) if args.branched else long_service(size))
        context = CheckContext(service=document.model, vision=session.vision, vocabularies=session.vocabularies,
                               today=datetime.date(2026, 12, 1))
        for check in session.checks:
            runs = []
            for _ in range(3):
                fresh = attrs.evolve(context, service=attrs.evolve(document.model))  # nothing kept from the last run
                started = time.process_time()
                for _outcome in check.function(fresh):
                    pass
                runs.append(time.process_time() - started)
            times[check.id].append(statistics.median(runs))
    growth = sizes[-1] / sizes[0]
    print("| check | " + " | ".join(f"{size:,} steps (ms)" for size in sizes) + " | growth / steps growth |")
    print("|---|" + "--:|" * (len(sizes) + 1))
    for check_id, values in times.items():
        ratio = (values[-1] / values[0]) / growth if values[0] > 0 else float("nan")
        print(f"| {check_id} | " + " | ".join(f"{value * 1000:.2f}" for value in values) + f" | {ratio:.2f} |")
        if args.json:
            print(json.dumps({"check": check_id, "steps": sizes, "seconds": values}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
