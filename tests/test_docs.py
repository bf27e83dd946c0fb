"""The documentation site cannot drift from the code: generated pages equal what the code
generates, the checks reference equals `dienstvisie rules --format markdown`, the API page names
every public name, the navigation lists every page, and the example documents in it are valid.

(The site build itself, `mkdocs build --strict`, runs in .ci/run.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import dienstvisie
import docs_gen
from dienstvisie.cli.main import main
from dienstvisie.documents.load import read_service
from dienstvisie.pipeline.checker import all_checks

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
REGENERATE = "out of date: run `python tools/docs_gen.py` and commit the result"


@pytest.mark.parametrize("name", sorted(docs_gen.PAGES))
def test_a_generated_page_equals_what_the_code_generates(name: str) -> None:
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == docs_gen.PAGES[name](), f"docs/{name} is {REGENERATE}"


@pytest.mark.parametrize(("name", "lang"), [("checks.md", "nl"), ("checks.en.md", "en")])
def test_the_checks_reference_is_the_output_of_the_rules_command(name: str, lang: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "markdown", "--no-plugins", "--lang", lang]) == 0
    output = capsys.readouterr().out
    assert (DOCS / name).read_text(encoding="utf-8") == output, f"docs/{name} is {REGENERATE}"


def test_every_check_and_principle_is_on_the_generated_pages() -> None:
    plugins = dienstvisie.load_plugins(entry_points=False)
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    checks = all_checks(vision, plugins)
    for name in ("checks.md", "checks.en.md", "principles.md", "principles.en.md"):
        text = (DOCS / name).read_text(encoding="utf-8")
        for check in checks:
            assert check.id in text, (name, check.id)
        for principle in vision.principles:
            assert principle.id in text, (name, principle.id)
    principles = (DOCS / "principles.en.md").read_text(encoding="utf-8")
    for principle in vision.principles:
        for question in principle.questions:
            assert f"**{question.id}** {' '.join(question.text.get('en').split())}" in principles


def test_the_service_concept_reference_names_every_field_of_the_schema() -> None:
    from dienstvisie.schemas import load_schema

    text = (DOCS / "service-concept-reference.md").read_text(encoding="utf-8")
    names: set[str] = set()

    def collect(schema: Any) -> None:
        if isinstance(schema, dict):
            names.update(schema.get("properties", {}))
            for value in schema.values():
                collect(value)
        elif isinstance(schema, list):
            for value in schema:
                collect(value)

    collect(load_schema("service"))
    assert names
    for name in names:
        assert f"| `{name}` |" in text or f"\"{name}\"" in text, name


def test_the_generator_command_checks_and_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert docs_gen.main(["--check", "--docs", str(DOCS)]) == 0
    assert docs_gen.main(["--check", "--docs", str(tmp_path)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert docs_gen.main(["--docs", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(docs_gen.PAGES)
    assert docs_gen.main(["--check", "--docs", str(tmp_path)]) == 0


def test_the_api_page_names_every_public_name() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: dienstvisie\.([\w.]+)$", text, re.MULTILINE))
    exports: dict[str, str] = dienstvisie._EXPORTS  # type: ignore[attr-defined]
    missing = [f"{module}.{name}" for name, module in exports.items() if f"{module}.{name}" not in documented]
    assert not missing, f"add to docs/api.md: {', '.join('::: dienstvisie.' + m for m in missing)}"
    for path in documented:  # and everything on the page exists
        module, _, name = path.rpartition(".")
        target = __import__(f"dienstvisie.{module}", fromlist=[name]) if module else dienstvisie
        if module and not hasattr(target, name):
            __import__(f"dienstvisie.{path}")  # a whole module, such as hookspecs


def _nav_files(nav: Any) -> list[str]:
    found: list[str] = []
    if isinstance(nav, list):
        for item in nav:
            found += _nav_files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            found += _nav_files(value)
    elif isinstance(nav, str):
        found.append(nav)
    return found


def test_the_navigation_lists_every_page_and_only_pages_that_exist() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs" and config["strict"] is True
    listed = _nav_files(config["nav"])
    assert len(listed) == len(set(listed))
    pages = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))
    assert sorted(listed) == pages


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_every_complete_service_concept_in_the_docs_is_valid(page: str) -> None:
    for block in _yaml_blocks((DOCS / page).read_text(encoding="utf-8")):
        if block.startswith(('dienstvisie: "1"', 'dienstvisie: "2"')):
            read_service(block, filename=f"docs/{page}")


def test_the_format_guide_shows_a_complete_format_2_document() -> None:
    blocks = _yaml_blocks((DOCS / "service-concept.md").read_text(encoding="utf-8"))
    assert any(block.startswith('dienstvisie: "2"') for block in blocks)


def test_the_docs_extra_and_the_ci_build_the_site() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r"^docs = \[", pyproject, re.MULTILINE), "pyproject.toml needs a docs extra"
    assert "mkdocs-material" in pyproject and "mkdocstrings[python]" in pyproject
    assert "mkdocs build --strict" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_architecture_page_names_every_module() -> None:
    """docs/architecture.md draws the house: a module added to the package without a word there fails."""
    import re

    package = Path(__file__).parents[1] / "src" / "dienstvisie"
    page = (DOCS / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_][a-z0-9_/]*\.py)`", page))
    ranges = re.findall(r"`([a-z_]+/p)(\d)_[a-z_]+\.py` … `[a-z_]+/p(\d)_[a-z_]+\.py`", page)
    modules = sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                     if "__pycache__" not in path.parts and not (path.name == "__init__.py" and path.parent != package))
    missing = []
    for module in modules:
        if module in named:
            continue
        if module.startswith("cli/cmd_") and "cli/cmd_*.py" in page:
            continue
        if any(module.startswith(prefix) and low <= module[len(prefix)] <= high for prefix, low, high in ranges):
            continue
        missing.append(module)
    assert not missing, f"docs/architecture.md does not name: {', '.join(missing)}"
