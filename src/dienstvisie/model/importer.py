"""An input format: a name for `dienstvisie import NAME FILE` and a function that reads a file
into a service-concept draft."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from .text import Language, Text


@attrs.frozen
class Draft:
    """What an importer makes of a file: a service-concept document in YAML, and what it could not fill.

    `text` must validate against the service-concept schema (choose defaults that validate and
    mark them in YAML comments, with a `# TODO` list for the team). `gaps` says, in both
    languages, what the source could not tell; `dienstvisie import` prints them on stderr.
    """

    text: str
    gaps: tuple[Text, ...] = ()


ReadFunction = Callable[[str, Language], Draft]


@attrs.frozen
class Importer:
    """A format that `dienstvisie import` reads. `read(path, lang)` reads the file at `path` and
    returns a `Draft` (YAML comments in `lang`); it raises `SourceError` when the file cannot be
    read and `DocumentError` when it is not valid in its format. It writes nothing itself."""

    name: str
    title: Text
    suffixes: tuple[str, ...]
    read: ReadFunction = attrs.field(eq=False, repr=False)
