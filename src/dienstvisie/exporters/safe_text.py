"""Document text made safe to show to a person, shared by every human-readable format.

A service concept is written by anyone; its texts reach terminals, HTML pages, Markdown, CSV,
spreadsheets and XML. Two helpers, so that each format does not decide on its own:

* `clean` for formats that escape their own syntax (HTML, Markdown, CSV, XML, xlsx): removes what
  they cannot carry or should not show — control characters, lone surrogates, the non-characters
  U+FFFE and U+FFFF (not well-formed in XML), and the bidirectional controls;
* `terminal_safe` for terminal text: the same, and every line break shown as a visible ↵, so a
  text is one line of the report and cannot forge lines of its own.

Machine formats (JSON, SARIF, RDF) keep text exact: their parsers hand it over unchanged.
"""

from __future__ import annotations

import re

# Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): they
# reorder what a reader sees ("Trojan Source"), so a document could make `DV101 failed` read as
# something else. No human-readable format passes them on; the JSON formats keep text exact.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"

_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{BIDI_CONTROLS}]")


def clean(text: str) -> str:
    """`text` without characters XML and HTML cannot carry or should not: control characters (C0
    but tab and line ends, DEL, the C1 range such as the 8-bit escape U+009B), lone surrogates,
    the non-characters U+FFFE and U+FFFF, and the bidirectional controls; each becomes U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


_TERMINAL_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{BIDI_CONTROLS}]")
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
LINE_BREAK_MARK = "\u21b5"  # ↵


def terminal_safe(text: str) -> str:
    """`text` as one line of terminal text that cannot steer the terminal nor pass for a line of the
    report: each line break (also CR, VT, FF, NEL, U+2028, U+2029) becomes a visible ↵, so a title
    cannot print a line of its own (a fake `PASS 30 passed` under a failing run); control
    characters (ESC, BEL, the C1 range, …), bidirectional controls, lone surrogates and the
    non-characters become U+FFFD, so a document cannot clear the screen, recolour, retitle,
    overwrite or reorder a line. Tabs stay."""
    return _TERMINAL_UNSAFE.sub("\ufffd", _LINE_BREAKS.sub(LINE_BREAK_MARK, text))


