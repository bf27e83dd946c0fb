"""Migrate a document's text to format 2 and keep its comments and layout.

The migration changes two things (documents/migrate.py): the `dienstvisie` value, and each step's
`handover` key, whose value becomes a list of one. Both are edited in place in the text, at the
positions the YAML parser reports, so every comment, blank line and quoting style stays:

    handover:                 handovers:
      to: svb          →        - to: svb
      kind: data                  kind: data

and `handover: {to: svb, kind: data}` becomes `handovers: [{to: svb, kind: data}]`. The result is
parsed again and must give exactly the data `migrate_data` gives; where it does not (an unusual
layout), the document is written anew from its data instead, and `comments_kept` says so. JSON has
no comments: it is written anew, indented by two spaces.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import yaml

from ..errors import DienstvisieError
from .migrate import TARGET_FORMAT, migrate_data


@attrs.frozen
class MigratedText:
    """The format-2 text of a document; `comments_kept` is False when it was written anew."""

    text: str
    comments_kept: bool


Edit = tuple[int, int, str]  # replace text[start:end] with the string


def _key(node: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key, value
    return None


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_edits(text: str, key: yaml.Node, value: yaml.Node) -> list[Edit]:
    """`handover:` with a block mapping below it: a dash before its first key, its lines two deeper."""
    key_column = key.start_mark.column
    start = value.start_mark.index
    edits: list[Edit] = [(start, start, "- ")]
    position = text.find("\n", start)
    while position != -1 and position + 1 < len(text):
        line_start = position + 1
        line_end = text.find("\n", line_start)
        line = text[line_start: line_end if line_end != -1 else len(text)]
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and _indentation(line) <= key_column:
            break
        if stripped and _indentation(line) > key_column:
            edits.append((line_start, line_start, "  "))
        position = line_end
    return edits


def _yaml_edits(text: str) -> list[Edit]:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return []
    edits: list[Edit] = []
    version = _key(root, "dienstvisie")
    if version is not None:
        _, node = version
        edits.append((node.start_mark.index, node.end_mark.index, f'"{TARGET_FORMAT}"'))
    steps = _key(root, "steps")
    if steps is not None and isinstance(steps[1], yaml.SequenceNode):
        for step in steps[1].value:
            found = _key(step, "handover") if isinstance(step, yaml.MappingNode) else None
            if found is None:
                continue
            key, value = found
            edits.append((key.start_mark.index, key.end_mark.index, "handovers"))
            if isinstance(value, yaml.MappingNode) and not value.flow_style:
                edits += _block_edits(text, key, value)
            else:
                edits += [(value.start_mark.index, value.start_mark.index, "["), (value.end_mark.index, value.end_mark.index, "]")]
    return edits


def _apply(text: str, edits: list[Edit]) -> str:
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _anew(data: dict[str, Any], is_json: bool) -> str:
    if is_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def migrate_text(text: str, data: dict[str, Any], reparse: Callable[[str], Any], *, is_json: bool = False) -> MigratedText:
    """The format-2 text of a document whose text is `text` and plain data `data`.

    `reparse` reads text back into plain data (the project's own parser), to prove the edit."""
    target = migrate_data(data)
    if is_json:
        return MigratedText(_anew(target, True), True)  # JSON has no comments to keep
    try:
        edited = _apply(text, _yaml_edits(text))
        if reparse(edited) == target:
            return MigratedText(edited, True)
    except (yaml.YAMLError, DienstvisieError, ValueError, RecursionError):
        pass  # an edit the parser does not read back as intended: write the document anew
    return MigratedText(_anew(target, False), False)
