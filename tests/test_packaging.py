"""The release build: what `python -m build` makes is what users install.

The sdist and wheel are built here (`--no-isolation`, with the build backend of the test extra, so
the test needs no network) and looked into: the wheel carries every file of the package (the
schemas above all: a top-level `schemas` link once made hatchling skip them), the licence and the
metadata PyPI shows; the core sdist carries no plugin. The wheel is then installed, without its
dependencies, into a folder of its own and run from there, with this environment's dependencies,
so the installed package, not the source tree, checks the examples. .ci/run goes further: fresh
virtual environments with the dependencies from the index, the plugins' wheels, the README tour.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "dienstvisie"


def _build(project: Path, out: Path) -> tuple[Path, Path]:
    # no --sdist/--wheel: like a release, the wheel is built from the sdist (where the link once lost the schemas)
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                           str(project)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = sorted(out.glob("*.whl"))
    sdists = sorted(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, os.listdir(out)
    return wheels[0], sdists[0]


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _build(ROOT, tmp_path_factory.mktemp("dist"))


def _tracked_package_files() -> set[str]:
    """Every file of the package in the source tree, as its path inside the wheel."""
    found = set()
    for path in PACKAGE.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith(".pyc"):
            found.add(path.relative_to(PACKAGE.parent).as_posix())
    return found


def _metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(archive.read(name))


def test_the_wheel_carries_every_file_of_the_package_the_schemas_above_all(core: tuple[Path, Path]) -> None:
    wheel, _ = core
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    shipped = {name for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert shipped == _tracked_package_files()
    schemas = {name for name in shipped if name.startswith("dienstvisie/schemas/") and name.endswith(".schema.json")}
    assert len(schemas) == len(list((PACKAGE / "schemas").glob("*.schema.json"))) >= 8
    assert not any(name.startswith(("schemas/", "plugins/", "tests/")) for name in names)


def test_the_wheel_carries_the_licence_and_the_metadata_pypi_shows(core: tuple[Path, Path]) -> None:
    wheel, _ = core
    with zipfile.ZipFile(wheel) as archive:
        licences = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert licences
        text = archive.read(licences[0]).decode("utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in text and "Compatible Licences" in text  # the whole text, not a stub
    meta = _metadata(wheel)
    assert meta["License-Expression"] == "EUPL-1.2"
    urls = dict(entry.split(", ", 1) for entry in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())
    classifiers = meta.get_all("Classifier") or []
    assert len(classifiers) >= 10 and "Typing :: Typed" in classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # PEP 639: the expression says it
    assert meta["Description-Content-Type"] == "text/markdown"


def test_the_core_sdist_has_no_plugin_and_builds_the_same_package(core: tuple[Path, Path]) -> None:
    _, sdist = core
    with tarfile.open(sdist) as archive:
        names = [member.name.split("/", 1)[1] for member in archive.getmembers() if "/" in member.name]
    assert not [name for name in names if name.startswith("plugins/") or "dienstvisie_" in name]
    assert {"LICENSE", "README.md", "pyproject.toml", "schemas/service.schema.json",
            "src/dienstvisie/schemas/service.schema.json", "examples/werkloos-uwv.yaml"} <= set(names)


def test_twine_check_strict_accepts_both(core: tuple[Path, Path]) -> None:
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, core)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_the_installed_wheel_checks_the_examples(core: tuple[Path, Path], tmp_path: Path) -> None:
    wheel, _ = core
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                           "--target", str(target), str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    script = ("import sys, dienstvisie; from dienstvisie.cli.main import main; "
              "print(dienstvisie.__file__, file=sys.stderr); sys.exit(main(['check', '--no-plugins', sys.argv[1]]))")
    run = subprocess.run([sys.executable, "-c", script, str(ROOT / "examples")], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert str(target) in run.stderr.splitlines()[0]  # the installed copy, not the source tree
    assert run.returncode == 1, run.stderr  # some examples fall short on purpose
    assert "Traceback" not in run.stderr and "werkloos-uwv" in run.stdout


def test_the_cpsv_ap_plugin_needs_pyshacl_only_for_its_extra(tmp_path: Path) -> None:
    wheel, sdist = _build(ROOT / "plugins" / "dienstvisie-cpsv-ap", tmp_path)
    requires = _metadata(wheel).get_all("Requires-Dist") or []
    shacl = [line for line in requires if line.lower().startswith("pyshacl")]
    assert shacl and all("extra ==" in line for line in shacl), requires
    assert any(line.startswith("rdflib") and "extra" not in line for line in requires)
    with zipfile.ZipFile(wheel) as archive:
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in archive.namelist())
    with tarfile.open(sdist) as archive:
        names = {member.name.split("/", 1)[1] for member in archive.getmembers() if "/" in member.name}
    assert {"examples/example-rdf_public_service.jsonld", "examples/SOURCE.md", "LICENSE"} <= names


@pytest.mark.parametrize("plugin", sorted(path.name for path in (ROOT / "plugins").iterdir() if path.is_dir()))
def test_each_example_plugin_carries_the_same_licence_as_a_file(plugin: str) -> None:
    # a copy, not a link: an sdist would carry the link, and unpacking it fails (the target is outside)
    licence = ROOT / "plugins" / plugin / "LICENSE"
    assert not licence.is_symlink()
    assert licence.read_bytes() == (ROOT / "LICENSE").read_bytes()
