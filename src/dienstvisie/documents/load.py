"""Read vision and service-concept documents from files, text or mappings (the I/O edge).

Every failure is one exception: `SourceError` when a file cannot be read (exit code 2) and
`DocumentError` when it can be read but is invalid (exit code 1), listing every problem with
file, line, column, JSON pointer and a hint.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, Union

from ..errors import DocumentError, SourceError
from ..i18n import message, os_reason
from ..model.document import Document
from ..model.problem import Location, Problem
from ..model.service import ServiceConcept
from ..model.source_map import ParsedSource, SourceMap
from ..model.vision import Vision
from ..model.vocabulary import Vocabularies, Vocabulary
from ..visions import DEFAULT_VISION_ID
from .bounded_read import Stalled, kind_of, read_bounded
from .parse import ParseError, parse_json_text, parse_text, plain_data_problems
from .stdin import is_stdin, read_stdin_bytes
from .structure import structure, structure_service, structure_vision
from .validate import schema_problems, service_reference_problems, vision_reference_problems

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

Source = Union[str, "os.PathLike[str]", Mapping[str, Any]]
M = TypeVar("M")


def max_bytes_from_environment() -> int:
    """The size limit for one document: DIENSTVISIE_MAX_BYTES, or 10 MB."""
    value = os.environ.get("DIENSTVISIE_MAX_BYTES", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_BYTES


def read_text(path: str | os.PathLike[str], max_bytes: int | None = None) -> str:
    """The text of a document file, refusing what is missing, too large, binary or not UTF-8.

    Pipes and devices are read within bounds of size and of silence (see `bounded_read`)."""
    name = os.fspath(path)
    limit = max_bytes if max_bytes is not None else max_bytes_from_environment()
    file = Path(name)
    try:
        mode: int | None = None  # standard input: a stream of unknown kind
        if is_stdin(path):  # `-` or a StdinSource: standard input (a Path('-') is a file called `-`)
            raw = read_stdin_bytes(limit)
        elif file.is_dir():
            raise SourceError(name, message("source.directory").get("nl"), message("source.directory").get("en"))
        else:
            raw, mode = read_bounded(name, limit)
    except FileNotFoundError:
        raise SourceError(name, message("source.missing").get("nl"), message("source.missing").get("en")) from None
    except Stalled as stalled:
        text = message("source.stalled", seconds=f"{stalled.seconds:g}", kind=stalled.kind)
        hint = message("source.stalled.hint")
        raise SourceError(name, f"{text.get('nl')}. {hint.get('nl')}", f"{text.get('en')}. {hint.get('en')}") from None
    except OSError as error:
        text = message("source.unreadable", reason=os_reason(error))
        raise SourceError(name, text.get("nl"), text.get("en")) from None
    except ValueError as error:  # a name with a NUL character, which no file system allows
        text = message("source.unreadable", reason=str(error))
        raise SourceError(name, text.get("nl"), text.get("en")) from None
    if len(raw) > limit:
        if mode is None:  # standard input: as much as it sent, and more was there
            text = message("source.too_large", limit=limit, size=f"> {limit}")
        elif stat.S_ISREG(mode):
            text = message("source.too_large", limit=limit, size=file.stat().st_size)
        else:  # /dev/zero, an endless pipe: it has no size to tell
            text = message("source.too_large_stream", limit=limit, kind=kind_of(mode))
        raise SourceError(name, text.get("nl"), text.get("en"))
    encoding = wide_encoding(raw)
    if encoding is not None:  # UTF-16 and UTF-32 are full of NUL bytes, but they are text
        raise DocumentError(name, [Problem("source.encoding", message("source.wide_encoding", encoding=encoding),
                                           Location(file=name, line=1),
                                           message("source.wide_encoding.hint", encoding=encoding))])
    if b"\x00" in raw:
        raise DocumentError(name, [Problem("source.binary", message("source.binary"), Location(file=name))])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DocumentError(name, [Problem("source.encoding", message("source.encoding", offset=error.start),
                                           Location(file=name, line=line), message("source.encoding.hint"))]) from None


_BYTE_ORDER_MARKS = (  # the four-byte marks first: UTF-32LE's begins with UTF-16LE's
    (b"\xff\xfe\x00\x00", "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE"),
)


def wide_encoding(raw: bytes) -> str | None:
    """`UTF-16LE`, `UTF-16BE`, `UTF-32LE` or `UTF-32BE` when `raw` is text in that encoding: it
    starts with its byte-order mark, or the bytes that hold the high part of each character are
    largely NUL (as in text that is mostly Latin script) and the bytes read as printable text."""
    for mark, name in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return name
    sample = raw[: 4096 - 4096 % 4]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    share = [sample[place::4].count(0) / (len(sample) / 4) for place in range(4)]
    if share[2] > 0.9 and share[3] > 0.9 and share[0] < 0.5:
        name = "UTF-32LE"
    elif share[0] > 0.9 and share[1] > 0.9 and share[3] < 0.5:
        name = "UTF-32BE"
    else:
        odd, even = (share[1] + share[3]) / 2, (share[0] + share[2]) / 2
        if max(odd, even) < 0.3 or min(odd, even) > 0.1:
            return None
        name = "UTF-16LE" if odd > even else "UTF-16BE"
    text = sample.decode(name, errors="replace")
    readable = sum(1 for char in text if char.isprintable() or char in "\t\n\r")
    return name if readable >= 0.9 * len(text) else None


def parse(text: str, file: str | None = None) -> ParsedSource:
    """Plain data and source map of YAML or JSON text; DocumentError when it does not parse."""
    is_json = file is not None and file.lower().endswith(".json")
    try:
        return parse_json_text(text, file) if is_json else parse_text(text, file)
    except ParseError as error:
        raise DocumentError(file, error.problems) from None


def placed_problems(problems: list[Problem], source_map: SourceMap) -> list[Problem]:
    """Problems with file, line and column filled in from the source map, in the document's order."""
    placed = []
    for problem in problems:
        location = source_map.locate(problem.location.pointer)
        placed.append(Problem(problem.code, problem.message, location, problem.hint, problem.level))
    placed.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return placed


def _document(
    source: Source,
    file: str | None,
    schema_name: str,
    references: Callable[[object], list[Problem]],
    build: Callable[[Any], M],
) -> Document[M]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        raise TypeError(f"a dienstvisie document is read from a path, text (str) or a mapping, not "
                        f"{type(source).__name__}: decode the bytes first, e.g. data.decode('utf-8')")
    if isinstance(source, Mapping):
        problems = plain_data_problems(source, file)
        if problems:
            raise DocumentError(file, problems)
        parsed = ParsedSource(data=dict(source), source_map=SourceMap(file=file))
    else:
        parsed = parse_text_or_file(source, file)
        file = parsed.source_map.file
    return _validated(parsed, file, schema_name, references, build)


def parse_text_or_file(source: str | os.PathLike[str], file: str | None = None) -> ParsedSource:
    """A `str` that holds a line break or starts with `{` parsed as the text itself; anything else
    read as a path, whose name is the document's unless `file` names it."""
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        return parse(source, file)
    file = file or os.fspath(source)
    return parse(read_text(source), file)


def _validated(
    parsed: ParsedSource,
    file: str | None,
    schema_name: str,
    references: Callable[[object], list[Problem]],
    build: Callable[[Any], M],
) -> Document[M]:
    problems = schema_problems(parsed.data, schema_name) + references(parsed.data)
    if problems:
        raise DocumentError(file, placed_problems(problems, parsed.source_map))
    return Document(model=build(parsed.data), source_map=parsed.source_map)


def read_service(source: Source, *, filename: str | None = None) -> Document[ServiceConcept]:
    """A service concept with its source map, from a path, YAML/JSON text or a mapping.

    A `str` is taken as text when it holds a line break or starts with `{`, else as a path.
    """
    return _document(source, filename, "service", service_reference_problems, structure_service)


def read_service_file(path: str | os.PathLike[str]) -> Document[ServiceConcept]:
    """A service concept from a file, whatever its name looks like (no guessing whether it is text)."""
    name = os.fspath(path)
    return _validated(parse(read_text(name), name), name, "service", service_reference_problems, structure_service)


def parse_service_text(text: str, filename: str | None = None) -> Document[ServiceConcept]:
    """A service concept from its YAML or JSON text, always taken as text (whatever it looks like)."""
    return _validated(parse(text, filename), filename, "service", service_reference_problems, structure_service)


def parse_service(text: str, file: str | None = None) -> tuple[ParsedSource, Document[ServiceConcept]]:
    """The parsed text of a service concept and the valid document it makes (DocumentError if invalid);
    for tools that edit the text itself (`dienstvisie migrate`)."""
    parsed = parse(text, file)
    return parsed, _validated(parsed, file, "service", service_reference_problems, structure_service)


def load_service(source: Source, *, filename: str | None = None) -> ServiceConcept:
    """A service concept from a path, YAML/JSON text or a mapping; raises DocumentError if invalid."""
    return read_service(source, filename=filename).model


def read_vision(source: Source, *, filename: str | None = None) -> Document[Vision]:
    """A vision with its source map, from a path, YAML/JSON text or a mapping."""
    return _document(source, filename, "vision", vision_reference_problems, structure_vision)


def shipped_vision_text(vision_id: str = DEFAULT_VISION_ID) -> str:
    """The YAML text of a vision that ships with dienstvisie."""
    return resources.files("dienstvisie.visions").joinpath(f"{vision_id}.yaml").read_text(encoding="utf-8")


def read_vocabulary(source: Source, *, filename: str | None = None) -> Document[Vocabulary]:
    """A vocabulary of life events or data items, from a path, text or mapping."""
    return _document(source, filename, "vocabulary", lambda data: [], lambda data: structure(data, Vocabulary))


def shipped_vocabularies() -> Vocabularies:
    """The life events, data items and situations that ship with dienstvisie."""
    result = Vocabularies()
    for name in ("life-events", "data-items", "situations"):
        text = resources.files("dienstvisie.vocabularies").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
        result = result.merged(read_vocabulary(text, filename=f"<dienstvisie>/vocabularies/{name}.yaml").model)
    return result


def load_vision(path: str | os.PathLike[str] | None = None) -> Vision:
    """The vision in `path`, or the shipped *Visie op gezamenlijke dienstverlening* when None."""
    if path is None:
        return read_vision(shipped_vision_text(), filename=f"<dienstvisie>/visions/{DEFAULT_VISION_ID}.yaml").model
    return read_vision(path).model
