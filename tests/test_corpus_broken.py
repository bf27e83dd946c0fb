"""Every broken document in tests/corpus/broken is rejected with the problems its header expects.

Each file starts with one or more `# expect: LINE:COL CODE [POINTER]` lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dienstvisie import DocumentError, load_service
from dienstvisie.cli.main import main

CORPUS = Path(__file__).parent / "corpus" / "broken"
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (\S+)(?: (\S+))?$")


def expectations(path: Path) -> list[tuple[int, int, str, str | None]]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = EXPECT.match(line)
        if match:
            found.append((int(match[1]), int(match[2]), match[3], match[4]))
    return found


FILES = sorted(CORPUS.glob("*.yaml"))


def test_corpus_is_not_empty() -> None:
    assert len(FILES) >= 10
    assert all(expectations(path) for path in FILES), "every corpus file states what it expects"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_broken_document_reports_every_expected_problem(path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        load_service(path)
    error = caught.value
    got = {(p.location.line, p.location.column, p.code, p.location.pointer or "/") for p in error.problems}
    for line, column, code, pointer in expectations(path):
        assert (line, column, code, pointer or "/") in got or (
            pointer is None and any((g[0], g[1], g[2]) == (line, column, code) for g in got)
        ), f"{path.name}: expected {line}:{column} {code} {pointer}, got {sorted(got)}"
    for problem in error.problems:
        assert problem.location.file == str(path)
        assert problem.message.get("nl") and problem.message.get("en")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_validate_command_exits_1_with_file_and_line(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    line, column, _, _ = expectations(path)[0]
    assert f"{path}:{line}:{column}:" in err
    assert "Traceback" not in err
