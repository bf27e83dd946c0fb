"""A temporary file without a name until it is put in place: nothing is left if the process is killed.

Why: an output file is written next to its target under a temporary name and renamed over it at
the end, so a reader never sees half a report. But a process killed with `kill -9` (or by the
out-of-memory killer) cannot remove that temporary file, and `.report.json.x8f2k.tmp` files pile
up in the user's folder. On Linux a file opened with `O_TMPFILE` has no name at all: if the
process dies, the kernel frees it. Only when the whole file is written does it get a (short)
name, through `/proc/self/fd`, which is at once renamed over the target.

Where `O_TMPFILE` is missing (another system, a file system without it, no /proc), `open_unnamed`
returns None and the caller uses a named temporary file as before.
"""

from __future__ import annotations

import ctypes
import functools
import os
import secrets
import sys
from pathlib import Path
from typing import Any

_PROC_FD = Path("/proc/self/fd")
_AT_FDCWD = -100
_AT_SYMLINK_FOLLOW = 0x400


@functools.cache
def _linkat() -> Any:
    """libc's linkat, or None. (`os.link` calls link(2), which does not follow the /proc link.)"""
    try:
        function = ctypes.CDLL(None, use_errno=True).linkat
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    return function


def _link(source: Path, destination: Path) -> None:
    if _linkat()(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(destination), _AT_SYMLINK_FOLLOW) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number), str(destination))


def open_unnamed(folder: str | os.PathLike[str]) -> int | None:
    """A descriptor of a new, nameless file in `folder` open for writing, or None where the system
    cannot make one (then use a named temporary file)."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not sys.platform.startswith("linux") or not _PROC_FD.is_dir() or _linkat() is None:
        return None
    try:
        return os.open(os.fspath(folder) or ".", flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:  # EOPNOTSUPP, EISDIR on old kernels, EINVAL …: no unnamed files here
        return None


def link_into_place(descriptor: int, target: str | os.PathLike[str]) -> None:
    """Give the nameless file of `descriptor` the name `target`, replacing what is there (a link
    under a short temporary name in the same folder, renamed over the target at once)."""
    destination = Path(target)
    temporary = destination.parent / f".dv-{secrets.token_hex(4)}.tmp"
    _link(_PROC_FD / str(descriptor), temporary)
    try:
        os.replace(temporary, destination)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


__all__ = ["link_into_place", "open_unnamed"]
