"""Structure plain data into the attrs models and back (cattrs).

Documents are validated against their schema before they reach this module, so structuring
only has to map shapes; unstructuring leaves out empty and default values so the result is
a tidy, schema-valid document again.

Two spellings meet here. A format-1 `handover` (one) becomes the one item of `handovers`, so checks
see one shape whatever the format; unstructuring a format-1 concept writes `handover` again, so the
document stays format 1. A field whose document name is no Python name (`from`) carries that name
in its attrs metadata (`key`).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ..model.service import ServiceConcept, Situations, Step
from ..model.text import Text
from ..model.vision import Vision

T = TypeVar("T")


def _structure_text(value: Any, _: type) -> Text:
    if isinstance(value, str):
        return Text(nl=value)
    return Text(nl=value.get("nl"), en=value.get("en"))


def _unstructure_text(text: Text) -> dict[str, str]:
    return {lang: value for lang, value in (("nl", text.nl), ("en", text.en)) if value is not None}


def _renames(cls: type) -> dict[str, Any]:
    """cattrs overrides for fields whose document key differs from the attribute name."""
    return {field.name: override(rename=field.metadata["key"])
            for field in attrs.fields(cls) if "key" in field.metadata}


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls) and cls is not Text


def _is_tuple_of(cls: Any) -> bool:
    """`tuple[X, ...]`: every list of a model."""
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(cls: Any) -> bool:
    """`X | None` (one type or None): most fields of a model."""
    args = typing.get_args(cls)
    return typing.get_origin(cls) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_structure_factory(cls: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """`X | None` with the hook of `X` found once, when the model's function is made; cattrs' own
    looks it up for every value (hashing the type each time: a fifth of the time of structuring)."""
    other = next(arg for arg in typing.get_args(cls) if arg is not type(None))
    handler = converter.get_structure_hook(other)

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else handler(value, other)

    return structure_optional


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    # lists and optional fields with their item's hook found once, not for every value (same results)
    converter.register_structure_hook_factory(_is_tuple_of, lambda cls: homogenous_tuple_structure_factory(cls, converter))
    converter.register_structure_hook_factory(_is_optional, lambda cls: _optional_structure_factory(cls, converter))
    converter.register_structure_hook(Text, _structure_text)
    converter.register_unstructure_hook(Text, _unstructure_text)
    converter.register_unstructure_hook_factory(
        _is_model,
        lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True, **_renames(cls)),
    )
    converter.register_structure_hook_factory(
        lambda cls: _is_model(cls) and cls is not Step and bool(_renames(cls)),
        lambda cls: make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True, **_renames(cls)),
    )

    def applies_to(value: Any, _: type) -> Text | Situations | None:
        if value is None:
            return None
        if isinstance(value, Mapping) and "situations" in value:
            return converter.structure(value, Situations)
        return _structure_text(value, Text)

    converter.register_structure_hook(Text | Situations | None, applies_to)  # before Step's function is made
    structure_step = make_dict_structure_fn(Step, converter, _cattrs_forbid_extra_keys=True)

    def step(value: Any, _: type) -> Step:
        if isinstance(value, Mapping) and "handover" in value:
            value = {key: item for key, item in value.items() if key != "handover"} | {"handovers": [value["handover"]]}
        return structure_step(value, Step)

    converter.register_structure_hook(Step, step)
    unstructure_service = make_dict_unstructure_fn(ServiceConcept, converter, _cattrs_omit_if_default=True)

    def service(concept: ServiceConcept) -> dict[str, Any]:
        data = unstructure_service(concept)
        if concept.dienstvisie == "1":  # keep a format-1 concept format 1: one `handover`
            for step_data in data.get("steps", []):
                if len(step_data.get("handovers", ())) == 1:
                    step_data["handover"] = step_data.pop("handovers")[0]
        return data

    converter.register_unstructure_hook(ServiceConcept, service)
    return converter


converter = _make_converter()


def structure(data: Any, cls: type[T]) -> T:
    """Plain (schema-valid) data as a model of type `cls`."""
    return converter.structure(data, cls)


def unstructure(model: object) -> Any:
    """A model as plain JSON-ready data, leaving out empty and default values."""
    return converter.unstructure(model)


def structure_service(data: Any) -> ServiceConcept:
    """Plain, schema-valid data as a ServiceConcept."""
    return structure(data, ServiceConcept)


def structure_vision(data: Any) -> Vision:
    """Plain, schema-valid data as a Vision."""
    return structure(data, Vision)
