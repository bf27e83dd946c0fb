"""Run the README's "A short tour" as written, with the `dienstvisie` of a given environment.

    python .ci/readme_tour.py VENV_BIN

Every line of the tour's shell block runs in bash, in a fresh folder that holds links to the
repository's examples/, plugins/, docs/ and tests/ (what the tour reads), so what the tour writes lands
there and not in the repository. A command passes when it exits 0 or 1 (1: a service falls short,
which some examples do on purpose) and prints no traceback; exit 2 (unusable input) or more fails.
Exit status: 0 when every command passed, 1 otherwise.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINKED = ("examples", "plugins", "docs", "tests")


def tour_commands(readme: str) -> list[str]:
    """The command lines of the first ```sh block after the heading "A short tour"."""
    section = readme.split("## A short tour", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    if block is None:
        raise SystemExit("README.md: no ```sh block under 'A short tour'")
    return [line for line in block.group(1).splitlines() if line.strip() and not line.lstrip().startswith("#")]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    bin_dir = Path(argv[0]).resolve()
    if not (bin_dir / "dienstvisie").exists():
        print(f"{bin_dir}: no dienstvisie here", file=sys.stderr)
        return 2
    commands = tour_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    passed = failed = 0
    with tempfile.TemporaryDirectory() as folder:
        for name in LINKED:
            os.symlink(ROOT / name, Path(folder) / name)
        for command in commands:
            done = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], cwd=folder, env=env,
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
            output = done.stdout + done.stderr
            ok = done.returncode in (0, 1) and "Traceback" not in output
            passed += ok
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} exit {done.returncode}  {command}")
            if not ok:
                print("    " + output.strip().replace("\n", "\n    ")[-3000:])
    print(f"tour: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
