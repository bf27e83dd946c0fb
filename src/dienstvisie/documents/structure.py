"""Structure plain data into the attrs models and back (cattrs).

Documents are validated against their schema before they reach this module, so structuring
only has to map shapes; unstructuring leaves out empty and default values so the result is
a tidy, schema-valid document again.
"""

from __future__ import annotations

from typing import Any, TypeVar

import cattrs
from cattrs.gen import make_dict_unstructure_fn

from ..model.service import ServiceConcept
from ..model.text import Text
from ..model.vision import Vision

T = TypeVar("T")


def _structure_text(value: Any, _: type) -> Text:
    if isinstance(value, str):
        return Text(nl=value)
    return Text(nl=value.get("nl"), en=value.get("en"))


def _unstructure_text(text: Text) -> dict[str, str]:
    return {lang: value for lang, value in (("nl", text.nl), ("en", text.en)) if value is not None}


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    converter.register_structure_hook(Text, _structure_text)
    converter.register_unstructure_hook(Text, _unstructure_text)
    converter.register_unstructure_hook_factory(
        lambda cls: hasattr(cls, "__attrs_attrs__") and cls is not Text,
        lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True),
    )
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
