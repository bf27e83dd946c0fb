"""Which dienstvisie format a text declares, read from its top-level format key without validating it.

Every dienstvisie document names its format in a top-level key: `dienstvisie:` for a service
concept, `dienstvisie_ruleset:`, `dienstvisie_vision:`, `dienstvisie_vocabulary:`,
`dienstvisie_baseline:`, `dienstvisie_report:`, `dienstvisie_portfolio:`, `dienstvisie_diff:` for
the others. Discovery reads that key so that a folder can hold rule sets, baselines, reports and
unrelated YAML (mkdocs.yml, CI files) beside the service concepts: only files declaring
`dienstvisie:` are checked. This is a look at the text, not a parse: a service concept with a
syntax error still declares its format and is taken, so the loader can say what is wrong.
"""

from __future__ import annotations

import json
import re

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
# block-style YAML: a top-level key starts in the first column
_TOP_LEVEL_KEY = re.compile(r"^" + _KEY + r"(?:[ \t]|$)", re.MULTILINE)
# flow-style YAML or JSON that does not parse: the key anywhere
_ANY_KEY = re.compile(_KEY)


def _format(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    key = next(group for group in match.groups() if group)
    return FORMATS.get(key)


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
        return next((FORMATS[key] for key in data if key in FORMATS), None)
    return _format(_TOP_LEVEL_KEY.search(text))
