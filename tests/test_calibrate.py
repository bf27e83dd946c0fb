"""bench/calibrate.py, run as a subprocess as a developer runs it: correct figures on a synthetic
corpus whose true and false positives are known by construction (checks from
tests/dv_plugin_calibration.py, selected with --select ZZ), a clear refusal of an unusable corpus,
and the real corpus under tests/corpus/real: usable, and meeting its targets with the reworked checks
(issue 12), with docs/calibration.md in step with the command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from test_parallel import bench_module

ROOT = Path(__file__).resolve().parents[1]
CALIBRATE = ROOT / "bench" / "calibrate.py"
REAL = ROOT / "tests" / "corpus" / "real"
REAL_EXPECTED = ROOT / "tests" / "corpus" / "real-expected"
DOCS_PAGE = ROOT / "docs" / "calibration.md"
PRINCIPLES = ("P1", "P2", "P3", "P4", "P5", "P6")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "tests"), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, str(CALIBRATE), *args], capture_output=True, text=True, env=env, timeout=300)


def synthetic(*args: str) -> subprocess.CompletedProcess[str]:
    return run("--plugin", "dv_plugin_calibration", "--select", "ZZ", *args)


def service(service_id: str, steps: list[str], summary: str = "Een dienst.") -> str:
    lines = [f'dienstvisie: "1"', f"id: {service_id}", "title: Een dienst", f"summary: {{nl: '{summary}', en: '{summary}'}}",
             "audience: [burger]", "organisations:", "  - {id: gemeente, name: Gemeente, kind: gemeente}", "steps:"]
    lines += [f"  - {{id: {step}, title: Stap {step}, organisation: gemeente, initiative: burger}}" for step in steps]
    return "\n".join(lines) + "\n"


def verdicts(failing: set[str]) -> str:
    lines = ["principles:"]
    for pid in PRINCIPLES:
        verdict = "fail" if pid in failing else "pass"
        lines.append(f"  {pid}: {{verdict: {verdict}, reason: 'volgens de ontwerper'}}")
    return "\n".join(lines) + "\n"


def write_corpus(tmp_path: Path, documents: dict[str, tuple[str, str]]) -> Path:
    """documents: name -> (document text, sidecar text without its header)."""
    corpus, expected = tmp_path / "corpus", tmp_path / "corpus-expected"
    corpus.mkdir()
    expected.mkdir()
    for name, (document, sidecar) in documents.items():
        (corpus / f"{name}.yaml").write_text(document, encoding="utf-8")
        if sidecar:
            (expected / f"{name}.expected.yaml").write_text(
                f'calibration: "1"\ndocument: {name}.yaml\n' + sidecar, encoding="utf-8")
    return corpus


# Document a: ZZ101 fails at zz1-a, ZZ301 at zz3-b and zz3b-c, ZZ302 at zz3b-c; nothing at plain-d.
DOC_A = service("a", ["zz1-a", "zz3-b", "zz3b-c", "plain-d"])
EXPECT_A = verdicts({"P1", "P3"}) + """fail:
  - {check: ZZ101, step: zz1-a, principle: P1, reason: true positive}
  - {check: [ZZ301, ZZ302], step: zz3b-c, principle: P3, reason: one root cause; ZZ302 is a duplicate}
  - {check: ZZ301, step: plain-d, principle: P3, reason: 'false negative: nothing fails there'}
must_not_fail:
  - {check: ZZ301, step: zz3-b, reason: a known false positive}
"""
# Document b: ZZ601 fails the document as a whole; ZZ101 fails nowhere.
DOC_B = service("b", ["plain-x"], summary="ZZ6 in de samenvatting")
EXPECT_B = verdicts({"P1", "P6"}) + """fail:
  - {check: ZZ601, principle: P6, reason: a finding about the document}
  - {check: ZZ101, principle: P1, reason: false negative anywhere in the document}
"""


def test_counts_true_and_false_positives_and_negatives_as_constructed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"a": (DOC_A, EXPECT_A), "b": (DOC_B, EXPECT_B)})
    result = synthetic("--corpus", str(corpus), "--format", "json")
    assert result.returncode == 1, result.stderr
    figures = json.loads(result.stdout)
    assert figures["documents"] == 2
    checks = {cid: (t["tp"], t["fp"], t["fn"]) for cid, t in figures["checks"].items()}
    assert checks == {"ZZ101": (1, 0, 1), "ZZ301": (1, 1, 1), "ZZ302": (0, 1, 0), "ZZ601": (1, 0, 0)}
    principles = figures["principles"]
    assert (principles["P1"]["tp"], principles["P1"]["fp"], principles["P1"]["fn"]) == (1, 0, 1)
    assert principles["P1"]["precision"] == 1.0 and principles["P1"]["recall"] == 0.5
    assert (principles["P3"]["tp"], principles["P3"]["fp"], principles["P3"]["fn"]) == (1, 2, 1)
    assert principles["P3"]["precision"] == pytest.approx(1 / 3) and principles["P3"]["recall"] == 0.5
    assert principles["P6"]["precision"] == 1.0 and principles["P6"]["meets"] is True
    assert principles["P2"]["precision"] is None and principles["P2"]["meets"] is True  # nothing either way
    assert figures["below"] == ["P1 recall 0.50", "P3 precision 0.33", "P3 recall 0.50"]
    kinds = sorted((m["document"], m["check"], m["step"], m["kind"]) for m in figures["misses"])
    assert kinds == [("a.yaml", "ZZ301", "plain-d", "missed"), ("a.yaml", "ZZ301", "zz3-b", "known false positive"),
                     ("a.yaml", "ZZ302", "zz3b-c", "duplicate"), ("b.yaml", "ZZ101", None, "missed")]
    assert figures["verdicts"]["P1"] == {"tp": 1, "fp": 0, "fn": 1, "tn": 0}
    assert figures["verdicts"]["P3"] == {"tp": 1, "fp": 0, "fn": 0, "tn": 1}


def test_text_and_markdown_show_the_same_figures(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"a": (DOC_A, EXPECT_A), "b": (DOC_B, EXPECT_B)})
    text = synthetic("--corpus", str(corpus))
    assert text.returncode == 1
    assert re.search(r"^P3\s+1\s+2\s+1\s+0\.33\s+0\.50\s+below$", text.stdout, re.M), text.stdout
    assert "a.yaml: ZZ302 at zz3b-c (duplicate)" in text.stdout
    assert "b.yaml: ZZ101 at the document (missed)" in text.stdout
    assert "below target: P1 recall 0.50, P3 precision 0.33, P3 recall 0.50." in text.stdout
    markdown = synthetic("--corpus", str(corpus), "--format", "markdown")
    assert markdown.returncode == 1
    assert "| P3 | 1 | 2 | 1 | 0.33 | 0.50 | below |" in markdown.stdout
    assert "| ZZ302 | 0 | 1 | 0 | 0.00 | – |" in markdown.stdout


def test_exits_0_when_every_principle_meets_the_targets(tmp_path: Path) -> None:
    expect = verdicts({"P6"}) + "fail:\n  - {check: ZZ601, principle: P6, reason: exactly what fails}\n"
    corpus = write_corpus(tmp_path, {"b": (DOC_B, expect)})
    result = synthetic("--corpus", str(corpus))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("per principle: met.")


def test_select_limits_the_checks_and_the_expectations(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"a": (DOC_A, EXPECT_A), "b": (DOC_B, EXPECT_B)})
    result = run("--plugin", "dv_plugin_calibration", "--select", "ZZ1", "--corpus", str(corpus), "--format", "json")
    figures = json.loads(result.stdout)
    assert set(figures["checks"]) == {"ZZ101"}
    assert figures["principles"]["P3"]["tp"] == 0 and figures["principles"]["P3"]["fn"] == 0


def test_an_unusable_corpus_is_refused_with_file_and_line(tmp_path: Path) -> None:
    contradicting = verdicts({"P1"}).replace("P3: {verdict: pass", "P3: {verdict: pass") + """fail:
  - {check: ZZ301, step: nowhere, principle: P3, reason: a step the document lacks}
  - {check: DV002, principle: P6, reason: a meta check}
must_not_fail:
  - {check: ZZ301, reason: contradicts the item above}
"""
    invalid = verdicts(set()).replace("verdict: pass", "verdict: maybe", 1) + "fail: []\n"
    corpus = write_corpus(tmp_path, {"a": (DOC_A, contradicting), "b": (DOC_B, invalid), "c": (DOC_B, ""),
                                     "d": ("dienstvisie: '1'\nid: d\n", "fail: []\n")})
    result = synthetic("--corpus", str(corpus))
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""  # nothing half: no figures from a corpus that cannot be used
    errors = result.stderr
    sidecar_a = str(tmp_path / "corpus-expected" / "a.expected.yaml")
    assert re.search(re.escape(sidecar_a) + r":\d+:\d+ /principles/P1: P1 is 'fail', but no item of 'fail' names P1", errors)
    assert re.search(re.escape(sidecar_a) + r":\d+:\d+ /principles/P3: P3 is 'pass', but an item of 'fail' names P3", errors)
    assert "step 'nowhere' is not a step of a.yaml" in errors
    assert "DV002 judges the document itself and is not calibrated" in errors
    assert "ZZ301 is expected to fail there as well" in errors
    assert re.search(re.escape(str(tmp_path / "corpus-expected" / "b.expected.yaml")) + r":\d+:\d+ .*'maybe'", errors)
    assert f"c.yaml: no expected verdict beside it (c.expected.yaml)" in errors
    assert re.search(r"d\.yaml:\d+:\d+ .*(title|audience)", errors)  # a document that does not load
    assert "Traceback" not in errors


def test_a_missing_corpus_or_sidecar_folder_is_refused(tmp_path: Path) -> None:
    assert run("--corpus", str(tmp_path / "nothing")).returncode == 2
    (tmp_path / "lonely").mkdir()
    result = run("--corpus", str(tmp_path / "lonely"))
    assert result.returncode == 2 and "lonely-expected: no folder with the expected verdicts" in result.stderr


# ------------------------------------------------------------------------------ the real corpus

@pytest.fixture(scope="module")
def real() -> dict[str, Any]:
    result = run("--format", "json")
    assert result.returncode in (0, 1), result.stderr  # 2 would mean the corpus itself is broken
    figures: dict[str, Any] = json.loads(result.stdout)
    figures["returncode"] = result.returncode
    return figures


def test_the_real_corpus_is_usable_and_labelled_throughout(real: dict[str, Any]) -> None:
    documents = sorted(path.stem for path in REAL.glob("*.yaml"))
    assert len(documents) >= 12 and real["documents"] == len(documents)
    assert sorted(path.name.removesuffix(".expected.yaml") for path in REAL_EXPECTED.glob("*.expected.yaml")) == documents
    for path in REAL.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Herkomst"), f"{path.name} must say where it comes from"
        assert "../shared/data" in text and 'dienstvisie: "2"' in text
    assert set(real["principles"]) == set(PRINCIPLES)


def test_the_real_corpus_validates_with_the_command_users_run() -> None:
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "validate", "--lang", "en", str(REAL)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower()


def test_the_real_corpus_meets_the_targets(real: dict[str, Any]) -> None:
    assert real["below"] == [] and real["returncode"] == 0


def test_docs_calibration_page_shows_what_the_command_reports() -> None:
    result = run("--format", "markdown")
    assert result.returncode in (0, 1), result.stderr
    page = DOCS_PAGE.read_text(encoding="utf-8")
    begin, end = "<!-- calibration:begin -->\n", "<!-- calibration:end -->"
    assert begin in page and end in page
    shown = page.split(begin, 1)[1].split(end, 1)[0]
    assert shown == result.stdout, "docs/calibration.md is stale: run python bench/calibrate.py --update-docs"


# ------------------------------------------------------------------ the counting, as properties

calibration = bench_module("calibrate")
PRINCIPLE_OF = {"ZZ101": ("P1",), "ZZ301": ("P3",), "ZZ302": ("P3",)}
units = st.sets(st.tuples(st.sampled_from(sorted(PRINCIPLE_OF)), st.sampled_from(["s1", "s2", "s3", None])), max_size=9)
items = st.lists(st.builds(
    lambda checks, steps: calibration.Item(tuple(checks), None if steps is None else tuple(steps), "P3", "r"),
    st.lists(st.sampled_from(sorted(PRINCIPLE_OF)), min_size=1, max_size=2, unique=True),
    st.none() | st.lists(st.sampled_from(["s1", "s2", "s3"]), min_size=1, max_size=2, unique=True)), max_size=6)


def score(found: set[tuple[str, str | None]], expected: list[Any]) -> Any:
    result = calibration.Result()
    expectation = calibration.Expectation(document="d.yaml", verdicts={}, fail=tuple(expected), must_not_fail=())
    calibration.score_document(result, "d.yaml", expectation, found, PRINCIPLE_OF)
    return result


def totals(result: Any) -> tuple[int, int, int]:
    return (sum(t.tp for t in result.checks.values()), sum(t.fp for t in result.checks.values()),
            sum(t.fn for t in result.checks.values()))


@settings(max_examples=200, deadline=None)
@given(units)
def test_expecting_exactly_what_fails_gives_precision_and_recall_one(found: set[tuple[str, str | None]]) -> None:
    expected = [calibration.Item((check,), None if step is None else (step,), "P3", "r") for check, step in sorted(found, key=str)]
    result = score(found, expected)
    tp, fp, fn = totals(result)
    assert (tp, fp, fn) == (len(found), 0, 0)


@settings(max_examples=300, deadline=None)
@given(units, items)
def test_every_item_is_met_or_missed_and_every_unit_counted_at_most_once(
        found: set[tuple[str, str | None]], expected: list[Any]) -> None:
    tp, fp, fn = totals(score(found, expected))
    assert tp + fn == len(expected)
    assert tp + fp <= len(found)
    if all(item.steps is not None for item in expected):
        assert tp + fp == len(found)  # nothing absorbed without a step-less item
    if not expected:
        assert (tp, fp, fn) == (0, len(found), 0)


def test_the_matching_meets_as_many_expectations_as_it_can() -> None:
    anywhere = calibration.Item(("ZZ301",), None, "P3", "anywhere")
    at_s1 = calibration.Item(("ZZ301",), ("s1",), "P3", "at s1")
    assert totals(score({("ZZ301", "s1"), ("ZZ301", "s2")}, [anywhere, at_s1])) == (2, 0, 0)
    assert totals(score({("ZZ301", "s1"), ("ZZ302", "s1")}, [calibration.Item(("ZZ301", "ZZ302"), ("s1",), "P3", "one")])) == (1, 1, 0)


def test_a_merged_finding_counts_for_the_check_the_verdict_expects() -> None:
    """One root cause reported once (DV201 naming DV203) meets an item that expects DV203 at that step."""
    from dienstvisie.model.check import Severity, Status
    from dienstvisie.model.finding import Finding
    from dienstvisie.model.text import Text

    merged = Finding(check="DV201", principles=("P2",), status=Status.FAILED, severity=Severity.MAJOR,
                     message=Text(nl="x", en="x"), step="s1", related=("DV202", "DV203"))
    expects_203 = calibration.Expectation(document="d.yaml", verdicts={}, must_not_fail=(),
                                          fail=(calibration.Item(("DV203",), ("s1",), "P2", "r"),))
    assert calibration.unit_of(merged, expects_203) == ("DV203", "s1")
    elsewhere = calibration.Expectation(document="d.yaml", verdicts={}, must_not_fail=(),
                                        fail=(calibration.Item(("DV203",), ("s2",), "P2", "r"),))
    assert calibration.unit_of(merged, elsewhere) == ("DV201", "s1")
