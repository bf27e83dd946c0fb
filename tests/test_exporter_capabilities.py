"""What a report format declares (stream, needs the concept, binary) decides how the command line
runs it: a plugin's format streams like the built-in text and JSON reports, in worker processes too."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from dienstvisie import load_plugins
from dienstvisie.cli.main import main
from test_parallel import generated_folder

EXAMPLES = Path(__file__).parents[1] / "examples"
TESTS = Path(__file__).parent


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_every_builtin_format_declares_what_it_can_do() -> None:
    exporters = load_plugins(entry_points=False).exporters()
    assert {name for name, e in exporters.items() if e.stream is not None} == {"text", "json", "csv", "sarif", "junit",
                                                                               "gitlab"}
    assert {name for name, e in exporters.items() if e.needs_concept} == {"html", "csv", "markdown"}
    assert not any(e.binary for e in exporters.values())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_folder(tmp_path_factory.mktemp("capabilities"), 12, broken=True)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plugins_streaming_format_is_streamed_and_equals_its_whole_render(folder: Path, jobs: str) -> None:
    """Run as a user would, in a subprocess with the plugin named by --plugin, serial and parallel: the
    streamed lines equal the format's own render of the whole run, broken documents counted at the end."""
    command = [sys.executable, "-m", "dienstvisie", "check", str(folder), "--format", "lines", "--plugin",
               "dv_plugin_stream_format", "--no-plugins", "--isolated", "--no-progress", "--jobs", jobs]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=TESTS,
                            env={**_env(), "PYTHONPATH": str(TESTS)})
    assert result.returncode == 2, result.stderr  # two broken documents
    lines = result.stdout.splitlines()
    services = [line for line in lines if not line.startswith("#")]
    assert lines[0] == "# lines" and lines[-1] == "# end: 2 unreadable"
    assert len(services) == 12 + len(list(EXAMPLES.glob("*.yaml")))
    assert all(line.split("\t")[1] in ("pass", "fail") and line.endswith("gezamenlijke-dienstverlening")
               for line in services)


def test_streamed_equals_whole(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same run through the plugin's `render` (the whole run at once, as `dienstvisie.render` would)."""
    import dienstvisie
    import dv_plugin_stream_format as plugin

    code, streamed, _ = run(["check", str(folder / "examples"), "--format", "lines", "--plugin",
                             "dv_plugin_stream_format", "--no-plugins", "--isolated", "--no-progress", "-j", "1"],
                            capsys)
    plugins = load_plugins(entry_points=False)
    reports = tuple(dienstvisie.check(path, plugins=plugins) for path in sorted((folder / "examples").glob("*.yaml")))
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    whole = plugin._render(dienstvisie.CheckRun(reports=reports, vision=vision, checks=()), "nl")
    assert code == 1 and streamed == whole


def test_a_binary_format_to_the_terminal_is_refused_before_any_check(folder: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", str(folder), "--format", "blob", "--plugin", "dv_plugin_stream_format",
                          "--no-plugins", "--isolated", "--no-progress"], capsys)
    assert code == 2 and out == "" and "blob" in err and "-o" in err
    assert "ongeldig" not in err and "missing-required" not in err  # nothing was read


def test_csv_from_the_command_line_names_steps_and_organisations(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The CSV needs the service concept (step titles, organisation names): it declares so, and gets it."""
    out_file = tmp_path / "r.csv"
    code, _, _ = run(["check", str(EXAMPLES / "schulden-multiproblematiek-rotterdam.yaml"), "--format", "csv",
                      "-o", str(out_file), "--no-plugins", "--isolated", "--no-progress"], capsys)
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8-sig")), delimiter=";"))
    with_step = [row for row in rows if row["step"]]
    assert with_step and all(row["step_title"] and row["organisation"] for row in with_step)


def _env() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
