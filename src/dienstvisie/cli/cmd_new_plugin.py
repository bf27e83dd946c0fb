"""`dienstvisie new-plugin NAME`: scaffold a working plugin package in a new folder.

The package has a pyproject.toml with the `dienstvisie` entry point, a module with a sample
check and the hook implementations, a rule set in YAML, a README and a test that runs the
plugin as dienstvisie does. `pip install -e dienstvisie-NAME` and it shows up in
`dienstvisie plugins`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..errors import EXIT_OK, EXIT_USAGE
from ..i18n import os_reason
from ..model.text import Language
from .help import help_text
from .streams import stdout

_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_PREFIX = re.compile(r"^[A-Z]{1,6}$")


def add_parser(subparsers: Any, parents: list[argparse.ArgumentParser], lang: Language) -> None:
    parser = subparsers.add_parser("new-plugin", parents=parents, help=help_text("new-plugin", lang),
                                   description=help_text("new-plugin", lang))
    parser.add_argument("name", metavar="NAME", help=help_text("new-plugin.name", lang))
    parser.add_argument("--dir", default=".", metavar="PATH", help=help_text("new-plugin.dir", lang))
    parser.add_argument("--prefix", help=help_text("new-plugin.prefix", lang))
    parser.set_defaults(run=run)


def plugin_slug(name: str) -> str | None:
    """`mijngemeente` for `mijngemeente`, `dienstvisie-mijngemeente` or `Dienstvisie_MijnGemeente`; None if unusable."""
    slug = name.strip().lower().replace("_", "-")
    slug = slug.removeprefix("dienstvisie-")
    return slug if _NAME.fullmatch(slug) else None


def default_prefix(slug: str) -> str:
    """A check-id prefix from the name: the initials of a multi-part name, else its first three letters."""
    parts = [part for part in slug.split("-") if part]
    letters = "".join(part[0] for part in parts if part[0].isalpha()) if len(parts) > 1 else ""
    if len(letters) < 2:
        letters = "".join(char for char in slug if char.isalpha())[:3]
    prefix = letters.upper()[:4].ljust(2, "X")
    return "X" + prefix if prefix.startswith(("DV", "Q")) else prefix


def usable_prefix(prefix: str) -> bool:
    """A prefix of capital letters that does not collide with the built-in (DV) or question (Q) ids."""
    return bool(_PREFIX.fullmatch(prefix)) and not prefix.startswith(("DV", "Q"))


_PYPROJECT = '''[build-system]
requires = ["hatchling>=1.24"]
build-backend = "hatchling.build"

[project]
name = "dienstvisie-__SLUG__"
version = "0.1.0"
description = "dienstvisie plugin: __SLUG__'s own requirements for public service concepts"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["dienstvisie>=0.1"]

[project.optional-dependencies]
test = ["pytest>=8"]

# This is what makes dienstvisie find the plugin once the package is installed.
[project.entry-points.dienstvisie]
__SLUG__ = "__MODULE__"

[tool.hatch.build.targets.wheel]
packages = ["src/__MODULE__"]

[tool.pytest.ini_options]
testpaths = ["tests"]
'''

_MODULE = '''"""dienstvisie plugin __SLUG__: a check in Python and a rule set in YAML.

dienstvisie finds this module through the entry point in pyproject.toml and calls the
functions marked with @hookimpl. See docs/plugins.md of dienstvisie for every hook.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable

from dienstvisie import Check, CheckContext, Outcome, Severity, Text, Vision, define_check, fail, hookimpl, skip

__version__ = "0.1.0"

#: The vision whose principles (P1 … P6) the checks below name.
VISION_ID = "gezamenlijke-dienstverlening"


@define_check(
    id="__PREFIX__101",
    title=Text(nl="Stap zonder doorlooptijd", en="Step without a lead time"),
    rationale=Text(
        nl="Wie weet hoe lang iets duurt, hoeft niet te bellen om het te vragen.",
        en="People who know how long something takes need not call to ask.",
    ),
    principles=("P4",),
    severity=Severity.MINOR,
    suggestion=Text(nl="Vul bij elke stap expected_days in.", en="Fill in expected_days for every step."),
    origin="__SLUG__",
    example_fail="steps:\\n  - id: aanvraag\\n    ...\\n    # no expected_days",
    example_pass="steps:\\n  - id: aanvraag\\n    ...\\n    expected_days: 5",
)
def step_without_lead_time(ctx: CheckContext) -> Iterator[Outcome]:
    """Every step states how many days it takes."""
    for index, step in enumerate(ctx.service.steps):
        if step.expected_days is None:
            yield fail(
                Text(nl=f"Stap '{step.id}' noemt geen doorlooptijd", en=f"Step '{step.id}' states no lead time"),
                pointer=ctx.step_pointer(index), step=step.id,
            )
    if not ctx.service.steps:
        yield skip()


@hookimpl
def dienstvisie_checks(vision: Vision) -> list[Check]:
    """The Python checks, for the vision whose principles they name."""
    return [step_without_lead_time] if vision.id == VISION_ID else []


@hookimpl
def dienstvisie_rulesets() -> list[Traversable]:
    """The declarative rules in rules.yaml (shipped inside the package)."""
    return [resources.files(__name__).joinpath("rules.yaml")]
'''

_RULES = '''# Declarative rules of the __SLUG__ plugin: data, never executed. Schema: `dienstvisie schema ruleset`.
dienstvisie_ruleset: "1"
id: __SLUG__
name: {nl: "__SLUG__", en: "__SLUG__"}
vision: gezamenlijke-dienstverlening
rules:
  - id: __PREFIX__201
    title:
      nl: Zelf iets doen kan ook telefonisch
      en: What people must do themselves can be done by phone too
    message:
      nl: "In stap '{step}' ({step_title}) moet de persoon zelf iets doen, maar niet per telefoon"
      en: "In step '{step}' ({step_title}) the person must act, but not by phone"
    principles: [P4]
    severity: minor
    target: steps
    when: {properties: {initiative: {const: burger}}}
    require: {required: [channels], properties: {channels: {contains: {const: telefoon}}}}
    examples:
      fail: "initiative: burger\\nchannels: [web]"
      pass: "initiative: burger\\nchannels: [web, telefoon]"
'''

_README = '''# dienstvisie-__SLUG__

A [dienstvisie](https://pypi.org/project/dienstvisie/) plugin with __SLUG__'s own requirements:

| id | what | principle |
|----|------|-----------|
| __PREFIX__101 | every step states its lead time (`expected_days`) — a Python check | P4 |
| __PREFIX__201 | a step where the person must act can be done by phone — a rule in `rules.yaml` | P4 |

## Install and use

    pip install -e .
    dienstvisie plugins                         # shows __SLUG__ with its hooks and checks
    dienstvisie check dienst.yaml               # its checks run with the built-in ones
    dienstvisie rules __PREFIX__101                      # explains a check
    dienstvisie check dienst.yaml --disable __SLUG__   # leave it out once

Without installing: `dienstvisie check dienst.yaml --plugin __MODULE__` with `src/` on `PYTHONPATH`.

## Test

    pip install -e ".[test]"
    pytest

## Publish

Build with `python -m build` and upload with `twine upload dist/*` (to PyPI, or your organisation's
own package index). Keep the name `dienstvisie-...` so people can find it.
'''

_TEST = '''"""Tests of the __SLUG__ plugin: load it the way dienstvisie does and check a service with it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import dienstvisie
from dienstvisie.cli.main import main

HERE = Path(__file__).parent
EXAMPLE = HERE / "example.yaml"
MODULE = "__MODULE__"


def plugins() -> dienstvisie.Plugins:
    # modules=[...] is what --plugin does; it works whether or not the package is installed
    return dienstvisie.load_plugins(entry_points=False, modules=[MODULE])


def test_the_entry_point_names_the_module() -> None:
    pyproject = tomllib.loads((HERE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["entry-points"]["dienstvisie"] == {"__SLUG__": MODULE}


def test_the_plugin_loads_without_failures() -> None:
    loaded = plugins()
    assert MODULE in [info.name for info in loaded.infos()]
    vision = loaded.visions()["gezamenlijke-dienstverlening"]
    assert {"__PREFIX__101", "__PREFIX__201"} <= {check.id for check in loaded.checks(vision)}
    assert [failure for failure in loaded.failures if failure.plugin == MODULE] == []


def test_the_check_and_the_rule_fire() -> None:
    report = dienstvisie.check(EXAMPLE, plugins=plugins(), select=["__PREFIX__"])
    failed = sorted((finding.check, finding.step) for finding in report.findings if finding.status.value == "failed")
    assert failed == [("__PREFIX__101", "aanvraag"), ("__PREFIX__201", "aanvraag")]


def test_the_command_line(capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["check", str(EXAMPLE), "--plugin", MODULE, "--select", "__PREFIX__", "--format", "json", "--isolated"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    assert {finding["check"] for finding in report["services"][0]["findings"]} == {"__PREFIX__101", "__PREFIX__201"}
'''

_EXAMPLE = '''dienstvisie: "2"
id: voorbeeld
title: Een voorbeelddienst
audience: [burger]
organisations:
  - {id: gemeente, name: Gemeente Voorbeeld, kind: gemeente}
steps:
  - id: aanvraag
    title: Aanvraag indienen
    organisation: gemeente
    initiative: burger
    channels: [web]
'''


def scaffold_plugin(name: str, folder: Path, prefix: str | None = None) -> Path:
    """Write a plugin package `dienstvisie-<name>` into `folder`; return the package folder.

    ValueError for an unusable name or prefix, FileExistsError when the folder exists.
    """
    slug = plugin_slug(name)
    if slug is None:
        raise ValueError(name)
    prefix = prefix or default_prefix(slug)
    if not usable_prefix(prefix):
        raise ValueError(prefix)
    module = "dienstvisie_" + slug.replace("-", "_")
    target = folder / f"dienstvisie-{slug}"
    if target.exists():
        raise FileExistsError(str(target))
    files = {
        "pyproject.toml": _PYPROJECT,
        "README.md": _README,
        f"src/{module}/__init__.py": _MODULE,
        f"src/{module}/rules.yaml": _RULES,
        f"src/{module}/py.typed": "",
        f"tests/test_{module}.py": _TEST,
        "tests/example.yaml": _EXAMPLE,
    }
    # Written into a temporary folder beside the target and renamed at the end: a full disk or an
    # interrupt leaves no half package behind that would make a retry refuse ("already exists").
    staging = Path(tempfile.mkdtemp(prefix=f".dienstvisie-{slug}.", suffix=".tmp", dir=folder))
    try:
        for relative, template in files.items():
            text = template.replace("__SLUG__", slug).replace("__MODULE__", module).replace("__PREFIX__", prefix)
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's folder is private (0700); a package folder is not
        if target.exists():
            raise FileExistsError(str(target))
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def run(args: argparse.Namespace) -> int:
    lang: Language = args.lang
    slug = plugin_slug(args.name)
    if slug is None:
        print(help_text("new-plugin.bad_name", lang).format(name=args.name), file=sys.stderr)
        return EXIT_USAGE
    if args.prefix is not None and not usable_prefix(args.prefix):
        print(help_text("new-plugin.bad_prefix", lang).format(prefix=args.prefix), file=sys.stderr)
        return EXIT_USAGE
    try:
        target = scaffold_plugin(slug, Path(args.dir), args.prefix)
    except FileExistsError as error:
        print(help_text("new-plugin.exists", lang).format(path=error), file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"{args.dir}: {os_reason(error).get(lang)}", file=sys.stderr)
        return EXIT_USAGE
    print(help_text("new-plugin.done", lang).format(path=target), file=stdout())
    return EXIT_OK
