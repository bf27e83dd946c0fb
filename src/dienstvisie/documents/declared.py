"""Which dienstvisie format a text declares, read from its top-level format key without validating it.

Every dienstvisie document names its format in a top-level key: `dienstvisie:` for a service
concept, `dienstvisie_ruleset:`, `dienstvisie_vision:`, `dienstvisie_vocabulary:`,
`dienstvisie_baseline:`, `dienstvisie_report:`, `dienstvisie_portfolio:`, `dienstvisie_diff:` for
the others. Discovery reads that key so that a folder can hold rule sets, baselines, reports and
unrelated YAML (mkdocs.yml, CI files) beside the service concepts: only files declaring
`dienstvisie:` are checked. This is a look at the text, not a parse: a service concept with a
syntax error still declares its format and is taken, so the loader can say what is wrong.

The key's value is the format's version, a scalar (`dienstvisie: "2"`; left empty, the loader
says it is missing): a key whose value is a nested mapping or list is something else that happens
to have that name, such as a GitLab CI job called `dienstvisie:`, and declares nothing.
"""

from __future__ import annotations

import json
import re
from typing import Final

SERVICE = "service"
#: the format of each top-level key
FORMATS: dict[str, str] = {
    "dienstvisie": SERVICE,
    "dienstvisie_ruleset": "ruleset",
    "dienstvisie_vision": "vision",
    "dienstvisie_vocabulary": "vocabulary",
    "dienstvisie_baseline": "baseline",
    "dienstvisie_report": "report",
    "dienstvisie_portfolio": "portfolio",
    "dienstvisie_diff": "diff",
}

_KEY = r"(?:\"(dienstvisie(?:_[a-z]+)?)\"|'(dienstvisie(?:_[a-z]+)?)'|(dienstvisie(?:_[a-z]+)?))[ \t]*:"
# block-style YAML: a top-level key starts in the first column; what follows it on its line
_TOP_LEVEL_KEY = re.compile(r"^" + _KEY + r"(?P<rest>(?:[ \t].*)?)$", re.MULTILINE)
# the next line that is neither blank nor a comment
_NEXT_LINE = re.compile(r"^(?![ \t]*(?:#.*)?$).*$", re.MULTILINE)
# flow-style YAML or JSON that does not parse: the key anywhere
_ANY_KEY = re.compile(_KEY)


def _format(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    key = next(group for group in match.groups()[:3] if group)
    return FORMATS.get(key)


def _nested(text: str, match: re.Match[str]) -> bool:
    """Is the value of this top-level key a block below it (a mapping or list), not a version?"""
    rest = match["rest"].split(" #", 1)[0].strip()
    if rest:
        return rest[0] in "[{"  # a flow mapping or list
    following = _NEXT_LINE.search(text, match.end() + 1)
    return following is not None and following[0][:1] in (" ", "\t", "-")


def declared_format(text: str) -> str | None:
    """The format a YAML or JSON text declares (`service`, `ruleset`, `baseline` …), or None when it
    declares none of dienstvisie's formats."""
    if text.lstrip().startswith(("{", "[")):  # JSON, or YAML written as JSON
        try:
            data = json.loads(text)
        except ValueError:
            return _format(_ANY_KEY.search(text))
        if not isinstance(data, dict):
            return None
        return next((FORMATS[key] for key, value in data.items()
                     if key in FORMATS and isinstance(value, (str, int)) and not isinstance(value, bool)), None)
    for match in _TOP_LEVEL_KEY.finditer(text):
        if _format(match) is not None:
            return None if _nested(text, match) else _format(match)
    return None


UNSURE: Final = "?"
"""What `declared_in_prefix` says when the first bytes of a file do not settle the question."""


def declared_in_prefix(raw: bytes) -> str | None:
    """The format the whole file declares, decided from its first bytes `raw` when they settle it
    exactly as `declared_format` would on the whole text; else `UNSURE` (read the rest).

    Why this is exact: the prefix is cut after its last line break, so every line in it is a whole
    line of the file, decoded as in the whole text (a line break is never part of a UTF-8 sequence,
    and what `errors="replace"` replaces is decided before it). A top-level key is a match within one
    line, so the first key of a known format in those lines is the first in the file; whether it is
    nested is decided by the rest of its line or by the next line that is neither blank nor a comment,
    and only when that line lies in the prefix too. JSON (the text opens with `{` or `[`), a prefix
    of nothing but blank space, and a prefix without such a key are `UNSURE`.
    """
    cut = raw.rfind(b"\n")
    if cut < 0:
        return UNSURE
    text = raw[:cut + 1].decode("utf-8-sig", errors="replace")
    opening = text.lstrip()
    if not opening or opening.startswith(("{", "[")):
        return UNSURE
    for match in _TOP_LEVEL_KEY.finditer(text):
        kind = _format(match)
        if kind is None:
            continue
        rest = match["rest"].split(" #", 1)[0].strip()
        if rest:
            return None if rest[0] in "[{" else kind
        following = _NEXT_LINE.search(text, match.end() + 1)
        if following is None:
            return UNSURE
        return None if following[0][:1] in (" ", "\t", "-") else kind
    return UNSURE
