"""The floor: what reading and validating the same documents costs without dienstvisie.

    python bench/floor.py FOLDER

Plain PyYAML `yaml.safe_load` (PyYAML's own pure-Python safe loader, as `safe_load` uses) plus
validation against the same JSON Schema (`schemas/service.schema.json`, draft 2020-12, with format
checking, every error collected) with `jsonschema`, file after file, in one process. Prints one
JSON line: documents, invalid documents, seconds (inside the process, after the imports).

`--libyaml` uses PyYAML's C loader (`yaml.CSafeLoader`) instead: the floor the targets of
docs/performance.md are set against. `--no-validate` leaves the validation out: the C loader alone
is the hard floor, what reading the same YAML costs at all.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import jsonschema
import yaml

SCHEMA = Path(__file__).resolve().parents[1] / "src" / "dienstvisie" / "schemas" / "service.schema.json"


def files_below(folder: Path) -> list[Path]:
    """Every .yaml file below `folder`, in a stable order (as `dienstvisie check` walks it)."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        found += [Path(root) / name for name in sorted(names) if name.endswith(".yaml")]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="YAML loading plus JSON Schema validation, nothing else.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--libyaml", action="store_true", help="use PyYAML's C loader")
    parser.add_argument("--no-validate", action="store_true", help="only load (the hard floor)")
    args = parser.parse_args(argv)
    loader = yaml.CSafeLoader if args.libyaml else yaml.SafeLoader
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    started = time.perf_counter()
    files = files_below(args.folder)
    invalid = 0
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
        if not args.no_validate and list(validator.iter_errors(data)):
            invalid += 1
    seconds = time.perf_counter() - started
    print(json.dumps({"documents": len(files), "invalid": invalid, "seconds": round(seconds, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
