"""`dienstvisie new`: for a life event or a situation, a confirmation on stderr, a skeleton that
passes its own checks and marks what is left to do (TODO, open guiding questions) without failing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dienstvisie.cli.main import main
from dienstvisie.documents.load import shipped_vocabularies

VOCABULARIES = shipped_vocabularies()
SUBJECTS = ([("--life-event", term.id) for term in VOCABULARIES.life_events]
            + [("--situation", term.id) for term in VOCABULARIES.situations] + [("--situation", "iets-eigens")])


@pytest.mark.parametrize("flag, subject", SUBJECTS)
def test_every_skeleton_passes_its_own_checks(flag: str, subject: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / f"{subject}.yaml"
    assert main(["new", flag, subject, "-o", str(target)]) == 0
    capsys.readouterr()
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    key = "life_events" if flag == "--life-event" else "situations"
    assert data[key] == [subject] and ("situations" if key == "life_events" else "life_events") not in data
    assert main(["check", "--isolated", "--no-progress", "--fail-on", "info", "--format", "json", str(target)]) == 0
    out = capsys.readouterr().out
    assert '"status": "failed"' not in out and '"status": "needs_review"' in out  # open questions, no failure


def test_new_for_a_situation_confirms_on_stderr_and_names_its_file(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "new", "--situation", "schulden", "-o", "hulp.yaml",
                             "--lang", "en"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "hulp.yaml written; complete it where it says TODO and run: dienstvisie check hulp.yaml"]
    text = (tmp_path / "hulp.yaml").read_text(encoding="utf-8")
    assert "dienstvisie check hulp.yaml\n" in text and "TODO" in text
    assert yaml.safe_load(text)["title"] == {"nl": "Problematische schulden", "en": "Problem debts"}
    checked = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "--isolated", "hulp.yaml"], cwd=tmp_path,
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout


def test_new_needs_exactly_one_subject_and_says_when_it_is_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new"]) == 2
    assert main(["new", "--life-event", "geboorte", "--situation", "schulden"]) == 2
    assert "--situation" in capsys.readouterr().err
    assert main(["new", "--situation", "schuldenn", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "'schuldenn' is not in the vocabulary (dienstvisie vocabulary situations)" in err
