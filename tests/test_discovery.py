"""Discovery: below folders only files declaring `dienstvisie:` are service concepts; exclude,
extend-exclude and .gitignore leave paths out; the commands say what they skipped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dienstvisie.cli.main import main
from dienstvisie.documents.declared import FORMATS, SERVICE, declared_format
from dienstvisie.documents.discover import VALIDATED_FORMATS, find_documents
from dienstvisie.documents.exclusion import NOTHING, Exclusions, Patterns, exclusions

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
RULESET = ROOT / "plugins" / "dienstvisie-gemeente-voorbeeld" / "src" / "dienstvisie_gemeente_voorbeeld" / "regels.yaml"
BROKEN = ROOT / "tests" / "corpus" / "broken"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def names(found: object, folder: Path) -> list[str]:
    return sorted(Path(path).relative_to(folder).as_posix() for path in found)  # type: ignore[attr-defined]


@pytest.fixture
def mixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A folder as teams keep one: service concepts beside a rule set, a baseline, reports, mkdocs.yml."""
    folder = tmp_path / "diensten"
    folder.mkdir()
    shutil.copy(EXAMPLES / "werkloos-uwv.yaml", folder)
    shutil.copy(EXAMPLES / "bedrijf-starten.yaml", folder)
    shutil.copy(RULESET, folder / "regels.yaml")
    assert main(["baseline", str(folder), "-o", str(folder / "baseline.json"), "--no-progress"]) == 0
    main(["check", str(folder), "--format", "json", "-o", str(folder / "rapport.json"), "--no-progress"])
    main(["portfolio", str(folder), "--format", "json", "-o", str(folder / "portfolio.json"), "--no-progress"])
    (folder / "mkdocs.yml").write_text("site_name: diensten\nnav:\n  - index.md\n", encoding="utf-8")
    (folder / "ci.yaml").write_text("jobs:\n  check:\n    dienstvisie: '1'\n", encoding="utf-8")  # nested: not a declaration
    capsys.readouterr()
    return folder


# --------------------------------------------------------------------------------- what a file declares

def test_declared_format_of_every_kind_in_yaml_and_json() -> None:
    for key, kind in FORMATS.items():
        assert declared_format(f"# comment\n{key}: '1'\nid: x\n") == kind
        assert declared_format(f'"{key}": 1\n') == kind
        assert declared_format(json.dumps({"id": "x", key: "1"}, indent=2)) == kind
        assert declared_format("{" + key + ": '1', id: x}") == kind  # flow-style YAML, not JSON
    assert declared_format("site_name: x\n") is None
    assert declared_format("a:\n  dienstvisie: '1'\n") is None  # nested, not top-level
    assert declared_format(json.dumps({"a": {"dienstvisie": "1"}})) is None
    assert declared_format("dienstvisie_other: 1\n") is None
    assert declared_format("dienstvisie:\n") == SERVICE
    assert declared_format("dienstvisie:  # the version is missing\nid: x\n") == SERVICE
    # a GitLab CI job (or any mapping) that happens to be called dienstvisie declares nothing
    assert declared_format("stages: [test]\ndienstvisie:\n  stage: test\n  script: [x]\n") is None
    assert declared_format("dienstvisie:\n\n  # a job\n  - a\n") is None
    assert declared_format("dienstvisie: {stage: test}\n") is None
    assert declared_format(json.dumps({"dienstvisie": {"stage": "test"}})) is None
    assert declared_format("[1, 2]") is None
    assert declared_format("dienstvisies: 1\n") is None


@settings(max_examples=60, deadline=None)
@given(keys=st.lists(st.from_regex(r"[a-z_]{1,12}", fullmatch=True).filter(lambda k: not k.startswith("dienstvisie")),
                     max_size=6, unique=True),
       position=st.integers(min_value=0, max_value=6), kind=st.sampled_from(sorted(FORMATS)),
       as_json=st.booleans())
def test_declared_format_finds_the_key_wherever_it_is_in_the_mapping(keys: list[str], position: int, kind: str,
                                                                     as_json: bool) -> None:
    items = [(key, {"nested": [1, "dienstvisie: x"]}) for key in keys]
    items.insert(min(position, len(items)), (kind, "1"))
    data = dict(items)
    text = json.dumps(data, indent=2) if as_json else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    assert declared_format(text) == FORMATS[kind]
    del data[kind]
    text = json.dumps(data, indent=2) if as_json else yaml.safe_dump(data, sort_keys=False)
    assert declared_format(text) is None


# ------------------------------------------------------------------------------------ the folder walk

def test_only_service_concepts_are_taken_below_a_folder_and_the_rest_is_named(mixed: Path) -> None:
    found = find_documents([mixed], rules=NOTHING)
    assert names(found.files, mixed) == ["bedrijf-starten.yaml", "werkloos-uwv.yaml"]
    skipped = {item.path.name: item.kind for item in found.skipped}
    assert skipped == {"baseline.json": "baseline", "rapport.json": "report", "portfolio.json": "portfolio",
                       "regels.yaml": "ruleset", "mkdocs.yml": None, "ci.yaml": None}


def test_validate_takes_every_dienstvisie_document_but_no_report(mixed: Path) -> None:
    found = find_documents([mixed], formats=VALIDATED_FORMATS, rules=NOTHING)
    assert names(found.files, mixed) == ["bedrijf-starten.yaml", "regels.yaml", "werkloos-uwv.yaml"]


def test_a_file_named_directly_is_taken_whatever_it_holds(mixed: Path) -> None:
    found = find_documents([mixed / "regels.yaml", mixed / "mkdocs.yml"])
    assert [path.name for path in found.files] == ["regels.yaml", "mkdocs.yml"] and not found.skipped


def test_a_file_that_will_not_load_is_taken_when_it_declares_a_service_concept(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "binary.yaml").write_bytes(b"\x00\x01PNG")
    (tmp_path / "binary-concept.yaml").write_bytes(b"dienstvisie: '1'\n\x00")
    (tmp_path / "latin1.yaml").write_bytes("dienstvisie: '1'\ntitle: caf\xe9\n".encode("latin-1"))
    (tmp_path / "latin1-other.yaml").write_bytes("naam: caf\xe9\n".encode("latin-1"))
    big_report = json.dumps({"dienstvisie_report": "1", "services": ["x" * 100] * 200})
    (tmp_path / "big-report.json").write_text(big_report, encoding="utf-8")
    (tmp_path / "big-concept.yaml").write_text("dienstvisie: '1'\n" + "# padding\n" * 1000, encoding="utf-8")
    monkeypatch.setenv("DIENSTVISIE_MAX_BYTES", "2000")  # both "big" files are past the limit
    found = find_documents([tmp_path])
    assert names(found.files, tmp_path) == ["big-concept.yaml", "binary-concept.yaml", "latin1.yaml"]
    assert {item.path.name: item.kind for item in found.skipped} == {
        "big-report.json": "report", "binary.yaml": None, "latin1-other.yaml": None}


def test_a_file_that_cannot_be_opened_is_taken_so_the_loader_says_why(tmp_path: Path) -> None:
    as_root = not hasattr(os, "geteuid") or os.geteuid() == 0
    if as_root:
        locked = tmp_path / "dangling.yaml"
        locked.symlink_to(tmp_path / "nowhere.yaml")  # root reads everything: a dangling link cannot be opened
    else:
        locked = tmp_path / "locked.yaml"
        locked.write_text("x: 1\n", encoding="utf-8")
        locked.chmod(0)
    assert names(find_documents([tmp_path]).files, tmp_path) == [locked.name]


def _tree(folder: Path, files: list[str]) -> None:
    for name in files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("dienstvisie: '1'\n", encoding="utf-8")


def test_default_exclude_and_flags_replace_or_extend_it(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.yaml", "build/b.yaml", "node_modules/x/c.yaml", "concept/d.yaml", "concept/oud/e.yaml"])
    default = find_documents([tmp_path], rules=Exclusions(respect_gitignore=False))
    assert names(default.files, tmp_path) == ["a.yaml", "concept/d.yaml", "concept/oud/e.yaml"]
    replaced = find_documents([tmp_path], rules=exclusions(exclude=["oud/"], exclude_base=str(tmp_path)))
    assert names(replaced.files, tmp_path) == ["a.yaml", "build/b.yaml", "concept/d.yaml", "node_modules/x/c.yaml"]
    extended = find_documents([tmp_path], rules=exclusions(exclude=None, extend=[Patterns(("concept/d.yaml",), str(tmp_path))]))
    assert names(extended.files, tmp_path) == ["a.yaml", "concept/oud/e.yaml"]
    anchored = find_documents([tmp_path], rules=exclusions(exclude=["/oud/"], exclude_base=str(tmp_path)))
    assert "concept/oud/e.yaml" in names(anchored.files, tmp_path)  # `/oud/` is anchored at the base


def test_a_folder_named_is_read_even_when_a_pattern_excludes_it(tmp_path: Path) -> None:
    _tree(tmp_path, ["build/b.yaml", "build/sub/c.yaml", "build/sub/node_modules/d.yaml"])
    found = find_documents([tmp_path / "build"], rules=Exclusions())
    assert names(found.files, tmp_path) == ["build/b.yaml", "build/sub/c.yaml"]


def test_gitignore_is_respected_with_nesting_negation_and_parents(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "info").mkdir()
    (tmp_path / ".git" / "info" / "exclude").write_text("lokaal.yaml\n", encoding="utf-8")
    _tree(tmp_path, ["a.yaml", "tmp-x.yaml", "lokaal.yaml", "docs/b.yaml", "docs/gen/c.yaml", "docs/gen/keep.yaml",
                     "docs/sub/d.yaml"])
    (tmp_path / ".gitignore").write_text("tmp-*.yaml\ngen/\n", encoding="utf-8")
    (tmp_path / "docs" / "sub" / ".gitignore").write_text("*.yaml\n", encoding="utf-8")
    (tmp_path / "docs" / ".gitignore").write_text("!b.yaml\n", encoding="utf-8")
    assert names(find_documents([tmp_path]).files, tmp_path) == ["a.yaml", "docs/b.yaml"]
    # the parents' .gitignore files count when a subfolder is named
    assert names(find_documents([tmp_path / "docs"]).files, tmp_path) == ["docs/b.yaml"]
    # a folder git ignores, named on the command line, is read
    assert names(find_documents([tmp_path / "docs" / "gen"]).files, tmp_path) == ["docs/gen/c.yaml", "docs/gen/keep.yaml"]
    everything = find_documents([tmp_path], rules=Exclusions(respect_gitignore=False))
    assert len(everything.files) == 7


# ------------------------------------------------------------------------------------- the commands

def test_check_of_a_mixed_folder_checks_the_services_and_says_what_it_skipped(mixed: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", str(mixed), "--lang", "en", "--no-progress"], capsys)
    assert code == 1, err  # the examples fall short on purpose; nothing is unusable input
    assert "2 services" in out
    assert "6 file(s) below the folders skipped" in err
    assert "rule set: 1" in err and "baseline: 1" in err and "report: 1" in err and "no dienstvisie format: 2" in err
    assert "regels.yaml" not in err and "is missing" not in err
    code, _, err = run(["check", str(mixed), "--show-skipped", "--no-progress"], capsys)
    assert code == 1 and f"{mixed / 'regels.yaml'} (regelset)" in err and "overgeslagen" in err
    # a rule set named directly is still read as a service concept, and refused as today
    code, _, err = run(["check", str(mixed / "regels.yaml"), "--lang", "en"], capsys)
    assert code == 2 and "'dienstvisie' is missing" in err


@pytest.mark.parametrize("command", ["portfolio", "baseline"])
def test_portfolio_and_baseline_take_only_the_service_concepts(mixed: Path, command: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "uit.json"
    args = [command, str(mixed), "-o", str(output), "--no-progress", "--lang", "en"]
    code, _, err = run(args + (["--format", "json"] if command == "portfolio" else []), capsys)
    assert code in (0, 1), err
    assert "6 file(s) below the folders skipped" in err
    data = json.loads(output.read_text(encoding="utf-8"))
    if command == "portfolio":
        assert data["services"]["total"] == 2 and data["services"]["invalid"] == 0
    else:
        assert {finding["service"] for finding in data["findings"]} == {"werkloos-uwv", "bedrijf-starten"}


def test_validate_of_a_mixed_folder(mixed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", str(mixed), "--lang", "en"], capsys)
    assert code == 0, err
    assert "3 of 3 document(s) valid" in out and "regels.yaml: valid" in out
    assert "5 file(s) below the folders skipped, no document to validate" in err


def test_exclude_flags_and_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXAMPLES / "werkloos-uwv.yaml", tmp_path / "a.yaml")
    (tmp_path / "oud").mkdir()
    shutil.copy(BROKEN / "missing-required.yaml", tmp_path / "oud" / "stuk.yaml")
    monkeypatch.chdir(tmp_path)
    assert run(["check", ".", "--no-progress"], capsys)[0] == 2
    assert run(["check", ".", "--no-progress", "--extend-exclude", "oud/"], capsys)[0] == 1
    assert run(["check", ".", "--no-progress", "--exclude", "stuk.yaml"], capsys)[0] == 1
    assert run(["validate", ".", "--extend-exclude", "oud"], capsys)[0] == 0
    (tmp_path / "dienstvisie.toml").write_text('extend-exclude = ["oud/"]\n', encoding="utf-8")
    assert run(["check", ".", "--no-progress"], capsys)[0] == 1
    assert run(["validate", "."], capsys)[0] == 0
    assert run(["check", ".", "--no-progress", "--isolated"], capsys)[0] == 2
    assert run(["check", "oud", "--no-progress"], capsys)[0] == 2  # named: read all the same
    (tmp_path / "dienstvisie.toml").write_text('extend-exclude = "oud/"\nrespect-gitignore = "ja"\n', encoding="utf-8")
    code, _, err = run(["check", ".", "--no-progress"], capsys)
    assert code == 2 and "'respect-gitignore' moet true of false zijn" in err  # Dutch, the default
    (tmp_path / "dienstvisie.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("oud/\n", encoding="utf-8")
    assert run(["check", ".", "--no-progress"], capsys)[0] == 2
    (tmp_path / "dienstvisie.toml").write_text("", encoding="utf-8")
    assert run(["check", ".", "--no-progress"], capsys)[0] == 1
    assert run(["check", ".", "--no-progress", "--no-respect-gitignore"], capsys)[0] == 2


def test_configuration_patterns_are_relative_to_the_configuration_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    (project / "diensten" / "oud").mkdir(parents=True)
    shutil.copy(EXAMPLES / "werkloos-uwv.yaml", project / "diensten" / "a.yaml")
    shutil.copy(BROKEN / "missing-required.yaml", project / "diensten" / "oud" / "stuk.yaml")
    (project / "pyproject.toml").write_text('[tool.dienstvisie]\nextend-exclude = ["/diensten/oud/"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "diensten")
    assert run(["check", ".", "--no-progress"], capsys)[0] == 1


def test_check_dot_in_this_repository_checks_cleanly() -> None:
    """The repository holds schemas, mkdocs.yml, rule sets and a corpus of broken documents (excluded
    in its pyproject.toml): `dienstvisie check .` checks the service concepts and nothing else."""
    env = {**os.environ, "DIENSTVISIE_LANG": "en"}
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", ".", "--no-progress", "-j", "1"], cwd=ROOT,
                            env=env, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 1, result.stderr  # 1: the examples fall short on purpose; never 2
    assert "not checked" not in result.stdout and "mkdocs.yml" not in result.stdout + result.stderr
    assert "file(s) below the folders skipped" in result.stderr
    assert "examples/werkloos-uwv.yaml" in result.stdout


def test_a_named_pipe_below_a_folder_is_read_once_by_the_loader_not_by_discovery(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    os.mkfifo(tmp_path / "pijp.yaml")
    (tmp_path / "leeg.yaml").write_text("", encoding="utf-8")
    found = find_documents([tmp_path])
    assert names(found.files, tmp_path) == ["pijp.yaml"]  # not opened here: a writer's text would be lost
    assert [item.path.name for item in found.skipped] == ["leeg.yaml"]


def test_a_folder_without_service_concepts_is_unusable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As `validate` (issue 13): a folder with nothing to check must not pass a CI run; what was
    skipped is still said, so the reader sees why."""
    shutil.copy(RULESET, tmp_path / "regels.yaml")
    code, _, err = run(["check", str(tmp_path), "--lang", "en", "--isolated"], capsys)
    assert code == 2 and f"{tmp_path}: no service concepts found" in err and "rule set: 1" in err
