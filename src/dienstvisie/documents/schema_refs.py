"""The id spaces and cross-references a schema declares, as paths into a document.

The schema is the single source of document shape, cross-references included: a value marked
`"x-id": "team"` is an id in the space `team` (`"x-unique-with": ["organisation"]` makes it unique
beside the organisation ids too), and a value marked `"x-ref": "organisation"` (or a list of
spaces) must name an id of that space. Validation reads these marks through this module instead of
keeping its own list of which field refers to what; adding a reference to the schema is enough.

Pure: the schema is walked once per name (cached); documents are plain data.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import attrs

from ..model.source_map import escape_pointer_token
from ..schemas import load_schema

Path = tuple[str, ...]  # property names, with "*" for every item of a list


@attrs.frozen(cache_hash=True)  # a key of the validation's dicts, asked once per value of a document
class IdField:
    """Where the ids of one id space stand in a document."""

    path: Path
    space: str
    unique_with: tuple[str, ...] = ()


@attrs.frozen(cache_hash=True)
class RefField:
    """Where values stand that must name an id of one of `spaces`."""

    path: Path
    spaces: tuple[str, ...]


@attrs.frozen
class Declared:
    """Every id field and reference field of a schema."""

    ids: tuple[IdField, ...]
    refs: tuple[RefField, ...]

    def spaces(self) -> tuple[str, ...]:
        """Every id space, in the order the schema first names it."""
        return tuple(dict.fromkeys(field.space for field in self.ids))

    def unique_group(self, space: str) -> frozenset[str]:
        """The spaces whose ids must differ from the ids of `space` (itself included)."""
        group = {space}
        for field in self.ids:
            if field.space == space:
                group.update(field.unique_with)
            elif space in field.unique_with:
                group.add(field.space)
        return frozenset(group)


def _as_tuple(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    return ()


@cache
def declared(schema_name: str) -> Declared:
    """The id and reference fields that the shipped schema `schema_name` declares."""
    schema = load_schema(schema_name)
    definitions = schema.get("$defs", {})
    ids: dict[IdField, None] = {}
    refs: dict[RefField, None] = {}

    def visit(node: Any, path: Path, resolving: frozenset[str]) -> None:
        if not isinstance(node, Mapping):
            return
        target = node.get("$ref")
        if isinstance(target, str) and target.startswith("#/$defs/"):
            name = target[len("#/$defs/"):]
            if name not in resolving and name in definitions:
                visit(definitions[name], path, resolving | {name})
        if "x-id" in node:
            ids[IdField(path, str(node["x-id"]), _as_tuple(node.get("x-unique-with")))] = None
        if "x-ref" in node:
            refs[RefField(path, _as_tuple(node["x-ref"]))] = None
        for key, child in (node.get("properties") or {}).items():
            visit(child, (*path, key), resolving)
        if "items" in node:
            visit(node["items"], (*path, "*"), resolving)
        for keyword in ("anyOf", "oneOf", "allOf"):
            for child in node.get(keyword) or []:
                visit(child, path, resolving)

    visit(schema, (), frozenset())
    return Declared(tuple(ids), tuple(refs))


@attrs.frozen
class _Node:
    """One place of the tree of paths: the fields that end here, the node for every item of a list,
    and the properties below (with the token as a JSON pointer writes it)."""

    fields: tuple[IdField | RefField, ...]
    every_item: _Node | None
    properties: tuple[tuple[str, str, _Node], ...]
    leaf: bool = attrs.field(init=False)  # nothing below: the walk takes the value without going into it

    @leaf.default
    def _nothing_below(self) -> bool:
        return self.every_item is None and not self.properties


@cache
def _tree(schema_name: str) -> _Node:
    """Every id and reference field of the schema in one tree of paths, so one walk finds them all."""
    root: dict[str, Any] = {}
    fields = declared(schema_name)
    every: tuple[IdField | RefField, ...] = (*fields.ids, *fields.refs)
    for field in every:
        node = root
        for token in field.path:
            node = node.setdefault(token, {})
        node.setdefault("", []).append(field)

    def build(node: dict[str, Any]) -> _Node:
        return _Node(tuple(node.get("", ())), build(node["*"]) if "*" in node else None,
                     tuple((token, escape_pointer_token(token), build(child))
                           for token, child in node.items() if token and token != "*"))

    return build(root)


def collect(data: Any, schema_name: str) -> list[tuple[IdField | RefField, str, Any]]:
    """(field, JSON pointer, value) for every id and reference field in `data`, in one walk."""
    found: list[tuple[IdField | RefField, str, Any]] = []

    def walk(value: Any, node: _Node, pointer: str) -> None:
        for field in node.fields:
            found.append((field, pointer, value))
        child = node.every_item
        if child is not None and isinstance(value, list):
            if child.leaf:  # the values themselves (a list of references): taken here, without a call each
                for index, item in enumerate(value):
                    for field in child.fields:
                        found.append((field, f"{pointer}/{index}", item))
            else:
                for index, item in enumerate(value):
                    walk(item, child, f"{pointer}/{index}")
        elif node.properties and (isinstance(value, dict) or isinstance(value, Mapping)):  # the ABC's check is slow
            for token, escaped, below in node.properties:
                if token in value:
                    if below.leaf:
                        for field in below.fields:
                            found.append((field, f"{pointer}/{escaped}", value[token]))
                    else:
                        walk(value[token], below, f"{pointer}/{escaped}")

    walk(data, _tree(schema_name), "")
    return found


def pointer_order(pointer: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts JSON pointers in document order (list indices as numbers)."""
    return tuple((0, int(token)) if token.isdigit() else (1, token) for token in pointer.split("/")[1:])
