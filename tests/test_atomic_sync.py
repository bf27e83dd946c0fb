"""A large report written bit by bit (`AtomicFile`) is handed to the disk while it is written, so the
end of a run waits only for the last part; the file is still whole or absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dienstvisie.documents import write


def test_the_disk_takes_the_report_while_it_is_written_and_the_file_is_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = getattr(os, "fdatasync", os.fsync)
    monkeypatch.setattr(write, "_SYNC_BYTES", 1000)
    monkeypatch.setattr(os, "fdatasync", lambda fd: (synced.append(fd), real(fd))[1], raising=False)
    target = write.AtomicFile(tmp_path / "report.json")
    target.write("head: fail\n")
    expected = ["head: pass\n"]
    for number in range(300):
        line = f"{number:05d} é {'x' * 40}\n"
        target.write(line)
        expected.append(line)
    target.overwrite(len("head: "), "pass")
    assert not (tmp_path / "report.json").exists()  # nothing there until it is whole
    target.commit()
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "".join(expected)
    assert synced  # early syncs (one at a time) before the one commit() makes (os.fsync)


def test_a_report_given_up_while_the_disk_takes_it_leaves_nothing(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_SYNC_BYTES", 10)
    (tmp_path / "old.json").write_text("old\n", encoding="utf-8")
    target = write.AtomicFile(tmp_path / "old.json")
    for _ in range(50):
        target.write("0123456789abcdef\n")
    target.discard()
    assert (tmp_path / "old.json").read_text(encoding="utf-8") == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["old.json"]
