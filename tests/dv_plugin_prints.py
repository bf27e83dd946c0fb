"""A plugin that writes to standard output everywhere it can: at import, in a check, in its hooks,
through Python, straight to file descriptor 1, and from a child program (loaded by
tests/test_plugins_faulty.py with --plugin, also in worker processes of --jobs)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

from dienstvisie import CheckContext, Outcome, Severity, Text, define_check, fail, hookimpl

print("PRINTED AT IMPORT")


def _noise(where: str) -> None:
    print(f"PRINTED IN {where}")
    sys.stdout.write(f"WRITTEN IN {where}\n")
    sys.stdout.flush()
    os.write(1, f"FD1 IN {where}\n".encode())
    subprocess.run(["echo", f"CHILD IN {where}"], check=False)


@define_check(id="ZP101", title=Text(nl="Praat", en="Talks"), rationale=Text(nl="r", en="r"), principles=("P1",),
              severity=Severity.MINOR, suggestion=Text(nl="s", en="s"), origin="dv_plugin_prints")
def talks(ctx: CheckContext) -> Iterator[Outcome]:
    _noise("CHECK")
    yield fail(Text(nl="gezegd", en="said"))


@hookimpl
def dienstvisie_checks(vision: Any) -> list[Any]:
    _noise("CHECKS HOOK")
    return [talks] if vision.id == "gezamenlijke-dienstverlening" else []


@hookimpl
def dienstvisie_prepare_service(service: Any, vision: Any) -> None:
    _noise("PREPARE")


@hookimpl
def dienstvisie_report(report: Any) -> None:
    _noise("REPORT HOOK")
