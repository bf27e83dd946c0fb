"""The faults the soak (bench/soak.py) injects: a plugin whose check misbehaves for chosen services.

Which service gets which fault follows from a seed and the service id alone (`fault_for`), so the
soak knows what every report must say. Loaded with `--plugin soak_faults` (bench/ on PYTHONPATH),
also in worker processes. Environment: DV_SOAK_SEED, DV_SOAK_RATE (0..1), DV_SOAK_KINDS (comma list).
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from typing import Any

from dienstvisie import CheckContext, Outcome, Severity, Text, define_check, fail, hookimpl

KINDS = ("raise", "garbage", "hang", "exit", "sys-exit", "print", "kill", "slow", "report-raise", "report-print")
"""What a fault can be. `kill` (SIGKILL: a lost worker) only makes sense with worker processes."""

CHECK_ID = "ZS101"


def fault_for(seed: int, service_id: str, rate: float, kinds: tuple[str, ...]) -> str | None:
    """The fault of `service_id` under `seed`, or None (a fraction `rate` of services get one)."""
    digest = hashlib.sha256(f"{seed}:{service_id}".encode()).digest()
    if int.from_bytes(digest[:4], "big") / 2**32 >= rate or not kinds:
        return None
    return kinds[digest[4] % len(kinds)]


def _fault(service_id: str) -> str | None:
    kinds = tuple(kind for kind in os.environ.get("DV_SOAK_KINDS", ",".join(KINDS)).split(",") if kind)
    return fault_for(int(os.environ.get("DV_SOAK_SEED", "0")), service_id,
                     float(os.environ.get("DV_SOAK_RATE", "0.1")), kinds)


@define_check(id=CHECK_ID, title=Text(nl="Soak", en="Soak"), rationale=Text(nl="r", en="r"), principles=("P1",),
              severity=Severity.MINOR, suggestion=Text(nl="s", en="s"), origin="soak_faults")
def misbehaves(ctx: CheckContext) -> Iterator[Any]:
    fault = _fault(ctx.service.id)
    if fault == "raise":
        raise RuntimeError("soak: raised")
    if fault == "garbage":
        yield "not an outcome"
    if fault == "hang":
        while True:
            time.sleep(0.05)
    if fault == "exit":
        os._exit(7)
    if fault == "sys-exit":
        sys.exit(8)
    if fault == "print":
        print("SOAK NOISE ON STDOUT")
        os.write(1, b"SOAK NOISE ON FD 1\n")
    if fault == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if fault == "slow":
        time.sleep(0.05)
    yield fail(Text(nl="gezien", en="seen"))


@hookimpl
def dienstvisie_checks(vision: Any) -> list[Any]:
    return [misbehaves] if vision.id == "gezamenlijke-dienstverlening" else []


@hookimpl
def dienstvisie_report(report: Any) -> None:
    fault = _fault(report.service)
    if fault == "report-raise":
        raise RuntimeError("soak: report hook raised")
    if fault == "report-print":
        print("SOAK NOISE FROM THE REPORT HOOK")
