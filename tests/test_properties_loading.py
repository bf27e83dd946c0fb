"""Property-based tests: every generated valid document validates, loads and round-trips."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from strategies import service_concepts

from dienstvisie import load_service, unstructure
from dienstvisie.documents.load import read_service
from dienstvisie.documents.validate import schema_problems, service_reference_problems


@given(service_concepts())
def test_generated_documents_are_valid(data: dict[str, Any]) -> None:
    assert schema_problems(data, "service") == []
    assert service_reference_problems(data) == []


@given(service_concepts())
def test_round_trip_load_unstructure_validate_load(data: dict[str, Any]) -> None:
    service = load_service(data)
    plain = unstructure(service)
    assert schema_problems(plain, "service") == []
    assert load_service(plain) == service


@settings(max_examples=50)
@given(service_concepts())
def test_yaml_and_json_text_load_to_the_same_model(data: dict[str, Any]) -> None:
    from_mapping = load_service(data)
    from_yaml = read_service(yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "\n", filename="doc.yaml")
    from_json = read_service(json.dumps(data, ensure_ascii=False, indent=1), filename="doc.json")
    assert from_yaml.model == from_mapping
    assert from_json.model == from_mapping
    # every top-level key is located on a line of its own file
    for key in data:
        assert from_yaml.locate(f"/{key}").line is not None
