"""Hostile and broken inputs: each gets a clear message and exit 1 or 2, no traceback, in bounded
time and memory, and nothing in them is executed.

`validate` says 1 for an invalid document and 2 for one it cannot read; for `check` every unusable
input is 2. Peak memory is measured in a subprocess (resource.getrusage), so pytest's own memory
does not count.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
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
    "future-version.yaml": (lambda: VALID.replace('"1"', '"3"', 1).encode(), 1, "'3' is not an allowed value"),  # "2" is format 2 now
    "two-documents.yaml": (lambda: VALID.encode() + b"---\n" + VALID.encode(), 1, "more than one"),
    "non-string-key.yaml": (lambda: VALID.encode() + b"1: x\n", 1, "key must be text"),
    "bad-int.yaml": (lambda: VALID.encode() + b"extra: 0b_\n", 1, "not a valid int"),
    "huge-int.yaml": (lambda: VALID.encode() + b"extra: " + b"9" * 5000 + b"\n", 1, "not a valid int"),
    "bad-bool.yaml": (lambda: VALID.encode() + b"extra: !!bool misschien\n", 1, "not a valid bool"),
    "infinite.json": (lambda: b'{"dienstvisie": "1", "x": 1e999}', 1, "finite"),
    "huge-int.json": (lambda: b'{"dienstvisie": "1", "x": ' + b"9" * 5000 + b"}", 1, "not a valid int"),
    "surrogate.json": (lambda: b'{"dienstvisie": "1", "title": "\\udc80"}', 1, "lone surrogate"),
    "python-object.yaml": (lambda: b"!!python/object/new:os.system [touch PWNED]\n", 1, "tag"),
    "escape-in-key.yaml": (lambda: VALID.encode() + b'"\\e[2J\\e]0;pwned\\a": x\n', 1, "unknown field"),
    # text in another Unicode encoding is not "binary data": say which encoding and how to convert
    "utf16-bom.yaml": (lambda: VALID.encode("utf-16"), 1, "is UTF-16LE text, not UTF-8"),
    "utf16be.yaml": (lambda: VALID.encode("utf-16-be"), 1, "is UTF-16BE text, not UTF-8"),
    "utf16le.json": (lambda: b'{"dienstvisie": "1"}'.decode().encode("utf-16-le"), 1, "is UTF-16LE text, not UTF-8"),
    "utf32-bom.yaml": (lambda: VALID.encode("utf-32"), 1, "is UTF-32LE text, not UTF-8"),
    "utf32be.yaml": (lambda: VALID.encode("utf-32-be"), 1, "is UTF-32BE text, not UTF-8"),
    "utf16-dutch.yaml": (lambda: VALID.replace("title: X", "title: Één café").encode("utf-16-le"), 1, "UTF-16LE"),
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


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_on_a_hostile_document_is_unusable_input(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    content, _, words = CASES[name]
    path = tmp_path / name
    path.write_bytes(content())
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    code = main(["check", "--isolated", "--no-plugins", "--lang", "en", str(path)])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert code == 2, err
    assert words in err and str(path) in err, err
    assert "Traceback" not in err + out
    assert elapsed < 10, f"took {elapsed:.1f}s"
    assert not (tmp_path / "PWNED").exists()
    assert "\x1b" not in err + out, "text from a document reached the terminal as a control sequence"


def test_file_over_the_size_limit_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIENSTVISIE_MAX_BYTES", "1000")
    path = tmp_path / "big.yaml"
    path.write_text(VALID + "summary: " + "x" * 2000 + "\n")
    assert main(["validate", "--lang", "en", str(path)]) == 2
    assert "larger than the limit of 1000 bytes" in capsys.readouterr().err
    monkeypatch.delenv("DIENSTVISIE_MAX_BYTES")
    assert main(["validate", str(path)]) == 0


def _refuse_to_open(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Opening these file names fails with EACCES, as for anyone but root after `chmod 000`
    (tests may run as root, who can read anything, so the refusal is simulated)."""
    real_open = os.open

    def refusing(path: str | bytes | os.PathLike[str], flags: int, *args: object, **kwargs: object) -> int:
        if os.path.basename(os.fsdecode(path)) in names:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing)


def test_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(VALID)
    _refuse_to_open(monkeypatch, "secret.yaml")
    assert main(["validate", "--lang", "en", str(path)]) == 2
    err = capsys.readouterr().err
    assert "cannot be read: Permission denied" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_folder_with_unreadable_files_reports_each_and_reads_the_rest(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "diensten"
    (folder / "sub").mkdir(parents=True)
    (folder / "a-ok.yaml").write_text(VALID)
    (folder / "b-geheim.yaml").write_text(VALID.replace("id: x", "id: b"))
    (folder / "sub" / "c-geheim.json").write_text(json.dumps({"dienstvisie": "1"}))
    (folder / "d-ok.yaml").write_text(VALID.replace("id: x", "id: d"))
    os.chmod(folder / "b-geheim.yaml", 0)  # what a reader who is not root meets …
    _refuse_to_open(monkeypatch, "b-geheim.yaml", "c-geheim.json")  # … simulated for root
    extra = ["--isolated", "--no-plugins", "--format", "json"] if command == "check" else []
    code = main([command, "--lang", "en", *extra, str(folder)])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert f"{folder / 'b-geheim.yaml'}: error: cannot be read: Permission denied" in err
    assert f"{folder / 'sub' / 'c-geheim.json'}: error: cannot be read: Permission denied" in err
    assert "Traceback" not in err
    if command == "check":  # the readable services are still checked and reported
        report = json.loads(out)
        assert [service["id"] for service in report["services"]] == ["x", "d"]
        assert {failure["file"] for failure in report["errors"]} == {
            str(folder / "b-geheim.yaml"), str(folder / "sub" / "c-geheim.json")}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(("command", "expected"), [("validate", 1), ("check", 2)])
def test_a_named_pipe_without_a_writer_does_not_block(command: str, expected: int, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ok.yaml").write_text(VALID)
    os.mkfifo(tmp_path / "pijp.yaml")  # opening it the ordinary way would wait for a writer forever
    started = time.monotonic()
    code = main([command, "--lang", "en", *(["--isolated"] if command == "check" else []), str(tmp_path)])
    err = capsys.readouterr().err
    assert code == expected and time.monotonic() - started < 10
    assert f"{tmp_path / 'pijp.yaml'}:1: error: the document is empty" in err


@pytest.mark.skipif(not os.path.exists("/dev/fd"), reason="needs /dev/fd")
def test_a_pipe_with_a_writer_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    """`dienstvisie validate <(generate-yaml)` and /dev/stdin keep working."""
    read_end, write_end = os.pipe()
    os.write(write_end, VALID.encode())
    os.close(write_end)
    try:
        assert main(["validate", f"/dev/fd/{read_end}"]) == 0, capsys.readouterr().err
    finally:
        os.close(read_end)


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_file_name_with_a_nul_byte_is_refused(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--lang", "en", "dienst\x00.yaml"]) == 2
    err = capsys.readouterr().err
    assert "dienst" in err and "file not found" in err and "Traceback" not in err


def test_the_default_size_limit_is_10_mb(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIENSTVISIE_MAX_BYTES", raising=False)
    path = tmp_path / "groot.yaml"
    path.write_bytes(VALID.encode() + b"#" * (10 * 1024 * 1024))
    started = time.monotonic()
    assert main(["check", "--isolated", "--lang", "en", str(path)]) == 2
    assert "larger than the limit of 10485760 bytes" in capsys.readouterr().err
    assert time.monotonic() - started < 10


# Bounded memory: what the hostile document costs on top of a process that has already loaded a
# valid one, measured in a fresh interpreter so pytest's own memory does not count. The peak is
# resource.getrusage's ru_maxrss, or on Linux VmHWM: Linux carries ru_maxrss over from the forked
# parent (pytest, with its hundreds of megabytes) across exec, which would hide the child's peak.
# RLIMIT_AS is a hard cap besides: a runaway allocation fails instead of swapping the machine.
_MEASURE = textwrap.dedent("""
    import json, resource, sys, time

    def peak_kib():
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, resource.getrlimit(resource.RLIMIT_AS)[1]))
    from dienstvisie import DienstvisieError, load_service
    load_service(sys.argv[1])
    before = peak_kib()
    started = time.monotonic()
    try:
        load_service(sys.argv[2])
        outcome = "loaded"
    except DienstvisieError as error:
        outcome = type(error).__name__ + ": " + str(error)
    seconds = time.monotonic() - started
    print(json.dumps({"outcome": outcome, "seconds": seconds, "extra_kib": peak_kib() - before}))
""")

_BIG_BUT_ALLOWED = lambda: VALID.encode() + b"summary: " + b"x" * (9 * 1024 * 1024) + b"\n"  # noqa: E731

MEMORY_CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "billion-laughs.yaml": (_bomb, "too many values"),
    "deep.yaml": (CASES["deep.yaml"][0], "nested too deeply"),
    "deep-mapping.yaml": (lambda: ("a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3000))).encode(), "nested too deeply"),
    "deep.json": (CASES["deep.json"][0], "nested too deeply"),
    "deep-objects.json": (lambda: ('{"a":' * 50_000 + "1" + "}" * 50_000).encode(), "nested too deeply"),
    "ten-megabytes-of-values.yaml": (lambda: b"x: [" + b"1," * (5 * 1024 * 1024 - 10) + b"1]\n", "too many values"),
    "nine-megabytes.yaml": (_BIG_BUT_ALLOWED, "loaded"),  # the baseline: a large valid document
}


@pytest.mark.parametrize("name", sorted(MEMORY_CASES))
def test_hostile_documents_take_bounded_time_and_memory(name: str, tmp_path: Path) -> None:
    content, words = MEMORY_CASES[name]
    valid, hostile = tmp_path / "valid.yaml", tmp_path / name
    valid.write_text(VALID)
    hostile.write_bytes(content())
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(valid), str(hostile)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout)
    assert measured["outcome"].startswith(("DocumentError", "SourceError", "loaded")), measured
    assert words in measured["outcome"], measured
    assert measured["seconds"] < 20, measured
    # 10 MB of text may cost a few times its size while parsed; a bomb must not cost more than that
    assert measured["extra_kib"] < 256 * 1024, measured


@pytest.mark.parametrize("command", ["validate", "check"])
def test_folder_with_a_symlink_loop_and_a_dangling_link_finishes(command: str, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "diensten"
    folder.mkdir()
    (folder / "ok.yaml").write_text(VALID)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    started = time.monotonic()
    code = main([command, *(["--isolated"] if command == "check" else []), str(folder)])
    assert time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert code == 2, err  # the dangling link cannot be read
    assert "dangling.yaml" in err and "Traceback" not in err


def test_a_directory_named_as_a_file_is_walked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text(VALID)
    assert main(["validate", str(tmp_path)]) == 0


@pytest.mark.parametrize("command", ["check", "portfolio", "baseline"])
@pytest.mark.parametrize("how", ["empty folder", "no match for --glob", "only other files"])
def test_a_folder_without_documents_is_unusable_input_not_a_pass(command: str, how: str, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped or empty folder must not pass CI with nothing checked (as `validate`: exit 2)."""
    folder = tmp_path / "diensten"
    folder.mkdir()
    extra: list[str] = []
    if how == "no match for --glob":
        (folder / "a.yaml").write_text(VALID)
        extra = ["--glob", "*.json"]
    elif how == "only other files":
        (folder / "lees-mij.txt").write_text("geen dienstconcept")
    output = ["-o", str(tmp_path / "uit.json")] if command == "baseline" else []
    code = main([command, "--isolated", "--no-plugins", "--lang", "en", str(folder), *extra, *output])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert str(folder) in err and "no " in err and "found" in err and "Traceback" not in err
    assert "pass" not in out.lower()
    assert not (tmp_path / "uit.json").exists()
    # a folder with documents next to the empty one is still no excuse
    (tmp_path / "ok.yaml").write_text(VALID)
    assert main([command, "--isolated", "--no-plugins", str(tmp_path / "ok.yaml"), str(folder), *extra, *output]) == 2


@pytest.mark.parametrize("name", ["utf16-bom.yaml", "utf32be.yaml"])
def test_text_in_another_unicode_encoding_says_how_to_convert_it(name: str, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(CASES[name][0]())
    assert main(["validate", "--lang", "en", str(path)]) == 1
    err = capsys.readouterr().err
    assert "binary" not in err and "iconv -f UTF-" in err and "-t UTF-8" in err


def test_an_endless_device_is_not_said_to_be_zero_bytes(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """/dev/zero (only read) has st_size 0: the message says what it is instead of "(0 bytes)"."""
    monkeypatch.setenv("DIENSTVISIE_MAX_BYTES", "1000")
    started = time.monotonic()
    assert main(["validate", "--lang", "en", "/dev/zero"]) == 2  # the limit would refuse `check`'s vision too
    err = capsys.readouterr().err
    assert time.monotonic() - started < 10
    assert "(0 bytes)" not in err and "gives more than the limit of 1000 bytes" in err
    assert "not a regular file but a character device" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_an_endless_pipe_is_cut_at_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIENSTVISIE_MAX_BYTES", "1000")
    pipe = tmp_path / "eindeloos.yaml"
    os.mkfifo(pipe)
    writer = _pipe_holder(pipe, "while True: os.write(fd, b'# x' * 1000)")
    try:
        assert main(["validate", "--lang", "en", str(pipe)]) == 2
    finally:
        writer.kill()
        writer.wait()
    assert "gives more than the limit of 1000 bytes and is not a regular file but a pipe" in capsys.readouterr().err


def _pipe_holder(pipe: Path, then: str) -> subprocess.Popen[bytes]:
    """A process that holds `pipe` open for writing (O_RDWR, so opening does not wait for a reader),
    says so on its stdout, and then runs `then` (with the descriptor `fd`)."""
    holder = subprocess.Popen([sys.executable, "-c", f"import os, sys, time\nfd = os.open({str(pipe)!r}, os.O_RDWR)\n"
                               f"print('ready', flush=True)\n{then}"], stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == b"ready\n"
    return holder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", ["validate", "check", "check-jobs"])
def test_a_pipe_whose_writer_stays_silent_does_not_hang(command: str, tmp_path: Path) -> None:
    """The writer holds the pipe open and writes nothing (or stops half-way): after
    DIENSTVISIE_READ_TIMEOUT seconds without a byte the document is unreadable (exit 2), and the
    other documents are still checked."""
    (tmp_path / "a-ok.yaml").write_text(VALID)
    pipe = tmp_path / "b-stil.yaml"
    os.mkfifo(pipe)
    (tmp_path / "c-half.yaml").write_text(VALID.replace("id: x", "id: c"))
    holder = _pipe_holder(pipe, "os.write(fd, b'dienstvisie: \"1\"\\n'); time.sleep(120)")
    try:
        extra = {"validate": [], "check": ["--isolated", "--no-plugins", "--format", "json"],
                 "check-jobs": ["--isolated", "--no-plugins", "--format", "json", "--jobs", "2"]}[command]
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "dienstvisie", command.split("-")[0], "--lang", "en", *extra,
                                 str(tmp_path)], capture_output=True, text=True, check=False, timeout=60,
                                env={**os.environ, "DIENSTVISIE_READ_TIMEOUT": "1"})
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2, result.stderr
    assert f"{pipe}: error: nothing arrived for 1 seconds from a pipe (FIFO)" in result.stderr
    assert "DIENSTVISIE_READ_TIMEOUT" in result.stderr and "Traceback" not in result.stderr
    assert elapsed < 30
    if command != "validate":
        assert [service["id"] for service in json.loads(result.stdout)["services"]] == ["x", "c"]


def test_a_baseline_of_a_large_portfolio_is_read_back(tmp_path: Path) -> None:
    """A baseline written by the tool for 3,000 services (millions of values' worth of the limits a
    service concept has) is read back by `check --baseline`; the concept's limits do not apply to it."""
    import attrs
    import yaml

    import dienstvisie
    from dienstvisie.analysis.baseline import fingerprints, record, render
    from dienstvisie.plugins.manager import load_plugins

    plugins = load_plugins(entry_points=False)
    examples = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))
    found = []
    for example in examples:
        report = dienstvisie.check(dienstvisie.read_service(example), plugins=plugins)
        for copy in range(600):
            found += [attrs.evolve(item, service=f"{item.service}-{copy}") for item in fingerprints(report)]
    baseline = tmp_path / "baseline.json"
    baseline.write_text(render(record(found, vision="gezamenlijke-dienstverlening")), encoding="utf-8")
    assert baseline.stat().st_size > 5_000_000 and len(found) > 30_000
    document = yaml.safe_load(examples[-1].read_text(encoding="utf-8"))
    document["id"] = f"{document['id']}-599"
    service = tmp_path / "dienst.yaml"
    service.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", str(service), "--isolated", "--no-plugins",
                             "--lang", "en", "--format", "json", "--baseline", str(baseline)],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout)["baseline"]
    assert summary["known"] > 0 and summary["new"] == 0 and summary["fixed"] == 0, summary


def test_a_broken_baseline_is_still_refused_with_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ok.yaml").write_text(VALID)
    for text, words in (('{"dienstvisie_baseline": "1", "findings": [{"service": "x"}]}', "/findings/0"),
                        ('{"dienstvisie_baseline": "1", "findings": ' + "[" * 5000 + "]" * 5000 + "}", "deeply"),
                        ("dienstvisie_baseline: '1'\nfindings: []\n", "syntax"),
                        ('{"dienstvisie_baseline": "1", "findings": [], "findings": []}', "twice")):
        path = tmp_path / "baseline.json"
        path.write_text(text)
        code = main(["check", "--isolated", "--no-plugins", "--lang", "en", str(tmp_path / "ok.yaml"),
                     "--baseline", str(path)])
        err = capsys.readouterr().err
        assert code == 2 and words in err and "Traceback" not in err, err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_configuration_or_rule_set_that_never_ends_or_never_speaks_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(VALID)
    pipe = tmp_path / "stil.toml"
    os.mkfifo(pipe)
    holder = _pipe_holder(pipe, "time.sleep(120)")
    try:
        env = {**os.environ, "DIENSTVISIE_READ_TIMEOUT": "1"}
        for option in (["--config", str(pipe)], ["--config", "/dev/zero"], ["--rules", str(pipe)],
                       ["--rules", "/dev/zero"]):
            started = time.monotonic()
            result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "--lang", "en", *option,
                                     str(tmp_path / "ok.yaml")], capture_output=True, text=True, check=False,
                                    timeout=60, env=env)
            assert result.returncode == 2 and "Traceback" not in result.stderr, (option, result.stderr)
            assert time.monotonic() - started < 30, option
            assert ("nothing arrived for 1 seconds" in result.stderr or "larger than" in result.stderr
                    or "gives more than the limit" in result.stderr), (option, result.stderr)
    finally:
        holder.kill()
        holder.wait()
# ------------------------------------------------------------------ hostile rule sets

# families of catastrophic backtracking, each with a text that makes a backtracking engine explode
REDOS: dict[str, tuple[str, str]] = {
    "nested-plus": ("^(a+)+$", "a" * 40 + "!"),
    "nested-star": ("^(a*)*$", "a" * 40 + "!"),
    "overlapping-alternation": ("^(a|a)*$", "a" * 40 + "!"),
    "alternation-of-lengths": ("^(a|aa)+$", "a" * 60 + "!"),
    "repeated-dot-groups": ("^(.*a){25}$", "a" * 40 + "!"),
    "words-and-spaces": ("^(\\w+\\s?)*$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"),
    "email-like": ("^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
                   "a" * 40 + "!"),
}


def _rules_file(tmp_path: Path, condition: object) -> Path:
    path = tmp_path / "regels.yaml"
    path.write_text(textwrap.dedent(f"""\
        dienstvisie_ruleset: "1"
        id: vijandig
        name: Vijandig
        rules:
          - id: VR101
            title: t
            message: m
            principles: [P1]
            severity: major
            target: service
            require: {json.dumps(condition)}
        """), encoding="utf-8")
    return path


@pytest.mark.parametrize("family", sorted(REDOS))
@pytest.mark.parametrize("place", ["pattern", "propertyNames", "defs"])
def test_a_rule_set_with_a_catastrophic_pattern_cannot_hang_check(family: str, place: str, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    pattern, text = REDOS[family]
    title = {"pattern": pattern} if place == "pattern" else (
        {"propertyNames": {"pattern": "^(nl|en)$"}, "additionalProperties": {"pattern": pattern}}
        if place == "propertyNames" else {"$ref": "#/$defs/kwaad"})
    condition: dict[str, object] = {"properties": {"title": {"properties": {"nl": title}} if place != "propertyNames"
                                                   else title}}
    if place == "defs":
        condition["$defs"] = {"kwaad": {"pattern": pattern}}
    document = tmp_path / "dienst.yaml"
    document.write_text(VALID.replace("title: X", f"title: {json.dumps(text)}"), encoding="utf-8")
    started = time.monotonic()
    code = main(["check", "--isolated", "--no-plugins", "--lang", "en", "--format", "json", "--select", "VR",
                 "--check-timeout", "5", "--rules", str(_rules_file(tmp_path, condition)), str(document)])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert code == 1, err
    [finding] = json.loads(out)["services"][0]["findings"]
    assert finding["status"] == "failed"  # judged, not abandoned at the time limit
    assert elapsed < 5, f"took {elapsed:.1f}s"


@pytest.mark.parametrize(("pattern", "words"), [
    ("a{99999999999}", "repetition count larger than 1000"),
    ("(x{2000})", "invalid repetition size"),
    ("(?<=a)b", "invalid perl operator"),
    ("^(a)\\1$", "invalid escape sequence"),
    ("[", "missing ]"),
    ("(?P<n>a)(?P=n)", "invalid perl operator"),
    ("a**", "bad repetition operator"),
])
def test_a_rule_set_with_a_pattern_re2_cannot_run_is_refused_naming_file_and_line(
        pattern: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = _rules_file(tmp_path, {"properties": {"title": {"properties": {"nl": {"pattern": pattern}}}}})
    document = tmp_path / "diensten" / "dienst.yaml"
    document.parent.mkdir()
    document.write_text(VALID, encoding="utf-8")
    code = main(["check", "--isolated", "--no-plugins", "--lang", "en", "--rules", str(rules), str(document)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert f"{rules}:11:" in err and words in err, err[:500]
    assert "Traceback" not in err and "internal error" not in err
