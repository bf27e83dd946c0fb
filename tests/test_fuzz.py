"""Fuzzing: whatever goes in, loading and checking raise nothing but dienstvisie's own errors.

Arbitrary JSON-like values, mutated valid documents (structure-level and byte-level) go through
`load_service` (as a mapping, as YAML text, as JSON text, as a file) and, when they load, through
`dienstvisie.check` and every built-in report format. The only exceptions allowed are
`DocumentError` (the document is invalid: exit code 1) and `SourceError` (it cannot be read:
exit code 2), each with at least one message.

The default run tries a modest number of examples per test; a long run is one command (see
docs/development.md):

    DIENSTVISIE_FUZZ=long .venv/bin/pytest tests/test_fuzz.py
"""

from __future__ import annotations

import copy
import json
import math
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import service_concepts
from support import TODAY, strong_service

import dienstvisie
from dienstvisie.documents.load import read_service
from dienstvisie.errors import DienstvisieError, DocumentError, SourceError
from dienstvisie.model.text import Language
from dienstvisie.pipeline.checker import all_checks
from dienstvisie.plugins.manager import Plugins, load_plugins

# ------------------------------------------------------------------------------------- strategies

# every value JSON (and so a YAML document) can hold, plus what Python callers may hand over:
# non-finite floats, huge integers, and text with any code point (surrogates and controls included)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["", "1", "burger", "gemeente", "P1.Q1", "DV301", "2026-02-30", "9999-99-99", "<<", "~", "-", "null"]),
)
KEYS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["dienstvisie", "id", "title", "steps", "organisations", "audience", "nl", "en", "explanations",
                     "assessment", "handover", "asks", "data", "to", "kind", "until", "check", "step", "decision"]),
)
JSON_LIKE = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(KEYS, children, max_size=5)),
    max_leaves=30,
)
# mapping keys Python callers might use by mistake
ODD_KEYS = st.one_of(KEYS, st.integers(), st.none(), st.booleans(), st.floats(allow_nan=True), st.tuples(st.integers()))
ODD_MAPPINGS = st.dictionaries(ODD_KEYS, JSON_LIKE, max_size=6)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into `value` (dict keys and list indexes), the root included."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for token in path[:-1]:
        doc = doc[token]
    return doc


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """A valid service concept with one to five structural mutations."""
    doc: Any = draw(service_concepts())
    for _ in range(draw(st.integers(1, 5))):
        paths = list(_paths(doc))
        path = draw(st.sampled_from(paths))
        operation = draw(st.sampled_from(["replace", "delete", "insert", "duplicate", "swap", "retype"]))
        if not path:
            if operation == "replace":
                doc = draw(JSON_LIKE)
            continue
        parent, token = _parent(doc, path), path[-1]
        if operation == "replace":
            parent[token] = draw(JSON_LIKE)
        elif operation == "delete":
            del parent[token]
        elif operation == "insert":
            if isinstance(parent, dict):
                parent[draw(KEYS)] = draw(JSON_LIKE)
            else:
                parent.insert(token, draw(JSON_LIKE))
        elif operation == "duplicate":
            if isinstance(parent, list):
                parent.insert(token, copy.deepcopy(parent[token]))
            else:
                parent[draw(KEYS)] = copy.deepcopy(parent[token])
        elif operation == "swap":
            other = draw(st.sampled_from(paths))
            if other and other[: len(path)] != path and path[: len(other)] != other:
                parent[token] = copy.deepcopy(_parent(doc, other)[other[-1]])
        else:  # a value of another type that a careless author might write
            current = parent[token]
            parent[token] = draw(st.sampled_from([
                str(current), [current], {"nl": current}, None, 0, -1, True, "", 1.5,
            ]))
    return doc


# pieces of YAML syntax that make a parser work hard: tags, anchors, aliases, merge keys,
# directives, document markers, block scalars, and numbers PyYAML resolves but cannot build
YAML_TOKENS = [token.encode() for token in (
    "0b_", "-0x_", "!!int ", "!!bool ", "!!float ", "!!binary ", "!!set ", "!!python/object:os.system ", "!x ",
    "&a ", "*a", "&b [*a, *a] ", "<<: ", "<<: *a", "? ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "---\n", "...\n",
    "|\n", ">-\n", "\\e", "\\x1b", "\\ud800", '"\\', "~", "null", ".nan", "1e999", "1.0e+999", "9" * 40, "\ufeff",
)]


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """The YAML (or JSON) text of a valid service concept with byte-level damage."""
    doc = draw(service_concepts())
    if draw(st.booleans()):
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=draw(st.sampled_from([False, None])))
    else:
        text = json.dumps(doc, ensure_ascii=False, indent=draw(st.sampled_from([None, 1, 2])))
    data = bytearray(text.encode("utf-8"))
    interesting = list(b":-[]{}&*!|>'\"#%@`,?\t\n\r \x00\xff\xfe\xc3") + list("é€\U0001f600".encode())
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        operation = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate", "repeat", "splice"]))
        if operation == "flip":
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif operation == "set":
            data[where] = draw(st.sampled_from(interesting))
        elif operation == "insert":
            data[where:where] = draw(st.one_of(st.binary(min_size=1, max_size=4),
                                               st.sampled_from(interesting).map(lambda b: bytes([b])),
                                               st.sampled_from(YAML_TOKENS)))
        elif operation == "delete":
            del data[where: where + draw(st.integers(1, 16))]
        elif operation == "truncate":
            del data[where:]
        elif operation == "repeat":
            data[where:where] = data[where: where + draw(st.integers(1, 40))] * draw(st.integers(1, 3))
        else:
            start = draw(st.integers(0, len(data) - 1))
            data[where:where] = data[start: start + draw(st.integers(1, 60))]
    return bytes(data)


# ------------------------------------------------------------------------------------- helpers

_plugins: Plugins | None = None


def builtin_plugins() -> Plugins:
    """The built-in plugin only: fuzzing tests dienstvisie, not whatever else is installed."""
    global _plugins
    if _plugins is None:
        _plugins = load_plugins(entry_points=False)
    return _plugins


def _assert_documented(error: DienstvisieError) -> None:
    assert isinstance(error, (DocumentError, SourceError)), type(error)
    if isinstance(error, DocumentError):
        assert error.problems, "a DocumentError lists at least one problem"
        for problem in error.problems:
            assert problem.message.get("nl") and problem.message.get("en")
    else:
        assert error.message("nl") and error.message("en")
    assert str(error)


def _load(source: Any, filename: str | None = None) -> dienstvisie.Document[dienstvisie.ServiceConcept] | None:
    """The loaded document, or None when it was refused with one of the documented errors."""
    try:
        return read_service(source, filename=filename)
    except DienstvisieError as error:
        _assert_documented(error)
        return None


def _check_and_export(document: dienstvisie.Document[dienstvisie.ServiceConcept], lang: Language = "nl") -> None:
    plugins = builtin_plugins()
    report = dienstvisie.check(document, plugins=plugins, today=TODAY)
    assert report.service == document.model.id
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    run = dienstvisie.CheckRun(reports=(report,), vision=vision, checks=all_checks(vision, plugins),
                               version=dienstvisie.__version__)
    for name, exporter in sorted(plugins.exporters().items()):
        rendered = exporter.render(run, lang)
        assert isinstance(rendered, str) and rendered, name
        if name in ("json", "sarif"):
            json.loads(rendered, parse_constant=_no_constant)  # strict JSON: no NaN, no Infinity


def _no_constant(name: str) -> Any:
    raise AssertionError(f"{name} in JSON output")


def _yaml_text(value: Any) -> str | None:
    try:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False) + "\n"
    except (yaml.YAMLError, UnicodeEncodeError):  # e.g. a lone surrogate has no YAML text
        return None


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)
LANGS = st.sampled_from(["nl", "en"])


# ------------------------------------------------------------------------------------- tests


@FUZZ
@given(JSON_LIKE)
def test_arbitrary_json_like_values_load_or_fail_cleanly(value: Any) -> None:
    if isinstance(value, dict):
        _load(value)
    yaml_text = _yaml_text(value)
    if yaml_text is not None:
        _load(yaml_text, filename="fuzz.yaml")
    _load(_json_text(value), filename="fuzz.json")


@FUZZ
@given(ODD_MAPPINGS)
def test_mappings_with_odd_keys_load_or_fail_cleanly(value: dict[Any, Any]) -> None:
    _load(value)


@FUZZ
@given(mutated_documents(), LANGS)
def test_mutated_documents_load_and_check_or_fail_cleanly(doc: Any, lang: Language) -> None:
    documents = []
    if isinstance(doc, dict):
        documents.append(_load(doc))
    yaml_text = _yaml_text(doc)
    if yaml_text is not None:
        documents.append(_load(yaml_text, filename="fuzz.yaml"))
    documents.append(_load(_json_text(doc), filename="fuzz.json"))
    loaded = [document for document in documents if document is not None]
    # the three ways in agree on whether the document is valid, and on what it says
    if loaded:
        assert all(document.model == loaded[0].model for document in loaded)
        _check_and_export(loaded[0], lang)


@FUZZ
@given(mutated_bytes(), st.sampled_from(["fuzz.yaml", "fuzz.json"]), LANGS)
def test_damaged_files_load_and_check_or_fail_cleanly(data: bytes, name: str, lang: Language) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        document = _load(path)
    if document is not None:
        _check_and_export(document, lang)


@FUZZ
@given(mutated_bytes(), LANGS)
def test_damaged_text_loads_or_fails_cleanly(data: bytes, lang: Language) -> None:
    text = data.decode("utf-8", errors="surrogateescape")
    assume("\n" in text or text.lstrip().startswith("{"))  # else load_service would take it for a path
    document = _load(text, filename="fuzz.yaml")
    if document is not None:
        _check_and_export(document, lang)


@FUZZ
@given(st.text(max_size=40))
def test_any_string_is_a_path_or_text_and_fails_cleanly(value: str) -> None:
    """A string without a line break is a path: names with NUL, very long or odd names are refused cleanly."""
    _load(value)


@FUZZ
@given(st.text(alphabet="0123456789_.:+-eEbxXoabcdfABCDF~nulTrueFalseyYnN<> !", max_size=14),
       st.sampled_from(["", "!!int ", "!!float ", "!!bool ", "!!null ", "!!str ", "!!timestamp "]))
def test_any_plain_scalar_in_yaml_reads_or_fails_cleanly(scalar: str, tag: str) -> None:
    """What PyYAML's resolver takes for a number, bool or date but cannot build (`0b_`) is a problem with its line."""
    text = VALID_TEXT.replace("expected_days: 5", f"expected_days: {tag}{scalar}")
    document = _load(text, filename="fuzz.yaml")
    if document is not None:
        _check_and_export(document)


VALID_TEXT = """dienstvisie: "1"
id: x
title: X
audience: [burger]
organisations: [{id: svb, name: SVB, kind: uitvoeringsorganisatie}]
steps:
  - id: a
    title: A
    organisation: svb
    initiative: burger
    expected_days: 5
"""


@pytest.mark.parametrize(("scalar", "code"), [
    ("0b_", "source.syntax"), ("-0x_", "source.syntax"), ("1" * 5000, "source.syntax"),
    (".nan", "source.not_a_number"), ("-.inf", "source.not_a_number"), ("1.0e+999", "source.not_a_number"),
])
def test_numbers_yaml_cannot_build_are_located_problems(scalar: str, code: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_service(VALID_TEXT.replace("expected_days: 5", f"expected_days: {scalar}"), filename="x.yaml")
    [problem] = caught.value.problems
    assert (problem.code, problem.location.line, problem.location.pointer) == (code, 11, "/steps/0/expected_days")


_VALID_JSON = json.dumps(yaml.safe_load(VALID_TEXT), indent=1)


@pytest.mark.parametrize(("text", "code", "pointer"), [
    (_VALID_JSON.replace('"expected_days": 5', '"expected_days": 1e999'), "source.not_a_number", "/steps/0/expected_days"),
    (_VALID_JSON.replace('"expected_days": 5', '"expected_days": -Infinity'), "source.not_a_number", ""),
    (_VALID_JSON.replace('"expected_days": 5', '"expected_days": ' + "9" * 5000), "source.syntax", "/steps/0/expected_days"),
    (_VALID_JSON.replace('"title": "A"', '"title": "\\ud800"'), "source.syntax", "/steps/0/title"),
    (_VALID_JSON.replace('"title": "A"', '"title": "A", "title": "B"'), "source.duplicate_key", "/steps/0/title"),
    ("[" * 150 + "]" * 150 + "\n", "source.too_deep", None),
])
def test_json_that_no_model_can_hold_is_a_problem(text: str, code: str, pointer: str | None) -> None:
    with pytest.raises(DocumentError) as caught:
        read_service(text, filename="x.json")
    [problem] = caught.value.problems
    assert problem.code == code
    if pointer is not None:
        assert problem.location.pointer == pointer
    if pointer:
        assert problem.location.line is not None


def _deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _cyclic() -> dict[str, Any]:
    data: dict[str, Any] = {"dienstvisie": "1"}
    data["steps"] = [data]
    return data


def _wide() -> dict[str, Any]:  # a billion laughs made of Python references: walked, never copied
    level: Any = ["lol"] * 10
    for _ in range(9):
        level = [level] * 10
    return {"dienstvisie": "1", "x": level}


@pytest.mark.parametrize(("data", "code"), [
    ({"dienstvisie": "1", "steps": [{"expected_days": math.inf}]}, "source.not_a_number"),
    ({"dienstvisie": "1", "x": math.nan}, "source.not_a_number"),
    ({"dienstvisie": "1", 7: "x"}, "source.key_type"),
    ({"dienstvisie": "1", ("a",): "x"}, "source.key_type"),
    ({"dienstvisie": "1", "title": "\udc80"}, "source.syntax"),
    ({"dienstvisie": "1", "x": _deep(5000)}, "source.too_deep"),
    (_cyclic(), "source.too_deep"),
    (_wide(), "source.too_many_nodes"),
])
def test_mappings_no_document_could_hold_are_refused_before_the_schema(data: dict[Any, Any], code: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_service(data)
    assert [problem.code for problem in caught.value.problems] == [code]


# ------------------------------------------------------------------------------------- classes of hostile input
# Each class the hostile test found (tests/test_hostile_inputs.py has one sample of each) is
# generated here in its many forms.

WIDE_ENCODINGS = st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])


@FUZZ
@given(service_concepts(), WIDE_ENCODINGS, st.booleans())
def test_any_document_in_another_unicode_encoding_is_named_not_called_binary(doc: Any, encoding: str,
                                                                             as_json: bool) -> None:
    text = _json_text(doc) if as_json else _yaml_text(doc)
    assume(text is not None)
    assert text is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("fuzz.json" if as_json else "fuzz.yaml")
        path.write_bytes(text.encode(encoding))
        with pytest.raises(DocumentError) as caught:
            read_service(path)
    [problem] = caught.value.problems
    expected = encoding.upper().replace("-", "")[:5]  # UTF16 / UTF32
    assert problem.code == "source.encoding" and expected in problem.message.en.replace("-", ""), problem.message.en
    assert problem.hint is not None and "iconv" in problem.hint.en


@FUZZ
@given(st.binary(min_size=1, max_size=600).filter(lambda data: b"\x00" in data))
def test_binary_data_is_binary_or_some_encoding_never_a_crash(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        with pytest.raises(DocumentError) as caught:
            read_service(path)
    assert [problem.code for problem in caught.value.problems] in (["source.binary"], ["source.encoding"])


# Text a person sees: whatever a document's texts hold (every kind of line break, the bidi controls,
# escape sequences, non-characters), each stays on its own line of the text and Markdown reports,
# and no human-readable format passes on a bidi control or a non-character. The text is put between
# ⟦ and ⟧ (which it never holds): both must stand on the same line.
HOSTILE_CHARACTERS = st.sampled_from(list("\n\r\x0b\x0c\x85\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067"
                                          "\u2068\u2069\x1b\x07\x9b\ufffe\uffff\t #|*_[]()<>&=+-@`\\"))
HOSTILE_TEXT = st.text(st.one_of(HOSTILE_CHARACTERS, st.characters(codec="utf-8", exclude_characters="⟦⟧")),
                       min_size=1, max_size=30)
_BIDI_OR_NONCHARACTER = re.compile("[\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _with_texts(texts: list[str]) -> dict[str, Any]:
    from support import strong_service

    data = strong_service()
    marked = [f"⟦{text}⟧" for text in texts]
    data["title"] = {"nl": marked[0], "en": marked[1]}
    data["organisations"][1]["name"] = marked[2]
    data["steps"][0]["title"] = marked[3]
    data["steps"][0]["handover"]["kind"] = "cold"  # DV101 fails in that step, and is explained:
    data["explanations"] = [{"check": "DV101", "step": "aangifte", "reason": marked[4], "decided_by": marked[5],
                             "until": "2099-12-31"}]
    return data


def _human_outputs(document: dienstvisie.Document[dienstvisie.ServiceConcept], lang: Language) -> dict[str, str | bytes]:
    plugins = builtin_plugins()
    report = dienstvisie.check(document, plugins=plugins, today=TODAY)
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    run = dienstvisie.CheckRun(reports=(report,), vision=vision, checks=dienstvisie.api.all_checks(vision, plugins),
                               version=dienstvisie.__version__)
    outputs: dict[str, str | bytes] = {name: exporter.render(run, lang) for name, exporter in plugins.exporters().items()
                                       if name not in ("json", "sarif")}
    try:
        from dienstvisie_xlsx import render_xlsx
    except ImportError:  # the plugin is not installed
        pass
    else:
        outputs["xlsx"] = render_xlsx(run, lang)
    return outputs


@FUZZ
@given(st.lists(HOSTILE_TEXT, min_size=6, max_size=6), LANGS)
def test_no_document_text_leaves_its_line_or_reorders_what_a_person_sees(texts: list[str], lang: Language) -> None:
    import io
    import xml.etree.ElementTree as ET

    document = _load(_with_texts(texts))
    assume(document is not None)
    assert document is not None
    for name, output in _human_outputs(document, lang).items():
        if isinstance(output, bytes):  # a workbook: well-formed, so it opens at all
            import openpyxl

            workbook = openpyxl.load_workbook(io.BytesIO(output))
            cells = [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
                     if isinstance(cell.value, str)]
            assert not any(_BIDI_OR_NONCHARACTER.search(cell) for cell in cells), name
            continue
        found = _BIDI_OR_NONCHARACTER.search(output)
        assert found is None, f"{name}: U+{ord(found.group()):04X}"
        if name in ("text", "markdown"):
            for line in output.splitlines():  # str.splitlines breaks at every Unicode line break
                assert line.count("⟦") == line.count("⟧"), f"{name}: a text runs over lines: {line!r}"
            assert not re.search("[\r\x0b\x0c\x85\u2028\u2029]", output), name
        if name == "junit":
            ET.fromstring(output.encode("utf-8"))


# IRIs: any schema-valid `upl` (`^https?://\S+$`) is written as Turtle that parses, with nothing raw in it.
IRI_TAIL = st.text(st.one_of(st.sampled_from(list('\x1b\x07\x00\x7f\x9b<>"{}|^`\\\u202e\u2066%#')),
                             st.characters(codec="utf-8")), min_size=1, max_size=30).filter(
    lambda tail: not re.search(r"\s", tail))


@FUZZ
@given(IRI_TAIL)
def test_any_schema_valid_upl_is_written_as_turtle_that_parses(tail: str) -> None:
    export = pytest.importorskip("dienstvisie_cpsv_ap.export")
    import rdflib
    from support import strong_service

    data = strong_service()
    data["upl"] = "http://standaarden.overheid.nl/owms/terms/" + tail
    document = _load(data)
    assume(document is not None)
    assert document is not None
    plugins = builtin_plugins()
    report = dienstvisie.check(document, plugins=plugins, today=TODAY)
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    run = dienstvisie.CheckRun(reports=(report,), vision=vision, checks=dienstvisie.api.all_checks(vision, plugins),
                               version=dienstvisie.__version__)
    turtle = export.render_turtle(run, "nl")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", turtle)
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(graph) > 10


# Output names (item 18 of issue 13): any name a file system takes can be written, and nothing else is left.
OUTPUT_NAMES = st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=255).filter(
    lambda name: name not in (".", "..") and len(name.encode("utf-8")) <= 255)


@FUZZ
@given(OUTPUT_NAMES)
def test_any_name_the_file_system_takes_can_be_written_atomically(name: str) -> None:
    from dienstvisie.documents.write import AtomicFile, write_atomic

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name
        write_atomic(target, "rapport")
        assert target.read_text() == "rapport"
        streamed = AtomicFile(target)
        streamed.write("nieuw")
        streamed.commit()
        assert target.read_text() == "nieuw" and [p.name for p in Path(folder).iterdir()] == [name]


# Baselines (item 5 of issue 13): whatever findings are recorded, the file the tool writes is read
# back as the same baseline; the limits meant for a service concept play no part in it.
FINGERPRINT_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20)


@FUZZ
@given(st.lists(st.tuples(FINGERPRINT_TEXT, st.from_regex(r"[A-Z][A-Z0-9]{0,3}[0-9]{1,3}", fullmatch=True),
                          st.one_of(st.just(""), FINGERPRINT_TEXT.map(lambda text: "/" + text)),
                          st.one_of(st.none(), FINGERPRINT_TEXT), st.integers(1, 3)), max_size=40))
def test_any_recorded_baseline_is_read_back_as_recorded(entries: list[tuple[str, str, str, str | None, int]]) -> None:
    from dienstvisie.analysis.baseline import Fingerprint, read_baseline, record, render

    found = [Fingerprint(service=service, check=check, path=path, step=step)
             for service, check, path, step, times in entries for _ in range(times)]
    recorded = record(found, vision="gezamenlijke-dienstverlening")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "baseline.json"
        path.write_text(render(recorded), encoding="utf-8")
        assert read_baseline(path).services == recorded.services
# ------------------------------------------------------------------------- patterns in rule sets

# the pieces catastrophic and unusual regular expressions are made of
REGEX_PIECES = st.sampled_from([
    "a", "b", ".", "+", "*", "?", "(", ")", "|", "^", "$", "[a-z]", "[^a]", "\\d", "\\w", "\\s", "\\1", "\\Z", "\\z",
    "{2}", "{1,3}", "{1001}", "{99999999999}", "{,}", "(?=", "(?!", "(?<=", "(?P<n>", "(?:", "(?i)", "\\p{L}", "[[:alpha:]]",
    "\\", "]", "[", "}", "{", "é", "\u202e", "\x00",
])
REGEXES = st.lists(REGEX_PIECES, max_size=14).map("".join)


@FUZZ
@given(REGEXES, st.sampled_from(["pattern", "patternProperties", "format"]), st.text("ab!é ", max_size=60),
       st.integers(min_value=0, max_value=60))
def test_any_pattern_in_a_rule_set_is_refused_cleanly_or_runs_in_bounded_time(
        pattern: str, place: str, text: str, repeat: int) -> None:
    """Whatever the pattern, reading the rule set raises only DocumentError; a pattern that is taken
    runs on any title, including the long runs that make backtracking engines explode."""
    import time

    from dienstvisie.plugins.rulesets import load_ruleset

    title = {"type": "object", "properties": {"nl": {"pattern": pattern}}} if place == "pattern" else (
        {"patternProperties": {pattern: {"type": "string"}}} if place == "patternProperties"
        else {"properties": {"nl": {"format": "regex"}}})
    data = {"dienstvisie_ruleset": "1", "id": "fuzz", "name": "Fuzz", "rules": [
        {"id": "FZ101", "title": "t", "message": "m", "principles": ["P1"], "severity": "minor", "target": "service",
         "require": {"properties": {"title": title}}}]}
    try:
        ruleset = load_ruleset(data)
    except DocumentError as error:
        assert error.problems
        return
    plugins = load_plugins(entry_points=False, rulesets=[ruleset])
    assert plugins.failures == []
    service = strong_service()
    service["title"] = {"nl": (text + "a" * repeat + "!") if place != "format" else pattern.replace("\x00", "") or "x"}
    started = time.monotonic()
    report = dienstvisie.check(service, plugins=plugins, select=["FZ101"], today=TODAY, check_timeout=None)
    assert time.monotonic() - started < 5
    assert [f.status.value for f in report.findings] in (["passed"], ["failed"])
