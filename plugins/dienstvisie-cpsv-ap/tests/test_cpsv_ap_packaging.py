"""What a user installs of the plugin: the shipped sample input imports as the README says, and
without the optional extra `shacl` (pySHACL) the self-check says how to install it instead of
failing with an ImportError. Both run as subprocesses, as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
PLUGIN = HERE.parent
REPO = PLUGIN.parents[1]
SAMPLE = PLUGIN / "examples" / "example-rdf_public_service.jsonld"
SPEC = REPO.parent / "shared" / "data" / "cpsv-ap-3.2.0" / "example-rdf_public_service.jsonld"
BIN = Path(sys.executable).parent

# runs the self-check with `import pyshacl` failing, as in an environment without the extra
WITHOUT_PYSHACL = ("import runpy, sys; sys.modules['pyshacl'] = None; sys.argv = ['shacl', *sys.argv[1:]]; "
                   "runpy.run_module('dienstvisie_cpsv_ap.shacl', run_name='__main__')")


def test_the_sample_is_the_specification_example_with_its_attribution() -> None:
    assert SAMPLE.is_file()
    if SPEC.is_file():  # beside the repository (and in CI)
        assert SAMPLE.read_bytes() == SPEC.read_bytes()
    source = (PLUGIN / "examples" / "SOURCE.md").read_text(encoding="utf-8")
    assert "CC-BY 4.0" in source and "SEMIC / European Commission" in source


def test_the_sample_imports_into_a_draft_that_validates(tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    done = subprocess.run([str(BIN / "dienstvisie"), "import", "cpsv-ap", str(SAMPLE), "-o", str(draft), "--lang", "en"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "TODO" in draft.read_text(encoding="utf-8")
    valid = subprocess.run([str(BIN / "dienstvisie"), "validate", str(draft)], capture_output=True, text=True, timeout=300)
    assert valid.returncode == 0, valid.stdout + valid.stderr


def test_without_pyshacl_the_self_check_says_how_to_install_it() -> None:
    done = subprocess.run([sys.executable, "-c", WITHOUT_PYSHACL, str(SAMPLE)], capture_output=True, text=True,
                          timeout=300, env={**os.environ})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "pip install './plugins/dienstvisie-cpsv-ap[shacl]'" in done.stderr
    assert "pip install pyshacl" in done.stderr


def test_with_pyshacl_the_self_check_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "dienstvisie_cpsv_ap.shacl", str(SAMPLE)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr  # 1: the specification's own example does not conform
    assert "Conforms" in done.stdout
