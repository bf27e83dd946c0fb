"""The vision as data: starting points, design principles that serve them, guiding questions."""

from __future__ import annotations

from typing import Literal

import attrs

from .text import Text

ProvenanceStatus = Literal["official", "reconstructed", "draft"]


@attrs.frozen
class Source:
    """A public source that a starting point or principle rests on."""

    id: str
    title: str
    publisher: str | None = None
    date: str | None = None
    reference: str | None = None
    url: str | None = None
    quote: str | None = None


@attrs.frozen
class Provenance:
    """Who published the vision and whether this is its official wording."""

    publisher: str
    status: ProvenanceStatus
    note: Text | None = None
    sources: tuple[Source, ...] = ()


@attrs.frozen
class StartingPoint:
    """One of the vision's starting points (uitgangspunten), e.g. U1 De mens centraal."""

    id: str
    title: Text
    description: Text
    sources: tuple[str, ...] = ()


@attrs.frozen
class GuidingQuestion:
    """A question a team answers about its own service (toetsvraag); `ja` is the good answer."""

    id: str
    text: Text


@attrs.frozen
class DesignPrinciple:
    """A design principle (ontwerpprincipe) and the starting points it serves."""

    id: str
    title: Text
    description: Text
    serves: tuple[str, ...]
    questions: tuple[GuidingQuestion, ...]
    sources: tuple[str, ...] = ()


@attrs.frozen
class Vision:
    """A whole vision. Several can be installed; one is used per check run."""

    dienstvisie_vision: str
    id: str
    version: str
    title: Text
    provenance: Provenance
    starting_points: tuple[StartingPoint, ...]
    principles: tuple[DesignPrinciple, ...]
    summary: Text | None = None

    def principle(self, principle_id: str) -> DesignPrinciple:
        """The principle with this id; KeyError when the vision has none."""
        for principle in self.principles:
            if principle.id == principle_id:
                return principle
        raise KeyError(principle_id)

    def starting_point(self, starting_point_id: str) -> StartingPoint:
        """The starting point with this id; KeyError when the vision has none."""
        for point in self.starting_points:
            if point.id == starting_point_id:
                return point
        raise KeyError(starting_point_id)

    def question(self, question_id: str) -> GuidingQuestion:
        """The guiding question with this id; KeyError when the vision has none."""
        for principle in self.principles:
            for question in principle.questions:
                if question.id == question_id:
                    return question
        raise KeyError(question_id)
