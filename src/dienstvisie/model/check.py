"""What a check is, what it hands back, and the context it runs in.

A check is a plain function wrapped in a `Check` with its id, texts and principles. It reads a
`CheckContext` (the service, the vision, the vocabularies, today's date) and yields `Outcome`s;
the engine turns those into findings, applies explanations and scores. Checks do no I/O.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable
from typing import Literal

import attrs

from .service import ServiceConcept, Step
from .text import Text
from .vision import Vision
from .vocabulary import Vocabularies


class Severity(str, enum.Enum):
    """How much a failure matters, from `info` to `critical`; ordered."""

    INFO = "info"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for info up to 3 for critical."""
        return _SEVERITY_ORDER.index(self)

    @property
    def weight(self) -> int:
        """The weight of a check of this severity in a score: 1, 2, 4, 8."""
        return int(2**self.rank)

    def __str__(self) -> str:
        return self.value


_SEVERITY_ORDER = (Severity.INFO, Severity.MINOR, Severity.MAJOR, Severity.CRITICAL)


class Status(str, enum.Enum):
    """The result of one check at one place in a service."""

    PASSED = "passed"
    FAILED = "failed"
    EXPLAINED = "explained"
    NOT_APPLICABLE = "not_applicable"
    NEEDS_REVIEW = "needs_review"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


class CheckStatus(str, enum.Enum):
    """Where a check id stands, as ruff keeps it for its rules.

    `stable` runs when selected; `preview` only with `--preview` (new, its findings may still
    change); `deprecated` still runs but will go, naming its replacement where there is one;
    `removed` is an id no check has any more, kept so that a baseline, an explanation or a
    `--select` that names it gets a clear message instead of silence.
    """

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"
    REMOVED = "removed"

    def __str__(self) -> str:
        return self.value


OutcomeKind = Literal["failed", "passed", "not_applicable", "needs_review"]


@attrs.frozen
class Outcome:
    """What a check says about one place in the service. Build one with fail(), ok(), skip(), review()."""

    kind: OutcomeKind
    message: Text | None = None
    pointer: str = ""
    step: str | None = None
    severity: Severity | None = None  # None: the check's default severity
    credit: float | None = None  # graded checks: the share (0–1) of the check's weight this place earns
    suggestion: Text | None = None  # None: the check's suggestion; else one that fits this outcome


def fail(message: Text, *, pointer: str = "", step: str | None = None, severity: Severity | None = None,
         credit: float | None = None, suggestion: Text | None = None) -> Outcome:
    """The service falls short here."""
    return Outcome("failed", message, pointer, step, severity, credit, suggestion)


def ok(message: Text | None = None, *, pointer: str = "", step: str | None = None, credit: float | None = None) -> Outcome:
    """The service honours the check here (a check that yields nothing has passed as well)."""
    return Outcome("passed", message, pointer, step, None, credit)


def skip(message: Text | None = None) -> Outcome:
    """The check does not apply to this service (e.g. it has no decisions)."""
    return Outcome("not_applicable", message)


def review(message: Text, *, pointer: str = "", step: str | None = None, suggestion: Text | None = None) -> Outcome:
    """A person has to judge this; the document alone cannot tell."""
    return Outcome("needs_review", message, pointer, step, None, None, suggestion)


@attrs.frozen
class CheckContext:
    """Everything a check may read. Nothing in it does I/O."""

    service: ServiceConcept
    vision: Vision
    vocabularies: Vocabularies
    today: datetime.date

    def step_pointer(self, step: Step | int) -> str:
        """The JSON pointer of a step, given the step or its index."""
        index = step if isinstance(step, int) else self.service.steps.index(step)
        return f"/steps/{index}"

    def registers_of(self, data_id: str) -> tuple[str, ...]:
        """Registers or organisations that, by the vocabulary, already hold a data item."""
        term = self.vocabularies.data_item(data_id)
        return term.registers if term else ()


CheckFunction = Callable[[CheckContext], Iterable[Outcome]]


@attrs.frozen
class Check:
    """One check of a service concept against the design principles it serves.

    `id` is stable and used in select/ignore, explanations and reports: `DV1xx` for P1 … `DV6xx`
    for P6 in the built-in set; plugins use a prefix of their own. `example_fail` and
    `example_pass` are short YAML snippets that `dienstvisie rules ID` shows. `status` is stable,
    preview (runs only with `--preview`) or deprecated; for the built-in checks it comes from the
    table of check ids (`dienstvisie.checks.ids`), which overrides what a check says itself.

    `cause` names a root cause several checks can find: failed findings of checks with the same
    cause at the same place (pointer and step) are reported as one finding that names the others
    (see engine/overlap.py). `graded`: the check is scored by the mean `credit` of its outcomes
    instead of failed-or-not (the guiding questions: ja 1, deels ½, nee 0).
    """

    id: str
    title: Text
    rationale: Text
    principles: tuple[str, ...]
    severity: Severity
    suggestion: Text
    function: CheckFunction = attrs.field(eq=False, repr=False)
    origin: str = "dienstvisie"
    example_fail: str | None = None
    example_pass: str | None = None
    status: CheckStatus = CheckStatus.STABLE
    cause: str | None = None
    graded: bool = False


def define_check(
    *,
    id: str,
    title: Text,
    rationale: Text,
    principles: tuple[str, ...],
    severity: Severity,
    suggestion: Text,
    origin: str = "dienstvisie",
    example_fail: str | None = None,
    example_pass: str | None = None,
    status: CheckStatus = CheckStatus.STABLE,
    cause: str | None = None,
) -> Callable[[CheckFunction], Check]:
    """Decorator that turns a check function into a `Check`, in the style of pytest fixtures.

        @define_check(id="XY101", title=Text(nl=..., en=...), ...)
        def my_check(ctx: CheckContext) -> Iterable[Outcome]:
            ...
    """

    def wrap(function: CheckFunction) -> Check:
        return Check(
            id=id, title=title, rationale=rationale, principles=principles, severity=severity,
            suggestion=suggestion, function=function, origin=origin,
            example_fail=example_fail, example_pass=example_pass, status=status, cause=cause,
        )

    return wrap
