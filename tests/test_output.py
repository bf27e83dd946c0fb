"""Atomic writes: the whole file or the old one, with ordinary permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dienstvisie.documents.write import write_atomic


def test_writes_text_and_bytes(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.txt", "héllo")
    write_atomic(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "héllo"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"


def test_new_file_gets_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o644


def test_replacing_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    target.write_text("old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


@pytest.mark.parametrize("unnamed", [True, False])
def test_a_file_being_written_has_no_name_where_the_system_allows_and_both_ways_give_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool) -> None:
    """Nameless until committed (O_TMPFILE): a killed process leaves nothing; elsewhere a named temporary."""
    import sys

    from dienstvisie.documents import write as output
    from dienstvisie.documents.unnamed_file import open_unnamed

    if not unnamed:
        monkeypatch.setattr(output, "open_unnamed", lambda folder: None)
    elif open_unnamed(tmp_path) is None:
        pytest.skip("no O_TMPFILE here")
    (tmp_path / "r.json").write_text("oud", encoding="utf-8")
    os.chmod(tmp_path / "r.json", 0o640)
    target = output.AtomicFile(tmp_path / "r.json")
    target.write("nieuw")
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["r.json"] if unnamed else len(names) == 2
    target.commit()
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == "nieuw"
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o640
    target = output.AtomicFile(tmp_path / "s.json")
    target.write("weg")
    target.discard()
    write_atomic(tmp_path / "t.bin", b"\x00")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["r.json", "t.bin"]
    assert sys.platform != "linux" or not unnamed or open_unnamed(tmp_path) is not None
