"""The schemas are the contract; the models mirror them. This keeps the two in step, generically.

Every property of every object in a schema is compared with the attrs field of the same name
(or the name in the field's `key` metadata): the same set of names, required exactly when the model
has no default, the same default where the schema gives one, and the same type all the way down:
enums against `Literal`s (same values, same order), arrays against `tuple[X, ...]`, objects against
attrs classes, text against `Text`, unions against unions. Widening an enum in the model, or adding
a field in only one place, fails here. A property marked `x-structured-as` is another spelling of
the field it names (a format-1 `handover` is one item of `handovers`) and has no field of its own.
"""

from __future__ import annotations

import copy
import types
import typing
from typing import Any, Literal

import attrs
import pytest

from dienstvisie.model.service import ServiceConcept
from dienstvisie.model.text import Text
from dienstvisie.model.vision import Vision
from dienstvisie.model.vocabulary import Vocabulary
from dienstvisie.schemas import load_schema

_SCALARS: dict[str, type] = {"string": str, "boolean": bool, "number": float, "integer": int}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _is_text(node: dict[str, Any]) -> bool:
    options = node.get("oneOf") or []
    return any(o.get("type") == "string" for o in options) and any("nl" in o.get("properties", {}) for o in options)


def _members(annotation: Any) -> tuple[list[Any], bool]:
    """The non-None types of an annotation, and whether None is one of them."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        return [arg for arg in args if arg is not type(None)], type(None) in args
    return [annotation], False


def _compare(schema: dict[str, Any], node: dict[str, Any], annotation: Any, path: str) -> None:
    """Assert that `annotation` is the model type of the schema `node`."""
    node = _resolve(schema, node)
    members, _ = _members(annotation)
    options = node.get("oneOf") or node.get("anyOf")
    if options and not _is_text(node):
        resolved = [_resolve(schema, option) for option in options]
        values = [option for option in resolved if option.get("type") != "null"]
        assert len(values) == len(members), f"{path}: schema has {len(values)} alternatives, model {members}"
        for option in values:
            matches = 0
            for member in members:
                try:
                    _compare(schema, option, member, path)
                    matches += 1
                except AssertionError:
                    pass
            assert matches == 1, f"{path}: no single model type for the alternative {option}"
        return
    assert len(members) == 1, f"{path}: model {annotation} is a union, the schema is not"
    model_type = members[0]
    if _is_text(node):
        assert model_type is Text, f"{path}: text in the schema, {model_type} in the model"
    elif "enum" in node:
        assert typing.get_origin(model_type) is Literal, f"{path}: enum in the schema, {model_type} in the model"
        assert list(typing.get_args(model_type)) == list(node["enum"]), f"{path}: enum values differ"
    elif "const" in node:
        assert model_type is str, path
    elif node.get("type") == "array":
        assert typing.get_origin(model_type) is tuple, f"{path}: array in the schema, {model_type} in the model"
        item, *rest = typing.get_args(model_type)
        assert rest == [Ellipsis], f"{path}: a list is tuple[X, ...]"
        _compare(schema, node.get("items", {}), item, path + "/*")
    elif node.get("type") == "object" and "properties" in node:
        assert isinstance(model_type, type) and attrs.has(model_type), f"{path}: object in the schema, {model_type} in the model"
        _walk(schema, node, model_type, path)
    elif node.get("type") == "object":
        assert typing.get_origin(model_type) in (dict, typing.get_origin(typing.Mapping[str, str])), path
    else:
        expected = _SCALARS.get(node.get("type", ""))
        assert expected is not None, f"{path}: no model type known for {node}"
        assert model_type is expected, f"{path}: {node.get('type')} in the schema, {model_type} in the model"


def _walk(schema: dict[str, Any], node: dict[str, Any], cls: type, path: str, seen: list[str] | None = None) -> None:
    node = _resolve(schema, node)
    properties = node.get("properties", {})
    spelled = {name: prop for name, prop in properties.items() if "x-structured-as" in prop}
    fields = {field.metadata.get("key", field.name): field for field in attrs.fields(cls)}
    names = set(properties) - set(spelled)
    assert names == set(fields), f"{path} ({cls.__name__}): schema {sorted(names)} vs model {sorted(fields)}"
    for name, prop in spelled.items():
        target = properties[prop["x-structured-as"]]
        assert _resolve(schema, target).get("type") == "array", f"{path}/{name}: x-structured-as names a list"
        assert _resolve(schema, target["items"]) is _resolve(schema, prop), f"{path}/{name}: same items as its list"
    required = set(node.get("required", []))
    hints = typing.get_type_hints(cls)
    for name, field in fields.items():
        prop = properties[name]
        has_default = field.default is not attrs.NOTHING
        where = f"{path}/{name}"
        assert (name in required) == (not has_default), f"{where}: required in the schema iff no default in the model"
        declared = prop.get("default", _resolve(schema, prop).get("default"))
        if declared is not None:
            assert field.default == declared, f"{where}: default {declared!r} in the schema, {field.default!r} in the model"
        elif has_default:
            # a list defaults to (); None instead says that absence means something else than []
            # (a step without `after` follows the one before it)
            nullable = _members(hints[field.name])[1]
            empty = () if _resolve(schema, prop).get("type") == "array" and not nullable else None
            assert field.default == empty, f"{where}: without a schema default the model default is {empty!r}"
        _compare(schema, prop, hints[field.name], where)
    if seen is not None:
        seen.append(cls.__name__)


@pytest.mark.parametrize(("schema_name", "cls"), [("service", ServiceConcept), ("vision", Vision), ("vocabulary", Vocabulary)])
def test_schema_and_model_agree_on_every_field_type_enum_and_default(schema_name: str, cls: type) -> None:
    schema = load_schema(schema_name)
    _walk(schema, schema, cls, "", [])


def _widened(schema: dict[str, Any]) -> dict[str, Any]:
    wider = copy.deepcopy(schema)
    wider["$defs"]["step"]["properties"]["initiative"]["enum"].append("iemand")
    return wider


def _with_field(schema: dict[str, Any]) -> dict[str, Any]:
    wider = copy.deepcopy(schema)
    wider["$defs"]["handover"]["properties"]["urgent"] = {"type": "boolean"}
    return wider


def _other_default(schema: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(schema)
    changed["$defs"]["step"]["properties"]["asks"]["items"]["properties"]["mode"]["default"] = "bevestigen"
    return changed


def _optional_made_required(schema: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(schema)
    changed["$defs"]["step"]["required"].append("team")
    return changed


def _other_type(schema: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(schema)
    changed["$defs"]["step"]["properties"]["expected_days"] = {"type": "string"}
    return changed


@pytest.mark.parametrize("change", [_widened, _with_field, _other_default, _optional_made_required, _other_type])
def test_the_comparison_can_fail(change: Any) -> None:
    """Each kind of drift is caught: the test above is not a rubber stamp."""
    with pytest.raises(AssertionError):
        schema = change(load_schema("service"))
        _walk(schema, schema, ServiceConcept, "", [])


def test_a_model_enum_wider_than_the_schema_is_caught() -> None:
    schema = load_schema("service")
    node = {"enum": ["burger", "overheid"]}
    with pytest.raises(AssertionError):
        _compare(schema, node, Literal["burger", "overheid", "automatisch"], "/x")
