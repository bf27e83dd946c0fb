"""What is at an output path, and so how a report may be written there without damaging anything.

A report replaces a *regular file* whole, through a temporary file and a rename, so a reader sees
the old file or the new one. Anything else is never replaced by a file: renaming over a device
node would destroy it for the whole machine (`-o /dev/null` run as root), and renaming over a
named pipe or a process substitution (`-o >(gzip > r.gz)`) would take the reader's pipe away.
Those are written *in place*, as a shell redirection or `tee` writes them. The choices, the ones
trusted tools make:

* a regular file: replaced atomically;
* a symbolic link: followed, and the file it points to is replaced (or created); the link stays a
  link. A link is never itself replaced by a file;
* a name for an open descriptor (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`): written in place,
  even when it is a regular file, since the caller holds that very file open;
* a character device (`/dev/null`, a terminal), a named pipe or a socket: written in place; a pipe
  that nobody reads is refused at once instead of waiting for a reader for ever;
* a block device (a disk) or a folder: refused.

The refusals are `OutputRefused`, an OSError that carries its reason in both languages.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from typing import Literal

import attrs

from ..i18n import message
from ..model.text import Text

_DESCRIPTOR_FOLDER = re.compile(r"^(/dev/fd|/proc/[^/]+/fd)$")
_MAX_HOPS = 40  # as the kernel's limit on symbolic links in one lookup


class OutputRefused(OSError):
    """An output path that is not written to, with the reason in Dutch and English."""

    def __init__(self, path: str, text: Text, code: int = errno.EPERM) -> None:
        super().__init__(code, text.get("en"), path)
        self.text = text


@attrs.frozen
class Target:
    """How to write to an output path: `replace` the regular file at `path` (created if missing), or
    write `in_place` to what `path` names; `truncate` for a regular file reached in place."""

    how: Literal["replace", "in_place"]
    path: str
    truncate: bool = False


_moved: dict[int, int] = {}  # descriptor number -> where what it named is now (see `descriptor_moved`)
_NAMED_DESCRIPTOR = re.compile(r"^/(?:dev/fd|proc/(?:self|\d+)/fd)/(\d+)$")


def descriptor_moved(number: int, to: int | None) -> None:
    """Say that what descriptor `number` named is now at descriptor `to` (None: back in its place).

    The command line moves standard output aside while plugins run (cli/streams.py), so that a
    plugin's print cannot reach the report; `-o /dev/stdout` must still reach the real standard
    output, not the stderr that descriptor 1 then names."""
    if to is None:
        _moved.pop(number, None)
    else:
        _moved[number] = to


def _unmoved(name: str) -> str:
    """`name`, or where the descriptor it names now is, when that descriptor was moved aside."""
    if not _moved:
        return name
    current = os.path.abspath(name)
    for _ in range(_MAX_HOPS):
        named = {"/dev/stdout": "1", "/dev/stderr": "2"}.get(current)
        match = _NAMED_DESCRIPTOR.match(current)
        number = int(named or (match[1] if match else -1))
        pid = current.split("/")[2] if current.startswith("/proc/") else "self"
        if number in _moved and pid in ("self", str(os.getpid())):
            return f"/proc/self/fd/{_moved[number]}"
        if match or named:
            return name
        try:
            link = os.readlink(current)
        except OSError:
            return name
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return name


def _through_descriptor(name: str) -> bool:
    """Does `name`, or a symbolic link on the way from it, name an open descriptor (/dev/fd/N, …)?"""
    current = os.path.abspath(name)
    for _ in range(_MAX_HOPS):
        if _DESCRIPTOR_FOLDER.match(os.path.dirname(current)) or current in ("/dev/stdout", "/dev/stderr"):
            return True
        try:
            link = os.readlink(current)
        except OSError:
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return False


def target_of(path: str | os.PathLike[str]) -> Target:
    """How `path` is to be written (see the module); OutputRefused or OSError when it cannot be."""
    name = _unmoved(os.fspath(path))
    try:
        info = os.stat(name)  # follows symbolic links
    except FileNotFoundError:
        # nothing there yet, or a link to nothing yet: the file is created where the link points
        return Target("replace", os.path.realpath(name))
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise OutputRefused(name, message("output.folder"), errno.EISDIR)
    if stat.S_ISBLK(mode):
        raise OutputRefused(name, message("output.block_device"))
    if stat.S_ISREG(mode):
        if _through_descriptor(name):
            return Target("in_place", name, truncate=True)
        return Target("replace", os.path.realpath(name))
    return Target("in_place", name)  # a character device, a named pipe, a socket


def open_in_place(target: Target) -> int:
    """A blocking descriptor for writing to `target` where it is. A named pipe is opened without
    waiting: with nobody reading it, the open fails (ENXIO) at once rather than hanging."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if target.truncate:
        flags |= os.O_TRUNC
    try:
        descriptor = os.open(target.path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OutputRefused(target.path, message("output.no_reader"), errno.ENXIO) from None
        raise
    if hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)
    return descriptor


def write_all(descriptor: int, data: bytes) -> None:
    """Write every byte of `data` (a pipe or device may take less than asked per write)."""
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def refuse_inputs(output: str | os.PathLike[str] | None, inputs: Iterable[str | os.PathLike[str] | None]) -> None:
    """OutputRefused when the output path is one of the files the command reads (the same file,
    by device and inode, whatever the spelling or link): the report would replace a document."""
    if output is None or os.fspath(output) == "-":
        return
    try:
        written = os.stat(output)
    except OSError:
        return  # nothing there yet, so no input either
    if not stat.S_ISREG(written.st_mode):
        return  # /dev/null, a pipe: written in place, no document is lost
    for source in inputs:
        if source is None:
            continue
        try:
            read = os.stat(source)
        except OSError:
            continue
        if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
            raise OutputRefused(os.fspath(output), message("output.is_input", file=os.fspath(source)))
