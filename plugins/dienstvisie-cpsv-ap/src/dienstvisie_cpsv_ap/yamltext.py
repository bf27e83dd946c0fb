"""Block-style YAML with comments, for drafts a person will read and complete.

`write_yaml(data, comments)` writes plain data (dicts, lists, str, int, float, bool, None) the way
the shipped examples look, and places comments by JSON pointer:

- `Comments.after[pointer]`: at the end of the line of that key or item;
- `Comments.before[pointer]`: full lines above that key or item;
- `Comments.inside[pointer]`: full lines at the end of the mapping at that pointer (for what is
  missing from it, such as a step's hand-over).

Scalars are written by PyYAML, so quoting is always right; the result reads back to `data`.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import yaml

_WIDTH = 1_000_000


@attrs.define
class Comments:
    """Comments for a YAML document, by JSON pointer (see the module docstring)."""

    header: list[str] = attrs.field(factory=list)
    after: dict[str, str] = attrs.field(factory=dict)
    before: dict[str, list[str]] = attrs.field(factory=dict)
    inside: dict[str, list[str]] = attrs.field(factory=dict)


# what a YAML stream may not hold raw (PyYAML refuses it): C0 and C1 controls, DEL, surrogates
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _one_line(text: str) -> str:
    """A comment's text: on one line, without characters a YAML file (or a terminal) must not hold."""
    return " ".join(_NOT_PRINTABLE.sub("\ufffd", text).split())


def scalar(value: Any) -> str:
    """One scalar (or a short list of scalars, in flow style) as YAML text."""
    if isinstance(value, str) and (_NOT_PRINTABLE.search(value) or any(c in value for c in "\n\r\t\x85\u2028\u2029")):
        # double-quoted, with escapes: on one line, and nothing unprintable reaches the file raw
        quoted = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=_WIDTH)
        return quoted.strip().removesuffix("...").strip()
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=_WIDTH, sort_keys=False)
    # PyYAML ends a lone plain scalar with a document end marker on a line of its own ("abc\n...\n");
    # only that line goes, never dots of the value itself ("Meer lezen...", an id "0-...")
    return text.strip().removesuffix("\n...")


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _is_flat_list(value: Any) -> bool:
    return isinstance(value, list) and all(_is_scalar(item) for item in value)


class _Writer:
    def __init__(self, comments: Comments) -> None:
        self.comments = comments
        self.lines: list[str] = []

    def _emit(self, text: str, pointer: str) -> None:
        comment = self.comments.after.get(pointer)
        self.lines.append(f"{text}  # {_one_line(comment)}" if comment else text)

    def _before(self, pointer: str, indent: int) -> None:
        for line in self.comments.before.get(pointer, []):
            self.lines.append(" " * indent + "# " + _one_line(line) if line else " " * indent + "#")

    def _inside(self, pointer: str, indent: int) -> None:
        for line in self.comments.inside.get(pointer, []):
            self.lines.append(" " * indent + "# " + _one_line(line))

    def mapping(self, data: dict[str, Any], pointer: str, indent: int, first_prefix: str | None = None) -> None:
        """A mapping at `indent`; with `first_prefix` ("- ") its first key goes on the item's line."""
        for position, (key, value) in enumerate(data.items()):
            child = f"{pointer}/{key}"
            pad = " " * indent
            if position == 0 and first_prefix is not None:
                lead = " " * (indent - len(first_prefix)) + first_prefix
            else:
                self._before(child, indent)
                lead = pad
            self.value(f"{lead}{key}:", value, child, indent)
        self._inside(pointer, indent)

    def value(self, lead: str, value: Any, pointer: str, indent: int) -> None:
        if _is_scalar(value) or _is_flat_list(value):
            self._emit(f"{lead} {scalar(value)}", pointer)
        elif isinstance(value, dict):
            if not value:
                self._emit(f"{lead} {{}}", pointer)
                self._inside(pointer, indent + 2)
                return
            self._emit(lead, pointer)
            self.mapping(value, pointer, indent + 2)
        elif isinstance(value, list):
            self._emit(lead, pointer)
            for index, item in enumerate(value):
                child = f"{pointer}/{index}"
                self._before(child, indent + 2)
                if isinstance(item, dict) and item:
                    self.mapping(item, child, indent + 4, first_prefix="- ")
                else:
                    self._emit(f"{' ' * (indent + 2)}- {scalar(item)}", child)
        else:
            raise TypeError(f"cannot write {type(value).__name__} as YAML")


def write_yaml(data: dict[str, Any], comments: Comments | None = None) -> str:
    """`data` as block-style YAML with `comments` placed by JSON pointer."""
    comments = comments or Comments()
    writer = _Writer(comments)
    for line in comments.header:
        writer.lines.append(("# " + _one_line(line)) if line else "#")
    writer.mapping(data, "", 0)
    return "\n".join(writer.lines) + "\n"
