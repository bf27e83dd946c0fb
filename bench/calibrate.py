"""Precision and recall of the checks over a labelled corpus: `python bench/calibrate.py`.

    python bench/calibrate.py                      # tests/corpus/real, as a text report
    python bench/calibrate.py --format markdown    # the tables of docs/calibration.md
    python bench/calibrate.py --format json        # the figures as JSON
    python bench/calibrate.py --corpus DIR         # another corpus (sidecars in DIR-expected/)
    python bench/calibrate.py --select DV3         # only the checks whose id starts with DV3
    python bench/calibrate.py --plugin MODULE      # also the checks of a plugin module
    python bench/calibrate.py --update-docs        # rewrite the tables in docs/calibration.md

Every document `<name>.yaml` of the corpus has a sidecar `<name>.expected.yaml` in the folder
beside it, `<corpus>-expected/` (so that `dienstvisie validate <corpus>/` sees only documents),
format bench/expectation.schema.json: the verdict a service designer expects, written down before
the checks were tuned. The command checks every document with the built-in checks only (no
installed plugins, so the figures do not depend on the machine; `--plugin` adds one on purpose)
and compares.

Why the counting is as it is:

* The unit is a failed finding of one check at one step of one document (two asks in one step
  failing the same check are one unit: the designer judges steps, not ask lists). Findings about
  the document as a whole have no step.
* A unit is a **true positive** when an item of the sidecar's `fail` lists its check (and its step,
  when the item names steps). An item lists one check, or several of which exactly one should
  report that one root cause: one unit meets it (units and items are matched so that as many
  items as possible are met, preferring an item's first check), another check of the same item
  (or the same check at a second listed step) is a duplicate and counts as a **false positive**.
  An item without a step is met by its check wherever it fails, once.
* Any other unit is a **false positive**: a known one when `must_not_fail` lists it, else one the
  designer did not expect. An item of `fail` that nothing met is a **false negative**, counted
  for its first check.
* Per principle, true positives and false negatives count for the item's principle, false
  positives for the principles the check serves. Only checks that serve a design principle are
  calibrated; meta checks about the document itself (DV0xx) are not.
* The principle verdicts (does the service fall short of P3 or not) are compared as well: a
  principle fails in the report when any calibrated check that serves it failed. They are shown
  beside the figures; the targets are on the findings.

Exit status: 0 when every principle reaches precision 0.9 and recall 0.85 (a principle with
nothing expected and nothing found reaches them), 1 when one does not, 2 when the corpus cannot be
used (a document that does not load, a sidecar that is missing, invalid or contradicts itself);
each problem is named with file and line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from dienstvisie.api import all_checks, check, resolve_vision
from dienstvisie.documents.load import read_service
from dienstvisie.documents.parse import ParseError, parse_text
from dienstvisie.errors import DocumentError, SourceError
from dienstvisie.model.check import Status
from dienstvisie.model.finding import Finding
from dienstvisie.model.source_map import SourceMap
from dienstvisie.plugins.manager import Plugins, load_plugins

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent / "tests" / "corpus" / "real"
MAX_PROBLEMS_PER_FILE = 8
SCHEMA = HERE / "expectation.schema.json"
DOCS_PAGE = HERE.parent / "docs" / "calibration.md"
DOCS_BEGIN, DOCS_END = "<!-- calibration:begin -->\n", "<!-- calibration:end -->"
SIDECAR_SUFFIX = ".expected.yaml"
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.85
EXIT_MET, EXIT_BELOW, EXIT_UNUSABLE = 0, 1, 2


class CorpusError(Exception):
    """The corpus cannot be used; `problems` names every reason, each with its file (and line)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


# ------------------------------------------------------------------------------------- sidecars

@dataclass(frozen=True)
class Item:
    """One line of a sidecar: check ids (alternatives), steps (None: anywhere), principle, reason."""

    checks: tuple[str, ...]
    steps: tuple[str, ...] | None
    principle: str | None
    reason: str

    def covers(self, check_id: str, step: str | None) -> bool:
        return check_id in self.checks and (self.steps is None or step in self.steps)


@dataclass(frozen=True)
class Expectation:
    """A document's expected verdict, read from its sidecar."""

    document: str
    verdicts: dict[str, str]
    fail: tuple[Item, ...]
    must_not_fail: tuple[Item, ...]


def _as_tuple(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _item(data: dict[str, Any]) -> Item:
    steps = data.get("step")
    return Item(checks=_as_tuple(data["check"]), steps=None if steps is None else _as_tuple(steps),
                principle=data.get("principle"), reason=data["reason"])


def _where(source_map: SourceMap, pointer: str) -> str:
    return str(source_map.locate(pointer))


def read_expectation(path: Path, step_ids: Iterable[str], principle_ids: Iterable[str],
                     principles_of: dict[str, tuple[str, ...]]) -> Expectation:
    """The sidecar at `path`, validated against its schema and against itself and its document.

    `principles_of` maps every installed check id to the principles it serves (empty for meta
    checks); ids it lacks are checks the designer expects that do not exist yet.
    """
    try:
        parsed = parse_text(path.read_text(encoding="utf-8"), file=str(path))
    except OSError as error:
        raise CorpusError([f"{path}: cannot be read ({error.strerror or error})"]) from None
    except ParseError as error:
        raise CorpusError([f"{problem.location}: {problem.message.get('en')}" for problem in error.problems]) from None
    data, source_map = parsed.data, parsed.source_map
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    problems = [f"{_where(source_map, '/' + '/'.join(str(p) for p in error.absolute_path))}: {error.message}"
                for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]
    if problems:
        raise CorpusError(problems)
    expectation = Expectation(
        document=data["document"],
        verdicts={pid: value["verdict"] for pid, value in data["principles"].items()},
        fail=tuple(_item(item) for item in data["fail"]),
        must_not_fail=tuple(_item(item) for item in data.get("must_not_fail", [])),
    )
    problems += _contradictions(expectation, data, source_map, set(step_ids), tuple(principle_ids), principles_of)
    if problems:
        raise CorpusError(problems)
    return expectation


def _contradictions(expectation: Expectation, data: dict[str, Any], source_map: SourceMap, step_ids: set[str],
                    principle_ids: tuple[str, ...], principles_of: dict[str, tuple[str, ...]]) -> list[str]:
    """What makes a sidecar unusable although its shape is right: it must agree with itself and its document."""
    problems = []
    failing = {item.principle for item in expectation.fail}
    for pid in principle_ids:
        if pid not in expectation.verdicts:
            problems.append(f"{_where(source_map, '/principles')}: no verdict for {pid}")
    for pid, verdict in expectation.verdicts.items():
        where = _where(source_map, f"/principles/{pid}")
        if pid not in principle_ids:
            problems.append(f"{where}: {pid} is no design principle of the vision ({', '.join(principle_ids)})")
        elif (verdict == "fail") != (pid in failing):
            problems.append(f"{where}: {pid} is '{verdict}', but {'no' if verdict == 'fail' else 'an'} item of "
                            f"'fail' names {pid}")
    for key, items in (("fail", expectation.fail), ("must_not_fail", expectation.must_not_fail)):
        for index, item in enumerate(items):
            where = _where(source_map, f"/{key}/{index}")
            for step in item.steps or ():
                if step not in step_ids:
                    problems.append(f"{where}: step '{step}' is not a step of {expectation.document}")
            for check_id in item.checks:
                if check_id in principles_of and not principles_of[check_id]:
                    problems.append(f"{where}: {check_id} judges the document itself and is not calibrated")
            if item.principle is not None and item.principle not in principle_ids:
                problems.append(f"{where}: {item.principle} is no design principle of the vision")
    for index, passing in enumerate(expectation.must_not_fail):
        for failing_item in expectation.fail:
            both = set(passing.checks) & set(failing_item.checks)
            steps_overlap = passing.steps is None or failing_item.steps is None or set(passing.steps) & set(failing_item.steps)
            if both and steps_overlap:
                problems.append(f"{_where(source_map, f'/must_not_fail/{index}')}: {', '.join(sorted(both))} is "
                                "expected to fail there as well")
                break
    return problems


# ------------------------------------------------------------------------------------- counting

@dataclass
class Tally:
    """True positives, false positives and false negatives of one check or principle."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def meets(self) -> bool:
        """At or above both targets; a figure that is undefined (nothing to count) does not hold it back."""
        precision, recall = self.precision, self.recall
        return (precision is None or precision >= TARGET_PRECISION) and (recall is None or recall >= TARGET_RECALL)


@dataclass(frozen=True)
class Miss:
    """A false positive or negative, for the list that says what to look at."""

    document: str
    check: str
    step: str | None
    kind: str  # "known false positive", "unexpected", "duplicate", "missed"
    reason: str


@dataclass
class Result:
    """Everything the calibration found over one corpus."""

    documents: int = 0
    checks: dict[str, Tally] = field(default_factory=dict)
    principles: dict[str, Tally] = field(default_factory=dict)
    verdicts: dict[str, dict[str, int]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    unregistered: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def below(self) -> list[str]:
        """The principles that miss a target, as 'P3 recall 0.40'."""
        found = []
        for pid, tally in self.principles.items():
            if tally.precision is not None and tally.precision < TARGET_PRECISION:
                found.append(f"{pid} precision {tally.precision:.2f}")
            if tally.recall is not None and tally.recall < TARGET_RECALL:
                found.append(f"{pid} recall {tally.recall:.2f}")
        return found


def _tally(table: dict[str, Tally], key: str) -> Tally:
    return table.setdefault(key, Tally())


def unit_of(finding: Finding, expectation: Expectation) -> tuple[str, str | None]:
    """The unit of a failed finding: (check, step). A finding that reports one root cause for several
    checks (`related`, see engine/overlap.py) is the unit of the first of them the verdict expects at
    that step, as an explanation for any of them matches it; else of its own check."""
    for check_id in finding.checks:
        if any(item.covers(check_id, finding.step) for item in expectation.fail):
            return (check_id, finding.step)
    return (finding.check, finding.step)


def score_document(result: Result, name: str, expectation: Expectation, failed: set[tuple[str, str | None]],
                   principles_of: dict[str, tuple[str, ...]]) -> None:
    """Add one document's units (failed findings of calibrated checks, as (check, step)) to `result`.

    Units are matched to expected items as a maximum matching (each item met by at most one unit),
    taking units in the order of the designer's preference (an item's first check first) and trying
    items that name steps before those that do not, so that the greatest number of expectations
    counts as met; a unit left over is absorbed by a step-less item its check already met elsewhere,
    or else is a duplicate (covered, but its root cause is already reported) or a false positive.
    """
    Unit = tuple[str, str | None]
    items = expectation.fail

    def candidates(unit: Unit) -> list[int]:
        covering = [i for i, item in enumerate(items) if item.covers(*unit)]
        return sorted(covering, key=lambda i: (items[i].steps is None, items[i].checks.index(unit[0]), i))

    def rank(unit: Unit) -> tuple[int, str, str]:
        ranks = [items[i].checks.index(unit[0]) for i in candidates(unit)]
        return (min(ranks) if ranks else 99, unit[0], unit[1] or "")

    met: dict[int, Unit] = {}

    def assign(unit: Unit, tried: set[int]) -> bool:
        for index in candidates(unit):
            if index in tried:
                continue
            tried.add(index)
            if index not in met or assign(met[index], tried):
                met[index] = unit
                return True
        return False

    ordered = sorted(failed, key=rank)
    for unit in ordered:
        assign(unit, set())
    matched = {unit: index for index, unit in met.items()}
    for unit in ordered:
        check_id, step = unit
        if unit in matched:
            _tally(result.checks, check_id).tp += 1
            _tally(result.principles, items[matched[unit]].principle or "-").tp += 1
            continue
        covering = candidates(unit)
        if not covering:
            known = [item for item in expectation.must_not_fail if item.covers(check_id, step)]
            kind, reason = ("known false positive", known[0].reason) if known else ("unexpected", "not in the expected verdict")
            _false_positive(result, principles_of, Miss(name, check_id, step, kind, reason))
            continue
        if any(items[i].steps is None and met[i][0] == check_id for i in covering):
            continue  # the same check at another place: one root cause, already counted
        first = met[covering[0]]  # every covering item is met, or the matching would have used it
        _false_positive(result, principles_of, Miss(
            name, check_id, step, "duplicate",
            f"{first[0]} at {first[1] or 'the document'} already reports: {items[covering[0]].reason}"))
    for index, item in enumerate(expectation.fail):
        if index in met:
            continue
        _tally(result.checks, item.checks[0]).fn += 1
        _tally(result.principles, item.principle or "-").fn += 1
        steps = ", ".join(item.steps) if item.steps else None
        result.misses.append(Miss(name, " / ".join(item.checks), steps, "missed", item.reason))
        for check_id in item.checks:
            if check_id not in principles_of:
                result.unregistered[check_id] = result.unregistered.get(check_id, 0) + 1
    actual = {pid for check_id, _ in failed for pid in principles_of.get(check_id, ())}
    for pid, verdict in expectation.verdicts.items():
        expected = verdict == "fail"
        key = ("tp" if pid in actual else "fn") if expected else ("fp" if pid in actual else "tn")
        counts = result.verdicts.setdefault(pid, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
        counts[key] += 1


def _false_positive(result: Result, principles_of: dict[str, tuple[str, ...]], miss: Miss) -> None:
    _tally(result.checks, miss.check).fp += 1
    for pid in principles_of.get(miss.check, ()):
        _tally(result.principles, pid).fp += 1
    result.misses.append(miss)


def documents_in(corpus: Path) -> list[Path]:
    """The service concepts of a corpus folder, in a stable order (sidecars are not documents)."""
    return sorted(path for path in corpus.iterdir()
                  if path.is_file() and path.suffix in (".yaml", ".yml", ".json") and not path.name.endswith(SIDECAR_SUFFIX))


def expected_folder(corpus: Path) -> Path:
    """Where the sidecars of `corpus` are: the folder `<corpus>-expected` beside it."""
    return corpus.with_name(corpus.name + "-expected")


def calibrate(corpus: Path, *, expected: Path | None = None, plugins: Plugins | None = None,
              select: Sequence[str] = ()) -> Result:
    """Check every document of `corpus` and compare with its sidecar in `expected` (default:
    `<corpus>-expected`). `select` limits the calibration to checks whose id starts with one of
    these prefixes (sidecar items about other checks are then left out). CorpusError when unusable."""
    if not corpus.is_dir():
        raise CorpusError([f"{corpus}: not a folder"])
    expected = expected or expected_folder(corpus)
    if not expected.is_dir():
        raise CorpusError([f"{expected}: no folder with the expected verdicts of {corpus}"])
    plugins = plugins or load_plugins(entry_points=False)
    vision = resolve_vision(None, plugins)
    checks = all_checks(vision, plugins)
    if plugins.failures:  # a faulty plugin would make the figures mean something else: say so, stop
        raise CorpusError([f"plugin {failure.plugin} ({failure.hook}): {failure.message}" for failure in plugins.failures])
    principle_ids = tuple(principle.id for principle in vision.principles)
    principles_of = {c.id: tuple(p for p in c.principles if p in principle_ids) for c in checks}
    def in_scope(check_id: str) -> bool:
        return not select or any(check_id.startswith(prefix) for prefix in select)

    calibrated = {check_id for check_id, principles in principles_of.items() if principles and in_scope(check_id)}
    paths = documents_in(corpus)
    if not paths:
        raise CorpusError([f"{corpus}: no service concepts (*.yaml) in this folder"])
    result = Result(principles={pid: Tally() for pid in principle_ids})
    problems: list[str] = []
    for path in paths:
        try:
            document = read_service(path)
        except (DocumentError, SourceError) as error:
            problems.extend(_load_problems(path, error))
            continue
        sidecar = expected / (path.stem + SIDECAR_SUFFIX)
        if not sidecar.is_file():
            problems.append(f"{path}: no expected verdict beside it ({sidecar.name})")
            continue
        try:
            expectation = read_expectation(sidecar, (s.id for s in document.model.steps), principle_ids, principles_of)
        except CorpusError as error:
            problems.extend(error.problems)
            continue
        if expectation.document != path.name:
            problems.append(f"{sidecar}: 'document' names {expectation.document}, not {path.name}")
            continue
        report = check(document, plugins=plugins, vision=vision)
        failed = {unit_of(f, expectation) for f in report.findings if f.status is Status.FAILED and f.check in calibrated}
        result.errors.extend(f"{path.name}: {f.check} could not run ({f.message.get('en')})"
                             for f in report.findings if f.status is Status.ERROR)
        if select:
            expectation = Expectation(
                document=expectation.document, verdicts=expectation.verdicts,
                fail=tuple(item for item in expectation.fail if any(in_scope(c) for c in item.checks)),
                must_not_fail=tuple(item for item in expectation.must_not_fail if any(in_scope(c) for c in item.checks)))
        score_document(result, path.name, expectation, failed, principles_of)
        result.documents += 1
    if problems:
        raise CorpusError(problems)
    return result


def _load_problems(path: Path, error: DocumentError | SourceError) -> list[str]:
    if isinstance(error, SourceError):
        return [f"{path}: {error.message('en')}"]
    problems = [f"{problem.location}: {problem.message.get('en')}" for problem in error.problems if problem.level == "error"]
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        more = len(problems) - MAX_PROBLEMS_PER_FILE
        problems = problems[:MAX_PROBLEMS_PER_FILE] + [f"{path}: … and {more} more (dienstvisie validate {path})"]
    return problems


# ------------------------------------------------------------------------------------- reporting

def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _rows(result: Result) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    principles = [[pid, str(t.tp), str(t.fp), str(t.fn), _figure(t.precision), _figure(t.recall),
                   "ok" if t.meets() else "below"] for pid, t in result.principles.items()]
    checks = [[check_id, str(t.tp), str(t.fp), str(t.fn), _figure(t.precision), _figure(t.recall)]
              for check_id, t in sorted(result.checks.items())]
    verdicts = []
    for pid, counts in result.verdicts.items():
        tally = Tally(counts["tp"], counts["fp"], counts["fn"])
        verdicts.append([pid, str(counts["tp"]), str(counts["fp"]), str(counts["fn"]), str(counts["tn"]),
                         _figure(tally.precision), _figure(tally.recall)])
    return principles, checks, verdicts


PRINCIPLE_HEAD = ["principle", "TP", "FP", "FN", "precision", "recall", "target"]
CHECK_HEAD = ["check", "TP", "FP", "FN", "precision", "recall"]
VERDICT_HEAD = ["principle", "fail/fail", "pass/fail", "fail/pass", "pass/pass", "precision", "recall"]


def render_markdown(result: Result) -> str:
    """The tables of docs/calibration.md, deterministic for a given corpus and set of checks."""
    principles, checks, verdicts = _rows(result)

    def table(head: list[str], rows: list[list[str]]) -> list[str]:
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["--:"] * (len(head) - 1)) + "|"]
        return lines + ["| " + " | ".join(row) + " |" for row in rows]

    lines = [f"Over {result.documents} documents; targets: precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL} "
             "per principle.", "", "Per principle (findings):", ""]
    lines += table(PRINCIPLE_HEAD, principles)
    lines += ["", "Per check:", ""] + table(CHECK_HEAD, checks)
    lines += ["", "Principle verdicts per document (expected/reported):", ""] + table(VERDICT_HEAD, verdicts)
    if result.unregistered:
        lines += ["", "Expected by the designer but not (yet) a check: " +
                  ", ".join(f"{c} ({n})" for c, n in sorted(result.unregistered.items())) + "."]
    below = result.below()
    lines += ["", "Result: " + ("every principle meets the targets." if not below else "below target: " + ", ".join(below) + ".")]
    return "\n".join(lines) + "\n"


def render_text(result: Result, corpus: Path) -> str:
    """The report for a terminal: the tables, then every false positive and negative."""
    principles, checks, verdicts = _rows(result)

    def table(head: list[str], rows: list[list[str]]) -> list[str]:
        widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
        return ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
                for row in [head, *rows]]

    lines = [f"Calibration over {result.documents} documents in {corpus}", "",
             "Per principle (findings):"] + table(PRINCIPLE_HEAD, principles)
    lines += ["", "Per check:"] + table(CHECK_HEAD, checks)
    lines += ["", "Principle verdicts per document (expected/reported):"] + table(VERDICT_HEAD, verdicts)
    if result.unregistered:
        lines += ["", "Expected but not (yet) a check: " + ", ".join(f"{c} ({n})" for c, n in sorted(result.unregistered.items()))]
    for title, kinds in (("False positives:", ("unexpected", "known false positive", "duplicate")), ("False negatives:", ("missed",))):
        misses = [m for m in result.misses if m.kind in kinds]
        if misses:
            lines += ["", title]
            lines += [f"  {m.document}: {m.check} at {m.step or 'the document'} ({m.kind}): {m.reason}" for m in misses]
    if result.errors:
        lines += ["", "Checks that could not run:"] + [f"  {error}" for error in result.errors]
    below = result.below()
    lines += ["", f"Targets: precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL} per principle: " +
              ("met." if not below else "below target: " + ", ".join(below) + ".")]
    return "\n".join(lines) + "\n"


def render_json(result: Result) -> str:
    """The figures as JSON, for tests and other tools."""
    def tally(t: Tally) -> dict[str, Any]:
        return {"tp": t.tp, "fp": t.fp, "fn": t.fn, "precision": t.precision, "recall": t.recall, "meets": t.meets()}

    return json.dumps({
        "documents": result.documents,
        "targets": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL},
        "principles": {pid: tally(t) for pid, t in result.principles.items()},
        "checks": {cid: tally(t) for cid, t in sorted(result.checks.items())},
        "verdicts": result.verdicts,
        "misses": [m.__dict__ for m in result.misses],
        "unregistered": dict(sorted(result.unregistered.items())),
        "errors": result.errors,
        "below": result.below(),
    }, ensure_ascii=False, indent=2) + "\n"


def update_docs(tables: str, page: Path = DOCS_PAGE) -> int:
    """Replace the part of the hand-written page between its markers with `tables`, atomically."""
    from dienstvisie.documents.write import write_atomic

    text = page.read_text(encoding="utf-8")
    if DOCS_BEGIN not in text or DOCS_END not in text.split(DOCS_BEGIN, 1)[1]:
        print(f"calibrate: {page} lacks the markers {DOCS_BEGIN.strip()} and {DOCS_END}", file=sys.stderr)
        return EXIT_UNUSABLE
    head, rest = text.split(DOCS_BEGIN, 1)
    tail = rest.split(DOCS_END, 1)[1]
    write_atomic(page, head + DOCS_BEGIN + tables + DOCS_END + tail)
    print(page)
    return EXIT_MET


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder with the documents and their .expected.yaml sidecars (default: tests/corpus/real)")
    parser.add_argument("--expected", type=Path, default=None,
                        help="folder with the .expected.yaml sidecars (default: the corpus folder's name + '-expected')")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument("--select", action="append", default=[], metavar="PREFIX",
                        help="calibrate only checks whose id starts with PREFIX (repeatable)")
    parser.add_argument("--plugin", action="append", default=[], metavar="MODULE",
                        help="also load this plugin module, as dienstvisie --plugin (repeatable)")
    parser.add_argument("--update-docs", action="store_true",
                        help=f"write the markdown tables into {DOCS_PAGE.relative_to(HERE.parent)} between its markers")
    args = parser.parse_args(argv)
    try:
        plugins = load_plugins(entry_points=False, modules=args.plugin)
        result = calibrate(args.corpus, expected=args.expected, plugins=plugins, select=args.select)
    except CorpusError as error:
        print(f"calibrate: the corpus cannot be used ({len(error.problems)} problem(s)):", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.update_docs:
        return update_docs(render_markdown(result))
    rendered = {"text": lambda: render_text(result, args.corpus), "markdown": lambda: render_markdown(result),
                "json": lambda: render_json(result)}[args.format]()
    sys.stdout.write(rendered)
    return EXIT_BELOW if result.below() else EXIT_MET


if __name__ == "__main__":
    sys.exit(main())
