"""The terminal report: grouped by principle, each suggestion once per check, no colour off a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from dienstvisie.cli.main import main

EXAMPLE = Path(__file__).parents[1] / "examples" / "werkloos-uwv.yaml"


def test_text_report_groups_and_gives_each_suggestion_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--isolated", "--lang", "en", str(EXAMPLE)]) == 1
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    p1, p2 = out.index("  P1 "), out.index("  P2 ")
    assert out.count("? QP1", p1, p2) == 4
    suggestion = "Answer these open guiding questions in 'assessment'"
    assert out.count(suggestion, p1, p2) == 1
    p3, p4 = out.index("  P3 "), out.index("  P4 ")
    assert out.count("✗ DV301", p3, p4) >= 2
    assert out.count("Fetch the data item from its source", p3, p4) == 1
    assert "FAIL" in out and "(fail-on: minor)" in out


def test_colour_can_be_forced(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    main(["check", "--isolated", str(EXAMPLE)])
    assert "\x1b[" in capsys.readouterr().out
