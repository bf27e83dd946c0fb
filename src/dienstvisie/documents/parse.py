"""Parse YAML or JSON text into plain data, remembering where every value stands.

PyYAML's composer gives a node tree with line and column marks; the data is built from those
nodes here rather than by PyYAML's constructor, so that: duplicate keys are an error instead of
silently keeping the last one, no tag can construct a Python object, aliases cannot blow up
memory, dates stay the strings the author wrote, and every JSON pointer maps to a line.
"""

from __future__ import annotations

import functools
import json
import math
import operator
import re
from collections.abc import Mapping
from typing import Any

import attrs
import yaml

from ..i18n import message
from ..model.problem import Location, Problem
from ..model.source_map import ParsedSource, Position, SourceMap, pointer_join
from ..model.text import Text

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


class ParseError(Exception):
    """The text is not a readable YAML/JSON document; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(problems[0].message.en if problems else "parse error")


class _Bounds:
    """Counts nodes and depth while PyYAML's composer composes the node tree, so a 10 MB file of
    `[1,1,1,…` is refused after MAX_NODES values instead of building millions of nodes (gigabytes)
    first, and deep nesting is refused before Python's recursion limit. Mixed into both loaders."""

    composed: int
    depth: int
    file: str | None

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.composed += 1
        self.depth += 1
        try:
            if self.composed > MAX_NODES:
                raise ParseError([Problem("source.too_many_nodes", message("source.too_many_nodes", limit=MAX_NODES),
                                          self._here())])
            if self.depth > MAX_DEPTH + 1:
                raise ParseError([Problem("source.too_deep", message("source.too_deep", limit=MAX_DEPTH), self._here())])
            node: yaml.Node | None = super().compose_node(parent, index)  # type: ignore[misc]
            return node
        finally:
            self.depth -= 1

    def _here(self) -> Location:
        mark: yaml.Mark = self.peek_event().start_mark  # type: ignore[attr-defined]
        return Location(file=self.file, line=mark.line + 1, column=mark.column + 1)


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    """PyYAML's safe loader (pure Python), bounded: the reading that decides what a document says."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.composed = 0
        self.depth = 0
        self.file = None


try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader: type | None = None
else:
    class _FastLoader(_Bounds, yaml.composer.Composer, _CParser,  # type: ignore[no-redef]
                      yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's scanner and parser (C) under PyYAML's own composer, constructor and resolver
        (Python), bounded the same way: the same nodes, found several times faster."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.composed = 0
            self.depth = 0
            self.file = None


# What libyaml and PyYAML's pure-Python reader do not agree on (found by differential fuzzing,
# tests/test_parallel.py): tabs, byte-order marks and Unicode line breaks inside the text, a lone
# carriage return, tags (`!`), `?` and `...` (complex keys and document ends, also inside flow
# collections), a comment glued to a block-scalar indicator (`|#`). Text with any of these, or with
# a character PyYAML refuses, is read by the pure-Python loader only.
_FAST_UNSAFE = re.compile(r"[\t\ufeff\x85\u2028\u2029!?]|\r(?!\n)|\.\.\.|[|>][-+0-9]*#")


def _merge(result: dict[str, Any], merged: Any) -> None:
    """A merge key (`<<: *defaults`, or a list of them): the keys `result` does not have yet."""
    for part in merged if isinstance(merged, list) else [merged]:
        if isinstance(part, dict):
            for key, value in part.items():
                result.setdefault(key, value)


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
        try:
            value = self.loader.construct_object(node, deep=False)
        except (ValueError, ArithmeticError, LookupError, TypeError, yaml.YAMLError) as error:
            # PyYAML's resolver takes e.g. `0b_` for an integer it then cannot build, `!!bool maybe`
            # has no value, and Python refuses integers of thousands of digits: say where, no crash
            kind = str(node.tag).rsplit(":", 1)[-1]
            self.problems.append(Problem("source.syntax", message("source.syntax", reason=_unreadable(node.value, kind, error)),
                                         self.location(node.start_mark, pointer), message("source.syntax.hint")))
            return None
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
                _merge(result, self.build(value_node, pointer, depth + 1))
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


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unreadable(value: object, kind: str, error: BaseException) -> str:
    reason = str(error).split(";")[0].split(":")[0]
    detail = f" ({reason})" if reason and isinstance(error, ValueError) else ""
    return f"'{_shorten(str(value))}' is not a valid {kind}{detail}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in `text` (no UTF-8 file can hold one, but JSON escapes and Python can)."""
    found = _SURROGATE.search(text)
    return found.group() if found else None


_Path = tuple[Any, str | int] | None  # (parent path, token): a pointer is only spelled out for a problem


def _spell(path: _Path) -> str:
    tokens: list[str | int] = []
    while path is not None:
        path, token = path
        tokens.append(token)
    pointer = ""
    for token in reversed(tokens):
        pointer = pointer_join(pointer, token)
    return pointer


def plain_data_problems(data: Any, file: str | None = None, *, max_nodes: int = MAX_NODES) -> list[Problem]:
    """What makes plain data unusable as a document before any schema is applied.

    For data that did not come through the YAML builder (a mapping from Python, parsed JSON):
    keys that are not text, numbers that are not finite, text that no file could hold (a lone
    surrogate), and the same bounds on size and depth as for YAML. Iterative, so neither deep
    nor cyclic data can exhaust the stack; it stops after `max_nodes` values (MAX_NODES, meant
    for a document a person writes; a file the tool writes, a baseline, may hold more).
    """
    problems: list[Problem] = []

    def problem(code: str, text: Text, path: _Path, hint: Text | None = None) -> None:
        problems.append(Problem(code, text, Location(pointer=_spell(path), file=file), hint))

    stack: list[tuple[Any, _Path, int]] = [(data, None, 0)]
    count = 0
    while stack and len(problems) < 100:
        value, path, depth = stack.pop()
        count += 1
        if count > max_nodes:
            problem("source.too_many_nodes", message("source.too_many_nodes", limit=max_nodes), path)
            break
        if depth > MAX_DEPTH:
            problem("source.too_deep", message("source.too_deep", limit=MAX_DEPTH), path)
            break
        if isinstance(value, str):
            if not value.isascii() and (character := _lone_surrogate(value)) is not None:
                reason = f"character #x{ord(character):04x} (a lone surrogate) is not allowed in text"
                problem("source.syntax", message("source.syntax", reason=reason), path, message("source.syntax.hint"))
        elif isinstance(value, Mapping):
            children: list[tuple[Any, _Path, int]] = []
            for key, child in value.items():
                if not isinstance(key, str):
                    problem("source.key_type", message("source.key_type", kind="null" if key is None else type(key).__name__),
                            path)
                    continue
                children.append((key, (path, key), depth + 1))
                children.append((child, (path, key), depth + 1))
            stack.extend(reversed(children))
        elif isinstance(value, (list, tuple)):
            stack.extend(reversed([(child, (path, index), depth + 1) for index, child in enumerate(value)]))
        elif isinstance(value, float) and not math.isfinite(value):
            problem("source.not_a_number", message("source.not_a_number", value=value), path)
    return problems


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

    Raises ParseError listing every problem found. A clean document is read with libyaml's parser
    where PyYAML has it (see `_parse_fast`); anything else, and every problem, comes from the
    pure-Python reading, so the result does not depend on which one read it.
    """
    fast = _parse_fast(text, file)
    return fast if fast is not None else _parse_pure(text, file)


class _FastBuilder(_Builder):
    """The builder for the fast reading. libyaml places an empty value (`---` alone, an empty item in
    a flow collection) a column or a line away from where PyYAML places it; where such a place
    would end up in the source map, the fast reading gives up."""

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.value == "" and pointer not in self.positions:
            raise ValueError("an empty value whose place libyaml and PyYAML disagree on")
        return super().build(node, pointer, depth)


class _GiveUp(Exception):
    """The one-pass builder met something it leaves to the pure reading (any problem at all)."""


_TEXT_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})
_SCALAR_CONSTRUCTORS = {tag: function for tag, function in yaml.constructor.SafeConstructor.yaml_constructors.items()
                        if tag in _STANDARD_TAGS and tag not in _TEXT_TAGS}


class _OnePassBuilder:
    """`_FastBuilder`'s data and source map in one tight pass, for a clean document only: where
    `_Builder` would record a problem (a tag, a key that is not text, a duplicate key, a value
    that cannot be built, a bound exceeded), this gives up and the pure reading says what and where.
    Same data, same positions (tests/test_bench_fast_paths.py compares them on every kind of input)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.positions: dict[str, Position] = {}
        self.count = 0

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise _GiveUp
        kind = type(node)
        positions = self.positions
        if pointer not in positions:
            if kind is yaml.ScalarNode and node.value == "":
                raise _GiveUp  # an empty value libyaml places elsewhere than PyYAML (see _FastBuilder)
            mark = node.start_mark
            positions[pointer] = Position(mark.line + 1, mark.column + 1)
        tag = node.tag
        if kind is yaml.ScalarNode:
            if tag in _TEXT_TAGS:
                return str(node.value)
            construct = _SCALAR_CONSTRUCTORS.get(tag)
            if construct is None:
                raise _GiveUp
            value = construct(self.loader, node)
            if type(value) is float and not math.isfinite(value):
                raise _GiveUp
            return value
        if tag not in _STANDARD_TAGS:
            raise _GiveUp
        if kind is yaml.SequenceNode:
            prefix = pointer + "/"
            return [self.build(item, prefix + str(index), depth + 1) for index, item in enumerate(node.value)]
        if kind is not yaml.MappingNode:
            raise _GiveUp
        return self.build_mapping(node, pointer, depth)

    def build_mapping(self, node: yaml.Node, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        positions = self.positions
        for key_node, value_node in node.value:
            key_tag = key_node.tag
            if key_tag == "tag:yaml.org,2002:merge":
                _merge(result, self.build(value_node, pointer, depth + 1))
                continue
            if type(key_node) is not yaml.ScalarNode or key_tag not in _TEXT_TAGS:
                raise _GiveUp  # a key that may not be text: _Builder says so, or builds it
            self.count += 1  # the key counts as a node, as in _Builder
            if self.count > MAX_NODES:
                raise _GiveUp
            key = str(key_node.value)
            if key == "":
                raise _GiveUp  # an empty key: libyaml may place it elsewhere than PyYAML
            if key in result:
                raise _GiveUp  # a duplicate key (or one a merge brought in first: _Builder decides)
            mark = key_node.start_mark
            if "~" in key or "/" in key:
                child = pointer_join(pointer, key)
            else:
                child = pointer + "/" + key
            positions[child] = Position(mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result


def _c_composer_bounded() -> bool:
    """libyaml 0.2.5 and later refuse nesting beyond 1,000 levels in C, so its composer cannot
    exhaust the stack; before that only the Python composer (with `_Bounds`) is safe."""
    try:
        from yaml._yaml import get_version
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return False
    return tuple(get_version()) >= (0, 2, 5)


_C_COMPOSER = _c_composer_bounded()
# the C composer does not count nodes as it goes; a text this short cannot hold more nodes than
# MAX_NODES (every node takes at least one character of its own, or one of `-`, `,`, `:`), so
# the bound on the number of nodes holds before any is made. Longer texts take the bounded composer.
_C_COMPOSER_MAX_CHARS = MAX_NODES // 2


def _parse_fast(text: str, file: str | None) -> ParsedSource | None:
    """The document read with libyaml's scanner and parser, when that is certain to give what the
    pure-Python reading gives: no construct the two disagree on (`_FAST_UNSAFE`), no character
    PyYAML refuses, no error and no problem at all. None otherwise (then the pure reading decides).

    Short texts are composed by libyaml's composer in C and built in one pass (`_OnePassBuilder`);
    longer ones by PyYAML's composer, bounded as it composes, and `_FastBuilder`."""
    if _FastLoader is None or _FAST_UNSAFE.search(text) or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    if _C_COMPOSER and len(text) <= _C_COMPOSER_MAX_CHARS:
        return _parse_c(text, file)
    return _parse_bounded(text, file)


def _parse_bounded(text: str, file: str | None) -> ParsedSource | None:
    """libyaml's parser under PyYAML's composer, bounded as it composes, and `_FastBuilder`."""
    if _FastLoader is None:
        return None
    try:
        loader = _FastLoader(text)
        loader.file = file
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            builder = _FastBuilder(loader, file)
            data = builder.build(node, "", 0)
        finally:
            loader.dispose()
    except Exception:  # whatever went wrong: the pure reading says what and where, as it always has
        return None
    if builder.problems:
        return None
    return ParsedSource(data=data, source_map=SourceMap(file=file, positions=builder.positions))


_SAFE_RESOLVER = yaml.resolver.Resolver()


# Bounded, and small: a cache this size holds the scalars documents share (keys, kinds, dates; about
# 3,900 distinct ones in 1,000 generated documents) and stays in the processor's cache; one of 100,000
# made a serial check of 30,000 documents 5% slower (its look-ups leave the processor's cache).
@functools.lru_cache(maxsize=8192)
def _resolve_once(kind: type, value: Any, implicit: tuple[bool, bool]) -> Any:
    """The safe resolver's tag for a node: without path resolvers it depends only on these three."""
    return _SAFE_RESOLVER.resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


class _CLoader(yaml.CSafeLoader):
    """libyaml's composer with PyYAML's resolver remembered. The composer (C) asks the resolver the
    tag of every node and tells it each step down and up the tree, three Python calls a node; for
    the safe loader without path resolvers (`_parse_c` makes sure) the tag depends only on the
    node's kind, text and plainness, and the steps change nothing. So the tag is asked of a cache in
    C (`functools.lru_cache`), and the two steps go to built-ins that do nothing: parsing 12% faster
    (bench/phases.py), the same data and places (tests/test_bench_fast_paths.py)."""

    resolve = staticmethod(_resolve_once)
    descend_resolver = operator.is_  # type: ignore[assignment] # called with (parent, index); not bound
    ascend_resolver = tuple  # type: ignore[assignment] # called with nothing


def _parse_c(text: str, file: str | None) -> ParsedSource | None:
    """libyaml's composer (C) and the one-pass builder; None on anything but a clean document."""
    if _CLoader.yaml_path_resolvers:  # someone added a path resolver to PyYAML's: tags depend on paths
        return None
    try:
        loader = _CLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            builder = _OnePassBuilder(loader)
            data = builder.build(node, "", 0)
        finally:
            loader.dispose()
    except Exception:  # whatever went wrong: the pure reading says what and where, as it always has
        return None
    return ParsedSource(data=data, source_map=SourceMap(file=file, positions=builder.positions))


def _parse_pure(text: str, file: str | None) -> ParsedSource:
    """The document read by PyYAML's pure-Python loader: the reference, with every problem located."""
    try:
        loader = _BoundedLoader(text)
        loader.file = file
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


def parse_json_text(text: str, file: str | None = None, *, max_nodes: int = MAX_NODES,
                    positions: bool = True) -> ParsedSource:
    """Parse strict JSON; positions come from reading the same text as YAML where that works
    (with `positions=False` not at all: for a large file that is slow, and only worth it for
    problems; see `positions_of`). `max_nodes` bounds the number of values (see plain_data_problems).
    """

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
    except ParseError as error:
        raise ParseError(_located_by_yaml(error.problems, text, file)) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        problem = Problem("source.syntax", message("source.syntax", reason=_unreadable("…", "number", error)),
                          Location(file=file), message("source.syntax.hint"))
        raise ParseError(_located_by_yaml([problem], text, file)) from None
    source_map = positions_of(text, file) if positions else SourceMap(file=file)
    problems = plain_data_problems(data, file, max_nodes=max_nodes)  # e.g. 1e999 is infinite, "\ud800" a lone surrogate
    if problems:
        raise ParseError([attrs.evolve(problem, location=source_map.locate(problem.location.pointer))
                          for problem in problems])
    return ParsedSource(data=data, source_map=source_map)


def positions_of(text: str, file: str | None = None) -> SourceMap:
    """Where each value of a JSON or YAML text stands, as far as reading it as YAML can tell
    (an empty map when it cannot: too many values, or not YAML)."""
    try:
        return SourceMap(file=file, positions=parse_text(text, file).source_map.positions)
    except ParseError:
        return SourceMap(file=file)


def _located_by_yaml(problems: list[Problem], text: str, file: str | None) -> list[Problem]:
    """JSON's own errors with a line and column where reading the text as YAML finds the same problem."""
    try:
        parse_text(text, file)
    except ParseError as error:
        codes = {problem.code for problem in problems}
        located = [problem for problem in error.problems if problem.code in codes and problem.location.line is not None]
        if located:
            return located
    return problems
