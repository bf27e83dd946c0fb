"""Checks with a behaviour fixed by the step ids, for tests/test_calibrate.py: the calibration
command is tested on a synthetic corpus whose true and false positives are known by construction,
independent of how the built-in checks evolve.

ZZ101 (P1) fails at every step whose id starts with 'zz1'; ZZ301 (P3) at every step whose id
contains 'zz3'; ZZ302 (P3) at every step whose id contains 'zz3b'; ZZ601 (P6) fails the document
when its summary contains 'ZZ6'. (Plugins cannot add meta checks; the tests use the built-in DV002.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dienstvisie import Check, CheckContext, Outcome, Severity, Text, Vision, define_check, fail, hookimpl


def _per_step(test: Callable[[str], bool]) -> Callable[[CheckContext], Iterator[Outcome]]:
    def run(ctx: CheckContext) -> Iterator[Outcome]:
        for index, step in enumerate(ctx.service.steps):
            if test(step.id):
                yield fail(Text(nl=f"stap {step.id}", en=f"step {step.id}"), pointer=ctx.step_pointer(index), step=step.id)
    return run


def _check(check_id: str, principles: tuple[str, ...], run: Callable[[CheckContext], Iterator[Outcome]]) -> Check:
    return define_check(
        id=check_id, title=Text(nl=check_id, en=check_id), rationale=Text(nl="Voor tests.", en="For tests."),
        principles=principles, severity=Severity.MAJOR, suggestion=Text(nl="Geen.", en="None."), origin="calibration-test",
    )(run)


def _summary_mentions(ctx: CheckContext) -> Iterator[Outcome]:
    summary = ctx.service.summary
    if summary is not None and "ZZ6" in summary.get("en"):
        yield fail(Text(nl="samenvatting", en="summary"))


CHECKS = [
    _check("ZZ101", ("P1",), _per_step(lambda step: step.startswith("zz1"))),
    _check("ZZ301", ("P3",), _per_step(lambda step: "zz3" in step)),
    _check("ZZ302", ("P3",), _per_step(lambda step: "zz3b" in step)),
    _check("ZZ601", ("P6",), _summary_mentions),
]


@hookimpl
def dienstvisie_checks(vision: Vision) -> list[Check]:
    return list(CHECKS) if vision.id == "gezamenlijke-dienstverlening" else []
