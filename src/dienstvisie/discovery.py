"""Find the documents to read: the files named, and every YAML/JSON file below folders named."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import SourceError
from .i18n import message

DOCUMENT_SUFFIXES: frozenset[str] = frozenset({".yaml", ".yml", ".json"})


def _walk(folder: Path) -> Iterator[Path]:
    # followlinks=False: a symlink loop cannot make this walk forever
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                yield Path(root) / name


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named directly (whatever their suffix) and YAML/JSON files found below folders, in order.

    Raises SourceError for a path that does not exist.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path)
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
