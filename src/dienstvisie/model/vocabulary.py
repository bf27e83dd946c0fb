"""Vocabularies of life events, situations and data items, with what government already knows of them."""

from __future__ import annotations

import functools
from typing import Literal

import attrs

from .text import Text

VocabularyKind = Literal["life_events", "data_items", "situations"]


@attrs.frozen
class Term:
    """A known life event, situation or data item."""

    id: str
    name: Text
    known_via: str | None = None  # life events, situations: the register or source through which government learns of it
    registers: tuple[str, ...] = ()  # data items: registers or organisations that already hold it


@attrs.frozen
class Vocabulary:
    """A list of known terms of one kind. Unknown ids in a service are warnings, not errors."""

    dienstvisie_vocabulary: str
    kind: VocabularyKind
    items: tuple[Term, ...]


@attrs.frozen
class Vocabularies:
    """All known life events, data items and situations, merged from the shipped lists and plugins."""

    life_events: tuple[Term, ...] = ()
    data_items: tuple[Term, ...] = ()
    situations: tuple[Term, ...] = ()

    @functools.cached_property
    def _by_id(self) -> dict[str, dict[str, Term]]:
        """Each kind's terms by id (an earlier term with the same id wins): checks look up a data item
        for every ask; worked out on first use, never part of the value."""
        found: dict[str, dict[str, Term]] = {}
        for kind in ("life_events", "data_items", "situations"):
            terms: dict[str, Term] = {}
            for term in getattr(self, kind):
                terms.setdefault(term.id, term)
            found[kind] = terms
        return found

    def life_event(self, term_id: str) -> Term | None:
        """The life event with this id, or None."""
        return self._by_id["life_events"].get(term_id)

    def data_item(self, term_id: str) -> Term | None:
        """The data item with this id, or None."""
        return self._by_id["data_items"].get(term_id)

    def situation(self, term_id: str) -> Term | None:
        """The situation with this id, or None."""
        return self._by_id["situations"].get(term_id)

    def merged(self, vocabulary: Vocabulary) -> Vocabularies:
        """These vocabularies with `vocabulary`'s terms added (an earlier term with the same id wins)."""
        current: tuple[Term, ...] = getattr(self, vocabulary.kind)
        known = {term.id for term in current}
        added = current + tuple(term for term in vocabulary.items if term.id not in known)
        return attrs.evolve(self, **{vocabulary.kind: added})
