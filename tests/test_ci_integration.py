"""What ships for CI, run here: the pre-commit hook, the GitHub Action and the GitLab job.

Nothing here needs the network. The pre-commit hook is checked with pre-commit's own manifest
schema and run by `pre-commit run` itself in a scratch git repository (as a `language: system`
hook made from the manifest entry: its real `language: python` would install from PyPI; CI runs
`pre-commit try-repo` for that). The Action runs through tests/action_runner.py, which executes its
bash steps as a runner would. The GitLab job runs its `script:` lines from docs/examples/gitlab-ci.yml,
the file the docs show. See docs/ci.md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from action_runner import ActionRun

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EXAMPLES = ROOT / "examples"
CODEQUALITY = Draft202012Validator(json.loads((Path(__file__).parent / "schemas" / "gitlab-codequality.schema.json")
                                              .read_text(encoding="utf-8")))


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1", **extra}


def _workspace(tmp_path: Path) -> Path:
    """A repository-like folder: service concepts, and YAML/JSON that is not one."""
    folder = tmp_path / "repo"
    shutil.copytree(EXAMPLES, folder / "diensten")
    (folder / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    shutil.copy(ROOT / "docs" / "examples" / "mijn-regels.yaml", folder / "regels.yaml")
    (folder / "baseline.json").write_text('{"dienstvisie_baseline": "1", "services": {}}\n', encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------------ pre-commit

def _hook() -> dict[str, Any]:
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))  # pre-commit's own schema: raises if invalid
    assert [hook["id"] for hook in hooks] == ["dienstvisie"]
    return dict(hooks[0])


def test_the_hook_manifest_is_valid_for_pre_commit_and_names_an_installed_command() -> None:
    hook = _hook()
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert set(hook["types_or"]) == {"yaml", "json"}
    command = hook["entry"].split()[0]
    assert (BIN / command).exists(), f"{command}: not a console script of the package"


def test_the_hook_entry_checks_only_the_service_concepts_it_is_handed(tmp_path: Path) -> None:
    folder = _workspace(tmp_path)
    entry = _hook()["entry"].split()
    changed = ["mkdocs.yml", "diensten/werkloos-uwv.yaml", "regels.yaml", "baseline.json"]
    done = subprocess.run([*entry, "--no-progress", "--lang", "en", *changed], cwd=folder, env=_env(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # the service falls short
    assert "werkloos-uwv" in done.stdout
    assert "skipped (not a service concept" in done.stderr
    for other in ("mkdocs.yml", "regels.yaml", "baseline.json"):
        assert other in done.stderr
    only_others = subprocess.run([*entry, "mkdocs.yml", "regels.yaml"], cwd=folder, env=_env(),
                                 capture_output=True, text=True, timeout=300)
    assert only_others.returncode == 0 and only_others.stdout == ""
    passing = subprocess.run([*entry, "--fail-on", "critical", "diensten/werkloos-uwv.yaml"], cwd=folder, env=_env(),
                             capture_output=True, text=True, timeout=300)
    assert passing.returncode == 0, passing.stderr  # the options before the files reach check


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_runs_the_hook_on_the_changed_files(tmp_path: Path) -> None:
    folder = _workspace(tmp_path)
    hook = {key: value for key, value in _hook().items()
            if key in ("id", "name", "entry", "types_or", "pass_filenames", "require_serial")}
    config = {"repos": [{"repo": "local", "hooks": [{**hook, "language": "system", "args": ["--no-progress"]}]}]}
    (folder / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = _env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(command, cwd=folder, env=env, check=True, timeout=60)

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=600)

    everything = pre_commit("--all-files")
    assert everything.returncode == 1, everything.stdout + everything.stderr  # examples fall short
    assert "dienstvisie check" in everything.stdout and "Failed" in everything.stdout
    assert "exit code: 1" in everything.stdout  # not 2: mkdocs.yml, the rule set, the baseline were skipped
    others = pre_commit("--files", "mkdocs.yml", "regels.yaml", "baseline.json")
    assert others.returncode == 0, others.stdout
    passing = pre_commit("--files", "diensten/geboorte-den-haag.yaml")
    assert passing.returncode == 0, passing.stdout
    assert "Passed" in passing.stdout


# --------------------------------------------------------------------------------- GitHub Action

def test_the_action_is_a_composite_action_whose_expressions_refer_to_what_it_declares() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["name"] and action["description"] and action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    ids = {step["id"] for step in steps if "id" in step}
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    for name in re.findall(r"inputs\.([\w-]+)", text):
        assert name in action["inputs"], name
    for step_id in re.findall(r"steps\.([\w-]+)\.outputs", text):
        assert step_id in ids, step_id
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs reach scripts through env, never spliced into the script"
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["category"] == "${{ inputs.category }}"
    assert "always()" in upload["if"]
    assert all(spec.get("description") for spec in [*action["inputs"].values(), *action["outputs"].values()])


def test_the_action_checks_writes_sarif_and_uploads_it_under_its_category(tmp_path: Path) -> None:
    folder = _workspace(tmp_path)
    run = ActionRun({"paths": "diensten/", "args": "--no-plugins", "category": "mijn-diensten"}, folder, BIN)
    code = run.run(skip_install=True)
    log = "\n".join(run.log)
    assert code == 1, log  # a service falls short: the step fails ...
    assert run.outputs["check"]["exit-code"] == "1"
    assert run.uploads == [{"sarif_file": "dienstvisie.sarif", "category": "mijn-diensten"}]  # ... after the upload
    sarif = json.loads((folder / "dienstvisie.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    assert "werkloos-uwv" in log  # the text report is in the log too


def test_the_action_with_fail_false_reports_and_passes_and_bad_input_still_uploads_nothing_broken(tmp_path: Path) -> None:
    folder = _workspace(tmp_path)
    relaxed = ActionRun({"paths": "diensten/", "args": "--no-plugins", "fail": "false", "upload": "false"}, folder, BIN)
    assert relaxed.run(skip_install=True) == 0
    assert relaxed.outputs["check"]["exit-code"] == "1" and relaxed.uploads == []
    missing = ActionRun({"paths": "nergens/", "args": "--no-plugins"}, folder, BIN)
    (folder / "dienstvisie.sarif").unlink()
    assert missing.run(skip_install=True) == 2  # unusable input fails the step with 2
    assert missing.uploads == []  # no SARIF was written, so there is nothing to upload


# ------------------------------------------------------------------------------------ GitLab job

def _gitlab_job() -> dict[str, Any]:
    config = yaml.safe_load((ROOT / "docs" / "examples" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    return dict(config["dienstvisie"])


def _run_job(job: dict[str, Any], folder: Path, paths: str) -> int:
    """The job's script lines one by one, as GitLab's runner does: the first that fails ends the job."""
    variables = {key: str(value) for key, value in job.get("variables", {}).items()} | {"DIENSTVISIE_PATHS": paths}
    for line in job["script"]:
        done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", line], cwd=folder, env=_env(**variables),
                              capture_output=True, text=True, timeout=300)
        assert "Traceback" not in done.stderr, done.stderr
        if done.returncode:
            return done.returncode
    return 0


def test_the_gitlab_job_writes_code_quality_and_junit_reports_gitlab_reads(tmp_path: Path) -> None:
    job = _gitlab_job()
    assert job["artifacts"]["when"] == "always"
    reports = job["artifacts"]["reports"]
    assert set(reports) == {"codequality", "junit"}
    folder = _workspace(tmp_path)
    code = _run_job(job, folder, "diensten/")
    assert code == 1  # the job fails: a service falls short, and the reports are there all the same
    quality = json.loads((folder / reports["codequality"]).read_text(encoding="utf-8"))
    assert quality and [error.message for error in CODEQUALITY.iter_errors(quality)] == []
    assert len({issue["fingerprint"] for issue in quality}) == len(quality)
    assert {issue["location"]["path"].split("/")[0] for issue in quality} == {"diensten"}  # relative to the repository
    junit = ET.parse(folder / reports["junit"]).getroot()
    assert junit.tag == "testsuites"
    services = {yaml.safe_load(path.read_text(encoding="utf-8"))["id"] for path in EXAMPLES.glob("*.yaml")}
    assert {suite.get("name") for suite in junit.findall("testsuite")} == services
    assert int(junit.get("failures", "0")) > 0


def test_the_gitlab_job_passes_when_the_services_do(tmp_path: Path) -> None:
    folder = _workspace(tmp_path)
    assert _run_job(_gitlab_job(), folder, "diensten/geboorte-den-haag.yaml") == 0
