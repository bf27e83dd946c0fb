"""A plugin whose check ends its own process for chosen services (loaded by tests/test_parallel.py
and the soak with --plugin, also in worker processes of --jobs).

DV_DIE_SERVICES: comma-separated service ids to die on; DV_DIE_HOW: `kill` (SIGKILL, as the
out-of-memory killer sends), `exit` (os._exit(3)), `exit0` (os._exit(0)), `c-exit0` (_exit(0) from
C), `segv` (SIGSEGV), `report-exit` (os._exit(5) in the report hook) or `interrupt` (raise
KeyboardInterrupt);
DV_DIE_SLEEP: seconds to sleep first (a check that hangs while others are checked)."""

from __future__ import annotations

import ctypes
import os
import signal
import time
from collections.abc import Iterator
from typing import Any

from dienstvisie import CheckContext, Outcome, Severity, Text, define_check, fail, hookimpl


def _chosen(service_id: str) -> bool:
    return service_id in os.environ.get("DV_DIE_SERVICES", "").split(",")


def _die(how: str) -> None:
    time.sleep(float(os.environ.get("DV_DIE_SLEEP", "0")))
    if how == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif how == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif how == "exit0":
        os._exit(0)
    elif how == "c-exit0":  # C code ending the process: nothing in Python can stop it
        ctypes.CDLL(None)._exit(0)
    elif how == "exit":
        os._exit(3)
    elif how == "interrupt":
        raise KeyboardInterrupt


@define_check(id="ZD101", title=Text(nl="Sterft", en="Dies"), rationale=Text(nl="r", en="r"), principles=("P1",),
              severity=Severity.MINOR, suggestion=Text(nl="s", en="s"), origin="dv_plugin_dies")
def dies(ctx: CheckContext) -> Iterator[Outcome]:
    how = os.environ.get("DV_DIE_HOW", "kill")
    if _chosen(ctx.service.id) and how != "report-exit":
        _die(how)
    yield fail(Text(nl="leeft", en="alive"))


@hookimpl
def dienstvisie_checks(vision: Any) -> list[Any]:
    return [dies] if vision.id == "gezamenlijke-dienstverlening" else []


@hookimpl
def dienstvisie_report(report: Any) -> None:
    if os.environ.get("DV_DIE_HOW") == "report-exit" and _chosen(report.service):
        os._exit(5)
