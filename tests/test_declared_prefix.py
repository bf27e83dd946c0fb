"""The folder walk decides what a file declares from its first bytes: proved here to give the answer
the whole text gives (`declared_format`), on generated and tricky texts — comments, block scalars,
flow mappings, JSON, a byte order mark, CRLF, bytes that are not UTF-8, a prefix cut anywhere — and
the path cut of the exclusions to agree with `os.path.relpath`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dienstvisie.documents import discover
from dienstvisie.documents.declared import FORMATS, UNSURE, declared_format, declared_in_prefix
from dienstvisie.documents.exclusion import _relative

ROOT = Path(__file__).parents[1]

# lines that make the scan's life hard: keys of every format quoted and not, values that are
# versions, nested blocks, flow collections, comments, block scalars whose body looks like a key,
# JSON, blank space of several kinds, bytes that are not UTF-8 and characters of several bytes
LINES: list[bytes] = [
    b"dienstvisie: '2'", b'dienstvisie: "1"', b"dienstvisie: 2", b"dienstvisie:", b"dienstvisie:   # no version",
    b'"dienstvisie": 1', b"'dienstvisie': 1", b"dienstvisie :", b"dienstvisie\t: 1", b"dienstvisie: [a, b]",
    b"dienstvisie: {stage: test}", b"dienstvisie: #x", b"dienstvisie:#x", b"dienstvisies: 1", b"dienstvisie_other: 1",
    b"dienstvisie_ruleset: '1'", b"dienstvisie_report: '1'", b"'dienstvisie_baseline': '1'", b"dienstvisie_vision:",
    b"  dienstvisie: '1'", b"  stage: test", b"\tscript: x", b"- item", b"  - item", b"-", b"# a comment",
    b"  # an indented comment", b"#dienstvisie: '1'", b"", b"   ", b"\t", b"id: x", b"title: caf\xc3\xa9",
    b"summary: |", b"  dienstvisie: '1'", b"text: >-", b"{dienstvisie: '1', id: x}", b'{"dienstvisie": "1"}',
    b"[1, 2]", b"{", b"}", b'  "dienstvisie": "1",', b"\xef\xbb\xbfdienstvisie: '1'", b"\xff\xfe", b"caf\xe9: 1",
    b"\xe2\x82", b"\xe2\x82\xac: euro", b"\xf0\x9f\x98\x80 emoji", b"\x85next line", b"\xe2\x80\xa8separator",
    b"\x1c\x1d", b"---", b"...", b"%YAML 1.2", b"key: 'dienstvisie: 1'", b"dienstvisie: '1' # comment",
]

texts = st.builds(
    lambda bom, lines, breaks, end: (b"\xef\xbb\xbf" if bom else b"")
    + b"".join(line + brk for line, brk in zip(lines, breaks)) + end,
    st.booleans(),
    st.lists(st.sampled_from(LINES) | st.binary(max_size=12), max_size=14),
    st.lists(st.sampled_from([b"\n", b"\r\n", b"\r", b" \n", b"\n\n"]), min_size=14, max_size=14),
    st.sampled_from([b"", b"\n", b"x", b"\r"]),
)


def whole(raw: bytes) -> str | None:
    return declared_format(raw.decode("utf-8-sig", errors="replace"))


@settings(max_examples=3000, deadline=None)
@given(raw=texts, cut=st.integers(min_value=0, max_value=400))
@example(raw=b"dienstvisie:\n\n  # a job\n  - a\n", cut=14)
@example(raw=b"dienstvisie:\n# c\nid: x\n", cut=17)
@example(raw=b"dienstvisie: '1'\n\xe2\x82\xac: x\n", cut=19)
@example(raw=b"\xef\xbb\xbf\ndienstvisie: '1'\n", cut=2)
def test_the_first_bytes_say_what_the_whole_text_says_or_that_they_cannot(raw: bytes, cut: int) -> None:
    decided = declared_in_prefix(raw[:cut])
    assert decided == UNSURE or decided == whole(raw), (raw[:cut], decided, whole(raw))


def test_the_first_bytes_settle_it_for_real_documents() -> None:
    """Not `UNSURE` for everything: the service concepts and rule sets shipped decide from 4 KB."""
    files = sorted((ROOT / "examples").glob("*.yaml"))
    assert files
    for file in files:
        raw = file.read_bytes()
        if len(raw) > discover.PREFIX_BYTES:
            decided = declared_in_prefix(raw[:discover.PREFIX_BYTES])
            assert decided != UNSURE and decided == whole(raw), file
    for key, kind in FORMATS.items():
        assert declared_in_prefix(f"# head\n\n{key}: '1'\nid: x\n".encode()) == kind
        assert declared_in_prefix(f"{key}:\nid: x\n".encode()) == kind
        assert declared_in_prefix(f"{key}:\n  stage: x\n".encode()) is None
        assert declared_in_prefix(f"{key}:\n\n# c\n".encode()) == UNSURE  # the next line is still to come
    assert declared_in_prefix(b'{"dienstvisie": "1",\n') == UNSURE  # JSON: the whole text decides
    assert declared_in_prefix(b"dienstvisie: '1'") == UNSURE  # no whole line yet


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=texts, prefix=st.integers(min_value=1, max_value=64), limit=st.integers(min_value=1, max_value=300))
def test_the_walk_reads_as_little_as_it_can_and_answers_as_the_whole_file(
        raw: bytes, prefix: int, limit: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`_declared` with small prefixes and limits (every branch: ended in the prefix, settled by it,
    read on to the limit) against the whole text up to the limit, as discovery read it before."""
    monkeypatch.setattr(discover, "PREFIX_BYTES", prefix)
    file = tmp_path / "doc.yaml"
    file.write_bytes(raw)
    assert discover._declared(file, limit) == whole(raw[:limit])


def test_what_cannot_be_read_is_taken_so_the_loader_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.yaml"
    folder.mkdir()
    assert discover._declared(folder, 100) == "service"
    assert discover._declared(tmp_path / "missing.yaml", 100) == "service"
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
        assert discover._declared(tmp_path / "pipe.yaml", 100) == "service"  # not opened, never drained


PARTS = st.sampled_from(["a", "b", "dir", ".", "..", "", ".hidden", "..x", "x.", "é", " ", "a b"])


@settings(max_examples=2000, deadline=None)
@given(base=st.lists(PARTS, max_size=4), rest=st.lists(PARTS, max_size=4), trailing=st.booleans(),
       absolute=st.booleans())
def test_the_cut_of_a_path_below_a_folder_is_relpath(base: list[str], rest: list[str], trailing: bool,
                                                    absolute: bool) -> None:
    folder = ("/" if absolute else "") + "/".join(base)
    path = folder + "/" + "/".join(rest) + ("/" if trailing else "")
    relative = os.path.relpath(path, folder or "/")
    expected = None if relative == os.curdir or relative.startswith(os.pardir) else Path(relative).as_posix()
    assert _relative(path, folder or "/") == expected
    normal = os.path.normpath("/" + folder)
    assert _relative(os.path.normpath(normal + "/" + "/".join(rest)), normal) == (
        None if (r := os.path.relpath(os.path.normpath(normal + "/" + "/".join(rest)), normal)) == os.curdir
        or r.startswith(os.pardir) else Path(r).as_posix())


@settings(max_examples=2000, deadline=None)
@given(base=st.lists(PARTS, max_size=4), other=st.lists(PARTS, max_size=5))
def test_a_path_beside_the_folder_is_not_below_it(base: list[str], other: list[str]) -> None:
    folder = os.path.normpath("/" + "/".join(base))
    path = os.path.normpath("/" + "/".join(other))
    relative = os.path.relpath(path, folder)
    expected = None if relative == os.curdir or relative.startswith(os.pardir) else Path(relative).as_posix()
    assert _relative(path, folder) == expected
