"""Which paths a folder walk leaves out: `exclude`/`extend-exclude` patterns and `.gitignore` files.

Patterns use the `.gitignore` syntax (matched with `pathspec`, as git would), relative to the
folder they come from: the configuration file's folder for `[tool.dienstvisie]`/dienstvisie.toml,
the current folder for command-line flags. As in ruff, `exclude` replaces the default list and
`extend-exclude` adds to it, and a folder or file named on the command line is read even when a
pattern or a `.gitignore` would leave it out (only what is found below it is left out).

`.gitignore` files are honoured in the folders walked and in their parents up to the root of the
git repository (the folder holding `.git`), together with `.git/info/exclude`; rules of a deeper
file win, and `!pattern` re-includes, as in git.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import pathspec

#: left out unless `exclude` says otherwise: build output and installed packages, never documents
DEFAULT_EXCLUDE: tuple[str, ...] = ("build/", "dist/", "node_modules/", "venv/", "site-packages/", "__pycache__/")


@attrs.frozen
class Patterns:
    """Exclude patterns and the folder they are relative to."""

    patterns: tuple[str, ...]
    base: str


@attrs.frozen
class Exclusions:
    """What a walk leaves out: pattern groups, and whether `.gitignore` files count."""

    patterns: tuple[Patterns, ...] = (Patterns(DEFAULT_EXCLUDE, "."),)
    respect_gitignore: bool = True


NOTHING = Exclusions(patterns=(), respect_gitignore=False)


def exclusions(*, exclude: Sequence[str] | None, exclude_base: str = ".",
               extend: Iterable[Patterns] = (), respect_gitignore: bool = True) -> Exclusions:
    """The exclusions of a run: `exclude` (or the default list when None) plus every `extend` group."""
    base = Patterns(tuple(exclude) if exclude is not None else DEFAULT_EXCLUDE, exclude_base)
    return Exclusions(patterns=(base, *(group for group in extend if group.patterns)),
                      respect_gitignore=respect_gitignore)


@functools.lru_cache(maxsize=256)
def _below(base: str) -> str | None:
    """What a path below `base` starts with, when `base` is absolute and normal (else None)."""
    if os.sep != "/" or not os.path.isabs(base) or os.path.normpath(base) != base or base.startswith("//"):
        return None
    return base if base.endswith("/") else base + "/"


def _relative(path: str, base: str) -> str | None:
    """`path` relative to `base` in posix form, or None when it is not below `base`.

    The walk asks this twice for every file, so the common case is a cut, not `os.path.relpath`:
    for a normal absolute `base` and an absolute path with no empty, `.` or `..` part (nor a part
    that starts with a dot, which the walk leaves out anyway), the path is below `base` exactly when
    it starts with `base/`, and the rest is the answer. Every other case takes `relpath`, with the
    same answer."""
    prefix = _below(base)
    if prefix is not None and path[:1] == "/" and "//" not in path and "/." not in path and not path.endswith("/"):
        if not path.startswith(prefix):  # a normal path beside `base`, or `base` itself
            return None
        return path[len(prefix):]
    relative = os.path.relpath(path, base)
    if relative == os.curdir or relative.startswith(os.pardir):
        return None
    return Path(relative).as_posix()


def _repository_root(folder: str) -> str | None:
    for candidate in (folder, *map(str, Path(folder).parents)):
        if os.path.exists(os.path.join(candidate, ".git")):
            return candidate
    return None


def _read_ignore(path: str) -> pathspec.GitIgnoreSpec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return pathspec.GitIgnoreSpec.from_lines(handle.read().splitlines())
    except OSError:
        return None


class Walker:
    """Decides, entry by entry, what the walk of one named folder leaves out."""

    def __init__(self, root: str | os.PathLike[str], rules: Exclusions) -> None:
        self.root = os.path.abspath(root)
        # a pattern that matches the named folder itself does not apply below it: the user asked for it
        self._patterns: list[tuple[str, pathspec.PathSpec[Any]]] = []
        for group in rules.patterns:
            base = os.path.abspath(group.base)
            kept = [p for p in group.patterns if not self._matches_root(pathspec.PathSpec.from_lines("gitignore", [p]), base)]
            if kept:
                self._patterns.append((base, pathspec.PathSpec.from_lines("gitignore", kept)))
        self._ignores: list[tuple[str, pathspec.GitIgnoreSpec]] = []
        self._gitignore = rules.respect_gitignore
        if self._gitignore:
            repository = _repository_root(self.root)
            folders = [self.root]
            if repository is not None:
                parents = [str(parent) for parent in Path(self.root).parents]
                if repository in parents:  # the repository's folders down to the named one, outermost first
                    folders = [*reversed(parents[: parents.index(repository) + 1]), self.root]
                info = _read_ignore(os.path.join(repository, ".git", "info", "exclude"))
                if info is not None:
                    self._ignores.append((repository, info))
            for folder in folders:
                self.enter(folder)
            if self._root_ignored():  # a named folder that git ignores is read all the same
                self._gitignore = False
                self._ignores.clear()

    def _matches_root(self, spec: pathspec.PathSpec[Any], base: str) -> bool:
        relative = _relative(self.root, base)
        return relative is not None and spec.match_file(relative + "/")

    def _root_ignored(self) -> bool:
        return self._ignored(self.root, directory=True)

    def enter(self, folder: str) -> None:
        """Take the `.gitignore` of a folder the walk goes into."""
        if self._gitignore:
            spec = _read_ignore(os.path.join(folder, ".gitignore"))
            if spec is not None:
                self._ignores.append((folder, spec))

    def _ignored(self, path: str, *, directory: bool) -> bool:
        verdict = False
        for base, spec in self._ignores:
            relative = _relative(path, base)
            if relative is None:
                continue
            result = spec.check_file(relative + "/" if directory else relative)
            if result.include is not None:
                verdict = result.include
        return verdict

    def excluded(self, path: str, *, directory: bool) -> bool:
        """Whether the walk leaves out this entry (an absolute path below the root)."""
        for base, spec in self._patterns:
            relative = _relative(path, base) or _relative(path, self.root)
            if relative is not None and spec.match_file(relative + "/" if directory else relative):
                return True
        return self._gitignore and self._ignored(path, directory=directory)
