"""A plugin whose check never returns (loaded by tests/test_timeout.py with --plugin, also in
worker processes of --jobs, so it must be importable, not made on the fly)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from dienstvisie import CheckContext, Outcome, Severity, Text, define_check, fail, hookimpl


@define_check(id="ZH101", title=Text(nl="Hangt", en="Hangs"), rationale=Text(nl="r", en="r"), principles=("P1",),
              severity=Severity.MAJOR, suggestion=Text(nl="s", en="s"), origin="dv_plugin_hangs")
def hangs(ctx: CheckContext) -> Iterator[Outcome]:
    while True:
        time.sleep(0.05)
    yield fail(Text(nl="nooit", en="never"))


@hookimpl
def dienstvisie_checks(vision: Any) -> list[Any]:
    return [hangs] if vision.id == "gezamenlijke-dienstverlening" else []
