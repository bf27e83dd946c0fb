"""The soak (bench/soak.py): many runs with random faults in checks and workers, each held to what
its report must say. A short soak runs by default, so the soak itself cannot rot; the long one is

    DIENSTVISIE_SOAK=1 .venv/bin/python -m pytest tests/test_soak.py    # or: .venv/bin/python bench/soak.py

(DIENSTVISIE_SOAK_ROUNDS and DIENSTVISIE_SOAK_DOCS set its size: 40 runs of up to 120 documents by default).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_parallel import bench_module

soak = bench_module("soak")


def test_a_short_soak_keeps_every_promise() -> None:
    assert soak.soak(rounds=4, max_docs=24, seed=5, rate=0.35, keep=None, quiet=True) == []


def test_the_soak_notices_a_broken_promise(monkeypatch: pytest.MonkeyPatch) -> None:
    """The soak can fail: told to expect what the faults do not give, it says so, naming the run."""
    monkeypatch.setattr(soak, "_expected_finding", lambda fault: ("passed", "nothing of the kind"))
    problems = soak.soak(rounds=1, max_docs=12, seed=3, rate=0.5, keep=None, quiet=True, formats=("json",))
    assert problems and all(problem.startswith("run 0: ") and ", json" in problem for problem in problems)
    assert any("ZS101" in problem for problem in problems)


@pytest.mark.skipif(not os.environ.get("DIENSTVISIE_SOAK"), reason="the long soak: set DIENSTVISIE_SOAK=1")
def test_the_long_soak_keeps_every_promise(tmp_path: Path) -> None:
    rounds = int(os.environ.get("DIENSTVISIE_SOAK_ROUNDS", "40"))
    documents = int(os.environ.get("DIENSTVISIE_SOAK_DOCS", "120"))
    problems = soak.soak(rounds=rounds, max_docs=documents, seed=20261201, rate=0.15, keep=tmp_path)
    assert problems == [], "\n".join(problems)
