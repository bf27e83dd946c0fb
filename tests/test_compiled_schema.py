"""The compiled validator (jsonschema-rs) and jsonschema say the same of every document.

The compiled validator only decides valid or invalid; jsonschema explains. If the two ever
disagreed on a valid-looking document, a problem would go unreported, so the agreement is
tested where they differ by nature: regular expressions (Python's `re` against Rust), formats,
numbers, custom keywords (`x-ref` of format 2), and text of every kind.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dienstvisie.documents import compiled_schema
from dienstvisie.documents.compiled_schema import compile_schema, compiled_validator, rust_pattern
from dienstvisie.documents.validate import schema_problems
from dienstvisie.schemas import load_schema
from strategies import service_concepts
from test_bench_fast_paths import MUTATIONS, _mutate

SCHEMAS = ["service", "vision", "report", "ruleset", "vocabulary", "baseline", "portfolio", "diff"]


def _jsonschema_says(schema: dict[str, Any], data: object) -> bool:
    cls = jsonschema.validators.validator_for(schema)
    return not any(True for _ in cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(data))


_SERVICE = load_schema("service")
_REFERENCE = jsonschema.validators.validator_for(_SERVICE)(_SERVICE, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

# text where Python and Rust differ: line breaks at the end, the separators Python counts as space,
# digits of other scripts, combining marks, characters outside the BMP, dates that are no dates
NASTY = st.one_of(
    st.text(max_size=12),
    st.text(st.sampled_from("a-z09_.\n\x1c\x1f\x85\xa0\u2028\u3000\u0663\u0301é𝔘/:~ "), max_size=12),
    st.sampled_from(["abc\n", "abc\n\n", "https://x\x1cy", "https://x\n", "https://x y", "http://a", "ftp://a",
                     "2026-02-30", "2026-02-28\n", "２０２６-01-01", "2026-1-01", "DV101", "DV101\n", "P1.Q1", "P1.Q1\n",
                     "", " ", "Geen Slug", "slug-ok", "slug\u0301"]),
)


def _strings(data: object) -> list[tuple[Any, Any]]:
    places: list[tuple[Any, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            places += [(item, key) for key, value in item.items() if isinstance(value, str)]
            stack.extend(item.values())
        elif isinstance(item, list):
            places += [(item, index) for index, value in enumerate(item) if isinstance(value, str)]
            stack.extend(item)
    return places


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(service_concepts(), MUTATIONS, st.lists(st.tuples(st.integers(0, 10_000), NASTY), max_size=3),
       st.sampled_from([None, 1.0, 2.5, 10**30, -1, True, "1", 0]))
def test_compiled_and_jsonschema_agree_on_generated_documents(data: dict[str, Any], mutations: list[tuple[str, int]],
                                                               texts: list[tuple[int, str]], number: object) -> None:
    validator = compiled_validator("service")
    assert validator is not None
    assert validator(data) is True, "a generated valid document is valid to both"
    assert _REFERENCE.is_valid(data)
    changed = copy.deepcopy(data)
    for seed, text in texts:
        places = _strings(changed)
        if places:
            container, key = places[seed % len(places)]
            container[key] = text
    for how, seed in mutations:
        _mutate(changed, how, seed)
    steps = changed.get("steps") if isinstance(changed, dict) else None
    if number is not None and isinstance(steps, list) and steps and isinstance(steps[0], dict):
        steps[0]["legal_duty"] = number
    expected = not any(True for _ in _REFERENCE.iter_errors(changed))
    assert validator(changed) is expected
    if expected:
        assert schema_problems(changed, "service") == []
    else:
        assert schema_problems(changed, "service"), "an invalid document is explained by jsonschema"


def test_every_shipped_schema_compiles_exactly() -> None:
    for name in SCHEMAS:
        assert compiled_validator(name) is not None, name


@pytest.mark.parametrize("name", SCHEMAS)
def test_compiled_and_jsonschema_agree_on_samples_of_every_schema(name: str) -> None:
    schema = load_schema(name)
    validator = compiled_validator(name)
    assert validator is not None
    for sample in ({}, [], {"dienstvisie": 1}, {"id": None, "steps": [{}]}, "tekst", None, 3):
        assert validator(sample) is _jsonschema_says(schema, sample), (name, sample)


def test_the_examples_are_valid_to_both() -> None:
    from pathlib import Path

    from dienstvisie.documents.parse import parse_text

    for path in sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")):
        data = parse_text(path.read_text(encoding="utf-8")).data
        assert compiled_validator("service")(data) is _REFERENCE.is_valid(data) is True  # type: ignore[misc]


def test_pythons_whitespace_is_spelt_out_exactly() -> None:
    compiled_schema.scan.cache_clear()
    assert compiled_schema.scan("s") == compiled_schema.PYTHON_WHITESPACE
    complement = [(low, high) for low, high in compiled_schema._runs("S")]
    scanned = list(compiled_schema.scan("S"))
    assert [code for low, high in complement for code in range(low, high + 1) if not 0xD800 <= code <= 0xDFFF] == \
        [code for low, high in scanned for code in range(low, high + 1)]


@pytest.mark.parametrize("pattern", [r"^https?://\S+$", r"^\s*$", r"^[a-z0-9][a-z0-9_.-]*$", r"^\d+$", r"^\w+$",
                                     r"^[^/~]*$", r"x\W", r"^(/([^/~]|~[01])*)+$", r"^[\s,]+$", r"\D", r"^(/[\s\S]*)?$",
                                     r"^[^\S]+$", r"^[a\D]$"])
def test_rewritten_patterns_match_what_python_matches_for_every_code_point(pattern: str) -> None:
    translated = rust_pattern(pattern)
    assert translated is not None
    validator = jsonschema_rs.validator_for({"pattern": translated})
    python = re.compile(pattern)
    for prefix in ("https://a", "", "ab", "/a"):
        wrong = [code for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF
                 and validator.is_valid(prefix + chr(code)) != bool(python.search(prefix + chr(code)))]
        assert wrong == [], f"{pattern!r} after {prefix!r}: {[hex(c) for c in wrong[:10]]}"
    for text in ("abc\n", "abc\n\n", "\n", "a\nb", "https://a\n"):
        assert validator.is_valid(text) == bool(python.search(text)), (pattern, text)


@pytest.mark.parametrize("pattern", [r"(?=a)b", r"(a)\1", r"\bword", r"(?i)abc", r"[[a]]", r"[]a]", r"a{,2", r"[a&&b]",
                                     r"\x41"])
def test_a_pattern_without_an_exact_rewriting_means_no_compiled_validator(pattern: str) -> None:
    assert rust_pattern(pattern) is None
    assert compile_schema({"type": "string", "pattern": pattern}) is None


def test_custom_keywords_are_annotations_to_both() -> None:
    """Format 2 adds `x-ref`, `x-since`, `x-id`, …: jsonschema-rs must ignore them as jsonschema does."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "x-structured-as": "ServiceConcept",
        "properties": {
            "organisations": {"type": "array", "x-id": "id", "x-unique-with": ["id"],
                              "items": {"type": "object", "properties": {"id": {"type": "string", "x-since": "2"}}}},
            "owner": {"type": "string", "x-ref": "#/organisations", "x-values-since": {"x": "2"}},
            "pattern": {"type": "string", "pattern": r"^[a-z]+$"},
        },
    }
    validator = compile_schema(schema)
    assert validator is not None
    for sample in ({"owner": "nergens", "organisations": [{"id": "a"}]}, {"owner": 3}, {"pattern": "abc\n"},
                   {"pattern": "ABC"}, {"organisations": [{"id": 1}]}):
        assert validator(sample) is _jsonschema_says(schema, sample), sample


def test_formats_are_checked_by_jsonschemas_own_checkers() -> None:
    schema = {"type": "object", "properties": {"d": {"type": "string", "format": "date"},
                                               "u": {"type": "string", "format": "uri"},
                                               "e": {"type": "string", "format": "email"}}}
    validator = compile_schema(schema)
    assert validator is not None
    for value in ("2026-02-30", "2026-02-28", "2026-2-28", "２０２６-01-01", "not a uri", "mailto", "a@b", "@"):
        for key in "due":
            sample = {key: value}
            assert validator(sample) is _jsonschema_says(schema, sample), sample


def test_data_the_compiled_validator_cannot_take_goes_to_jsonschema() -> None:
    validator = compiled_validator("service")
    assert validator is not None
    assert validator({"id": "\ud800"}) is False  # a lone surrogate: jsonschema-rs refuses, jsonschema decides
    assert validator(object()) is False


def test_a_format_two_schema_compiles(tmp_path: Any) -> None:
    """The format-2 schema (with its `x-` keywords), when this checkout has it, compiles exactly."""
    schema = load_schema("service")
    text = json.dumps(schema)
    assert compile_schema(schema) is not None, "x-keywords present" if '"x-' in text else "format 1"


# ------------------------------------------- an older format: `x-since` and `x-values-since` refuse

def _older_formats() -> list[str]:
    from dienstvisie.documents.validate import _newest_format

    return [str(number) for number in range(1, _newest_format("service"))]


@pytest.mark.skipif(not _older_formats(), reason="the service schema has one format only")
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(service_concepts(), MUTATIONS, st.data())
def test_compiled_and_jsonschema_agree_for_an_older_format(data: dict[str, Any], mutations: list[tuple[str, int]],
                                                           draw: st.DataObject) -> None:
    """A document of an older format is refused what the schema marks as newer: both say so alike."""
    from dienstvisie.documents.validate import validator_for

    version = draw.draw(st.sampled_from(_older_formats()))
    changed = copy.deepcopy(data)
    for how, seed in mutations:
        _mutate(changed, how, seed)
    if isinstance(changed, dict):
        changed["dienstvisie"] = version
    reference = validator_for("service", version)
    expected = not any(True for _ in reference.iter_errors(changed))
    validator = compiled_validator("service", version)
    assert validator is not None
    assert validator(changed) is expected
    newest = compiled_validator("service")
    assert newest is not None


@pytest.mark.skipif(not _older_formats(), reason="the service schema has one format only")
def test_an_older_format_refuses_what_is_newer_in_both() -> None:
    """The shipped format-1 corpus is valid as format 1; each example of the newest format, declared
    as an older one, is judged alike by both (most use something newer, and both refuse it)."""
    from pathlib import Path

    from dienstvisie.documents.parse import parse_text
    from dienstvisie.documents.validate import validator_for

    root = Path(__file__).parent
    seen_refused = False
    for version in _older_formats():
        validator = compiled_validator("service", version)
        assert validator is not None
        for path in sorted((root.parent / "examples").glob("*.yaml")) + sorted((root / "corpus" / "format1").glob("*.yaml")):
            data = parse_text(path.read_text(encoding="utf-8")).data
            data["dienstvisie"] = version
            expected = not any(True for _ in validator_for("service", version).iter_errors(data))
            assert validator(data) is expected, (path.name, version)
            seen_refused |= not expected
    assert seen_refused, "some example uses what the older format does not have"
