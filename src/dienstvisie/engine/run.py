"""The engine: run the selected checks on one service, apply explanations, score the principles.

Pure: it reads models and returns a Report. Each check is isolated, so an exception (or a
result that is not an Outcome) becomes an `error` finding and the other checks still run.
The order of findings is deterministic: by check id, then by place in the document.

Each check also has a time limit (`check_timeout`, default 10 seconds). The built-in checks run
in the calling thread when that is the main thread, each under a timer signal that stops it when
it overruns (`_run_here`: no work moves between cores). Other checks (a plugin's, or any check
called from another thread) run one after the other in a worker thread (kept in a small pool)
while the calling thread watches the clock; a check that overruns becomes an `error` finding, its thread is abandoned (a
daemon thread: it cannot be killed, and does not keep the process alive), and the remaining
checks go on in another thread. Limits, also in docs/configuration.md: an abandoned check keeps
using CPU until it returns or the process ends (in a long-lived `--jobs` worker process too), and
a plugin's check stuck in C code that holds the GIL stalls the whole process, which no
thread-based limit can interrupt (rule-set patterns cannot: they run on RE2, in linear time, see
rule_patterns.py). `check_timeout=None` (or 0) runs the checks
in the calling thread, without a limit.
"""

from __future__ import annotations

import datetime
import functools
import os
import queue
import signal
import threading
import time
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import attrs

from ..checks.meta import STALE_EXPLANATION, STALE_EXPLANATION_ID
from ..checks.questions import effective_answers
from ..model.check import Check, CheckContext, Outcome, Severity, Status
from ..model.finding import ExplanationNote, Finding
from ..model.problem import Location
from ..model.report import Report
from ..model.service import Explanation, ServiceConcept
from ..model.source_map import SourceMap
from ..model.text import Text
from ..model.vision import Vision
from ..model.vocabulary import Vocabularies
from .check_ids import CheckIds, explanation_note
from .exit_guard import contained_exit, exit_guarded
from .overlap import merge_root_causes
from .scoring import score_report
from .selection import Selection

_STATUS_OF_KIND = {
    "failed": Status.FAILED,
    "passed": Status.PASSED,
    "not_applicable": Status.NOT_APPLICABLE,
    "needs_review": Status.NEEDS_REVIEW,
}


@functools.lru_cache(maxsize=4096)  # the same few dozen ids in every report: worked out once each
def _natural_key(check_id: str) -> tuple[str, int, str]:
    prefix = check_id.rstrip("0123456789")
    digits = check_id[len(prefix):]
    return (prefix, int(digits) if digits else -1, check_id)


@functools.lru_cache(maxsize=4096)  # pointers repeat from service to service (/steps/2/asks/0)
def _pointer_key(pointer: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in pointer.split("/") if part)


def _finding_key(finding: Finding) -> tuple[tuple[str, int, str], tuple[tuple[int, int | str], ...]]:
    """Findings are reported by check id, then by place in the document."""
    return (_natural_key(finding.check), _pointer_key(finding.location.pointer))


DEFAULT_CHECK_TIMEOUT = 10.0
"""Seconds one check may take on one service before it is stopped waiting for (an `error` finding)."""

CheckResult = list[Outcome] | str | Text


MAX_OUTCOMES = 10_000
"""More outcomes than this from one check on one service is a fault of the check (an endless generator)."""


def _describe(error: BaseException) -> str:
    try:
        return f"{type(error).__name__}: {error}"
    except Exception:  # an exception whose str() raises in turn
        return type(error).__name__


_TEXT_PART = (str, type(None))


def _is_text(value: object) -> bool:
    return isinstance(value, Text) and isinstance(value.nl, _TEXT_PART) and isinstance(value.en, _TEXT_PART)


def _garbage(outcome: object) -> str | None:
    """What is wrong with something a check yielded, or None for a well-formed Outcome."""
    if type(outcome) is Outcome:  # the usual case, told at once (the same answer as below)
        message, pointer, step, severity = outcome.message, outcome.pointer, outcome.step, outcome.severity
        if outcome.kind in _STATUS_OF_KIND and (message is None or _is_text(message)) and type(pointer) is str \
                and (not pointer or pointer[0] == "/") and (step is None or type(step) is str) \
                and (severity is None or type(severity) is Severity):
            return None
    return _what_is_wrong(outcome)


def _what_is_wrong(outcome: object) -> str | None:
    if not isinstance(outcome, Outcome):
        return f"returned {type(outcome).__name__} instead of an Outcome"
    if outcome.kind not in _STATUS_OF_KIND:
        return f"returned an Outcome of unknown kind {outcome.kind!r}"
    if outcome.message is not None and not _is_text(outcome.message):
        return f"returned an Outcome whose message is {type(outcome.message).__name__}, not Text"
    if not isinstance(outcome.pointer, str) or (outcome.pointer and not outcome.pointer.startswith("/")):
        return f"returned an Outcome whose pointer {outcome.pointer!r} is not a JSON pointer"
    if outcome.step is not None and not isinstance(outcome.step, str):
        return f"returned an Outcome whose step is {type(outcome.step).__name__}, not text"
    if outcome.severity is not None and not isinstance(outcome.severity, Severity):
        return f"returned an Outcome whose severity {outcome.severity!r} is not a Severity"
    return None


def _outcomes(check: Check, context: CheckContext) -> CheckResult:
    outcomes: list[Outcome] = []
    for outcome in check.function(context):
        problem = _garbage(outcome)
        if problem is not None:
            return problem
        outcomes.append(outcome)
        if len(outcomes) > MAX_OUTCOMES:
            return f"yielded more than {MAX_OUTCOMES} outcomes"
    return outcomes


def _run_one(check: Check, context: CheckContext, *, contained: bool = False) -> CheckResult:
    """The outcomes of a check, or a description of what went wrong in it.

    os._exit in a check is an error of that check, as sys.exit is: the check runs in
    `contained_exit()`, entered here unless the caller holds it for a whole run of checks
    (`contained`, in this thread).
    """
    try:
        if contained and exit_guarded():
            return _outcomes(check, context)
        with contained_exit():
            return _outcomes(check, context)
    except Exception as error:  # isolate: one broken check must not stop the others
        return _describe(error)
    except (KeyboardInterrupt, _Alarm):  # Ctrl-C stops the run; the alarm is the time limit's (see _run_here)
        raise
    except BaseException as error:  # sys.exit() or os._exit() in a check: an error of that check, not the end of the run
        return _describe(error)


def _timed_out(limit: float) -> Text:
    seconds = f"{limit:g}"
    return Text(nl=f"duurde langer dan de tijdslimiet van {seconds} s en is afgebroken (check-timeout)",
                en=f"took longer than the time limit of {seconds} s and was abandoned (check-timeout)")


class _Batch:
    """Checks to run one after another in a worker thread, while the caller watches each deadline."""

    def __init__(self, checks: Sequence[Check], context: CheckContext, first: int) -> None:
        self.checks = checks
        self.context = context
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.results: list[CheckResult] = []
        self.current = first  # index of the check running now
        self.started = time.monotonic()
        self.abandoned = False
        self.interrupted = False  # a KeyboardInterrupt in a check: the caller's to raise, not this thread's

    def work(self) -> None:
        with contained_exit():  # for every check of the batch at once
            self._work()

    def _work(self) -> None:
        with self.lock:
            self.started = time.monotonic()
        while True:
            with self.lock:
                if self.abandoned or self.current >= len(self.checks):
                    break
                check = self.checks[self.current]
            try:
                result = _run_one(check, self.context, contained=True)
            except KeyboardInterrupt:
                with self.lock:
                    self.interrupted = True
                break
            with self.lock:
                if self.abandoned:  # too late: the caller has given up on this check
                    break
                self.results.append(result)
                self.current += 1
                self.started = time.monotonic()
        self.done.set()


class _Worker:
    """A daemon thread that runs batches; it goes back to the idle pool when a batch is done."""

    idle: list[_Worker] = []
    idle_lock = threading.Lock()

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_Batch] = queue.SimpleQueue()
        threading.Thread(target=self._loop, name="dienstvisie-checks", daemon=True).start()

    def _loop(self) -> None:
        while True:
            self.jobs.get().work()
            with _Worker.idle_lock:  # free again, also after a check that overran did return at last
                _Worker.idle.append(self)

    @classmethod
    def take(cls) -> _Worker:
        with cls.idle_lock:
            if cls.idle:
                return cls.idle.pop()
        return cls()

    @classmethod
    def forget_all(cls) -> None:
        """In a forked child (`--jobs` with fork) the pool's threads do not exist: start afresh."""
        cls.idle = []
        cls.idle_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_Worker.forget_all)


class _Alarm(BaseException):
    """A built-in check ran out of time in the calling thread (raised by the SIGALRM handler)."""


_BUILTIN_CHECKS = __package__.rsplit(".", 1)[0] + ".checks."


def _builtin(check: Check) -> bool:
    """A check of dienstvisie's own (checks/): it never swallows an exception it did not raise."""
    return getattr(check.function, "__module__", "").startswith(_BUILTIN_CHECKS)


def _alarm_usable() -> bool:
    """Can the time limit be kept with SIGALRM here: the main thread, and nobody else's handler."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None))


def _run_here(checks: Sequence[Check], context: CheckContext, limit: float) -> list[CheckResult]:
    """Built-in checks in the calling thread, each within `limit` seconds by a timer signal.

    Why: handing every document's checks to another thread moved the work between the cores (a
    serial run paid some 0.2 ms a document for it, measured in docs/performance.md). Here the
    checks run where the document is, a timer (`setitimer`) is set for each, and when it goes off
    the handler raises `_Alarm` in the check, which becomes the same `error` finding as a check
    abandoned in a thread, and the check has stopped instead of running on. Only for the built-in
    checks in the main thread: a plugin's check could swallow the alarm, so it keeps the thread.
    """
    state = {"armed": False, "started": 0.0}  # is a check running, and since when

    def on_alarm(signum: int, frame: object) -> None:
        if not state["armed"]:  # between two checks: keep a timer for the next one
            signal.setitimer(signal.ITIMER_REAL, max(limit, 1e-6))
            return
        remaining = float(state["started"]) + limit - time.monotonic()
        if remaining > 0:  # a later check is running: the timer was set for an earlier one
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 1e-6))
            return
        signal.setitimer(signal.ITIMER_REAL, 0.05)  # and again, should the check not stop at once
        raise _Alarm

    results: list[CheckResult] = []
    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        with contained_exit():  # for every check of the group at once
            # one timer for the document, moved on only when it goes off (two system calls a document,
            # not two a check): each check still gets `limit` seconds from its own start
            signal.setitimer(signal.ITIMER_REAL, max(limit, 1e-6))  # 0 would mean no timer
            for check in checks:
                try:
                    try:
                        state["started"] = time.monotonic()
                        state["armed"] = True
                        result = _run_one(check, context, contained=True)
                    finally:
                        state["armed"] = False
                except _Alarm:
                    result = _timed_out(limit)
                    signal.setitimer(signal.ITIMER_REAL, max(limit, 1e-6))  # the next check's
                results.append(result)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return results


def _run_all(checks: Sequence[Check], context: CheckContext, limit: float | None) -> list[CheckResult]:
    """The result of every check, in order; with a limit, each check gets at most `limit` seconds."""
    if not limit or limit <= 0:  # None or 0: no limit
        with contained_exit():
            return [_run_one(check, context, contained=True) for check in checks]
    if not _alarm_usable():
        return _run_threaded(checks, context, limit)
    results: list[CheckResult] = []
    for group, builtin in _groups(checks):  # runs of built-in checks here, of other checks in a thread, in order
        results += _run_here(group, context, limit) if builtin else _run_threaded(group, context, limit)
    return results


_last_groups: tuple[Sequence[Check], list[tuple[Sequence[Check], bool]]] | None = None


def _groups(checks: Sequence[Check]) -> list[tuple[Sequence[Check], bool]]:
    """`checks` cut into runs of built-in checks and of other checks, in order; the last answer is
    kept for a tuple (the same checks for every service of a run)."""
    global _last_groups
    last = _last_groups  # one read: another thread may replace it, never half of it
    if last is not None and last[0] is checks:
        return last[1]
    groups: list[tuple[Sequence[Check], bool]] = []
    start = 0
    while start < len(checks):
        builtin = _builtin(checks[start])
        end = start
        while end < len(checks) and _builtin(checks[end]) == builtin:
            end += 1
        groups.append((checks[start:end], builtin))
        start = end
    if isinstance(checks, tuple):
        _last_groups = (checks, groups)
    return groups


def _run_threaded(checks: Sequence[Check], context: CheckContext, limit: float) -> list[CheckResult]:
    """The checks one after another in a worker thread, the calling thread watching each deadline."""
    results: list[CheckResult] = []
    while len(results) < len(checks):
        batch = _Batch(checks, context, len(results))
        _Worker.take().jobs.put(batch)
        while True:
            with batch.lock:
                if batch.interrupted:  # Ctrl-C stops the run, as it would without a time limit
                    raise KeyboardInterrupt
                if batch.current >= len(checks):
                    break
                remaining = batch.started + limit - time.monotonic()
                if remaining <= 0:  # the running check overran: give up on it (its thread carries on)
                    batch.abandoned = True
                    break
            batch.done.wait(remaining)
        results += batch.results
        if batch.abandoned:
            results.append(_timed_out(limit))
    return results


def _spelled(pointer: str, source_map: SourceMap) -> str:
    """A hand-over's pointer in the spelling the document uses: a format-2 document may write one
    `handover` (the format-1 spelling) where the checks say `handovers/0`, and the other way round."""
    if not source_map.positions or "/handover" not in pointer or pointer in source_map.positions:
        return pointer
    head, sep, tail = pointer.partition("/handovers/0")
    if sep and f"{head}/handover" in source_map.positions:
        return f"{head}/handover{tail}"
    head, sep, tail = pointer.partition("/handover")
    if sep and not tail.startswith("s") and f"{head}/handovers/0" in source_map.positions:
        return f"{head}/handovers/0{tail}"
    return pointer


class _Locator:
    """The locations of one document's pointers, each worked out once (every check that passes
    points at the document itself, and several findings at the same step)."""

    def __init__(self, source_map: SourceMap) -> None:
        self.source_map = source_map
        self.found: dict[str, Location] = {}

    def __call__(self, pointer: str) -> Location:
        location = self.found.get(pointer)
        if location is None:
            location = self.source_map.locate(_spelled(pointer, self.source_map))
            self.found[pointer] = location
        return location


_ASKS_ACTION = frozenset({"failed", "needs_review"})
"""The kinds of outcome that carry a suggestion."""


def _findings_of(check: Check, result: CheckResult, severity: Severity, locate: _Locator) -> list[Finding]:
    if isinstance(result, (str, Text)):
        detail = result if isinstance(result, Text) else Text(nl=result, en=result)
        return [Finding(
            check=check.id, principles=check.principles, status=Status.ERROR, severity=severity,
            message=Text(nl=f"De check {check.id} kon niet uitgevoerd worden: {detail.get('nl')}",
                         en=f"The check {check.id} could not run: {detail.get('en')}"),
            location=locate(""),
        )]
    if not result:
        return [Finding(check=check.id, principles=check.principles, status=Status.PASSED, severity=severity,
                        message=check.title, location=locate(""))]
    check_id, principles, title, suggestion = check.id, check.principles, check.title, check.suggestion
    return [
        Finding(
            check=check_id, principles=principles, status=_STATUS_OF_KIND[outcome.kind],
            severity=outcome.severity or severity, message=outcome.message or title,
            location=locate(outcome.pointer), step=outcome.step,
            suggestion=(outcome.suggestion or suggestion) if outcome.kind in _ASKS_ACTION else None,
            credit=outcome.credit,
        )
        for outcome in result
    ]


def _matches(explanation: Explanation, finding: Finding) -> bool:
    """The explanation names this finding's check, or a related check that found the same cause."""
    return explanation.check in finding.checks and explanation.step in (None, finding.step)


def _expired(explanation: Explanation, today: datetime.date) -> bool:
    if explanation.until is None:
        return False
    try:
        return datetime.date.fromisoformat(explanation.until) < today
    except ValueError:
        return True


def _explain(findings: list[Finding], service: ServiceConcept, today: datetime.date) -> tuple[list[Finding], set[int]]:
    """Failures turned into `explained` where the team recorded a valid explanation; and which were used."""
    used: set[int] = set()
    result = []
    for finding in findings:
        if finding.status is Status.FAILED:
            matching = [index for index, explanation in enumerate(service.explanations) if _matches(explanation, finding)]
            if matching:
                used.update(matching)  # a merged finding may be explained under each of its checks
                explanation = service.explanations[matching[0]]
                expired = _expired(explanation, today)
                note = ExplanationNote(reason=explanation.reason, decided_by=explanation.decided_by,
                                       until=explanation.until, expired=expired)
                status = Status.FAILED if expired else Status.EXPLAINED
                finding = attrs.evolve(finding, status=status, explanation=note)
        result.append(finding)
    return result, used


def _stale(service: ServiceConcept, used: set[int], ran: set[str], known: AbstractSet[str], source_map: SourceMap,
           checks: Sequence[Check], check_ids: CheckIds) -> list[Finding]:
    """Explanations that matched no failure of a check that ran, or name no check at all (or one
    that was removed); and explanations of a deprecated check."""
    stale = []
    for index, explanation in enumerate(service.explanations):
        retired = explanation_note(explanation.check, checks, check_ids)
        if retired is not None and (explanation.check in known or index in used):
            stale.append(_stale_finding(retired, index, explanation, source_map))  # deprecated: it still counts
        if index in used or (explanation.check in known and explanation.check not in ran):
            continue
        where = f" (stap '{explanation.step}')" if explanation.step else ""
        where_en = f" (step '{explanation.step}')" if explanation.step else ""
        if explanation.check in known:
            text = Text(nl=f"De verklaring voor {explanation.check}{where} hoort bij geen enkele bevinding meer",
                        en=f"The explanation for {explanation.check}{where_en} matches no finding any more")
        elif retired is not None:
            text = retired
        else:
            text = Text(nl=f"De verklaring noemt {explanation.check}, maar die check bestaat niet",
                        en=f"The explanation names {explanation.check}, but no such check exists")
        stale.append(_stale_finding(text, index, explanation, source_map))
    return stale


def _stale_finding(text: Text, index: int, explanation: Explanation, source_map: SourceMap) -> Finding:
    return Finding(
        check=STALE_EXPLANATION_ID, principles=(), status=Status.FAILED, severity=STALE_EXPLANATION.severity,
        message=text, location=source_map.locate(f"/explanations/{index}"), step=explanation.step,
        suggestion=STALE_EXPLANATION.suggestion,
    )


_last_selected: tuple[Sequence[Check], Selection, tuple[Check, ...]] | None = None


def _selected(checks: Sequence[Check], selection: Selection) -> tuple[Check, ...]:
    """The checks of `checks` that `selection` runs; the last answer is kept, since a run asks the
    same for every service (the same objects, compared by identity; a tuple and a frozen selection
    cannot change in between)."""
    global _last_selected
    last = _last_selected  # one read: another thread may replace it, never half of it
    if last is not None and last[0] is checks and last[1] is selection:
        return last[2]
    selected = tuple(check for check in checks if selection.runs(check))
    if isinstance(checks, tuple):
        _last_selected = (checks, selection, selected)
    return selected


def run_checks(
    service: ServiceConcept,
    *,
    vision: Vision,
    checks: Sequence[Check],
    vocabularies: Vocabularies = Vocabularies(),
    selection: Selection = Selection(),
    today: datetime.date | None = None,
    source_map: SourceMap | None = None,
    known_check_ids: AbstractSet[str] | None = None,
    check_timeout: float | None = DEFAULT_CHECK_TIMEOUT,
    check_ids: CheckIds | None = None,
) -> Report:
    """Run every selected check of `checks` on `service` and return the scored report.

    `known_check_ids` is every check id that exists (selected or not), so an explanation of an
    ignored check is not called stale; by default, the ids of `checks`. `check_timeout` is the
    time limit of each check in seconds (an overrunning check becomes an `error` finding); None
    or 0 means no limit, and the checks run in the calling thread. `check_ids` is the table of
    check ids (default: the built-in one), so an explanation naming a removed or deprecated id
    says what replaced it. A `preview` check runs only when `selection.preview` is on.
    """
    today = today or datetime.date.today()
    source_map = source_map or SourceMap()
    context = CheckContext(service=service, vision=vision, vocabularies=vocabularies, today=today)
    selected = _selected(checks, selection)
    findings: list[Finding] = []
    locate = _Locator(source_map)
    for check, result in zip(selected, _run_all(selected, context, check_timeout), strict=True):
        findings += _findings_of(check, result, selection.severity_of(check), locate)
    findings = merge_root_causes(findings, selected, _natural_key)
    findings, used = _explain(findings, service, today)
    known = known_check_ids if known_check_ids is not None else {check.id for check in checks}
    if service.explanations and selection.selects(STALE_EXPLANATION_ID):  # none: none can be stale
        if check_ids is None:
            from ..checks.ids import BUILTIN_CHECK_IDS

            check_ids = {entry.id: entry for entry in BUILTIN_CHECK_IDS}
        findings += _stale(service, used, {check.id for check in selected}, known | {STALE_EXPLANATION_ID}, source_map,
                           checks, check_ids)
    findings.sort(key=_finding_key)
    return Report(
        service=service.id, title=service.title, vision=vision.id, vision_version=vision.version,
        findings=tuple(findings), scores=score_report(findings, vision, selected, selection,
                                                        effective_answers(service, vision)),
        file=source_map.file, concept=service,
    )
