"""The terminal report: grouped by principle, each suggestion once per check, no colour off a terminal;
the concise form loses nothing of the full one; statistics, quiet, plurals, and marks that match."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dienstvisie.cli.main import main

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "werkloos-uwv.yaml"
PASSING = ROOT / "examples" / "geboorte-den-haag.yaml"  # passes at fail-on minor, answers some questions
EXAMPLES = ROOT / "examples"


def _out(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    main(["check", "--isolated", "--no-progress", *args])
    return capsys.readouterr().out


def test_text_report_groups_and_gives_each_suggestion_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--isolated", "--lang", "en", str(EXAMPLE)]) == 1
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    p1, p2 = out.index("  P1 "), out.index("  P2 ")
    assert out.count("? QP1", p1, p2) == 1  # the unanswered questions folded into one finding
    assert "4 of 4 guiding questions not answered yet: P1.Q1, P1.Q2, P1.Q3, P1.Q4" in out[p1:p2]
    for question in ("P1.Q1", "P1.Q2", "P1.Q3", "P1.Q4"):  # and each question's text is still there
        assert re.search(rf"^ {{8}}{re.escape(question)} \S", out[p1:p2], re.MULTILINE)
    assert out.count("Answer the guiding questions in 'assessment'", p1, p2) == 1
    p3, p4 = out.index("  P3 "), out.index("  P4 ")
    assert out.count("✗ DV301", p3, p4) >= 2
    assert out.count("Fetch the data item from its source", p3, p4) == 1
    assert "FAIL" in out and "(fail-on: minor)" in out


def test_colour_can_be_forced(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    main(["check", "--isolated", str(EXAMPLE)])
    assert "\x1b[" in capsys.readouterr().out


def test_coverage_is_said_in_words_and_unselected_principles_are_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(["--lang", "en", "--select", "DV3", str(EXAMPLES / "bedrijf-starten.yaml")], capsys)
    # DV301-DV303 fail (one finding, one root cause: the related checks count as failed, once in the
    # score); DV304 (a fetch without legal basis) does not apply: the document fetches nothing
    assert "  P3 " in out and "(0 of 3 checks passed, 1 not applicable)" in out
    for other in ("P1", "P2", "P4", "P5", "P6"):
        assert f"  {other} " not in out
    assert "0/0" not in out and "(3/4" not in out
    nl = _out(["--select", "DV3", str(EXAMPLES / "bedrijf-starten.yaml")], capsys)
    assert "(0 van 3 checks voldaan, 1 niet van toepassing)" in nl
    everything = _out(["--lang", "en", str(EXAMPLES / "bedrijf-starten.yaml")], capsys)
    assert "(0 of 3 checks passed, 2 not applicable, questions 0/4)" in everything  # P3: DV304 and QP3 do not apply


def test_info_notes_are_not_red_failures(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = _out(["--lang", "en", str(EXAMPLES / "bedrijf-starten.yaml")], capsys)
    notes = [line for line in out.splitlines() if "DV002" in line]
    assert notes and all(line.lstrip().startswith("i DV002 info") for line in notes)
    assert "3 notes" in out and "✗ DV002" not in out
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = _out(["--lang", "en", str(EXAMPLES / "bedrijf-starten.yaml")], capsys)
    note = next(line for line in coloured.splitlines() if "DV002" in line)
    assert "\x1b[31" not in note  # not red
    failure = next(line for line in coloured.splitlines() if "DV101" in line)
    assert "\x1b[31" in failure  # a major failure is


def test_a_team_that_answered_is_not_told_to_answer_everything(capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(["--lang", "en", str(PASSING)], capsys)
    p1, p2 = out.index("  P1 "), out.index("  P2 ")
    assert "3 of 4 guiding questions not answered yet" in out[p1:p2]
    assert "Answer the open guiding questions" in out[p1:p2]
    assert "Answer the guiding questions in" not in out[p1:p2]


def test_an_answer_no_gets_advice_to_change_not_to_answer() -> None:
    from dienstvisie.checks.questions import question_checks
    from dienstvisie.documents.load import load_vision
    from tests.support import outcomes, strong_service

    data = strong_service()
    data["assessment"] = [{"question": "P1.Q1", "answer": "nee"}]
    found = outcomes(question_checks(load_vision())[0], data)
    answered, unanswered = found[0], found[1]
    assert answered.suggestion is not None and "Answer" not in answered.suggestion.get("en")
    assert unanswered.suggestion is not None and unanswered.suggestion.get("en").startswith("Answer these open guiding questions")


def _finding_places(report_json: dict[str, object]) -> set[tuple[str, str, int]]:
    shown = {"failed", "needs_review", "error", "explained"}
    places = set()
    for service in report_json["services"]:  # type: ignore[attr-defined]
        for finding in service["findings"]:
            if finding["status"] in shown:
                places.add((finding["check"], finding["location"].get("file") or "", finding["location"].get("line") or 0))
    return places


def test_concise_has_a_line_for_every_finding_full_has(capsys: pytest.CaptureFixture[str]) -> None:
    concise = _out(["--lang", "en", "--output-format", "concise", str(EXAMPLES)], capsys)
    full = _out(["--lang", "en", str(EXAMPLES)], capsys)
    data = json.loads(_out(["--lang", "en", "--format", "json", str(EXAMPLES)], capsys))
    concise_places = set(re.findall(r"^  (\S+?):(\d+):\d+: \S (\S+) ", concise, re.MULTILINE))
    expected = _finding_places(data)
    for check, file, line in expected:
        assert (file, str(line), check) in concise_places, (check, file, line)
    assert len(concise.splitlines()) < len(full.splitlines()) / 2
    for block in concise.split("\n\n")[1:-1]:  # every service fits a screen of 50 lines
        assert len(block.splitlines()) <= 50
    assert concise.count("guiding questions not answered yet") == full.count("guiding questions not answered yet")


def test_output_format_from_the_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "dienstvisie.toml"
    config.write_text('output-format = "concise"\n', encoding="utf-8")
    out = _out(["--config", str(config), "--lang", "en", str(EXAMPLE)], capsys)
    assert re.search(r"^  \S+werkloos-uwv.yaml:\d+:\d+: ✗ DV", out, re.MULTILINE)
    config.write_text('output-format = "short"\n', encoding="utf-8")
    assert main(["check", "--config", str(config), str(EXAMPLE)]) == 2
    assert "output-format" in capsys.readouterr().err


def test_plurals_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    two = [str(EXAMPLE), str(PASSING)]
    assert "2 services: 1 passes, 1 fails" in _out(["--lang", "en", *two], capsys)
    assert "2 diensten: 1 voldoet, 1 voldoet niet" in _out(["--lang", "nl", *two], capsys)
    stats = _out(["--statistics", str(EXAMPLE)], capsys)
    assert "in 1 dienst " in stats and "1 dienst\n" in stats and "diensten" not in stats
    stats_en = _out(["--statistics", "--lang", "en", *two], capsys)
    assert "in 2 services" in stats_en and "in 1 service " in stats_en


def test_statistics_count_what_the_json_report_has(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_out(["--format", "json", str(EXAMPLES)], capsys))
    counts: dict[str, int] = {}
    for service in data["services"]:
        for finding in service["findings"]:
            if finding["status"] == "failed" and finding["severity"] != "info":
                counts[finding["check"]] = counts.get(finding["check"], 0) + 1
    stats = json.loads(_out(["--statistics", "--format", "json", str(EXAMPLES)], capsys))
    got = {row["check"]: row["count"] for row in stats["statistics"] if row["status"] == "failed"}
    assert got == counts
    rows = stats["statistics"]
    assert [row["count"] for row in rows] == sorted((row["count"] for row in rows), reverse=True)
    text = _out(["--statistics", "--lang", "en", str(EXAMPLES)], capsys)
    first = text.splitlines()[0].split()
    assert int(first[0]) == rows[0]["count"] and first[1] == rows[0]["check"]
    assert main(["check", "--isolated", "--statistics", "--format", "html", str(EXAMPLE)]) == 2
    assert "--statistics" in capsys.readouterr().err


def test_quiet_shows_only_what_fails() -> None:
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "--isolated", "--quiet", "--lang", "en",
                             str(EXAMPLE), str(PASSING)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "werkloos-uwv" in result.stdout and "geboorte-den-haag" not in result.stdout
    assert not result.stdout.startswith("Vision:") and "2 services" not in result.stdout
    quiet_pass = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "--isolated", "-q", str(PASSING)],
                                capture_output=True, text=True, check=False)
    assert quiet_pass.returncode == 0 and quiet_pass.stdout.strip() == ""
