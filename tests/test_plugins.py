"""The plugin system: the public API for plugin authors, the built-ins as the first plugin,
installed plugins found through entry points, `dienstvisie plugins` and `new-plugin`."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import attrs
import dv_plugin_sample
import pytest

import dienstvisie
from dienstvisie import load_plugins
from dienstvisie.plugins import hookspecs
from dienstvisie.cli.cmd_new_plugin import default_prefix, plugin_slug, scaffold_plugin
from dienstvisie.cli.main import main

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
HOOKS = sorted(name for name, value in inspect.getmembers(hookspecs) if name.startswith("dienstvisie_") and callable(value))
EXAMPLE_PLUGINS = {"nora": "dienstvisie-nora", "gemeente-voorbeeld": "dienstvisie-gemeente-voorbeeld",
                   "xlsx": "dienstvisie-xlsx"}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


# -- the API for plugin authors ---------------------------------------------------------------------
def test_everything_a_plugin_needs_is_importable_from_dienstvisie() -> None:
    needed = {"hookimpl", "Check", "Finding", "Severity", "Status", "define_check", "CheckContext", "fail", "ok",
              "skip", "review", "Exporter", "Text", "Vision", "ServiceConcept", "Report", "CheckRun", "Language",
              "Vocabulary", "RuleSet", "load_ruleset", "load_plugins", "plugin_from_functions", "builtin_check", "check"}
    assert needed <= set(dienstvisie.__all__)
    for name in dienstvisie.__all__:
        assert getattr(dienstvisie, name) is not None
    assert dienstvisie.hookimpl is hookspecs.hookimpl


def test_every_hook_has_a_docstring_and_a_section_in_the_plugin_guide() -> None:
    assert HOOKS == ["dienstvisie_check_ids", "dienstvisie_checks", "dienstvisie_exporters", "dienstvisie_importers", "dienstvisie_prepare_service",
                     "dienstvisie_report", "dienstvisie_rulesets", "dienstvisie_visions", "dienstvisie_vocabularies"]
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in HOOKS:
        assert (getattr(hookspecs, name).__doc__ or "").strip()
        assert f"### {name}(" in guide, name


def test_builtin_check_finds_built_in_checks_for_reuse() -> None:
    assert dienstvisie.builtin_check("DV401").id == "DV401"
    for unknown in ("DV999", "DV701", "XX101", "DV4"):
        with pytest.raises(KeyError):
            dienstvisie.builtin_check(unknown)


# -- the built-ins are the first plugin ------------------------------------------------------------
def test_the_built_ins_register_through_the_hooks() -> None:
    plugins = load_plugins(entry_points=False)
    (info,) = plugins.infos()
    assert (info.name, info.origin) == ("dienstvisie.builtin", "builtin")
    assert set(info.hooks) == {"dienstvisie_visions", "dienstvisie_checks", "dienstvisie_vocabularies", "dienstvisie_exporters",
                               "dienstvisie_check_ids"}
    (summary,) = plugins.summaries()
    assert summary.visions == ("gezamenlijke-dienstverlening",)
    assert {"text", "json"} <= set(summary.exporters)
    assert dict(summary.checks)["gezamenlijke-dienstverlening"] >= 20


# -- installed plugins, through entry points --------------------------------------------------------
def test_the_example_plugins_are_installed_and_found_through_entry_points() -> None:
    plugins = load_plugins()
    infos = {info.name: info for info in plugins.infos()}
    for name in EXAMPLE_PLUGINS:
        assert infos[name].origin == "entry point" and infos[name].version
    assert [f for f in plugins.failures if f.plugin in EXAMPLE_PLUGINS] == []
    assert list(plugins.visions())[0] == "gezamenlijke-dienstverlening"  # the built-in comes first


def test_no_plugins_and_disable() -> None:
    names = {info.name for info in load_plugins(disable=["nora", "dienstvisie-xlsx"]).infos()}
    assert "nora" not in names and "xlsx" not in names and "gemeente-voorbeeld" in names
    assert [info.name for info in load_plugins(entry_points=False).infos()] == ["dienstvisie.builtin"]


def test_naming_an_installed_plugin_with_plugin_does_not_load_it_twice() -> None:
    plugins = load_plugins(modules=["dienstvisie_nora"])
    assert [info.name for info in plugins.infos()].count("nora") == 1
    assert "dienstvisie_nora" not in [info.name for info in plugins.infos()]
    assert plugins.failures == []


# -- a well-behaved plugin: every kind of hook ------------------------------------------------------
def test_prepare_service_and_report_hooks() -> None:
    dv_plugin_sample.SEEN.clear()
    plugins = load_plugins(entry_points=False, modules=["dv_plugin_sample"])
    data = dienstvisie.load_service(EXAMPLES / "geboorte-den-haag.yaml")
    tagged = attrs.evolve(data, summary=None, situations=("auto-summary",))
    report = dienstvisie.check(tagged, plugins=plugins, select=["SP"])
    assert {f.check: f.status.value for f in report.findings} == {"SP101": "passed", "SP201": "passed"}
    assert dv_plugin_sample.SEEN == [data.id]
    untagged = attrs.evolve(data, summary=None)
    report = dienstvisie.check(untagged, plugins=plugins, select=["SP101"])
    assert [f.status.value for f in report.findings] == ["failed"]


def test_the_plugins_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["plugins", "--plugin", "dv_plugin_sample", "--lang", "en"], capsys)
    assert code == 0 and err == ""
    assert "dienstvisie.builtin  " in out and "(built in)" in out
    assert "dv_plugin_sample  1.2.3  (module)" in out
    assert "rule sets:    sample-rules" in out
    for name in EXAMPLE_PLUGINS:
        assert f"\n{name}  0.1.0  (entry point)" in out
    assert "visions:      nora" in out and "formats:      xlsx" in out


def test_the_plugins_command_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["plugins", "--format", "json", "--disable", "xlsx"], capsys)
    assert code == 0
    data = json.loads(out)
    plugins = {plugin["name"]: plugin for plugin in data["plugins"]}
    assert "xlsx" not in plugins and data["failures"] == []
    nora = plugins["nora"]
    assert nora["visions"] == ["nora"] and nora["checks"]["nora"] >= 2 and nora["origin"] == "entry point"
    gemeente = plugins["gemeente-voorbeeld"]
    assert gemeente["rulesets"] == ["gemeente-voorbeeldstad"] and gemeente["vocabularies"] == ["data_items: 5"]
    assert gemeente["checks"] == {"gezamenlijke-dienstverlening": 6}
    builtin = plugins["dienstvisie.builtin"]
    assert sorted(builtin["hooks"]) == ["dienstvisie_check_ids", "dienstvisie_checks", "dienstvisie_exporters", "dienstvisie_visions",
                                        "dienstvisie_vocabularies"]


def test_the_plugins_command_without_installed_plugins(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["plugins", "--no-plugins", "--format", "json"], capsys)
    assert code == 0 and [p["name"] for p in json.loads(out)["plugins"]] == ["dienstvisie.builtin"]


def test_checks_of_the_example_plugins_run_in_a_normal_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(EXAMPLES), "--format", "json", "--isolated"], capsys)
    assert code == 1
    report = json.loads(out)
    origins = {check["origin"] for check in report["checks"]}
    assert {"dienstvisie", "gemeente-voorbeeldstad"} <= origins
    assert report["plugin_errors"] == []


# -- new-plugin -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "slug", "prefix"), [
    ("mijngemeente", "mijngemeente", "MIJ"),
    ("dienstvisie-gemeente-utrecht", "gemeente-utrecht", "GU"),
    ("Dienstvisie_Sociaal_Domein", "sociaal-domein", "SD"),
    ("quality", "quality", "XQUA"),
    ("dvb", "dvb", "XDVB"),
])
def test_plugin_names_and_prefixes(name: str, slug: str, prefix: str) -> None:
    assert plugin_slug(name) == slug and default_prefix(slug) == prefix


def test_new_plugin_scaffolds_a_package_whose_check_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["new-plugin", "proefgemeente", "--dir", str(tmp_path), "--lang", "en"], capsys)
    package = tmp_path / "dienstvisie-proefgemeente"
    assert code == 0 and str(package) in out and "pip install -e" in out
    files = sorted(str(path.relative_to(package)) for path in package.rglob("*") if path.is_file())
    assert files == ["README.md", "pyproject.toml", "src/dienstvisie_proefgemeente/__init__.py",
                     "src/dienstvisie_proefgemeente/py.typed", "src/dienstvisie_proefgemeente/rules.yaml",
                     "tests/example.yaml", "tests/test_dienstvisie_proefgemeente.py"]
    pyproject = (package / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.dienstvisie]\nproefgemeente = "dienstvisie_proefgemeente"' in pyproject

    monkeypatch.syspath_prepend(str(package / "src"))  # imported as --plugin would, nothing pip-installed
    code, out, err = run(["check", str(package / "tests" / "example.yaml"), "--plugin", "dienstvisie_proefgemeente",
                          "--select", "PRO", "--format", "json", "--isolated"], capsys)
    assert code == 1, err
    findings = json.loads(out)["services"][0]["findings"]
    assert {(f["check"], f["status"]) for f in findings} == {("PRO101", "failed"), ("PRO201", "failed")}
    assert "plugin error" not in err
    code, out, _ = run(["rules", "PRO201", "--plugin", "dienstvisie_proefgemeente", "--lang", "en"], capsys)
    assert code == 0 and "proefgemeente" in out


def test_the_scaffolded_tests_pass(tmp_path: Path) -> None:
    package = scaffold_plugin("proef", tmp_path, prefix="PRF")
    env = {**os.environ, "PYTHONPATH": str(package / "src")}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package)],
                            cwd=package, env=env, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["new-plugin", "Mijn Gemeente!"], "not a usable name"),
    (["new-plugin", "ok", "--prefix", "DV"], "not a usable prefix"),
    (["new-plugin", "ok", "--prefix", "ab"], "not a usable prefix"),
])
def test_new_plugin_refuses_bad_names(args: list[str], message: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([*args, "--dir", str(tmp_path), "--lang", "en"], capsys)
    assert code == 2 and message in err and list(tmp_path.iterdir()) == []


def test_new_plugin_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "dienstvisie-bestaat").mkdir()
    code, _, err = run(["new-plugin", "bestaat", "--dir", str(tmp_path), "--lang", "en"], capsys)
    assert code == 2 and "already exists" in err
    assert list((tmp_path / "dienstvisie-bestaat").iterdir()) == []


# -- several visions ----------------------------------------------------------------------------------
def test_vision_list_shows_every_installed_vision(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["vision", "--list", "--lang", "en"], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("gezamenlijke-dienstverlening  Vision on joint public service delivery")
    assert lines[0].split()[-2:] == ["reconstructed", "dienstvisie.builtin"]
    nora = next(line for line in lines if line.startswith("nora "))
    assert "2023" in nora and nora.split()[-2:] == ["reconstructed", "nora"]
    code, out, _ = run(["vision", "--list", "--format", "json"], capsys)
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows["nora"] == {"id": "nora", "title": "NORA Bindende Architectuurafspraken", "version": "2023",
                            "status": "reconstructed", "origin": "nora"}
    code, out, _ = run(["vision", "--list", "--format", "markdown"], capsys)
    assert out.startswith("| id | titel | versie | status | herkomst |")  # Dutch, the default and "| nora |" in out


def test_every_public_name_is_re_exported_for_type_checkers() -> None:
    source = (ROOT / "src" / "dienstvisie" / "__init__.py").read_text(encoding="utf-8")
    for name in dienstvisie.__all__:
        if name != "__version__":
            assert f"import {name} as {name}\n" in source, name
