"""The schemas are the contract; the models mirror them. This keeps the two in step."""

from __future__ import annotations

import types
import typing
from typing import Any

import attrs
import pytest

from dienstvisie.model.service import ServiceConcept
from dienstvisie.model.text import Text
from dienstvisie.model.vision import Vision
from dienstvisie.model.vocabulary import Vocabulary
from dienstvisie.schemas import load_schema


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["$defs"][name]
    return node


def _attrs_classes(annotation: Any) -> list[type]:
    """attrs classes inside an annotation such as `Step | None` or `tuple[Ask, ...]`."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, tuple):
        return [cls for arg in typing.get_args(annotation) for cls in _attrs_classes(arg)]
    if isinstance(annotation, type) and attrs.has(annotation) and annotation is not Text:
        return [annotation]
    return []


def _walk(schema: dict[str, Any], node: dict[str, Any], cls: type, path: str, seen: list[str]) -> None:
    node = _resolve(schema, node)
    properties = node.get("properties", {})
    fields = {field.name: field for field in attrs.fields(cls)}
    assert set(properties) == set(fields), f"{path} ({cls.__name__}): schema {sorted(properties)} vs model {sorted(fields)}"
    required = set(node.get("required", []))
    hints = typing.get_type_hints(cls)
    for name, field in fields.items():
        has_default = field.default is not attrs.NOTHING
        assert (name in required) == (not has_default), f"{path}/{name}: required in schema iff no default in model"
        for inner in _attrs_classes(hints[name]):
            child = _resolve(schema, properties[name])
            if child.get("type") == "array":
                child = child["items"]
            _walk(schema, child, inner, f"{path}/{name}", seen)
    seen.append(cls.__name__)


@pytest.mark.parametrize(("schema_name", "cls"), [("service", ServiceConcept), ("vision", Vision), ("vocabulary", Vocabulary)])
def test_schema_and_model_have_the_same_fields(schema_name: str, cls: type) -> None:
    seen: list[str] = []
    _walk(load_schema(schema_name), load_schema(schema_name), cls, "", seen)
    assert len(seen) >= 2


def test_closed_vocabularies_match_model_literals() -> None:
    from dienstvisie.model import service

    schema = load_schema("service")
    steps = schema["$defs"]["step"]["properties"]
    assert list(steps["initiative"]["enum"]) == list(typing.get_args(service.Initiative))
    assert list(schema["$defs"]["channels"]["items"]["enum"]) == list(typing.get_args(service.Channel))
    assert list(steps["handover"]["properties"]["kind"]["enum"]) == list(typing.get_args(service.HandoverKind))
    assert list(steps["language_level"]["enum"]) == list(typing.get_args(service.LanguageLevel))
    assert list(steps["accessibility"]["enum"]) == list(typing.get_args(service.Accessibility))
    kinds = schema["properties"]["organisations"]["items"]["properties"]["kind"]["enum"]
    assert list(kinds) == list(typing.get_args(service.OrganisationKind))
    assert list(schema["properties"]["owner"]["properties"]["mandate"]["enum"]) == list(typing.get_args(service.Mandate))
