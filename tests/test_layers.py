"""The layers of the package hold (pyproject.toml `[tool.importlinter]`), and the contract is no
formality: an import that crosses a layer the wrong way breaks it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed (pip install -e .[test])")


def _lint(package_parent: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([str(LINT), "--config", str(config), "--no-cache"], capture_output=True, text=True,
                          check=False, env=env, cwd=config.parent)


def test_the_package_keeps_its_layers() -> None:
    result = _lint(ROOT / "src", ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("engine/run.py", "import yaml", "parses no YAML"),
    ("checks/meta.py", "from ..documents import parse", "parses no YAML"),
    ("documents/write.py", "from .. import cli", "Layers"),
    ("model/text.py", "from ..engine import run", "Layers"),
])
def test_a_wrong_import_breaks_the_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    copy = tmp_path / "src" / "dienstvisie"
    shutil.copytree(ROOT / "src" / "dienstvisie", copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # planted by the test\n", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = _lint(tmp_path / "src", tmp_path / "pyproject.toml")
    assert result.returncode == 1, result.stdout
    broken = [text for text in result.stdout.splitlines() if "BROKEN" in text]
    assert any(contract in text for text in broken) or contract in result.stdout.split("Broken contracts")[-1]
