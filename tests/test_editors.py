"""Editor support: `new` writes a yaml-language-server modeline and names its own file; the docs
site serves every schema at its `$id`; the editors page and the Schema Store draft agree with both."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from dienstvisie.documents.discover import find_documents
from dienstvisie.documents.exclusion import NOTHING
from dienstvisie.site import SITE_URL

ROOT = Path(__file__).parents[1]
SCHEMAS = ROOT / "src" / "dienstvisie" / "schemas"
ENTRY = ROOT / "docs" / "editors" / "schemastore-entry.json"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def dienstvisie(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=120, env={**os.environ, "DIENSTVISIE_LANG": "nl"})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site, built as CI builds it (`mkdocs build --strict`)."""
    folder = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)], cwd=ROOT,
                            capture_output=True, text=True, check=False, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    return folder


def on_site(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url[len(SITE_URL):]


def test_the_site_serves_every_schema_at_its_id(site: Path) -> None:
    schemas = sorted(SCHEMAS.glob("*.schema.json"))
    assert len(schemas) >= 8
    for schema in schemas:
        served = on_site(site, json.loads(schema.read_text(encoding="utf-8"))["$id"])
        assert served.is_file(), served
        assert served.read_bytes() == schema.read_bytes()


def test_the_site_has_the_editors_page_and_the_schema_store_draft(site: Path) -> None:
    page = (site / "editors.html").read_text(encoding="utf-8")
    assert "yaml-language-server" in page and "redhat.vscode-yaml" in page
    assert 'href="editors/schemastore-entry.json"' in page
    assert json.loads((site / "editors" / "schemastore-entry.json").read_text(encoding="utf-8")) == \
        json.loads(ENTRY.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_new_writes_a_modeline_that_leads_to_a_schema_the_document_satisfies(site: Path, tmp_path: Path,
                                                                              lang: str) -> None:
    result = dienstvisie(["new", "--life-event", "overlijden", "-o", "X.yaml", "--lang", lang], tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "X.yaml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    match = MODELINE.match(first)
    assert match, first
    schema = json.loads(on_site(site, match.group(1)).read_text(encoding="utf-8"))  # what an editor fetches
    assert schema["$id"] == match.group(1)
    errors = list(Draft202012Validator(schema).iter_errors(yaml.safe_load(text)))
    assert errors == []
    assert dienstvisie(["validate", "X.yaml"], tmp_path).returncode == 0


@pytest.mark.parametrize("output, named", [("X.yaml", "X.yaml"), ("sub/mijn dienst.yaml", "'sub/mijn dienst.yaml'")])
def test_the_starter_header_names_the_file_written(tmp_path: Path, output: str, named: str) -> None:
    (tmp_path / "sub").mkdir()
    result = dienstvisie(["new", "--life-event", "geboorte", "--id", "anders", "-o", output], tmp_path)
    assert result.returncode == 0, result.stderr
    header = (tmp_path / output).read_text(encoding="utf-8").split("dienstvisie:", 1)[0]
    assert f"dienstvisie validate {named}\n" in header and f"dienstvisie check {named}\n" in header
    assert "anders.yaml" not in header
    printed = dienstvisie(["new", "--life-event", "geboorte", "--id", "anders"], tmp_path).stdout
    assert "dienstvisie check anders.yaml\n" in printed  # printed, not written: the file it suggests


def test_a_file_name_with_a_line_break_cannot_end_the_comment() -> None:
    from dienstvisie.documents.load import shipped_vocabularies
    from dienstvisie.documents.starter import starter_document

    text = starter_document("geboorte", "x", shipped_vocabularies(), "nl", file="a\nid: kwaad.yaml")
    assert "kwaad" not in text and yaml.safe_load(text)["id"] == "x"


def test_the_schema_store_draft_names_the_shipped_schemas_and_files_discovery_takes(tmp_path: Path) -> None:
    entry: dict[str, Any] = json.loads(ENTRY.read_text(encoding="utf-8"))
    ids = {json.loads(schema.read_text(encoding="utf-8"))["$id"] for schema in SCHEMAS.glob("*.schema.json")}
    assert entry["schemas"]
    for item in entry["schemas"]:
        assert set(item) == {"name", "description", "fileMatch", "url"}
        assert item["url"] in ids and item["description"] and not item["description"].endswith(".")
        for pattern in item["fileMatch"]:
            assert pattern.startswith("*.") and pattern.endswith((".yaml", ".yml", ".json"))
    # a service concept named as the entry expects is found below a folder
    service_entry = next(item for item in entry["schemas"] if item["url"].endswith("/service/2.json"))
    name = "overlijden" + service_entry["fileMatch"][0][1:]
    (tmp_path / name).write_text((ROOT / "examples" / "overlijden-utrecht.yaml").read_text(encoding="utf-8"),
                                 encoding="utf-8")
    assert [path.name for path in find_documents([tmp_path], rules=NOTHING).files] == [name]


def test_the_settings_on_the_editors_page_are_valid_and_name_served_schemas() -> None:
    page = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", page, flags=re.DOTALL)
    assert blocks
    ids = {json.loads(schema.read_text(encoding="utf-8"))["$id"] for schema in SCHEMAS.glob("*.schema.json")}
    for block in blocks:
        settings = json.loads(re.sub(r"^ {4}", "", block, flags=re.MULTILINE))
        assert set(settings["yaml.schemas"]) <= ids
    for url in re.findall(r"https://dienstvisie\.nl/schemas/[a-z]+/1\.json", page):
        assert url in ids
