"""The fast paths (libyaml under PyYAML's composer; schema references resolved once) change nothing.

`source.parse_text` reads a clean document with libyaml (a performance change, see
docs/performance.md) and everything else with PyYAML's pure-Python loader. These tests compare the
two readings: wherever the fast one gives a result, it is the pure one's, data and positions alike.
`validation.validator_for` resolves a schema's local references once; the problems it finds are
those the schema as written gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import service_concepts
from test_parallel import bench_module

from dienstvisie.documents import parse as source
from dienstvisie.documents.parse import ParseError, _parse_fast, _parse_pure, parse_text

ROOT = Path(__file__).parents[1]
needs_libyaml = pytest.mark.skipif(source._FastLoader is None, reason="PyYAML without libyaml: there is no fast reading")


def _pure(text: str) -> source.ParsedSource | ParseError:
    try:
        return _parse_pure(text, "x.yaml")
    except ParseError as error:
        return error


def _same(text: str) -> None:
    fast = _parse_fast(text, "x.yaml")
    if fast is None:
        return
    pure = _pure(text)
    assert not isinstance(pure, ParseError), (text, pure.problems)
    assert fast.data == pure.data, text
    assert dict(fast.source_map.positions) == dict(pure.source_map.positions), text


@needs_libyaml
@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_examples_are_read_fast_and_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _parse_fast(text, str(path)) is not None, "an example should not need the slow reading"
    _same(text)


@needs_libyaml
def test_generated_documents_are_read_fast_and_the_same() -> None:
    generate = bench_module("generate")
    for document in generate.services(40, seed=11):
        text = generate.to_yaml(document)
        assert _parse_fast(text, "x.yaml") is not None
        _same(text)


@needs_libyaml
@settings(max_examples=150)
@given(service_concepts(), st.sampled_from([None, False, True]), st.booleans(), st.sampled_from([40, 80, 1000]))
def test_generated_service_concepts_in_every_style(data: dict[str, object], flow: bool | None, crlf: bool,
                                                   width: int) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False, width=width)
    text = "# een opmerking\n" + text
    _same(text.replace("\n", "\r\n") if crlf else text)


PIECES = [*"ab1 :-?,[]{}#&*!|>'\"%@`~\\\n\r\té", "---", "...", "- ", ": ", "null", "\ufeff", "\u2028", "  ", "{a: }",
          "[x: ]", "\n  - ", "k: v\n", "[a, b]", "{nl: x, en: y}", "# c\n", ">-\n  t\n", "|\n  t\n", "&a ", "*a"]
YAMLISH = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@needs_libyaml
@settings(max_examples=1500)
@given(YAMLISH)
def test_odd_yaml_is_either_left_to_the_pure_reading_or_read_the_same(text: str) -> None:
    _same(text + "\n")
    _same(text)


@needs_libyaml
@pytest.mark.parametrize("text", [
    "a:\tb\n",  # libyaml accepts a tab here, PyYAML does not
    "|#\n", ">#a\n",  # a comment glued to a block-scalar indicator
    "{\na?,}\n", "[...?1e3: null]\n",  # complex keys and document ends inside flow collections
    "!\n", "?\n", "---", "a: 1\n\ufeffb: 2\n", "a: 1\rb: 2\n", "a: b\u2028c\n",
])
def test_known_disagreements_are_read_by_the_pure_loader(text: str) -> None:
    assert _parse_fast(text, "x.yaml") is None
    pure = _pure(text)
    try:
        result: object = parse_text(text, "x.yaml")
    except ParseError as error:
        result = error
    if isinstance(pure, ParseError):
        assert isinstance(result, ParseError) and result.problems == pure.problems
    else:
        assert not isinstance(result, ParseError) and result.data == pure.data


@needs_libyaml
def test_problems_always_come_from_the_pure_reading() -> None:
    text = "dienstvisie: '1'\nid: a\nid: b\nsteps: !!python/object:os.system x\n"
    with pytest.raises(ParseError) as fast_way:
        parse_text(text, "x.yaml")
    assert fast_way.value.problems == _pure(text).problems  # type: ignore[union-attr]


# ---------------------------------------------------------------- schema references resolved once

def _problems(validator: object, data: object) -> list[tuple[str, str, str | None]]:
    """What schema_problems makes of a validator's errors (its own order and deduplication)."""
    from dienstvisie.documents.validate import _problems_for

    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])  # type: ignore[attr-defined]
    found = []
    for error in errors:
        for problem in _problems_for(error):
            found.append((problem.location.pointer, problem.message.get("en"), problem.hint.get("en") if problem.hint else None))
    return found


def _validators(name: str) -> tuple[object, object]:
    import jsonschema

    from dienstvisie.schemas import load_schema
    from dienstvisie.documents.validate import validator_for

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER), validator_for(name)


MUTATIONS = st.lists(st.tuples(st.sampled_from(["delete", "type", "extra", "enum", "slug", "date", "empty", "uri"]),
                               st.integers(0, 10_000)), min_size=1, max_size=4)


def _mutate(data: object, how: str, seed: int) -> object:
    """One change somewhere in the document, chosen by `seed`."""
    places: list[tuple[object, object]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            places += [(item, key) for key in item]
            stack.extend(item.values())
        elif isinstance(item, list):
            places += [(item, index) for index in range(len(item))]
            stack.extend(item)
    if not places:
        return data
    container, key = places[seed % len(places)]
    value = {"type": 12, "extra": None, "enum": "telefon", "slug": "Geen Slug!", "date": "2026-13-45", "empty": [],
             "uri": "not a uri"}.get(how)
    if how == "delete":
        del container[key]  # type: ignore[attr-defined]
    elif how == "extra" and isinstance(container, dict):
        container["onbekend_veld"] = 1
    else:
        container[key] = value  # type: ignore[index]
    return data


@settings(max_examples=300)
@given(service_concepts(), MUTATIONS)
def test_inlined_references_give_the_same_problems(data: dict[str, object], mutations: list[tuple[str, int]]) -> None:
    original, inlined = _validators("service")
    for how, seed in mutations:
        _mutate(data, how, seed)
    assert _problems(inlined, data) == _problems(original, data)


@pytest.mark.parametrize("name", ["service", "vision", "report", "ruleset", "vocabulary", "baseline", "portfolio", "diff"])
def test_inlined_references_for_every_schema(name: str) -> None:
    from dienstvisie.schemas import load_schema
    from dienstvisie.documents.validate import inline_refs

    schema = load_schema(name)
    inlined = inline_refs(schema)
    text = json.dumps({key: value for key, value in inlined.items() if key != "$defs"})
    assert inlined is schema or '"$ref"' not in text
    original, fast = _validators(name)
    for sample in ({}, [], {"dienstvisie": 1}, {"id": None, "steps": [{}]}, "tekst"):
        assert _problems(fast, sample) == _problems(original, sample)


def test_inline_refs_leaves_recursive_or_remote_references_alone() -> None:
    from dienstvisie.documents.validate import inline_refs

    recursive = {"$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}}, "$ref": "#/$defs/node"}
    assert inline_refs(recursive) is recursive
    remote = {"properties": {"a": {"$ref": "https://example.org/x.json"}}}
    assert inline_refs(remote) is remote
    with_siblings = {"$defs": {"a": {"type": "string"}}, "properties": {"x": {"$ref": "#/$defs/a", "minLength": 2}}}
    assert inline_refs(with_siblings) is with_siblings  # a sibling that validates: jsonschema applies both
    plain = {"$defs": {"a": {"type": "string", "description": "A"}},
             "properties": {"x": {"$ref": "#/$defs/a", "description": "X"}}}
    assert inline_refs(plain)["properties"]["x"] == {"type": "string", "description": "X"}


# ------------------------------------------------- libyaml's composer (C) and the one-pass builder

def _c_and_bounded_agree(text: str) -> None:
    """Where the C composer with the one-pass builder reads a text, the bounded composer with the
    builder of the pure reading reads the same, and so does the pure reading."""
    c = source._parse_c(text, "x.yaml")
    if c is None:
        return
    bounded = source._parse_bounded(text, "x.yaml")
    assert bounded is not None, text
    assert c.data == bounded.data, text
    assert dict(c.source_map.positions) == dict(bounded.source_map.positions), text
    _same(text)


needs_c_composer = pytest.mark.skipif(not source._C_COMPOSER, reason="libyaml before 0.2.5: no C composer")


@needs_c_composer
@settings(max_examples=1500)
@given(YAMLISH)
def test_the_c_composer_reads_odd_yaml_as_the_bounded_composer_does(text: str) -> None:
    if not source._FAST_UNSAFE.search(text):
        _c_and_bounded_agree(text + "\n")
        _c_and_bounded_agree(text)


@needs_c_composer
@settings(max_examples=200)
@given(service_concepts(), st.sampled_from([None, False, True]), st.booleans())
def test_the_c_composer_reads_service_concepts_as_the_bounded_composer_does(data: dict[str, object], flow: bool | None,
                                                                            crlf: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    text = text.replace("\n", "\r\n") if crlf else text
    assert source._parse_c(text, "x.yaml") is not None
    _c_and_bounded_agree(text)


@needs_c_composer
@pytest.mark.parametrize("text", [
    "a: &x {b: 1, c: [1, 2]}\nd:\n  <<: *x\n  e: 2\n",
    "a: &x {b: 1}\nd:\n  <<: [*x, {f: 3}]\n  b: 2\n",  # a key of its own after a merge: the pure builder decides
    "a: [&s 1, *s, *s]\n", "'': 1\n", "a: ''\nb: [a, '', c]\n", "x/y~z: 1\n", "n: .nan\n", "i: 0b_\n",
    "a: 1\na: 2\n", "1: a\n", "[a, b]\n", "s: 2026-11-29\n", "b: yes\nc: ~\nd: 0x1f\n",
])
def test_the_c_composer_gives_up_or_agrees(text: str) -> None:
    _c_and_bounded_agree(text)
    try:
        result: object = parse_text(text, "x.yaml")
    except ParseError as error:
        result = error
    pure = _pure(text)
    if isinstance(pure, ParseError):
        assert isinstance(result, ParseError) and result.problems == pure.problems
    else:
        assert not isinstance(result, ParseError)
        assert result.data == pure.data and dict(result.source_map.positions) == dict(pure.source_map.positions)


def test_a_long_text_is_composed_with_the_bounds_counted_as_it_goes() -> None:
    """The C composer does not count nodes; a text longer than MAX_NODES / 2 characters goes to the
    composer that does, so `[1,1,1,…]` of 10 MB is refused after MAX_NODES values, never built."""
    long_text = "a: [" + ",".join(["1"] * (source.MAX_NODES // 2)) + "]\n"
    assert len(long_text) > source._C_COMPOSER_MAX_CHARS
    calls: list[str] = []
    original = source._parse_c
    source._parse_c = lambda text, file: calls.append(text) or original(text, file)  # type: ignore[assignment,func-returns-value]
    try:
        result = parse_text(long_text, "x.yaml")
    finally:
        source._parse_c = original  # type: ignore[assignment]
    assert calls == [] and len(result.data["a"]) == source.MAX_NODES // 2
    with pytest.raises(ParseError) as error:
        parse_text("a: [" + ",".join(["1"] * (source.MAX_NODES + 10)) + "]\n", "x.yaml")
    assert error.value.problems[0].code == "source.too_many_nodes"


def test_the_c_reading_steps_aside_when_pyyaml_has_path_resolvers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The remembered tags hold only without path resolvers (a tag that depends on where a node is)."""
    from dienstvisie.documents import parse as parsing

    text = "dienstvisie: '2'\nid: x\nsteps:\n  - id: a\n    expected_days: 3\n"
    assert parsing._parse_c(text, "x.yaml") is not None
    monkeypatch.setattr(parsing._CLoader, "yaml_path_resolvers", {(("steps",),): "tag:example,2026:step"})
    assert parsing._parse_c(text, "x.yaml") is None
    assert parsing.parse_text(text, "x.yaml").data["steps"][0]["expected_days"] == 3
