"""The `upl` field: a service and each of its steps may name the URI of a product of the Uniforme
Productnamenlijst (UPL). The schema takes an http(s) URI, the model carries it, the docs explain it,
and the shipped examples name real products (checked against the list in ../shared/data)."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import pytest
from support import strong_service

import dienstvisie
from dienstvisie.errors import DocumentError
from dienstvisie.schemas import load_schema
from dienstvisie.documents.validate import schema_problems

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
UPL_CSV = ROOT.parent / "shared" / "data" / "upl_sdg" / "UPL-actueel.csv"
OVERLIJDENSAANGIFTE = "http://standaarden.overheid.nl/owms/terms/overlijdensaangifte"


def _with_upl(service: Any = None, step: Any = None) -> dict[str, Any]:
    data = strong_service()
    if service is not None:
        data["upl"] = service
    if step is not None:
        data["steps"][0]["upl"] = step
    return data


def test_the_schema_has_upl_on_the_service_and_on_steps() -> None:
    schema = load_schema("service")
    assert schema["properties"]["upl"]["$ref"] == "#/$defs/upl"
    assert schema["$defs"]["step"]["properties"]["upl"]["$ref"] == "#/$defs/upl"
    assert "upl" not in schema["required"] and "upl" not in schema["$defs"]["step"]["required"]


def test_a_upl_uri_loads_into_the_model_and_back() -> None:
    service = dienstvisie.load_service(_with_upl(OVERLIJDENSAANGIFTE, OVERLIJDENSAANGIFTE))
    assert service.upl == OVERLIJDENSAANGIFTE and service.steps[0].upl == OVERLIJDENSAANGIFTE
    assert service.steps[1].upl is None
    plain = dienstvisie.unstructure(service)
    assert plain["upl"] == OVERLIJDENSAANGIFTE and plain["steps"][0]["upl"] == OVERLIJDENSAANGIFTE
    assert "upl" not in plain["steps"][1]


@pytest.mark.parametrize("value", ["overlijdensaangifte", "ftp://x/y", "http://", "http://x y", 42, ""])
def test_anything_but_an_http_uri_is_a_validation_error(value: Any) -> None:
    assert schema_problems(_with_upl(step=value), "service")
    with pytest.raises(DocumentError) as caught:
        dienstvisie.load_service(_with_upl(service=value))
    assert caught.value.problems[0].location.pointer == "/upl"


def test_the_format_documents_it() -> None:
    text = (ROOT / "docs" / "service-concept.md").read_text(encoding="utf-8")
    assert "| `upl` |" in text and "## UPL references" in text and "UPL101" in text


def _upl_uris() -> set[str]:
    if not UPL_CSV.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{UPL_CSV} is missing: CI must provide ../shared/data beside the repository")
        pytest.skip("shared/data is not available here")
    with UPL_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["URI"] for row in csv.DictReader(handle)}


def test_every_example_names_real_upl_products() -> None:
    known = _upl_uris()
    assert len(known) == 1017
    for path in sorted(EXAMPLES.glob("*.yaml")):
        service = dienstvisie.load_service(path)
        named = [uri for uri in [service.upl, *(step.upl for step in service.steps)] if uri]
        assert named, f"{path.name} names no UPL product"
        assert set(named) <= known, path.name


def test_the_examples_name_the_products_of_the_issue() -> None:
    _upl_uris()
    named = {step.id: step.upl for path in sorted(EXAMPLES.glob("*.yaml"))
             for step in dienstvisie.load_service(path).steps}
    terms = "http://standaarden.overheid.nl/owms/terms/"
    assert named["aangifte"] == terms + "overlijdensaangifte"
    assert named["anw"] == terms + "anw-uitkering"
    assert named["kinderbijslag"] == terms + "kinderbijslag"
    assert named["ww-aanvragen"] == terms + "wwUitkering"
    assert named["bijstand-aanvulling"] == terms + "bijstand"
    assert named["inschrijving-kvk"] == terms + "handRegInschr"
