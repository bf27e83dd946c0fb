"""SARIF as code-scanning tools read it: rules with a help page, the tool's home, a category, and
file URIs relative to %SRCROOT%; the log valid against the OASIS schema and read by sarif-tools."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
import yaml
from jsonschema import Draft4Validator
from markdown_it import MarkdownIt
from sarif import loader

from dienstvisie.exporters.sarif import artifact_location
from dienstvisie.site import SITE_URL

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
RULESET = ROOT / "plugins" / "dienstvisie-gemeente-voorbeeld" / "src" / "dienstvisie_gemeente_voorbeeld" / "regels.yaml"


def sarif_of(args: list[str], cwd: Path, output: Path) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", *args, "--format", "sarif", "-o", str(output),
                             "--no-progress"], cwd=cwd, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    return Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")), format_checker=Draft4Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    output = tmp_path_factory.mktemp("sarif") / "dienstvisie.sarif"
    return sarif_of(["examples/", "--rules", str(RULESET.relative_to(ROOT)), "--lang", "en"], ROOT, output)


def anchors(page: Path) -> set[str]:
    """The ids of the headings of a generated checks page (mkdocs' toc makes `### DV101` → `dv101`)."""
    return {match.lower() for match in re.findall(r"^#{2,4} ([A-Z]+[0-9]+)\s*$", page.read_text(encoding="utf-8"), re.M)}


def test_the_log_is_valid_sarif(validator: Draft4Validator, log: dict[str, Any]) -> None:
    assert [error.message for error in validator.iter_errors(log)] == []


def test_driver_has_its_home_and_the_run_a_category(log: dict[str, Any]) -> None:
    run = log["runs"][0]
    assert run["tool"]["driver"]["informationUri"] == SITE_URL
    assert run["automationDetails"] == {"id": "dienstvisie/gezamenlijke-dienstverlening/"}


def test_site_url_is_the_same_everywhere() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "python"))
    assert config["site_url"] == SITE_URL
    for schema in sorted((ROOT / "src" / "dienstvisie" / "schemas").glob("*.schema.json")):
        schema_id = json.loads(schema.read_text(encoding="utf-8"))["$id"]
        assert re.fullmatch(re.escape(f"{SITE_URL}schemas/{schema.name.removesuffix('.schema.json')}/") + r"\d+\.json",
                            schema_id), schema_id


@pytest.mark.parametrize("lang, page", [("en", "checks.en.md"), ("nl", "checks.md")])
def test_every_built_in_rule_links_to_its_section_of_the_checks_page(lang: str, page: str, tmp_path: Path) -> None:
    log = sarif_of(["examples/werkloos-uwv.yaml", "--lang", lang, "--rules", str(RULESET)], ROOT, tmp_path / "x.sarif")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    documented = anchors(ROOT / "docs" / page)
    linked = {}
    for rule in rules:
        markdown = rule["help"]["markdown"]
        tokens = MarkdownIt().parse(markdown)
        links = [child.attrs["href"] for token in tokens if token.children for child in token.children
                 if child.type == "link_open"]
        assert rule["help"]["text"] in markdown and rule["shortDescription"]["text"] in markdown
        if "helpUri" in rule:
            url = urlparse(rule["helpUri"])
            assert f"{url.scheme}://{url.netloc}/" == SITE_URL and url.path == "/" + page.replace(".md", ".html")
            linked[rule["id"]] = url.fragment
            assert links == [rule["helpUri"]]
        else:
            assert links == []
    assert set(linked.values()) == documented  # every check on the page, and only those, is linked
    assert all(fragment == rule_id.lower() for rule_id, fragment in linked.items())
    ruleset_rules = [rule for rule in rules if rule["properties"]["origin"] != "dienstvisie"]
    assert ruleset_rules and not any("helpUri" in rule for rule in ruleset_rules)  # no page of ours explains them


def test_uris_are_relative_to_srcroot_which_resolves_to_the_files(log: dict[str, Any]) -> None:
    run = log["runs"][0]
    assert set(run["originalUriBaseIds"]) == {"%SRCROOT%"}
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]  # no machine path in the report
    assert "repository root" in run["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"]
    assert str(ROOT) not in json.dumps(log)
    base = ROOT.as_uri() + "/"  # %SRCROOT% is the folder dienstvisie ran in
    locations = [artifact["location"] for artifact in run["artifacts"]]
    locations += [loc["physicalLocation"]["artifactLocation"] for result in run["results"] for loc in result["locations"]]
    assert locations
    for location in locations:
        assert location["uriBaseId"] == "%SRCROOT%" and not location["uri"].startswith(("/", "file:"))
        assert Path(unquote(urlparse(base + location["uri"]).path)).is_file()


def test_absolute_inputs_inside_and_outside_the_root(tmp_path: Path, validator: Draft4Validator) -> None:
    outside = tmp_path / "elders met spatie"
    outside.mkdir()
    shutil.copy(EXAMPLES / "werkloos-uwv.yaml", outside / "dienst.yaml")
    log = sarif_of([str(EXAMPLES / "geboorte-den-haag.yaml"), str(outside / "dienst.yaml")], ROOT, tmp_path / "x.sarif")
    assert [error.message for error in validator.iter_errors(log)] == []
    artifacts = [artifact["location"] for artifact in log["runs"][0]["artifacts"]]
    assert artifacts[0] == {"uri": "examples/geboorte-den-haag.yaml", "uriBaseId": "%SRCROOT%"}
    assert artifacts[1] == {"uri": (outside / "dienst.yaml").as_uri()}
    assert unquote(urlparse(artifacts[1]["uri"]).path) == str(outside / "dienst.yaml")
    # relative names that climb out of the root are outside it too
    assert artifact_location("../x.yaml", str(ROOT)) == {"uri": (ROOT.parent / "x.yaml").as_uri()}
    assert artifact_location("./examples/a b.yaml", str(ROOT)) == {"uri": "examples/a%20b.yaml", "uriBaseId": "%SRCROOT%"}


def test_sarif_tools_reads_the_log(log: dict[str, Any], tmp_path: Path) -> None:
    """sarif-tools (a SARIF consumer on PyPI) loads the log and finds every result at its file and line."""
    path = tmp_path / "dienstvisie.sarif"
    path.write_text(json.dumps(log), encoding="utf-8")
    records = loader.load_sarif_file(str(path)).get_records()
    results = log["runs"][0]["results"]
    assert len(records) == len(results) > 0
    expected = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                       r["locations"][0]["physicalLocation"].get("region", {}).get("startLine")) for r in results)
    assert sorted((rec["Code"], rec["Location"], rec["Line"]) for rec in records) == expected
    assert {rec["Tool"] for rec in records} == {"dienstvisie"}
    # and its command line turns it into a GitLab Code Quality report
    sarif_cli = shutil.which("sarif", path=os.path.dirname(sys.executable)) or "sarif"
    out = tmp_path / "codequality.json"
    result = subprocess.run([sarif_cli, "codeclimate", "-o", str(out), str(path)], capture_output=True, text=True,
                            check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    issues = json.loads(out.read_text(encoding="utf-8"))
    assert len(issues) == len(results) and all(issue["location"]["path"].startswith("examples/") for issue in issues)
