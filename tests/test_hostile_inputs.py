"""Hostile and broken inputs: each gets a clear message and exit 1 or 2, no traceback, in bounded
time, and nothing in them is executed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dienstvisie.cli.main import main

VALID = """dienstvisie: "1"
id: x
title: X
audience: [burger]
organisations: [{id: svb, name: SVB, kind: uitvoeringsorganisatie}]
steps: [{id: a, title: A, organisation: svb, initiative: burger}]
"""


def _bomb() -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


CASES: dict[str, tuple[Callable[[], bytes], int, str]] = {
    # name: (content, expected exit code of `validate`, words the English message must contain)
    "empty.yaml": (lambda: b"", 1, "empty"),
    "whitespace.yaml": (lambda: b"   \n\n", 1, "empty"),
    "truncated.yaml": (lambda: b'dienstvisie: "1"\nid: x\ntitle: [unterminated\n', 1, "syntax"),
    "tabs.yaml": (lambda: b'dienstvisie: "1"\n\tid: x\n', 1, "syntax"),
    "top-level-list.yaml": (lambda: b"- a\n- b\n", 1, "mapping"),
    "duplicate-keys.yaml": (lambda: VALID.encode() + b"id: y\n", 1, "twice"),
    "python-tag.yaml": (lambda: b"title: !!python/object/apply:os.system ['touch PWNED']\n", 1, "tag"),
    "custom-tag.yaml": (lambda: b"title: !secret x\n", 1, "tag"),
    "billion-laughs.yaml": (_bomb, 1, "aliases"),
    "deep.yaml": (lambda: ("a: " + "[" * 5000 + "]" * 5000 + "\n").encode(), 1, "deeply"),
    "deep.json": (lambda: ('{"a": ' + "[" * 5000 + "]" * 5000 + "}").encode(), 1, "deeply"),
    "binary.yaml": (lambda: bytes(range(256)), 1, "binary"),
    "latin1.yaml": (lambda: VALID.replace("title: X", "title: Café").encode("latin-1"), 1, "UTF-8"),
    "control-char.yaml": (lambda: VALID.replace("title: X", 'title: "X\x7f"').encode(), 1, "not allowed"),
    "nan.json": (lambda: b'{"dienstvisie": "1", "x": NaN}', 1, "finite"),
    "nan.yaml": (lambda: VALID.encode() + b"extra: .nan\n", 1, "finite"),
    "future-version.yaml": (lambda: VALID.replace('"1"', '"2"', 1).encode(), 1, "must be '1'"),
    "two-documents.yaml": (lambda: VALID.encode() + b"---\n" + VALID.encode(), 1, "more than one"),
    "non-string-key.yaml": (lambda: VALID.encode() + b"1: x\n", 1, "key must be text"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_document_gets_a_clear_error(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    content, expected_code, words = CASES[name]
    path = tmp_path / name
    path.write_bytes(content())
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    code = main(["validate", "--lang", "en", str(path)])
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == expected_code, err
    assert words in err, err
    assert str(path) in err
    assert "Traceback" not in err
    assert elapsed < 10, f"took {elapsed:.1f}s"
    assert not (tmp_path / "PWNED").exists()


def test_check_on_hostile_document_is_unusable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_bytes(_bomb())
    assert main(["check", "--isolated", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_file_over_the_size_limit_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIENSTVISIE_MAX_BYTES", "1000")
    path = tmp_path / "big.yaml"
    path.write_text(VALID + "summary: " + "x" * 2000 + "\n")
    assert main(["validate", "--lang", "en", str(path)]) == 2
    assert "larger than the limit of 1000 bytes" in capsys.readouterr().err
    monkeypatch.delenv("DIENSTVISIE_MAX_BYTES")
    assert main(["validate", str(path)]) == 0


def test_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(VALID)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "secret.yaml":  # root may read anything, so simulate what others get
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    assert main(["validate", "--lang", "en", str(path)]) == 2
    err = capsys.readouterr().err
    assert "cannot be read: Permission denied" in err and "Traceback" not in err


def test_folder_with_a_symlink_loop_and_a_dangling_link_finishes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "diensten"
    folder.mkdir()
    (folder / "ok.yaml").write_text(VALID)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    code = main(["validate", str(folder)])
    err = capsys.readouterr().err
    assert code == 2, err  # the dangling link cannot be read
    assert "dangling.yaml" in err and "Traceback" not in err


def test_a_directory_named_as_a_file_is_walked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text(VALID)
    assert main(["validate", str(tmp_path)]) == 0
