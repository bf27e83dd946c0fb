"""Every report format writes today what it wrote before the fast paths: byte for byte.

The golden reports (tests/golden/reports, made by tests/golden/regenerate.py before the compiled
validator, the C composer and orjson came in) hold every example and test document and generated
documents, checked and rendered in every built-in format in Dutch and English. The command line's
reports (streamed: text, JSON, CSV, SARIF, JUnit, GitLab) are compared with the same renderings, serially
and with --jobs 2.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "golden"))
import regenerate  # tests/golden/regenerate.py

GOLDEN = regenerate.REPORTS


def _first_difference(old: bytes, new: bytes) -> str:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines), 1):
        if a != b:
            return f"line {number}: golden {a[:200]!r} != now {b[:200]!r}"
    return f"golden has {len(old_lines)} lines, now {len(new_lines)}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return regenerate.render_all(tmp_path_factory.mktemp("golden") / "corpus")


@pytest.mark.parametrize("fmt", regenerate.FORMATS)
@pytest.mark.parametrize("lang", regenerate.LANGUAGES)
def test_every_format_renders_the_golden_bytes(rendered: dict[str, bytes], fmt: str, lang: str) -> None:
    name = f"run.{lang}.{fmt}"
    golden = gzip.decompress((GOLDEN / f"{name}.gz").read_bytes())
    now = rendered[name]
    assert now == golden, f"{name} differs from the golden report: {_first_difference(golden, now)}"


def test_the_golden_corpus_has_valid_invalid_and_unreadable_documents(rendered: dict[str, bytes]) -> None:
    import json

    report = json.loads(rendered["run.en.json"])
    assert len(report["services"]) >= 15
    assert len(report["errors"]) >= 10
    codes = {problem["code"] for failure in report["errors"] for problem in failure["problems"]}
    assert {"source.syntax", "source.duplicate_key", "schema.required", "schema.enum"} <= codes


@pytest.fixture(scope="module")
def rendered_today(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The same renderings, checked as on the real date (the command line cannot be given another):
    equal to the golden reports until an explanation of the corpus expires."""
    import datetime

    return regenerate.render_all(tmp_path_factory.mktemp("today") / "corpus", datetime.date.today())


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "csv", "junit", "gitlab"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_line_writes_what_the_renderers_write(tmp_path: Path, fmt: str, jobs: str,
                                                           rendered_today: dict[str, bytes]) -> None:
    """What ships: `dienstvisie check` as a subprocess, streamed where the format streams, gives
    the bytes of the renderers (whose bytes the test above holds to the golden reports)."""
    folder = tmp_path / "corpus"
    files = regenerate.corpus(folder)
    output = tmp_path / f"report.{fmt}"
    env = {**os.environ, "DIENSTVISIE_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-m", "dienstvisie", "check", *[f.name for f in files], "--no-plugins", "--isolated",
         "--lang", "en", "--format", fmt, "--jobs", jobs, "-o", str(output)],
        cwd=folder, capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode in (1, 2), result.stderr
    expected = rendered_today[f"run.en.{fmt}"]
    now = output.read_bytes()
    assert now == expected, f"{fmt} --jobs {jobs} differs: {_first_difference(expected, now)}"


@pytest.mark.parametrize(("fail_on", "select", "code"), [("minor", "ALL", 1), ("critical", "QP1", 0)])
def test_a_json_report_written_to_a_file_is_the_one_written_to_standard_output(tmp_path: Path, fail_on: str, select: str,
                                                                                code: int) -> None:
    """Into a file the JSON report's head is written first and its result filled in at the end (no
    copy of the services); to standard output the services are spooled. Same bytes, pass or fail."""
    folder = tmp_path / "corpus"
    files = [f for f in regenerate.corpus(folder) if not f.name.startswith("broken-")]
    command = [sys.executable, "-m", "dienstvisie", "check", *[f.name for f in files], "--no-plugins", "--isolated",
               "--format", "json", "--fail-on", fail_on, "--select", select, "--jobs", "1"]
    to_file = subprocess.run([*command, "-o", str(tmp_path / "report.json")], cwd=folder, capture_output=True,
                             timeout=300)
    to_stdout = subprocess.run(command, cwd=folder, capture_output=True, timeout=300)
    assert to_file.returncode == to_stdout.returncode == code, to_file.stderr
    written = (tmp_path / "report.json").read_bytes()
    assert written == to_stdout.stdout
    import json

    assert json.loads(written)["result"] == ("pass" if code == 0 else "fail")
