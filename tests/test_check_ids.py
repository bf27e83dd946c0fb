"""The table of check ids and their status (stable, preview, deprecated, removed), as ruff keeps:
every built-in check is in the table, preview checks run only with --preview, and a removed or
deprecated id named in --select/--ignore, a baseline or an explanation gets a clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import strong_service

import dienstvisie
from dienstvisie import CheckId, CheckStatus, load_plugins, plugin_from_functions
from dienstvisie.analysis.baseline import Fingerprint, record, render
from dienstvisie.api import all_checks, resolve_vision
from dienstvisie.checks.ids import BUILTIN_CHECK_IDS
from dienstvisie.cli.main import main
from dienstvisie.engine.check_ids import selection_notes, with_status

TESTS = Path(__file__).parent
EXAMPLE = TESTS.parent / "examples" / "overlijden-utrecht.yaml"
PLUGIN = "dv_plugin_retired"


def builtin() -> tuple[dienstvisie.Vision, tuple[dienstvisie.Check, ...]]:
    plugins = load_plugins(entry_points=False)
    vision = resolve_vision(None, plugins)
    return vision, all_checks(vision, plugins)


def retired_plugins() -> dienstvisie.Plugins:
    plugins = load_plugins(entry_points=False, modules=[PLUGIN])
    assert plugins.failures == []
    return plugins


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command line, in a subprocess, with the test plugins importable."""
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], capture_output=True, text=True, check=False,
                          env=env, cwd=cwd)


def service_file(tmp_path: Path, explanations: list[dict[str, str]]) -> Path:
    data = strong_service()
    data["explanations"] = explanations
    path = tmp_path / "dienst.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    return path


# -- the built-in table ------------------------------------------------------------------------------
def test_every_built_in_check_is_in_the_table_and_every_entry_not_removed_is_a_check() -> None:
    _, checks = builtin()
    table = {entry.id: entry for entry in BUILTIN_CHECK_IDS}
    assert len(table) == len(BUILTIN_CHECK_IDS), "an id is listed twice"
    live = {check.id for check in checks}
    assert live - set(table) == set(), "add these checks to dienstvisie/checks/ids.py"
    not_removed = {entry.id for entry in BUILTIN_CHECK_IDS if entry.status is not CheckStatus.REMOVED}
    assert not_removed - live == set(), "these ids are in the table but no check has them: mark them removed"
    removed = {entry.id for entry in BUILTIN_CHECK_IDS if entry.status is CheckStatus.REMOVED}
    assert removed & live == set(), "a removed id must not be reused"
    for entry in BUILTIN_CHECK_IDS:
        assert entry.since, entry.id
        assert all(replacement in live for replacement in entry.replaced_by), entry.id


def test_the_built_in_checks_carry_the_status_of_the_table() -> None:
    _, checks = builtin()
    table = {entry.id: entry.status for entry in BUILTIN_CHECK_IDS}
    assert {check.id: check.status for check in checks} == {check.id: table[check.id] for check in checks}


def test_the_table_overrides_a_checks_own_status_but_cannot_remove_a_live_check() -> None:
    _, checks = builtin()
    dv101 = next(check for check in checks if check.id == "DV101")
    table = {"DV101": CheckId("DV101", CheckStatus.PREVIEW)}
    assert with_status([dv101], table)[0].status is CheckStatus.PREVIEW
    assert with_status([dv101], {"DV101": CheckId("DV101", "removed")})[0].status is CheckStatus.STABLE


@given(status=st.sampled_from(list(CheckStatus)), replaced=st.lists(st.from_regex(r"[A-Z]{2}[0-9]{3}", fullmatch=True),
                                                                      max_size=3, unique=True),
       since=st.none() | st.sampled_from(["0.2", "1.0.1"]))
def test_every_description_names_the_id_the_replacements_and_the_version_in_both_languages(
        status: CheckStatus, replaced: list[str], since: str | None) -> None:
    text = CheckId("XY999", status, replaced_by=tuple(replaced), since=since).describe()
    for lang in ("nl", "en"):
        sentence = text.get(lang)
        assert sentence.startswith("XY999 ")
        if status in (CheckStatus.DEPRECATED, CheckStatus.REMOVED):
            assert all(replacement in sentence for replacement in replaced)
        if since:
            assert since in sentence
    if status is CheckStatus.REMOVED and not replaced:
        assert "no replacement" in text.get("en") and "geen opvolger" in text.get("nl")
    assert text.get("nl") != text.get("en")


# -- what a plugin's table does ------------------------------------------------------------------------
def test_a_plugins_table_gives_its_checks_their_status() -> None:
    plugins = retired_plugins()
    vision = resolve_vision(None, plugins)
    status = {check.id: check.status for check in all_checks(vision, plugins) if check.id.startswith("ZZ")}
    assert status == {"ZZ201": CheckStatus.PREVIEW, "ZZ202": CheckStatus.DEPRECATED, "ZZ203": CheckStatus.STABLE}
    assert plugins.check_ids()["ZZ100"].replaced_by == ("ZZ203",)
    assert plugins.check_ids()["DV101"].status is CheckStatus.STABLE  # the built-in table comes first


@pytest.mark.parametrize(("offered", "problem"), [
    (lambda: [CheckId("DV101", "removed")], "check id 'DV101' is already in the table (of dienstvisie.builtin)"),
    (lambda: ["ZZ100"], "not a CheckId: 'ZZ100'"),
    (lambda: 7, "expected a list, got int"),
])
def test_nonsense_in_a_plugins_table_is_a_plugin_error(offered: Any, problem: str) -> None:
    plugins = load_plugins(entry_points=False, extra=[plugin_from_functions("tabel", dienstvisie_check_ids=offered)])
    assert plugins.check_ids()["DV101"].status is CheckStatus.STABLE
    assert [(f.plugin, f.hook, f.message) for f in plugins.failures] == [("tabel", "dienstvisie_check_ids", problem)]


def test_preview_checks_run_only_with_preview() -> None:
    plugins = retired_plugins()
    ran = {f.check for f in dienstvisie.check(EXAMPLE, plugins=plugins, select=["ZZ"]).findings}
    assert ran == {"ZZ202", "ZZ203"}  # deprecated still runs; preview does not
    ran = {f.check for f in dienstvisie.check(EXAMPLE, plugins=plugins, select=["ZZ"], preview=True).findings}
    assert ran == {"ZZ201", "ZZ202", "ZZ203"}
    ran = {f.check for f in dienstvisie.check(EXAMPLE, plugins=plugins, select=["ZZ201"]).findings}
    assert ran == set()  # named exactly, still only with preview (as in ruff)


def test_selection_notes_for_every_status() -> None:
    plugins = retired_plugins()
    checks = all_checks(resolve_vision(None, plugins), plugins)
    notes = selection_notes(["ZZ100", "ZZ101", "ZZ201", "ZZ202", "ZZ203", "ZZ", "DV101"], ["ZZ100", "ZZ201"], checks,
                            plugins.check_ids())
    assert [(n.option, n.entry.id, n.error) for n in notes] == [
        ("--select", "ZZ100", True), ("--select", "ZZ101", True), ("--select", "ZZ201", False),
        ("--select", "ZZ202", False), ("--ignore", "ZZ100", False)]
    assert notes[0].message.get("en") == "--select ZZ100: ZZ100 was removed in version 2.0; it was replaced by ZZ203"
    assert notes[1].message.get("en") == ("--select ZZ101: ZZ101 was removed in version 2.0 and has no replacement "
                                          "(the rule lapsed)")
    assert notes[3].message.get("nl") == ("--select ZZ202: ZZ202 is verouderd sinds versie 1.5 en verdwijnt in een "
                                          "volgende versie; gebruik ZZ203")
    with_preview = selection_notes(["ZZ201"], [], checks, plugins.check_ids(), preview=True)
    assert with_preview == []
    severity = selection_notes([], [], checks, plugins.check_ids(), severity=["ZZ100", "ZZ201", "ZZ203"])
    assert [(n.option, n.entry.id, n.error) for n in severity] == [("severity", "ZZ100", False)]


# -- explanations (DV001) ----------------------------------------------------------------------------------
def test_an_explanation_of_a_removed_or_deprecated_id_says_what_replaced_it(tmp_path: Path) -> None:
    path = service_file(tmp_path, [{"check": "ZZ100", "reason": "oud"}, {"check": "ZZ101", "reason": "weg"},
                                   {"check": "ZZ202", "reason": "verouderd"}, {"check": "ZZ999", "reason": "tikfout"}])
    report = dienstvisie.check(path, plugins=retired_plugins(), select=["ZZ", "DV001"])
    stale = {f.location.pointer: f.message.get("en") for f in report.findings if f.check == "DV001" and f.status.value == "failed"}
    assert stale == {
        "/explanations/0": "The explanation names ZZ100: ZZ100 was removed in version 2.0; it was replaced by ZZ203 "
                           "(move the explanation)",
        "/explanations/1": "The explanation names ZZ101: ZZ101 was removed in version 2.0 and has no replacement "
                           "(the rule lapsed) (remove the explanation)",
        "/explanations/2": "The explanation names ZZ202: ZZ202 is deprecated since version 1.5 and will be removed in a "
                           "later version; use ZZ203 instead (move the explanation)",
        "/explanations/3": "The explanation names ZZ999, but no such check exists",
    }
    assert [f.status.value for f in report.findings if f.check == "ZZ202"] == ["explained"]  # deprecated: still counts
    assert all(f.severity.value == "info" for f in report.findings if f.check == "DV001")


# -- the command line --------------------------------------------------------------------------------------
def test_check_refuses_a_removed_id_in_select_and_warns_for_ignore_deprecated_and_preview(tmp_path: Path) -> None:
    result = cli("check", str(EXAMPLE), "--plugin", PLUGIN, "--no-plugins", "--isolated", "--lang", "en",
                 "--select", "ZZ100", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert ("error: --select ZZ100: ZZ100 was removed in version 2.0; it was replaced by ZZ203; no such check can run"
            in result.stderr)
    result = cli("check", str(EXAMPLE), "--plugin", PLUGIN, "--no-plugins", "--isolated", "--lang", "en",
                 "--select", "ZZ201,ZZ202", "--ignore", "ZZ101", cwd=tmp_path)
    assert result.returncode == 1 and "ZZ202" in result.stdout and "ZZ201" not in result.stdout
    assert "warning: --select ZZ201: ZZ201 is a preview check: it runs only with --preview" in result.stderr
    assert "warning: --select ZZ202: ZZ202 is deprecated since version 1.5" in result.stderr
    assert "warning: --ignore ZZ101: ZZ101 was removed in version 2.0 and has no replacement" in result.stderr
    assert "Traceback" not in result.stderr
    result = cli("check", str(EXAMPLE), "--plugin", PLUGIN, "--no-plugins", "--isolated", "--select", "ZZ201", "--preview",
                 cwd=tmp_path)
    assert result.returncode == 1 and "ZZ201" in result.stdout and "ZZ201" not in result.stderr


def test_preview_from_the_configuration_and_dutch_messages(tmp_path: Path) -> None:
    (tmp_path / "dienstvisie.toml").write_text('preview = true\nselect = ["ZZ2"]\nignore = ["ZZ100"]\n', encoding="utf-8")
    result = cli("check", str(EXAMPLE), "--plugin", PLUGIN, "--no-plugins", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    found = {f["check"] for report in json.loads(result.stdout)["services"] for f in report["findings"]}
    assert found == {"ZZ201", "ZZ202", "ZZ203"}
    assert "waarschuwing: --ignore ZZ100: ZZ100 is verwijderd in versie 2.0; in de plaats kwam ZZ203" in result.stderr
    (tmp_path / "dienstvisie.toml").write_text('preview = "ja"\n', encoding="utf-8")
    result = cli("check", str(EXAMPLE), cwd=tmp_path)
    assert result.returncode == 2 and "'preview' moet true of false zijn" in result.stderr  # Dutch, the default


def test_a_baseline_with_findings_of_a_removed_check_says_so(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    found = [Fingerprint("overlijden-utrecht", "ZZ100", "/steps/aangifte", "aangifte"),
             Fingerprint("overlijden-utrecht", "ZZ202", "/steps/aangifte", "aangifte")]
    baseline.write_text(render(record(found)), encoding="utf-8")
    result = cli("check", str(EXAMPLE), "--plugin", PLUGIN, "--no-plugins", "--isolated", "--lang", "en", "--select", "ZZ2",
                 "--baseline", str(baseline), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"warning: {baseline}: ZZ100: ZZ100 was removed in version 2.0; it was replaced by ZZ203" in result.stderr
    assert f"warning: {baseline}: ZZ202: ZZ202 is deprecated since version 1.5" in result.stderr
    assert f"{baseline}: the findings of removed checks can no longer match and count as fixed" in result.stderr
    result = cli("check", str(EXAMPLE), "--no-plugins", "--isolated", "--baseline", str(baseline), cwd=tmp_path)
    assert "ZZ100" not in result.stderr  # without the plugin the id is simply unknown, as before


def test_rules_shows_the_status_and_the_removed_ids(tmp_path: Path) -> None:
    result = cli("rules", "--plugin", PLUGIN, "--no-plugins", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.split()[:3] == ["DV101", "major", "stable"] for line in lines)
    assert any(line.split()[:3] == ["ZZ201", "minor", "preview"] for line in lines)
    assert any(line.split()[:3] == ["ZZ202", "minor", "deprecated"] and line.endswith("-> ZZ203") for line in lines)
    removed = lines[lines.index("Removed checks") + 1:]
    assert [line.split()[0] for line in removed] == ["ZZ100", "ZZ101"]
    assert "ZZ100 was removed in version 2.0; it was replaced by ZZ203" in removed[0]

    data = json.loads(cli("rules", "--plugin", PLUGIN, "--no-plugins", "--format", "json", cwd=tmp_path).stdout)
    by_id = {entry["id"]: entry for entry in data}
    assert by_id["DV101"]["status"] == "stable" and by_id["DV101"]["replaced_by"] == []
    assert (by_id["ZZ202"]["status"], by_id["ZZ202"]["replaced_by"]) == ("deprecated", ["ZZ203"])
    assert by_id["ZZ100"] == {"id": "ZZ100", "title": {"nl": "Oud", "en": "Old"}, "principles": [], "severity": None,
                              "origin": None, "status": "removed", "replaced_by": ["ZZ203"], "since": "2.0", "note": None}

    markdown = cli("rules", "--plugin", PLUGIN, "--no-plugins", "--format", "markdown", "--lang", "en", cwd=tmp_path).stdout
    assert "| [ZZ202](#zz202) | Title ZZ202 | P1 | minor | deprecated |" in markdown
    assert "## Removed checks" in markdown and "### ZZ101" in markdown
    assert "Status: `deprecated` (ZZ202 is deprecated since version 1.5" in markdown


def test_rules_of_one_id_shows_its_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "ZZ100", "--plugin", PLUGIN, "--no-plugins", "--lang", "en"]) == 0
    assert capsys.readouterr().out == "ZZ100  Old\n\nZZ100 was removed in version 2.0; it was replaced by ZZ203\n"
    assert main(["rules", "zz202", "--plugin", PLUGIN, "--no-plugins", "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "Status: deprecated" in out and "ZZ202 is verouderd sinds versie 1.5" in out and "gebruik ZZ203" in out
    assert main(["rules", "ZZ101", "--plugin", PLUGIN, "--no-plugins", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["note"] == {"nl": "de regel is vervallen", "en": "the rule lapsed"}


def test_the_checks_page_shows_the_status_of_every_built_in_check() -> None:
    page = (TESTS.parent / "docs" / "checks.en.md").read_text(encoding="utf-8")
    _, checks = builtin()
    rows = {line.split(" | ")[0]: line for line in page.splitlines() if line.startswith("| [")}
    for check in checks:
        assert rows[f"| [{check.id}](#{check.id.lower()})"].endswith(f" | {check.status.value} |")
