"""A model together with where it came from, so findings can point at file and line."""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

from .source_map import SourceMap
from .problem import Location

M = TypeVar("M")


@attrs.frozen
class Document(Generic[M]):
    """A loaded model (a ServiceConcept or a Vision) and the source map of its text."""

    model: M
    source_map: SourceMap = SourceMap()

    def locate(self, pointer: str) -> Location:
        """File, line and column of the value at `pointer` (or of its nearest known parent)."""
        return self.source_map.locate(pointer)
