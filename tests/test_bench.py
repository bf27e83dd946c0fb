"""The benchmark runs with one command (a smoke test with tiny sizes: speed itself is never asserted
here), and `dienstvisie --version` imports nothing heavy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from test_parallel import BENCH, bench_module

HEAVY = ("jsonschema", "yaml", "cattrs", "jinja2", "pluggy", "referencing", "markupsafe", "attrs", "attr", "argparse",
         "typing")


def test_the_cli_entry_point_imports_nothing_heavy() -> None:
    code = "import json, sys, dienstvisie.cli.main; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported = set(json.loads(result.stdout))
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


def test_version_answers_without_importing_the_rest() -> None:
    code = ("import json, sys; from dienstvisie.cli.main import main; main(['--version']); "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('dienstvisie'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version, modules = result.stdout.splitlines()
    assert version.startswith("dienstvisie ")
    assert json.loads(modules) == ["dienstvisie", "dienstvisie._version", "dienstvisie.cli", "dienstvisie.cli.main"]


def test_floor_reads_and_validates_the_generated_documents(tmp_path: Path) -> None:
    bench_module("generate").write(6, tmp_path)
    for extra in ([], ["--libyaml"], ["--libyaml", "--no-validate"]):
        result = subprocess.run([sys.executable, str(BENCH / "floor.py"), *extra, str(tmp_path)],
                                capture_output=True, text=True, check=True)
        figures = json.loads(result.stdout)
        assert figures["documents"] == 6 and figures["invalid"] == 0 and figures["seconds"] >= 0


def test_bench_runs_with_one_command_and_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "4,8", "--repeat", "1", "--json", str(out)],
                            capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    for size in ("4", "8"):
        rows = data["sizes"][size]
        for name in ("floor", "c_loader", "check_serial", "check_jobs2"):
            assert rows[name]["seconds"] > 0 and rows[name]["docs_per_second"] > 0 and rows[name]["peak_mb"] > 0
        assert rows["check_vs_floor"] > 0 and rows["check_vs_c_loader"] > 0 and rows["speedup_jobs2"] > 0
        assert rows["yardstick"]["parallelism_median"] > 0
        assert set(rows["phases"]) >= {"parse", "validate", "checks", "finish"}
    assert data["linearity"]["factor"] == 2
    assert data["startup"]["version_ms"] > 0 and data["startup"]["heavy_modules_imported"] == []
    table = result.stdout
    assert "| target | measured | limit | met |" in table and "check_vs_floor" in table and "Start-up" in table
    assert "two-loop yardstick" in table and "phase (CPU ms per document)" in table and "load" in table


def test_the_steps_benchmark_times_every_check(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(BENCH / "steps.py"), "--steps", "10,20"], capture_output=True,
                            text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| DV") or line.startswith("| QP")]
    assert any(row.startswith("| DV201 ") for row in rows) and len(rows) >= 30


def test_the_phases_benchmark_times_every_phase(tmp_path: Path) -> None:
    bench_module("generate").write(5, tmp_path)
    result = subprocess.run([sys.executable, str(BENCH / "phases.py"), str(tmp_path)], capture_output=True,
                            text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout)
    assert figures["documents"] == 5
    assert set(figures["cpu_seconds"]) == {"read", "parse", "validate", "references", "structure", "checks", "finish"}


def test_the_parent_benchmark_times_the_start_and_the_end_of_a_parallel_run(tmp_path: Path) -> None:
    bench_module("generate").write(12, tmp_path)
    result = subprocess.run([sys.executable, str(BENCH / "parent.py"), str(tmp_path), "--repeat", "1"],
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    medians = json.loads(result.stdout)["medians"]
    assert 0 < medians["discovery_wall"] <= medians["start_wall"] < medians["wall"]
    assert medians["end_wall"] >= 0 and medians["main_cpu"] > 0
