"""Parse YAML or JSON text into plain data, remembering where every value stands.

PyYAML's composer gives a node tree with line and column marks; the data is built from those
nodes here rather than by PyYAML's constructor, so that: duplicate keys are an error instead of
silently keeping the last one, no tag can construct a Python object, aliases cannot blow up
memory, dates stay the strings the author wrote, and every JSON pointer maps to a line.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import attrs
import yaml

from .i18n import message
from .model.problem import Location, Problem

MAX_NODES = 200_000
MAX_DEPTH = 100

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:merge",
}


@attrs.frozen
class Position:
    """A 1-based line and column in the source text."""

    line: int
    column: int


@attrs.frozen
class SourceMap:
    """Where each value of a parsed document stands in its file."""

    file: str | None = None
    positions: Mapping[str, Position] = attrs.field(factory=dict)

    def locate(self, pointer: str) -> Location:
        """A location for `pointer`, using the nearest ancestor whose position is known."""
        probe = pointer
        while True:
            position = self.positions.get(probe)
            if position is not None:
                return Location(pointer=pointer, file=self.file, line=position.line, column=position.column)
            if not probe:
                return Location(pointer=pointer, file=self.file)
            probe = probe.rsplit("/", 1)[0]


@attrs.frozen
class ParsedSource:
    """Plain data (dicts, lists, str, int, float, bool, None) with its source map."""

    data: Any
    source_map: SourceMap


class ParseError(Exception):
    """The text is not a readable YAML/JSON document; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(problems[0].message.en if problems else "parse error")


def escape_pointer_token(token: str) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer_join(pointer: str, token: str | int) -> str:
    """`pointer` extended by one token."""
    return f"{pointer}/{escape_pointer_token(str(token))}"


class _Builder:
    """Build plain data from a composed YAML node tree, within bounds."""

    def __init__(self, loader: yaml.SafeLoader, file: str | None) -> None:
        self.loader = loader
        self.file = file
        self.positions: dict[str, Position] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def location(self, mark: yaml.Mark, pointer: str) -> Location:
        return Location(pointer=pointer, file=self.file, line=mark.line + 1, column=mark.column + 1)

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise ParseError([Problem("source.too_many_nodes", message("source.too_many_nodes", limit=MAX_NODES),
                                      self.location(node.start_mark, pointer))])
        if depth > MAX_DEPTH:
            raise ParseError([Problem("source.too_deep", message("source.too_deep", limit=MAX_DEPTH),
                                      self.location(node.start_mark, pointer))])
        self.positions.setdefault(pointer, Position(node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _STANDARD_TAGS:
            self.problems.append(Problem("source.tag", message("source.tag", tag=node.tag),
                                         self.location(node.start_mark, pointer), message("source.tag.hint")))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, pointer, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, pointer_join(pointer, index), depth + 1) for index, item in enumerate(node.value)]
        return self.build_scalar(node, pointer)

    def build_scalar(self, node: yaml.Node, pointer: str) -> Any:
        if node.tag == "tag:yaml.org,2002:timestamp" or node.tag == "tag:yaml.org,2002:str":
            return str(node.value)
        value = self.loader.construct_object(node, deep=False)
        if isinstance(value, float) and not math.isfinite(value):
            self.problems.append(Problem("source.not_a_number", message("source.not_a_number", value=node.value),
                                         self.location(node.start_mark, pointer)))
            return None
        return value

    def build_mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, pointer, depth + 1)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for key, value in part.items():
                            result.setdefault(key, value)
                continue
            key = self.build(key_node, pointer + "/<key>", depth + 1)
            if not isinstance(key, str):
                kind = "null" if key is None else type(key).__name__
                self.problems.append(Problem("source.key_type", message("source.key_type", kind=kind),
                                             self.location(key_node.start_mark, pointer)))
                key = str(key)
            child = pointer_join(pointer, key)
            if key in first_lines:
                self.problems.append(Problem(
                    "source.duplicate_key",
                    message("source.duplicate_key", key=key, first_line=first_lines[key]),
                    self.location(key_node.start_mark, child),
                    message("source.duplicate_key.hint"),
                ))
                continue
            first_lines[key] = key_node.start_mark.line + 1
            self.positions[child] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        self.positions.pop(pointer + "/<key>", None)
        return result


def _syntax_problem(error: yaml.YAMLError, file: str | None) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    reason = getattr(error, "problem", None) or str(error)
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and context_mark is not None:
        reason = f"{reason} ({context}, line {context_mark.line + 1}:{context_mark.column + 1})"
    location = Location(pointer="", file=file)
    if mark is not None:
        location = Location(pointer="", file=file, line=mark.line + 1, column=mark.column + 1)
    return Problem("source.syntax", message("source.syntax", reason=reason), location, message("source.syntax.hint"))


def parse_text(text: str, file: str | None = None) -> ParsedSource:
    """Parse YAML (or JSON, which YAML reads as well) into plain data with positions.

    Raises ParseError listing every problem found.
    """
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:  # the reader refuses control characters up front
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        reason = f"character #x{error.character:04x} is not allowed in YAML"
        raise ParseError([Problem("source.syntax", message("source.syntax", reason=reason),
                                  Location(file=file, line=line, column=column), message("source.syntax.hint"))]) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.composer.ComposerError as error:
            if "expected a single document" in str(error):
                raise ParseError([Problem("source.multiple", message("source.multiple"),
                                          Location(file=file, line=error.problem_mark.line + 1 if error.problem_mark else None))]) from None
            raise ParseError([_syntax_problem(error, file)]) from None
        except yaml.YAMLError as error:
            raise ParseError([_syntax_problem(error, file)]) from None
        except RecursionError:
            raise ParseError([Problem("source.too_deep", message("source.too_deep", limit=MAX_DEPTH),
                                      Location(file=file))]) from None
        if node is None:
            raise ParseError([Problem("source.empty", message("source.empty"), Location(file=file, line=1))])
        builder = _Builder(loader, file)
        data = builder.build(node, "", 0)
    finally:
        loader.dispose()
    if builder.problems:
        raise ParseError(builder.problems)
    return ParsedSource(data=data, source_map=SourceMap(file=file, positions=builder.positions))


def parse_json_text(text: str, file: str | None = None) -> ParsedSource:
    """Parse strict JSON; positions come from reading the same text as YAML where that works."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ParseError([Problem("source.duplicate_key", message("source.duplicate_key", key=key, first_line="?"),
                                          Location(file=file), message("source.duplicate_key.hint"))])
            result[key] = value
        return result

    def no_constants(name: str) -> Any:
        raise ParseError([Problem("source.not_a_number", message("source.not_a_number", value=name), Location(file=file))])

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constants)
    except json.JSONDecodeError as error:
        reason = error.msg
        raise ParseError([Problem("source.syntax", message("source.syntax", reason=reason),
                                  Location(file=file, line=error.lineno, column=error.colno),
                                  message("source.syntax.hint"))]) from None
    except RecursionError:
        raise ParseError([Problem("source.too_deep", message("source.too_deep", limit=MAX_DEPTH),
                                  Location(file=file))]) from None
    try:
        positions = parse_text(text, file).source_map.positions
    except ParseError:
        positions = {}
    return ParsedSource(data=data, source_map=SourceMap(file=file, positions=positions))
