"""Report formats: shared helpers for the tests of every format, and what all formats have in common
(registered, produced for the shipped examples, byte-identical for the same input).

Other test_export_* modules import the helpers below (never a `test_` function).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import TODAY, assert_valid, strong_service

from dienstvisie import __version__
from dienstvisie.pipeline.checker import all_checks, resolve_vision
from dienstvisie.engine.run import run_checks
from dienstvisie.errors import DocumentError
from dienstvisie.exporters import BUILTIN_EXPORTERS
from dienstvisie.documents.load import read_service
from dienstvisie.model.document import Document
from dienstvisie.model.exporter import Exporter
from dienstvisie.model.run import CheckRun, LoadFailure
from dienstvisie.model.service import ServiceConcept
from dienstvisie.model.text import Language
from dienstvisie.plugins.manager import Plugins, load_plugins

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
BROKEN = ROOT / "tests" / "corpus" / "broken" / "missing-required.yaml"
FORMATS = ("text", "json", "markdown", "html", "csv", "sarif", "junit", "gitlab")

HOSTILE_STEP = "<script>alert(1)</script>"
HOSTILE_ORG = '=HYPERLINK("http://evil.example/x","klik")'
HOSTILE_TITLE = "| * _ [x](y) `code` <b>vet</b> & ~~weg~~"
HOSTILE_REASON = "# Kop ]]> </svg><img src=x onerror=alert(2)> \x01 -- @iedereen"
HOSTILE_DECIDER = "+cmd|' /C calc'!A0"
HOSTILE_EVIDENCE = "-2+3 \x07 ]]>"

_plugins: Plugins | None = None


def plugins() -> Plugins:
    global _plugins
    if _plugins is None:
        _plugins = load_plugins(entry_points=False)
    return _plugins


def exporters() -> dict[str, Exporter]:
    found: dict[str, Exporter] = plugins().exporters()
    return found


def _run_for(documents: list[Document[ServiceConcept]], failures: tuple[LoadFailure, ...] = ()) -> CheckRun:
    active = plugins()
    vision = resolve_vision(None, active)
    checks = all_checks(vision, active)
    reports = tuple(
        run_checks(active.prepare(document.model, vision), vision=vision, checks=checks,
                   vocabularies=active.vocabularies(), source_map=document.source_map, today=TODAY,
                   known_check_ids={check.id for check in checks})
        for document in documents
    )
    return CheckRun(reports=reports, vision=vision, checks=checks, load_failures=failures, version=__version__)


def example_run(with_broken: bool = True) -> CheckRun:
    """The shipped examples checked on a fixed day, plus (by default) one invalid document."""
    documents = [read_service(path.read_text(encoding="utf-8"), filename=f"examples/{path.name}")
                 for path in sorted(EXAMPLES.glob("*.yaml"))]
    failures: tuple[LoadFailure, ...] = ()
    if with_broken:
        with pytest.raises(DocumentError) as caught:
            read_service(BROKEN)
        failures = (LoadFailure(file="tests/corpus/broken/missing-required.yaml", problems=caught.value.problems,
                                exit_code=caught.value.exit_code),)
    return _run_for(documents, failures)


def hostile_service() -> dict[str, Any]:
    """A valid service concept full of text that must never become markup or a formula."""
    data = strong_service()
    data["id"] = "vijandig"
    data["title"] = HOSTILE_TITLE
    data["summary"] = "</p><style>*{display:none}</style> @import url(http://evil.example/x.css);"
    data["organisations"][0]["name"] = HOSTILE_ORG
    data["organisations"][1]["name"] = "@SVB <i>"
    data["steps"][0]["title"] = HOSTILE_STEP
    data["steps"][0]["asks"].append({"data": "geheim-gegeven"})  # unknown to the vocabulary: DV002 fails here
    data["steps"][1]["title"] = {"nl": "Anw\taanvragen ' \" \\ {{ 7*7 }}"}
    data["explanations"] = [{
        "check": "DV002", "step": "aangifte", "reason": HOSTILE_REASON, "decided_by": HOSTILE_DECIDER, "until": "2099-12-31",
    }]
    data["assessment"] = [{"question": "P1.Q1", "answer": "ja", "evidence": HOSTILE_EVIDENCE}]
    assert_valid(data)
    return data


HOSTILE_FILE = "=1+1 <b>.yaml"


def hostile_run() -> CheckRun:
    """The hostile service, read from YAML text (so findings have lines) under a hostile file name."""
    text = yaml.safe_dump(hostile_service(), allow_unicode=True, sort_keys=False)
    return _run_for([read_service(text, filename=HOSTILE_FILE)])


def render(name: str, run: CheckRun, lang: Language = "nl") -> str:
    result = exporters()[name].render(run, lang)
    assert isinstance(result, str)
    return result


# --------------------------------------------------------------------------------------------- tests


def test_every_builtin_format_is_registered_through_the_hook() -> None:
    found = exporters()
    for name in FORMATS:
        assert name in found, name
    assert len(BUILTIN_EXPORTERS) == len(FORMATS)
    suffixes = {found[name].suffix for name in FORMATS}
    assert len(suffixes) == len(FORMATS) - 1  # gitlab (Code Quality) is JSON too: .json, as json
    assert found["gitlab"].suffix == found["json"].suffix == ".json"


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_format_is_produced_for_the_examples_and_is_byte_identical(name: str, lang: Language) -> None:
    first = render(name, example_run(), lang)
    second = render(name, example_run(), lang)
    assert first == second
    assert len(first) > 200
    for example in sorted(EXAMPLES.glob("*.yaml")):
        if name not in ("text", "gitlab"):  # gitlab lists only issues: a service that passes has none
            assert example.stem in first, (name, example.stem)


@pytest.mark.parametrize("name", ["markdown", "html", "csv", "sarif", "junit"])
def test_the_command_line_writes_each_format_identically_whatever_the_hash_seed(name: str, tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"{seed}.out"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "dienstvisie", "check", "examples", "--format", name, "-o", str(target), "--no-plugins"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )
        assert result.returncode in (0, 1), result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 200
