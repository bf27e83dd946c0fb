"""Find the documents to read: the files named, and the documents of the right format below folders.

Below a folder, a file is taken only when it declares one of the wanted formats in its top-level
key (`dienstvisie:` for a service concept, see `declared`), so rule sets, baselines, reports and
unrelated YAML beside the service concepts are skipped, and the caller can say which. A file named
directly is always taken, whatever it holds: asking for it is reason enough, and the loader then
says what is wrong with it. Build output, `exclude`/`extend-exclude` patterns and `.gitignore`d
paths are left out of the walk (see `exclusion`).
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from ..errors import SourceError
from ..i18n import message
from .declared import SERVICE, UNSURE, declared_format, declared_in_prefix
from .exclusion import NOTHING, Exclusions, Walker

DOCUMENT_SUFFIXES: frozenset[str] = frozenset({".yaml", ".yml", ".json"})
#: the formats `dienstvisie validate` reads
VALIDATED_FORMATS: frozenset[str] = frozenset({SERVICE, "ruleset", "vision", "vocabulary"})


@attrs.frozen
class Skipped:
    """A file found below a folder and left out: it declares another format (`kind`) or none (None)."""

    path: Path
    kind: str | None


@attrs.frozen
class Found:
    """The documents to read, in order, and the files below the folders that were skipped."""

    files: tuple[Path, ...]
    skipped: tuple[Skipped, ...] = ()


def _matches(relative: str, name: str, patterns: Sequence[str]) -> bool:
    """Does a file match one of the glob patterns? A pattern without `/` is matched against the file
    name (at any depth), one with `/` against the path below the folder (`*` then also crosses `/`);
    a leading `**/` means at any depth."""
    for pattern in patterns:
        while pattern.startswith("**/"):
            pattern = pattern[3:]
            if fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(relative, "*/" + pattern):
                return True
        if fnmatch.fnmatchcase(relative if "/" in pattern else name, pattern):
            return True
    return False


def _walk(folder: Path, patterns: Sequence[str] | None, rules: Exclusions) -> Iterator[Path]:
    walker = Walker(folder, rules) if rules != NOTHING else None
    # followlinks=False: a symlink loop cannot make this walk forever
    for root, dirs, files in os.walk(folder, followlinks=False):
        here = os.path.abspath(root)
        kept = sorted(d for d in dirs if not d.startswith("."))
        if walker is not None:
            kept = [d for d in kept if not walker.excluded(os.path.join(here, d), directory=True)]
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if walker is not None and walker.excluded(os.path.join(here, name), directory=False):
                continue
            if patterns:
                if _matches(path.relative_to(folder).as_posix(), name, patterns):
                    yield path
            elif path.suffix.lower() in DOCUMENT_SUFFIXES:
                yield path
        if walker is not None:
            for name in dirs:
                walker.enter(os.path.join(here, name))


PREFIX_BYTES = 4096
"""How much of a file is read first to see what it declares: the format key is its first line as a
rule, and the rest is read only when these bytes do not settle it (see `declared_in_prefix`)."""


def _read_up_to(descriptor: int, limit: int, into: bytearray) -> bool:
    """Read until `into` holds `limit` bytes or the file ends; True when it ended."""
    while len(into) < limit:
        block = os.read(descriptor, limit - len(into))
        if not block:
            return True
        into += block
    return False


def _declared(path: Path, limit: int) -> str | None:
    """The format a file declares. A file too large, not UTF-8 or binary is looked at all the same
    (its first `limit` bytes, decoded leniently): one that declares `dienstvisie:` is taken and the
    loader says what is wrong with it, a big report beside the service concepts is skipped. A file
    that cannot be opened, or is no regular file, is taken (SERVICE) so the loader says why; a named
    pipe is so read once, by the loader, never drained here.

    Only the first bytes are read when they settle it (nearly always: the key stands on the first
    line), which is what makes looking at 10,000 files cheap; the answer is the same as from the
    whole text (`declared_in_prefix`, proved against `declared_format` by property tests)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return SERVICE
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return SERVICE
    raw = bytearray()
    try:
        ended = _read_up_to(descriptor, min(PREFIX_BYTES, limit), raw)
        if not ended and len(raw) < limit:
            kind = declared_in_prefix(bytes(raw))
            if kind != UNSURE:
                return kind
            _read_up_to(descriptor, limit, raw)
    except OSError:
        return SERVICE
    finally:
        os.close(descriptor)
    return declared_format(bytes(raw).decode("utf-8-sig", errors="replace"))


def find_documents(
    paths: Iterable[str | os.PathLike[str]],
    patterns: Sequence[str] | None = None,
    *,
    formats: Collection[str] | None = frozenset({SERVICE}),
    rules: Exclusions = Exclusions(),
) -> Found:
    """Files named directly (whatever they hold) and, below folders, the YAML/JSON files that declare
    one of `formats` (None: every file), leaving out what `rules` exclude.

    `patterns` (glob patterns, as `--glob`) choose which files below folders are looked at instead
    of every .yaml, .yml and .json file. Raises SourceError for a path that does not exist.
    """
    from .load import max_bytes_from_environment

    limit = max_bytes_from_environment()
    found: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path, patterns, rules)
            below = True
        elif path.exists() or path.is_symlink():
            candidates = [path]
            below = False
        else:
            text = message("source.missing")
            raise SourceError(os.fspath(path), text.get("nl"), text.get("en"))
        for candidate in candidates:
            if candidate in seen:
                continue
            seen.add(candidate)
            if below and formats is not None:
                kind = _declared(candidate, limit)
                if kind not in formats:
                    skipped.append(Skipped(candidate, kind))
                    continue
            found.append(candidate)
    return Found(tuple(found), tuple(skipped))


def discover(paths: Iterable[str | os.PathLike[str]], patterns: Sequence[str] | None = None) -> list[Path]:
    """Files named directly (whatever their suffix) and every YAML/JSON file found below folders, in
    order, with no look at what they hold and nothing excluded (see `find_documents` for that).

    `patterns` (glob patterns, as `--glob`) choose which files below folders are taken instead of
    every .yaml, .yml and .json file. Raises SourceError for a path that does not exist.
    """
    return list(find_documents(paths, patterns, formats=None, rules=NOTHING).files)
