"""JSON text exactly as `json.dumps(data, ensure_ascii=False, indent=2)` writes it, made by orjson.

Why: with `indent`, the standard library's encoder runs in Python, and for the JSON and SARIF
reports it cost as much as validating the documents; orjson writes the same text some ten times
faster. The two agree byte for byte on every character of text (tests/test_json_text.py tries every
code point), on integers, on `null`/`true`/`false`, on empty containers and on indentation; they
differ only in how some floats are spelt (json writes `1e-05`, orjson `0.00001`), on integers
beyond 64 bits, on keys that are not text, and on values orjson does not know. So: orjson writes,
and where its text holds a number in exponent form or below 0.0001, or where it refuses the data,
`json.dumps` writes instead. The reports' only floats are the scores (0–100, one decimal), so the
fallback is for data from elsewhere (a plugin's report).

Not finite floats (NaN, infinity) are not JSON: the reports never hold one (a score without scored
checks is None), and this function is not meant for them (orjson would write `null`).
"""

from __future__ import annotations

import json
import re
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; a platform without a wheel still works
    orjson = None  # type: ignore[assignment]

# orjson spells a float in exponent form always with a sign after a digit (`1e+16`, `5e-324`;
# tests/test_json_text.py tries a million), and one below 0.0001 starting `0.0000`: where its
# spelling may differ from json's. A regular expression starting with a literal is fast (0.2 ms a
# megabyte); text that merely looks like such a number sends the data to json, which is only slower.
_EXPONENT = re.compile(r"e[-+][0-9]")


def _may_differ(text: str) -> bool:
    if "0.0000" in text:
        return True
    return any(match.start() and text[match.start() - 1].isdigit() for match in _EXPONENT.finditer(text))


def dumps(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, byte for byte, faster."""
    if orjson is not None:
        try:
            text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
        except (TypeError, ValueError):  # JSONEncodeError is a TypeError; big integers, non-text keys
            pass
        else:
            if not _may_differ(text):
                return text
    return json.dumps(data, ensure_ascii=False, indent=2)
