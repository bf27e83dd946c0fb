"""orjson writes the reports' JSON byte for byte as json.dumps(ensure_ascii=False, indent=2) did.

exporters/_json.py takes orjson's text unless it might differ; these tests try what could differ:
every code point in text and keys, floats of every size, big integers, keys that are not text,
nesting and empty containers. The golden reports (tests/test_golden.py) cover the whole corpus.
"""

from __future__ import annotations

import json
import random
import struct
import sys
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from dienstvisie.exporters import _json


def _reference(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def test_every_code_point_is_written_the_same() -> None:
    every = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]
    for start in range(0, len(every), 4096):
        chunk = every[start:start + 4096]
        data = {"".join(chunk[:64]): chunk}
        assert _json.dumps(data) == _reference(data)
        assert orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() == _reference(data), "orjson itself, no fallback"


def test_floats_of_every_size_are_written_the_same() -> None:
    rng = random.Random(16)
    floats = [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(50_000)]
    floats += [round(rng.random() * rng.choice([1, 100, 1e6, 1e-3, 1e-6, 1e20]), rng.randint(0, 17)) for _ in range(50_000)]
    floats += [0.0, -0.0, 1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 5e-324, 1.7976931348623157e308, 0.1, 100.0, 33.3]
    finite = [value for value in floats if value == value and abs(value) != float("inf")]
    for value in finite:
        assert _json.dumps({"score": value, "list": [value]}) == _reference({"score": value, "list": [value]}), value


def test_orjson_writes_an_exponent_always_with_its_sign() -> None:
    """What exporters/_json.py relies on to see a float it must leave to json."""
    rng = random.Random(1)
    values = [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(1_000_000)]
    values += [float(f"1e{exponent}") for exponent in range(-330, 310)]
    for value in values:
        if value == value and abs(value) != float("inf"):
            text = orjson.dumps(value)
            assert b"E" not in text and not any(text[i:i + 1] == b"e" and text[i + 1:i + 2].isdigit()
                                                for i in range(len(text))), (value, text)


def test_the_fallback_is_taken_where_orjson_differs() -> None:
    for data in ({"score": 1e-05}, [1e+16], 2 ** 70, {1: "a"}, {None: 1}, {"a": [2 ** 64]}, 3e-7):
        assert _json.dumps(data) == _reference(data)
    assert orjson.dumps({"score": 1e-05}, option=orjson.OPT_INDENT_2).decode() != _reference({"score": 1e-05})


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=500)
@given(JSON)
def test_generated_data_is_written_the_same(data: Any) -> None:
    assert _json.dumps(data) == _reference(data)


def test_text_that_looks_like_a_float_inside_a_string_changes_nothing() -> None:
    data = {"message": 'score": 1e-05 and\n  1e5', "items": ["0.00001", '": 1E9', "see-e-mail"]}
    assert _json.dumps(data) == _reference(data)


def test_the_reports_of_the_golden_corpus_take_the_fast_path() -> None:
    """Not a speed test: proof that orjson's text is the one used for real reports (no fallback)."""
    import gzip
    from pathlib import Path

    for name in ("run.en.json", "run.nl.sarif", "run.en.gitlab"):
        text = gzip.decompress((Path(__file__).parent / "golden" / "reports" / f"{name}.gz").read_bytes()).decode()
        assert not _json._may_differ(text), name


@given(st.one_of(st.none(), st.text(max_size=5)), st.one_of(st.none(), st.text(max_size=5)))
def test_the_reports_texts_are_what_unstructure_gives(nl: str | None, en: str | None) -> None:
    """json_report builds a text's data itself (faster than cattrs, some sixty texts a service)."""
    from dienstvisie.documents.structure import unstructure
    from dienstvisie.exporters.json_report import _text
    from dienstvisie.model.text import Text

    if nl is None and en is None:  # no such Text
        return
    text = Text(nl=nl, en=en)
    assert _text(text) == unstructure(text)
    assert list(_text(text) or {}) == list(unstructure(text))  # the same key order, so the same bytes
    assert _text(None) is None
