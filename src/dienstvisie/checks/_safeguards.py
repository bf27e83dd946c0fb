"""The shape several decision checks share: a safeguard (appeal, informal contact, an explanation, a
complaint route) that a decision shows with `true`, lacks with `false`, or does not show at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..model.check import CheckContext, Outcome, Severity, fail
from ..model.service import Decision, Step
from ..model.text import Text
from ._naming import step_names

Wording = Callable[[str, str], Text]
"""A failure's message from the step's names in Dutch and English (`step_names`)."""


def unshown_safeguard(ctx: CheckContext, deciding: Iterable[tuple[int, Step, Decision]], field: str,
                      absent: Wording, unshown: Wording, *, unshown_severity: Severity | None = None,
                      ) -> Iterator[Outcome]:
    """For every decision whose `field` is not `true`: a failure at the field when it is `false`
    (the safeguard is absent), at the decision when the field is missing (the document does not
    show the safeguard; `unshown_severity` may weigh that differently)."""
    for index, step, decision in deciding:
        value = getattr(decision, field)
        if value is True:
            continue
        nl, en = step_names(ctx, step)
        pointer = f"{ctx.step_pointer(index)}/decision"
        if value is False:
            yield fail(absent(nl, en), pointer=f"{pointer}/{field}", step=step.id)
        else:
            yield fail(unshown(nl, en), pointer=pointer, step=step.id, severity=unshown_severity)
