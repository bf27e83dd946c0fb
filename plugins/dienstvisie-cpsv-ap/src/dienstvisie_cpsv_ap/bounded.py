"""Limits on what one RDF file may hold, counted while it is read, not only in bytes.

Why: a byte limit does not bound the work. Seven megabytes of Turtle can hold a million short
triples, which rdflib takes half a minute and more than a gigabyte to read; a small JSON-LD
document can hold hundreds of thousands of nodes. One public service, even a whole catalogue of
them, is a few thousand triples. So the JSON of a JSON-LD file is counted before rdflib sees it,
and the triples of any file are counted by the store rdflib reads them into, which stops the
parser the moment the limit is passed: time and memory stay bounded by the limit, not the file.

Both limits can be raised with an environment variable (`DIENSTVISIE_MAX_TRIPLES`,
`DIENSTVISIE_MAX_JSON_NODES`) for a catalogue that really is larger.
"""

from __future__ import annotations

import os
from typing import Any

MAX_TRIPLES = 100_000
"""Triples (RDF statements) one file may hold."""

MAX_JSON_NODES = 500_000
"""Values (objects, lists, strings, numbers …) a JSON-LD file may hold."""


def limit(name: str, default: int) -> int:
    """The limit from the environment variable `name` (a positive whole number), else `default`."""
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


class TooLarge(Exception):
    """More triples or JSON nodes than the limit; `what` says which."""

    def __init__(self, what: str, limit: int) -> None:
        super().__init__(f"more than {limit} {what}")
        self.what = what
        self.limit = limit


def count_json_nodes(document: Any, maximum: int) -> int:
    """The number of values in a parsed JSON document (without recursion); TooLarge past `maximum`."""
    count = 0
    pending = [document]
    while pending:
        node = pending.pop()
        count += 1
        if count > maximum:
            raise TooLarge("JSON values", maximum)
        if isinstance(node, dict):
            pending.extend(node.values())
            count += len(node)  # the keys count too
        elif isinstance(node, list):
            pending.extend(node)
    return count


def counting_store(maximum: int) -> Any:
    """An in-memory rdflib store that raises TooLarge (and remembers it, in `exceeded`) when a
    parser adds more than `maximum` triples, whatever the parser does with the exception."""
    from rdflib.plugins.stores.memory import Memory

    class CountingMemory(Memory):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.added = 0
            self.maximum = maximum
            self.exceeded = False

        def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
            self.added += 1
            if self.added > maximum:
                self.exceeded = True
                raise TooLarge("triples", maximum)
            super().add(triple, context, quoted)

    return CountingMemory()
