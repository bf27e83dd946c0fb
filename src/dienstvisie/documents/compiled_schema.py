"""A compiled validator that says whether a document is valid, at a fraction of jsonschema's cost.

Why: validating a valid service concept with `jsonschema` costs about 1 ms, more than every
check together; jsonschema-rs (Rust) decides the same in about 0.02 ms. It only *decides*:
an invalid document is still explained by `jsonschema` (documents/validate.py), so the problems,
their messages and hints are today's.

The two must agree exactly, so the schema jsonschema-rs compiles is made to mean what it means
to `jsonschema`:

* formats: jsonschema-rs calls the very format checkers `jsonschema` uses; a format `jsonschema`
  does not check here (e.g. `uri` without `rfc3987`) is not checked by jsonschema-rs either;
* regular expressions: `jsonschema` searches with Python's `re`, jsonschema-rs with ECMA-262
  semantics in Rust. A pattern is rewritten so Rust finds what Python finds: `$` becomes "end, or
  before a final line break" (Python's `$`), and `\\s`, `\\S`, `\\d`, `\\D`, `\\w`, `\\W` become the
  explicit sets of characters Python's classes hold. A pattern with anything this rewriting does not
  understand (look-arounds, back references, flags, …) means no compiled validator for that schema:
  `jsonschema` then decides alone, as before;
* keywords jsonschema-rs does not know (`x-ref`, `x-since`, … of format 2) are annotations to
  both.

tests/test_compiled_schema.py proves the agreement on generated valid and mutated documents
(hypothesis) and, for the character classes, on every code point.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import cache
from typing import Any

from ..schemas import load_schema

_ESCAPED_LITERALS = frozenset(".-/^$*+?()[]{}|\\ ")
_CLASS_LETTERS = "sdw"


# Python's `\\s` for text, as runs of code points: every code point is searched once by
# tests/test_compiled_schema.py to prove it (the search costs 0.3 s, too much for every start-up)
PYTHON_WHITESPACE: tuple[tuple[int, int], ...] = (
    (0x9, 0xD), (0x1C, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
    (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
)
_TEXT = ((0, 0xD7FF), (0xE000, sys.maxunicode))  # the surrogates are no text


@cache
def scan(letter: str) -> tuple[tuple[int, int], ...]:
    """The runs of code points Python's `\\<letter>` matches in text, found by one search over every
    code point (some 0.3 s)."""
    runs = []
    for low, high in _TEXT:
        every = "".join(map(chr, range(low, high + 1)))
        runs += [(low + run.start(), low + run.end() - 1) for run in re.finditer(f"\\{letter}+", every)]
    return tuple(runs)


def _runs(letter: str) -> tuple[tuple[int, int], ...]:
    """What `\\s`, `\\d`, `\\w` (lower case) or their negations (upper case) match in text."""
    positive = PYTHON_WHITESPACE if letter.lower() == "s" else scan(letter.lower())
    if letter.islower():
        return positive
    runs = []
    at = 0  # the complement over every code point: a run may span the surrogates, which Rust skips
    for start, end in positive:
        if start > at:
            runs.append((at, start - 1))
        at = max(at, end + 1)
    if at <= sys.maxunicode:
        runs.append((at, sys.maxunicode))
    return tuple(runs)


def _class_body(letter: str) -> str:
    return "".join(f"\\x{{{low:x}}}" if low == high else f"\\x{{{low:x}}}-\\x{{{high:x}}}" for low, high in _runs(letter))


def rust_pattern(pattern: str) -> str | None:
    """`pattern` (a Python `re` pattern searched as `jsonschema` does) rewritten for jsonschema-rs
    to match exactly the same strings; None when it holds anything this does not understand."""
    out: list[str] = []
    index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            if index + 1 >= len(pattern):
                return None
            letter = pattern[index + 1]
            index += 2
            if letter.lower() in _CLASS_LETTERS:
                if in_class:  # the class's runs spelt out, negated ones too
                    out.append(_class_body(letter))
                elif letter.isupper():
                    out.append(f"[^{_class_body(letter.lower())}]")
                else:
                    out.append(f"[{_class_body(letter)}]")
            elif letter in _ESCAPED_LITERALS:
                out.append("\\" + letter)
            else:
                return None  # \b, \A, \1, \x.., \u.., …
            continue
        if in_class:
            if char == "[":
                return None  # Rust reads a nested class where Python reads a bracket
            if char == "]":
                in_class = False
            elif char in "&~-" and pattern[index + 1:index + 2] == char:
                return None  # Rust's class set operators (&&, --, ~~)
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[index + 1:index + 2] == "^":
                out.append("^")
                index += 1
            if pattern[index + 1:index + 2] == "]":
                return None  # Python takes a leading ] as a literal
        elif char == "$":
            out.append("(?:\\n?\\z)")
        elif char == "(" and pattern[index + 1:index + 2] == "?" and pattern[index + 2:index + 3] != ":":
            return None  # look-arounds, named groups, inline flags
        elif char == "{" and not re.match(r"\{[0-9]+(,[0-9]*)?\}", pattern[index:]):
            return None  # Python takes a brace that is no quantifier as a literal
        else:
            out.append(char)
        index += 1
    return None if in_class else "".join(out)


def _formats(schema: Any) -> set[str]:
    found: set[str] = set()
    stack = [schema]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("format"), str):
                found.add(item["format"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _format_number(version: object) -> int:
    return int(version) if isinstance(version, str) and version.isdigit() else 0


def rust_schema(schema: Any, version: str | None = None) -> Any:
    """A copy of `schema` with every regular expression rewritten (see `rust_pattern`); raises
    ValueError naming a pattern that cannot be rewritten.

    With `version` (a document of an older format), what the schema marks as newer is refused as
    documents/validate.py refuses it: a subschema with `x-since` above `version` fails wherever
    it applies (`allOf: [false]`), a value that `x-values-since` dates above it is excluded
    (`not: {enum: …}`). Without, the `x-` keywords are annotations, as they are to jsonschema."""
    current = _format_number(version) if version is not None else None

    def rewrite(pattern: object) -> str:
        translated = rust_pattern(pattern) if isinstance(pattern, str) else None
        if translated is None:
            raise ValueError(f"pattern {pattern!r} has no exact jsonschema-rs equivalent")
        return translated

    def walk(value: Any, in_properties: bool = False) -> Any:
        if isinstance(value, list):
            return [walk(item) for item in value]
        if not isinstance(value, dict):
            return value
        if in_properties:  # names of properties, not keywords: `pattern` may be a property's name
            return {key: walk(item) for key, item in value.items()}
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key == "pattern" and not isinstance(item, dict):
                result[key] = rewrite(item)
            elif key == "patternProperties" and isinstance(item, dict):
                result[key] = {rewrite(name): walk(sub) for name, sub in item.items()}
            elif key in ("properties", "$defs", "definitions", "dependentSchemas"):
                result[key] = walk(item, in_properties=True)
            elif key in ("const", "enum", "default", "examples") or key.startswith("x-"):
                result[key] = item  # values, not schemas
            else:
                result[key] = walk(item)
        if current is not None:
            refused: list[Any] = []
            if "x-since" in value and _format_number(value["x-since"]) > current:
                refused.append(False)
            dated = value.get("x-values-since")
            if isinstance(dated, dict):
                newer = [name for name, since in dated.items() if _format_number(since) > current]
                if newer:
                    refused.append({"not": {"enum": newer}})
            if refused:
                result["allOf"] = [*result.get("allOf", []), *refused]
        return result

    return walk(schema)


def compile_schema(schema: Any, version: str | None = None) -> Callable[[object], bool] | None:
    """A function telling whether data is valid against `schema` exactly as `jsonschema` (with its
    format checker, and for `version` the format's `x-since` rules) would say; None when no exact
    compiled validator can be made for it."""
    try:
        import jsonschema
        import jsonschema_rs
    except ImportError:  # pragma: no cover - jsonschema-rs is a dependency; a platform without a wheel still works
        return None
    try:
        translated = rust_schema(schema, version)
    except ValueError:
        return None
    checker = jsonschema.validators.validator_for(schema).FORMAT_CHECKER

    def conforms(name: str) -> Callable[[str], bool]:
        if name not in checker.checkers:
            return lambda value: True  # `jsonschema` does not check this format here: neither do we
        return lambda value: checker.conforms(value, name)

    formats = {name: conforms(name) for name in _formats(schema)}
    try:
        validator = jsonschema_rs.validator_for(translated, validate_formats=True, formats=formats)
    except Exception:  # a schema jsonschema-rs refuses: jsonschema decides alone
        return None

    def is_valid(data: object) -> bool:
        try:
            return bool(validator.is_valid(data))
        except Exception:  # data jsonschema-rs cannot take (e.g. a lone surrogate): let jsonschema say
            return False

    return is_valid


@cache
def compiled_validator(schema_name: str, version: str | None = None) -> Callable[[object], bool] | None:
    """The compiled validator of a shipped schema (for a document of the older format `version`),
    made once; None if it cannot be exact."""
    return compile_schema(load_schema(schema_name), version)


def surely_valid(data: object, schema_name: str, version: str | None = None) -> bool:
    """True only when the shipped schema `schema_name` accepts `data` (as a document of the older
    format `version`); False means "ask jsonschema"."""
    validator = compiled_validator(schema_name, version)
    return validator is not None and validator(data)
