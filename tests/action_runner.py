"""Run the composite GitHub Action (action.yml) here, as a runner would, without GitHub.

    python tests/action_runner.py [--skip-install] [--bin DIR] [input=value ...]

A dry run: each `run:` step is executed in bash with what a runner provides (GITHUB_ACTION_PATH,
RUNNER_TEMP, GITHUB_ENV, GITHUB_OUTPUT, the step's `env:` with `${{ … }}` filled in), in order, and
each step's `if:` is evaluated. `uses:` steps cannot run here: `actions/setup-python` is replaced by
the Python running this script, and `github/codeql-action/upload-sarif` by recording what it would
have uploaded (the SARIF file must exist and be SARIF 2.1.0) and under which category.

Only the expression forms action.yml uses are understood (`inputs.X`, `steps.ID.outputs.X`,
`always()`, `hashFiles(…)`, `== 'text'`, `&&`); anything else raises, so that a change of the action
that this runner cannot follow fails its test instead of passing unnoticed.

`--skip-install` leaves out the install step and takes dienstvisie from `--bin` (default: beside
this Python), for a quick run without pip; tests/test_ci_integration.py does that, and .ci/run runs
the whole action, install included.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class ActionRun:
    """One run of the action: its inputs, the outputs of its steps, what was uploaded."""

    def __init__(self, inputs: dict[str, str], workspace: Path, bin_dir: Path | None) -> None:
        self.action: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
        declared = self.action["inputs"]
        unknown = set(inputs) - set(declared)
        if unknown:
            raise ValueError(f"inputs the action does not declare: {sorted(unknown)}")
        self.inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()} | inputs
        self.workspace = workspace
        self.temp = Path(tempfile.mkdtemp(prefix="runner-temp-"))
        self.github_env = self.temp / "github_env"
        self.github_env.touch()
        self.outputs: dict[str, dict[str, str]] = {}
        self.uploads: list[dict[str, str]] = []
        self.env: dict[str, str] = {}
        if bin_dir is not None:
            self.env["DIENSTVISIE_BIN"] = str(bin_dir)
        self.log: list[str] = []

    # ------------------------------------------------------------------ expressions
    def value(self, expression: str) -> Any:
        expression = expression.strip()
        parts = [part.strip() for part in expression.split("&&")]
        if len(parts) > 1:
            return all(self.value(part) for part in parts)
        comparison = re.fullmatch(r"(.+?)\s*(==|!=)\s*(.+)", expression)
        if comparison:
            left, operator, right = (self.value(comparison.group(1)), comparison.group(2), self.value(comparison.group(3)))
            return (left == right) if operator == "==" else (left != right)
        if re.fullmatch(r"'[^']*'", expression):
            return expression[1:-1]
        if expression == "always()":
            return True
        match = re.fullmatch(r"inputs\.([\w-]+)", expression)
        if match:
            return self.inputs[match.group(1)]
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if match:
            return self.outputs.get(match.group(1), {}).get(match.group(2), "")
        match = re.fullmatch(r"hashFiles\((.+)\)", expression)
        if match:
            file = self.workspace / str(self.value(match.group(1)))
            return "hash" if file.is_file() else ""
        raise ValueError(f"an expression this runner does not know: {expression!r}")

    def fill(self, text: str) -> str:
        return _EXPRESSION.sub(lambda match: str(self.value(match.group(1))), text)

    def condition(self, step: dict[str, Any]) -> bool:
        if "if" not in step:
            return True
        text = str(step["if"]).strip()
        match = _EXPRESSION.fullmatch(text)
        return bool(self.value(match.group(1) if match else text))

    # ------------------------------------------------------------------ steps
    def run_step(self, step: dict[str, Any]) -> int:
        env = {**os.environ, **self.env, "GITHUB_ACTION_PATH": str(ROOT), "RUNNER_TEMP": str(self.temp),
               "GITHUB_ENV": str(self.github_env), "GITHUB_WORKSPACE": str(self.workspace), "NO_COLOR": "1"}
        output = self.temp / f"output-{len(self.log)}"
        output.touch()
        env["GITHUB_OUTPUT"] = str(output)
        env |= {key: self.fill(str(value)) for key, value in step.get("env", {}).items()}
        if step.get("shell") != "bash":
            raise ValueError(f"step {step.get('name')!r}: a composite step needs `shell: bash`")
        done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
                              cwd=self.workspace, env=env, capture_output=True, text=True, timeout=900)
        self.log.append(f"--- {step.get('name')}: exit {done.returncode}\n{done.stdout}{done.stderr}")
        values = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
        if "id" in step:
            self.outputs[step["id"]] = values
        for line in self.github_env.read_text().splitlines():
            if "=" in line:
                key, value = line.split("=", 1)
                self.env[key] = value
        return done.returncode

    def uses(self, step: dict[str, Any]) -> None:
        action = step["uses"].split("@", 1)[0]
        given = {key: self.fill(str(value)) for key, value in step.get("with", {}).items()}
        if action == "actions/setup-python":
            # as setup-python does: a `python` first on PATH for the steps that follow
            tools = self.temp / "setup-python"
            tools.mkdir(exist_ok=True)
            (tools / "python").unlink(missing_ok=True)
            (tools / "python").symlink_to(sys.executable)
            self.env["PATH"] = f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"
            self.log.append(f"--- setup-python {given}: this Python ({sys.executable})")
        elif action == "github/codeql-action/upload-sarif":
            sarif = json.loads((self.workspace / given["sarif_file"]).read_text(encoding="utf-8"))
            if sarif.get("version") != "2.1.0":
                raise ValueError(f"{given['sarif_file']}: not SARIF 2.1.0")
            self.uploads.append(given)
            self.log.append(f"--- upload-sarif {given}")
        else:
            raise ValueError(f"a step this runner cannot stand in for: {step['uses']}")

    def run(self, *, skip_install: bool = False) -> int:
        """Every step in order; the exit code of the first failing step, else 0."""
        for step in self.action["runs"]["steps"]:
            if not self.condition(step):
                self.log.append(f"--- {step.get('name') or step.get('uses')}: skipped (if)")
                continue
            if "uses" in step:
                self.uses(step)
                continue
            if skip_install and step.get("name") == "Install dienstvisie":
                continue
            code = self.run_step(step)
            if code:
                return code
        return 0


def main(argv: list[str]) -> int:
    skip = "--skip-install" in argv
    bin_dir = Path(sys.executable).parent
    inputs: dict[str, str] = {}
    items = [item for item in argv if item != "--skip-install"]
    while items:
        item = items.pop(0)
        if item == "--bin":
            bin_dir = Path(items.pop(0))
        else:
            key, _, value = item.partition("=")
            inputs[key] = value
    run = ActionRun(inputs, Path.cwd(), bin_dir if skip else None)
    code = run.run(skip_install=skip)
    print("\n".join(run.log))
    print(f"outputs: {json.dumps(run.outputs)}")
    print(f"uploads: {json.dumps(run.uploads)}")
    print(f"action: exit {code}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
