"""A plugin whose check ids have a history (loaded by tests/test_check_ids.py with --plugin): a
preview check, a deprecated one with its replacement, and two removed ids, one replaced."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dienstvisie import Check, CheckContext, CheckId, CheckStatus, Outcome, Severity, Text, define_check, fail, hookimpl


def _always(check_id: str, status: CheckStatus = CheckStatus.STABLE) -> Check:
    @define_check(id=check_id, title=Text(nl=f"Titel {check_id}", en=f"Title {check_id}"), rationale=Text(nl="r", en="r"),
                  principles=("P1",), severity=Severity.MINOR, suggestion=Text(nl="s", en="s"), origin="dv_plugin_retired",
                  status=status)
    def run(ctx: CheckContext) -> Iterator[Outcome]:
        yield fail(Text(nl=f"{check_id} ging af", en=f"{check_id} fired"), pointer="/steps/0", step=ctx.service.steps[0].id)

    return run


CHECKS = [
    _always("ZZ201", CheckStatus.PREVIEW),  # preview by its own status
    _always("ZZ202"),  # deprecated by the table below, replaced by ZZ203
    _always("ZZ203"),
]

CHECK_IDS = [
    CheckId("ZZ100", CheckStatus.REMOVED, replaced_by=("ZZ203",), since="2.0", title=Text(nl="Oud", en="Old")),
    CheckId("ZZ101", CheckStatus.REMOVED, since="2.0", note=Text(nl="de regel is vervallen", en="the rule lapsed")),
    CheckId("ZZ202", CheckStatus.DEPRECATED, replaced_by=("ZZ203",), since="1.5"),
    CheckId("ZZ203", CheckStatus.STABLE, since="1.5"),
]


@hookimpl
def dienstvisie_checks(vision: Any) -> list[Check]:
    return CHECKS if vision.id == "gezamenlijke-dienstverlening" else []


@hookimpl
def dienstvisie_check_ids() -> list[CheckId]:
    return CHECK_IDS
