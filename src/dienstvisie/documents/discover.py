"""Find the documents to read: the files named, and every YAML/JSON file below folders named."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..errors import SourceError
from ..i18n import message

DOCUMENT_SUFFIXES: frozenset[str] = frozenset({".yaml", ".yml", ".json"})


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


def _walk(folder: Path, patterns: Sequence[str] | None = None) -> Iterator[Path]:
    # followlinks=False: a symlink loop cannot make this walk forever
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if patterns:
                if _matches(path.relative_to(folder).as_posix(), name, patterns):
                    yield path
            elif path.suffix.lower() in DOCUMENT_SUFFIXES:
                yield path


def discover(paths: Iterable[str | os.PathLike[str]], patterns: Sequence[str] | None = None) -> list[Path]:
    """Files named directly (whatever their suffix) and YAML/JSON files found below folders, in order.

    `patterns` (glob patterns, as `--glob`) choose which files below folders are taken instead of
    every .yaml, .yml and .json file. Raises SourceError for a path that does not exist.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path, patterns)
        elif path.exists() or path.is_symlink():
            candidates = [path]
        else:
            text = message("source.missing")
            raise SourceError(os.fspath(path), text.get("nl"), text.get("en"))
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                found.append(candidate)
    return found
