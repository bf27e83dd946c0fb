"""dienstvisie: check public service concepts against the vision on joint public service delivery.

The public API. Names are imported lazily, so `dienstvisie --version` and `import dienstvisie`
stay fast; everything listed in `__all__` is stable.

    >>> import dienstvisie
    >>> vision = dienstvisie.load_vision()
    >>> [p.id for p in vision.principles]
    ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS: dict[str, str] = {
    # loading
    "load_vision": "loading",
    "load_service": "loading",
    "read_vision": "loading",
    "read_service": "loading",
    # converting
    "structure": "convert",
    "unstructure": "convert",
    # errors
    "DienstvisieError": "errors",
    "DocumentError": "errors",
    "SourceError": "errors",
    "PluginError": "errors",
    # models
    "Text": "model.text",
    "Vision": "model.vision",
    "StartingPoint": "model.vision",
    "DesignPrinciple": "model.vision",
    "GuidingQuestion": "model.vision",
    "Provenance": "model.vision",
    "Source": "model.vision",
    "ServiceConcept": "model.service",
    "Organisation": "model.service",
    "Owner": "model.service",
    "Contact": "model.service",
    "Coordination": "model.service",
    "Step": "model.service",
    "Ask": "model.service",
    "Handover": "model.service",
    "Decision": "model.service",
    "Signals": "model.service",
    "Answer": "model.service",
    "Explanation": "model.service",
    "Problem": "model.problem",
    "Location": "model.problem",
    "Document": "model.document",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    from .convert import structure, unstructure
    from .errors import DienstvisieError, DocumentError, PluginError, SourceError
    from .loading import load_service, load_vision, read_service, read_vision
    from .model.document import Document
    from .model.problem import Location, Problem
    from .model.service import (
        Answer,
        Ask,
        Contact,
        Coordination,
        Decision,
        Explanation,
        Handover,
        Organisation,
        Owner,
        ServiceConcept,
        Signals,
        Step,
    )
    from .model.text import Text
    from .model.vision import DesignPrinciple, GuidingQuestion, Provenance, Source, StartingPoint, Vision


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dienstvisie' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
