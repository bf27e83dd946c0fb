"""Guiding questions reward honesty: open questions lower the assessment coverage, never the score;
ja/deels/nee move the score; nee can fail a run, deels with evidence cannot; --require-assessment
makes open questions fail; suggestions fit the state."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import dienstvisie
from dienstvisie.cli.config import ConfigError, load_config
from dienstvisie.documents.load import load_vision
from dienstvisie.documents.validate import schema_problems
from dienstvisie.model.check import Status
from dienstvisie.model.report import Report
from support import TODAY, strong_service

VISION = load_vision()
P1_QUESTIONS = [q.id for q in VISION.principle("P1").questions]
EVIDENCE = "Getest met twaalf nabestaanden, oktober 2026."


def _with_answers(answers: dict[str, tuple[str, str | None]]) -> dict[str, Any]:
    data = strong_service()
    data["assessment"] = [
        {"question": q, "answer": a, **({"evidence": e} if e else {})} for q, (a, e) in answers.items()
    ]
    return data


def _check(data: dict[str, Any], **options: Any) -> Report:
    return dienstvisie.check(data, today=TODAY, select=["DV1", "QP1"], **options)


def _qp1(report: Report) -> list[dienstvisie.Finding]:
    return [f for f in report.findings if f.check == "QP1"]


def _failing(report: Report, fail_on: str = "minor") -> bool:
    from dienstvisie.model.check import Severity

    rank = Severity(fail_on).rank
    return any(f.status in (Status.FAILED, Status.ERROR) and f.severity.rank >= rank for f in report.findings)


def test_unanswered_questions_lower_assessment_coverage_not_the_score() -> None:
    one = _check(_with_answers({P1_QUESTIONS[0]: ("ja", EVIDENCE)}))
    all_four = _check(_with_answers({q: ("ja", EVIDENCE) for q in P1_QUESTIONS}))
    assert one.score("P1").score == all_four.score("P1").score == 100.0
    assert (one.score("P1").assessed, one.score("P1").questions) == (1, 4)
    assert (all_four.score("P1").assessed, all_four.score("P1").questions) == (4, 4)
    assert one.score("P1").assessment_coverage == 0.25
    assert not _failing(one, "info")


def test_deels_with_evidence_moves_the_score_but_cannot_fail_the_run() -> None:
    ja = _check(_with_answers({P1_QUESTIONS[0]: ("ja", EVIDENCE)}))
    deels = _check(_with_answers({P1_QUESTIONS[0]: ("deels", EVIDENCE)}))
    assert deels.score("P1").score is not None and ja.score("P1").score is not None
    assert deels.score("P1").score < ja.score("P1").score
    assert [f.status for f in _qp1(deels) if f.credit is not None] == [Status.PASSED]
    assert not _failing(deels, "info"), "an honest 'deels' with evidence must never fail a run"


def test_nee_fails_the_run_and_scores_lowest() -> None:
    deels = _check(_with_answers({P1_QUESTIONS[0]: ("deels", EVIDENCE)}))
    nee = _check(_with_answers({P1_QUESTIONS[0]: ("nee", None)}))
    assert nee.score("P1").score is not None and deels.score("P1").score is not None
    assert nee.score("P1").score < deels.score("P1").score
    assert _failing(nee)
    assert nee.score("P1").failed >= 1


def test_graded_score_is_the_mean_credit_of_answered_questions() -> None:
    """QP1 alone: ja 1, deels ½, nee 0, open questions left out."""
    data = _with_answers({P1_QUESTIONS[0]: ("ja", EVIDENCE), P1_QUESTIONS[1]: ("deels", EVIDENCE),
                          P1_QUESTIONS[2]: ("nee", EVIDENCE)})
    report = dienstvisie.check(data, today=TODAY, select=["QP1"])
    assert report.score("P1").score == 50.0
    assert (report.score("P1").applicable, report.score("P1").assessed) == (1, 3)


def test_answer_without_evidence_is_not_assessed_and_needs_review() -> None:
    report = _check(_with_answers({P1_QUESTIONS[0]: ("ja", None)}))
    assert report.score("P1").assessed == 0
    finding = next(f for f in _qp1(report) if f.location.pointer == "/assessment/0/answer")
    assert finding.status is Status.NEEDS_REVIEW
    assert finding.suggestion is not None and "evidence" in (finding.suggestion.en or "")


def test_require_assessment_makes_open_questions_fail_without_moving_the_score() -> None:
    data = _with_answers({P1_QUESTIONS[0]: ("ja", EVIDENCE)})
    plain, strict = _check(data), _check(data, require_assessment=True)
    assert not _failing(plain)
    assert _failing(strict)
    assert sum(f.status is Status.FAILED for f in _qp1(strict)) == 3
    assert strict.score("P1").score == plain.score("P1").score


def test_suggestions_fit_the_state() -> None:
    answered = _check(_with_answers({q: ("ja", EVIDENCE) for q in P1_QUESTIONS[:3]} | {P1_QUESTIONS[3]: ("nee", None)}))
    texts = [f.suggestion.en for f in _qp1(answered) if f.suggestion is not None]
    assert texts and all("improvement agenda" in (t or "") for t in texts)
    assert not any("Answer" in (t or "") for t in texts), "a team that answered every question is told to answer"
    unknown = _check(_with_answers({P1_QUESTIONS[0]: ("onbekend", None)}))
    first = next(f for f in _qp1(unknown) if f.location.pointer == "/assessment/0")
    assert first.suggestion is not None and "Find out" in (first.suggestion.en or "")
    missing = next(f for f in _qp1(unknown) if f.location.pointer == "/assessment")
    assert missing.suggestion is not None and "open guiding questions" in (missing.suggestion.en or "")


def test_an_explained_nee_counts_as_accepted() -> None:
    data = _with_answers({P1_QUESTIONS[0]: ("nee", None)})
    data["explanations"] = [{"check": "QP1", "reason": "Budget pas in 2027", "decided_by": "MT"}]
    report = dienstvisie.check(data, today=TODAY, select=["QP1"])
    assert report.score("P1").score == 100.0
    assert not _failing(report)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["ja", "deels", "nee", "onbekend", None]), min_size=4, max_size=4),
       st.lists(st.booleans(), min_size=4, max_size=4))
def test_adding_an_open_question_never_changes_the_score(answers: list[str | None], evidence: list[bool]) -> None:
    """Property: removing any answer that does not count leaves the score as it was."""
    given_answers = {q: (a, EVIDENCE if e else None) for q, a, e in zip(P1_QUESTIONS, answers, evidence) if a}
    report = dienstvisie.check(_with_answers(given_answers), today=TODAY, select=["QP1"])
    counted = {q: v for q, v in given_answers.items() if v[0] == "nee" or (v[0] in ("ja", "deels") and v[1])}
    only_counted = dienstvisie.check(_with_answers(counted), today=TODAY, select=["QP1"])
    assert report.score("P1").score == only_counted.score("P1").score
    assert report.score("P1").assessed == len(counted)


def test_config_key_require_assessment(tmp_path: Path) -> None:
    good = tmp_path / "dienstvisie.toml"
    good.write_text("require-assessment = true\n", encoding="utf-8")
    assert load_config(good).require_assessment is True
    bad = tmp_path / "bad.toml"
    bad.write_text('require-assessment = "ja"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="require-assessment"):
        load_config(bad)


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], capture_output=True, text=True, cwd=cwd,
                          check=False)


def test_cli_gate_and_report_show_assessment_coverage(tmp_path: Path) -> None:
    data = _with_answers({P1_QUESTIONS[0]: ("deels", EVIDENCE)})
    document = tmp_path / "dienst.yaml"
    document.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    common = ["check", "--no-plugins", "--select", "DV1,QP1", "--lang", "en"]
    plain = _cli([*common, "--isolated", str(document)], tmp_path)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "questions 1/4" in plain.stdout
    strict = _cli([*common, "--isolated", "--require-assessment", str(document)], tmp_path)
    assert strict.returncode == 1, strict.stdout + strict.stderr
    (tmp_path / "dienstvisie.toml").write_text("require-assessment = true\n", encoding="utf-8")
    configured = _cli([*common, str(document)], tmp_path)
    assert configured.returncode == 1, configured.stdout + configured.stderr
    as_json = _cli([*common, "--isolated", "--format", "json", str(document)], tmp_path)
    report = json.loads(as_json.stdout)
    assert schema_problems(report, "report") == []
    scores = {s["id"]: s for s in report["services"][0]["scores"]}
    assert scores["P1"]["assessment"] == {"assessed": 1, "questions": 4, "coverage": 0.25}
    markdown = _cli([*common, "--isolated", "--format", "markdown", str(document)], tmp_path)
    assert "Self-assessment" in markdown.stdout and "1 of 4 guiding questions answered" in markdown.stdout
    html = _cli([*common, "--isolated", "--format", "html", str(document)], tmp_path)
    assert "1 of 4 guiding questions answered" in html.stdout
