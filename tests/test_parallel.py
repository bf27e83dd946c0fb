"""Folders of many documents: --glob, --jobs in worker processes with a report identical to the serial
one (the same bytes, the same order, the same errors on stderr), streamed text and JSON equal to the
exporters' own output, plugins set up the same way in every worker, and the progress bar.

Helpers here (`generated_folder`, `BENCH`) are used by the other portfolio tests too.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
from support import TODAY
from test_export_common import ROOT, render

from dienstvisie import __version__
from dienstvisie.pipeline.checker import all_checks, resolve_vision
from dienstvisie.cli.main import main
from dienstvisie.cli.progress import Progress, wanted
from dienstvisie.documents.discover import discover
from dienstvisie.engine.run import run_checks
from dienstvisie.errors import DocumentError
from dienstvisie.exporters._stream import ReportFinisher
from dienstvisie.exporters.json_report import JsonFinisher
from dienstvisie.exporters.text import TextFinisher
from dienstvisie.documents.load import read_service
from dienstvisie.model.check import Severity
from dienstvisie.model.run import CheckRun, LoadFailure
from dienstvisie.pipeline.parallel import KeepReport, RunSpec, check_files, open_session, worker_count
from dienstvisie.plugins.manager import load_plugins
from dienstvisie.documents.validate import schema_problems

BENCH = ROOT / "bench"
EXAMPLES = ROOT / "examples"
BROKEN = ROOT / "tests" / "corpus" / "broken"


def bench_module(name: str) -> ModuleType:
    """A module of bench/ (not a package), imported from its file."""
    spec = importlib.util.spec_from_file_location(f"dienstvisie_bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def generated_folder(folder: Path, count: int, *, examples: bool = True, broken: bool = True) -> Path:
    """`count` generated service concepts in `folder`, plus the shipped examples and two broken documents."""
    bench_module("generate").write(count, folder / "generated")
    if examples:
        shutil.copytree(EXAMPLES, folder / "examples")
    if broken:
        (folder / "stuk").mkdir()
        for name in ("missing-required.yaml", "syntax-error.yaml"):
            shutil.copy(BROKEN / name, folder / "stuk" / name)
    return folder


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_folder(tmp_path_factory.mktemp("portfolio"), 36)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------------- the generator

def test_generated_documents_are_valid_varied_and_reproducible(tmp_path: Path) -> None:
    generate = bench_module("generate")
    documents = list(generate.services(60, seed=7))
    for document in documents:
        read_service(generate.to_yaml(document))  # raises when invalid
    steps = [len(d["steps"]) for d in documents]
    assert min(steps) >= 3 and max(steps) <= 12 and len(set(steps)) > 5
    assert all(2 <= len(d["organisations"]) <= 6 for d in documents)
    kinds = {s["handover"]["kind"] for d in documents for s in d["steps"] if "handover" in s}
    assert kinds == {"warm", "data", "cold"}
    assert any("decision" in s for d in documents for s in d["steps"])
    assert any("asks" in s for d in documents for s in d["steps"])
    assert documents == list(generate.services(60, seed=7))
    assert documents[:10] == list(generate.services(10, seed=7))  # the first k of a larger run
    assert documents != list(generate.services(60, seed=8))


# ------------------------------------------------------------------------------------------- --glob

def test_glob_narrows_what_is_taken_below_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    for name in ("a/een.yaml", "a/twee.yml", "a/b/drie.yaml", "a/b/notes.txt", "vier.json"):
        (tmp_path / name).write_text("x")
    names = lambda found: sorted(p.relative_to(tmp_path).as_posix() for p in found)  # noqa: E731
    assert names(discover([tmp_path])) == ["a/b/drie.yaml", "a/een.yaml", "a/twee.yml", "vier.json"]
    assert names(discover([tmp_path], patterns=["*.yaml"])) == ["a/b/drie.yaml", "a/een.yaml"]
    assert names(discover([tmp_path], patterns=["a/b/*"])) == ["a/b/drie.yaml", "a/b/notes.txt"]
    assert names(discover([tmp_path], patterns=["**/drie.*"])) == ["a/b/drie.yaml"]
    assert names(discover([tmp_path], patterns=["*.txt", "vier.*"])) == ["a/b/notes.txt", "vier.json"]
    named = tmp_path / "a" / "b" / "notes.txt"
    assert discover([named], patterns=["*.yaml"]) == [named]  # a file named directly is always taken


def test_check_with_glob(portfolio: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(portfolio), "--glob", "overlijden-*.yaml", "--no-plugins", "--isolated",
                        "--format", "json"], capsys)
    services = json.loads(out)["services"]
    assert [s["id"] for s in services] == ["overlijden-utrecht"] and code in (0, 1)


# ------------------------------------------------------------------------------- parallel = serial

def test_worker_count_keeps_small_runs_in_this_process() -> None:
    assert worker_count(100, 1) == 0
    assert worker_count(5, 2) == 0  # too few documents to be worth a process
    assert worker_count(8, 2) == 2
    assert worker_count(1000, 4) == 4


@pytest.mark.parametrize("fmt", ["text", "json", "html", "sarif"])
def test_jobs_2_gives_the_same_bytes_and_messages_as_jobs_1(portfolio: Path, fmt: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check", str(portfolio), "--isolated", "--format", fmt, "--lang", "en",
            "--plugin", "dv_plugin_sample", "--plugin", "dv_plugin_faulty"]
    serial = run([*args, "--jobs", "1"], capsys)
    parallel = run([*args, "--jobs", "2"], capsys)
    assert serial[0] == parallel[0] == 2  # two broken documents
    assert serial[1] == parallel[1]
    assert serial[2] == parallel[2]  # load errors and per-service plugin errors in the same order
    assert serial[2].count("boom in prepare_service") == 36 + 5  # once per checked service
    if fmt == "json":
        data = json.loads(serial[1])
        assert schema_problems(data, "report") == []
        assert len(data["services"]) == 41 and len(data["errors"]) == 2


def test_check_files_in_spawned_workers_load_the_plugins_the_same_way(portfolio: Path) -> None:
    """Spawned workers inherit nothing: they set up plugins, rules and vision from the spec alone."""
    files = [str(path) for path in discover([portfolio])]
    rules = ROOT / "plugins" / "dienstvisie-gemeente-voorbeeld" / "src" / "dienstvisie_gemeente_voorbeeld" / "regels.yaml"
    rule_files = (str(rules),)
    spec = RunSpec(entry_points=False, modules=("dv_plugin_sample",), rule_files=rule_files, today=TODAY,
                   select=("ALL",), ignore=("DV6",), severity=(("DV101", "critical"),))
    session = open_session(spec)
    finish = ReportFinisher(fail_on=Severity.MINOR)
    serial = list(check_files(files, spec, finish, jobs=1, session=session))
    spawned = list(check_files(files, spec, finish, jobs=2, session=session, start_method="spawn"))
    assert serial == spawned
    reports = [item.payload.report for item in serial if item.payload is not None]
    assert any(f.check == "SP101" for r in reports for f in r.findings)  # the --plugin module's check ran
    assert not any(f.check.startswith("DV6") for r in reports for f in r.findings)
    assert all(f.severity is Severity.CRITICAL for r in reports for f in r.findings if f.check == "DV101")
    assert [item.file for item in serial] == files
    assert any(f.check.startswith("GV") for r in reports for f in r.findings)  # the --rules file's rules ran


def test_interrupted_parallel_run_stops_cleanly(portfolio: Path) -> None:
    files = [str(path) for path in discover([portfolio])]
    spec = RunSpec(entry_points=False, today=TODAY)
    stream = check_files(files, spec, KeepReport(keep_concept=False), jobs=2, session=open_session(spec))
    first = next(stream)
    assert first.file == files[0]
    stream.close()  # the pool is shut down, pending work cancelled; nothing hangs


# ------------------------------------------------------------------------ streamed = rendered whole

def _whole_run(folder: Path, spec: RunSpec) -> CheckRun:
    plugins = load_plugins(entry_points=False)
    vision = resolve_vision(None, plugins)
    checks = all_checks(vision, plugins)
    reports = []
    failures = []
    for path in discover([folder]):
        try:
            document = read_service(path)
        except DocumentError as error:
            failures.append(LoadFailure(file=str(path), problems=error.problems, exit_code=error.exit_code))
            continue
        reports.append(run_checks(plugins.prepare(document.model, vision), vision=vision, checks=checks,
                                  vocabularies=plugins.vocabularies(), source_map=document.source_map, today=spec.today,
                                  known_check_ids={check.id for check in checks}))
    return CheckRun(reports=tuple(reports), vision=vision, checks=checks, load_failures=tuple(failures),
                    plugin_failures=tuple(plugins.failures), version=__version__)


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_streamed_text_and_json_equal_the_exporters_output(portfolio: Path, fmt: str, lang: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import datetime

    spec = RunSpec(entry_points=False, today=datetime.date.today())
    expected = render(fmt, _whole_run(portfolio, spec), lang)  # type: ignore[arg-type]
    code, out, _ = run(["check", str(portfolio), "--no-plugins", "--isolated", "--format", fmt, "--lang", lang,
                        "--jobs", "2"], capsys)
    assert code == 2
    assert out == expected


@pytest.mark.parametrize("count", [0, 1, 2])
def test_streamed_text_equals_the_exporter_for_tiny_runs(tmp_path: Path, count: int) -> None:
    """No service, one, two; with and without a broken document; colour on and off; full and
    concise; quiet or not."""
    from dienstvisie.exporters.text import TextWriter, render_text

    spec = RunSpec(entry_points=False, today=TODAY)
    session = open_session(spec)
    files = [str(path) for path in sorted(EXAMPLES.glob("*.yaml"))[:count]]
    for with_broken in (False, True):
        names = files + ([str(BROKEN / "missing-required.yaml")] if with_broken else [])
        for colour, form, quiet in itertools.product((False, True), ("full", "concise"), (False, True)):
            finisher = TextFinisher("en", colour, Severity.MINOR, form=form, quiet=quiet)  # type: ignore[arg-type]
            items = list(check_files(names, spec, finisher, session=session))
            out = io.StringIO()
            writer = TextWriter(out, session.vision, session.checks, "en", colour, Severity.MINOR,
                                form=form, quiet=quiet)  # type: ignore[arg-type]
            for item in items:
                if item.payload is not None:
                    writer.add(item.payload)
            failures = [item.failure for item in items if item.failure is not None]
            tail = CheckRun(reports=(), vision=session.vision, checks=session.checks,
                            load_failures=tuple(failures), plugin_failures=tuple(session.plugins.failures))
            writer.finish(tail, None)
            reports = tuple(session.check_report(name) for name in files)
            whole = attrs.evolve(tail, reports=reports)
            assert out.getvalue() == render_text(whole, "en", colour=colour, form=form, quiet=quiet)  # type: ignore[arg-type]


def test_json_finisher_parts_splice_into_valid_json(tmp_path: Path) -> None:
    from dienstvisie.exporters.json_report import JsonWriter

    spec = RunSpec(entry_points=False, today=TODAY)
    session = open_session(spec)
    out = io.StringIO()
    writer = JsonWriter(out)
    for item in check_files([str(p) for p in sorted(EXAMPLES.glob("*.yaml"))], spec, JsonFinisher(Severity.MINOR),
                            session=session):
        writer.add(item.payload)
    writer.finish(CheckRun(reports=(), vision=session.vision, checks=session.checks), None)
    data = json.loads(out.getvalue())
    assert len(data["services"]) == 5 and schema_problems(data, "report") == []


def test_output_file_is_written_atomically_and_not_left_half(portfolio: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rapport.txt"
    code, out, _ = run(["check", str(portfolio / "examples"), "--no-plugins", "--isolated", "-o", str(target)], capsys)
    assert code == 1 and out == "" and target.read_text(encoding="utf-8").startswith("Visie:")
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.txt"]  # no temporary file left behind
    code, _, err = run(["check", str(portfolio / "examples"), "--no-plugins", "-o", str(tmp_path / "nee" / "r.json"),
                        "--format", "json"], capsys)
    assert code == 2 and "r.json" in err


# ------------------------------------------------------------------------------------- progress bar

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_wiped_at_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    assert not wanted(io.StringIO())
    assert wanted(_Terminal())
    monkeypatch.setenv("TERM", "dumb")
    assert not wanted(_Terminal())
    monkeypatch.setenv("TERM", "xterm")
    screen = _Terminal()
    progress = Progress(10, "en", stream=screen)
    progress.started -= 5  # a long run: past the delay
    assert list(progress.track(range(10))) == list(range(10))
    drawn = screen.getvalue()
    assert "10/10 documents (100%)" in drawn and drawn.endswith("\r\x1b[K")
    quiet = Progress(10, "en", stream=io.StringIO())
    list(quiet.track(range(10)))
    assert quiet.stream.getvalue() == ""  # type: ignore[attr-defined]


def test_short_runs_draw_nothing_and_the_bar_steps_aside_for_output() -> None:
    screen = _Terminal()
    progress = Progress(3, "nl", stream=screen)
    list(progress.track(range(3)))
    assert screen.getvalue() == ""  # under half a second: nothing drawn
    progress = Progress(3, "nl", stream=screen, enabled=True)
    progress.started -= 5
    progress.advance()
    assert "1/3 documenten" in screen.getvalue()
    with progress.paused():
        screen.write("uitvoer\n")
    assert screen.getvalue().endswith("\r\x1b[Kuitvoer\n")
    assert progress.line().startswith("[")


def test_no_progress_bar_when_stderr_is_not_a_terminal(portfolio: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(["check", str(portfolio), "--no-plugins", "--isolated", "-o", "-", "--format", "json"], capsys)
    assert "\r" not in err and "\x1b[K" not in err


def test_trimmed_writer_equals_rstrip_and_one_line_break() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from dienstvisie.exporters.text import _Trimmed

    @given(st.lists(st.text(st.sampled_from(["a", " ", "\n", "\t", "é"]), max_size=6), min_size=1, max_size=8))
    def check(chunks: list[str]) -> None:
        out = io.StringIO()
        writer = _Trimmed(out)
        for chunk in chunks:
            writer.write(chunk)
        writer.close()
        assert out.getvalue() == "".join(chunks).rstrip() + "\n"

    check()


def test_jobs_auto_is_the_default_and_means_every_core(tmp_path: Path) -> None:
    """`--jobs auto` (the default, also written out) uses as many processes as there are cores."""
    import os
    import subprocess
    import argparse

    from dienstvisie.cli.cmd_check import _jobs, jobs_of
    from dienstvisie.pipeline.parallel import available_cores

    assert _jobs("en")("auto") == _jobs("en")("AUTO") == 0
    assert jobs_of(argparse.Namespace(jobs=_jobs("en")("auto"))) == jobs_of(argparse.Namespace(jobs=None)) == available_cores()
    assert jobs_of(argparse.Namespace(jobs=_jobs("en")("3"))) == 3
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "--help"], capture_output=True, text=True,
                            env={**os.environ, "DIENSTVISIE_LANG": "en"})
    assert "auto" in result.stdout and "-j N|auto, --jobs N|auto" in result.stdout


# ------------------------------------------------------------------------ a worker that dies

def _cli(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 180) -> Any:
    import os
    import subprocess

    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parent), **(env or {})})


def _service_ids(folder: Path) -> dict[str, str]:
    return {str(path): read_service(path).model.id for path in discover([folder])}


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_folder(tmp_path_factory.mktemp("healthy"), 30, broken=False)


@pytest.mark.parametrize("how", ["kill", "segv", "c-exit0"])
def test_a_worker_that_dies_costs_only_the_document_it_held(healthy: Path, tmp_path: Path, how: str) -> None:
    ids = _service_ids(healthy)
    doomed = sorted(ids.values())[3:5]
    result = _cli(["check", str(healthy), "--plugin", "dv_plugin_dies", "--isolated", "--format", "json", "--jobs", "2",
                   "--lang", "en"], tmp_path, {"DV_DIE_SERVICES": ",".join(doomed), "DV_DIE_HOW": how})
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "BrokenProcessPool" not in result.stderr
    report = json.loads(result.stdout)
    assert sorted(s["id"] for s in report["services"]) == sorted(set(ids.values()) - set(doomed))
    assert report["result"] == "fail"
    lost = {error["file"]: error["problems"][0] for error in report["errors"]}
    assert sorted(ids[file] for file in lost) == doomed
    expected = {"kill": "killed by SIGKILL, for instance because memory ran out", "segv": "killed by SIGSEGV",
                "c-exit0": "ended with exit code 0"}[how]
    for file, problem in lost.items():
        assert problem["message"]["en"] == f"the worker process checking this document {expected}; the document was not checked"
        assert f"{file}: error: the worker process checking this document" in result.stderr


def test_lost_documents_keep_their_place_and_the_others_are_checked(healthy: Path) -> None:
    files = [str(path) for path in discover([healthy])]
    ids = _service_ids(healthy)
    import os

    os.environ["DV_DIE_SERVICES"] = ",".join(ids[file] for file in files[::7])
    os.environ["DV_DIE_HOW"] = "kill"
    try:
        spec = RunSpec(entry_points=False, modules=("dv_plugin_dies",), today=TODAY)
        items = list(check_files(files, spec, KeepReport(keep_concept=False), jobs=2, session=open_session(spec),
                                 start_method="fork"))
    finally:
        del os.environ["DV_DIE_SERVICES"], os.environ["DV_DIE_HOW"]
    assert [item.file for item in items] == files
    lost = [item.file for item in items if item.failure is not None]
    assert lost == files[::7]
    assert all(item.failure.problems[0].code == "worker.lost" for item in items if item.failure is not None)
    assert all(item.payload is not None for item in items if item.failure is None)


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _survivors(workers: list[int]) -> list[int]:
    """The workers still alive 10 s after their parent died (killed here, so none is left behind)."""
    import signal
    import time

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    survivors = [pid for pid in workers if _alive(pid)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    return survivors


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_workers_die_with_their_parent_after_kill_9(healthy: Path, tmp_path: Path, start_method: str) -> None:
    import signal
    import subprocess
    import textwrap
    import time

    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from dienstvisie.pipeline.parallel import RunSpec, check_files, open_session, KeepReport
        from dienstvisie.documents.discover import discover
        files = [str(p) for p in discover([{str(healthy)!r}])]
        spec = RunSpec(entry_points=False, modules=("dv_plugin_hangs",), check_timeout=None)
        for item in check_files(files, spec, KeepReport(), jobs=2, session=open_session(spec),
                                start_method={start_method!r}):
            pass
    """)
    process = subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = _children(process.pid)
        assert len(workers) >= 2
        time.sleep(2 if start_method == "spawn" else 0.5)  # the workers are set up and hang in a check
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert _survivors(workers) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_kill_9_of_check_jobs_2_leaves_no_worker_and_no_temporary_file(healthy: Path, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import time

    out = tmp_path / "uit"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "dienstvisie", "check", str(healthy), "--plugin", "dv_plugin_hangs", "--isolated",
         "--check-timeout", "60", "--jobs", "2", "--format", "json", "-o", str(out / "rapport.json")],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = _children(process.pid)
        assert len(workers) >= 2
        time.sleep(1)  # the report file is open, the workers hang in a check
        assert list(out.iterdir()) == []  # the report being written has no name yet
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert _survivors(workers) == []
    assert list(out.iterdir()) == []  # nothing left behind


@pytest.mark.parametrize("start_method", ["fork", "spawn", "forkserver"])
def test_every_start_method_gives_the_same_items(healthy: Path, start_method: str) -> None:
    import multiprocessing

    if start_method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start_method} here")
    files = [str(path) for path in discover([healthy])]
    spec = RunSpec(entry_points=False, today=TODAY)
    session = open_session(spec)
    finish = KeepReport(keep_concept=False)
    assert list(check_files(files, spec, finish, jobs=2, session=session, start_method=start_method)) == \
        list(check_files(files, spec, finish, jobs=1, session=session))


# ------------------------------------------------------------------------ the worker pool itself

def _square_or_die(item: int) -> int:
    import os
    import signal

    if item in (5, 17):
        os.kill(os.getpid(), signal.SIGKILL)
    if item == 23:
        raise ValueError("twenty-three")
    return item * item


def _no_setup() -> None:
    pass


def _dies_at_setup() -> None:
    import os

    os.kill(os.getpid(), 9)


def test_the_pool_gives_results_in_order_and_lost_only_for_the_items_that_killed_a_worker() -> None:
    import multiprocessing

    from dienstvisie.pipeline.worker_pool import Lost, run_in_workers

    context = multiprocessing.get_context("fork")
    items = [i for i in range(40) if i != 23]
    results = list(run_in_workers(items, _square_or_die, workers=2, chunk=3, context=context, initializer=_no_setup,
                                  window=6))
    assert results == [Lost(-9) if i in (5, 17) else i * i for i in items]


def test_an_exception_in_the_pool_is_raised_here_and_the_workers_end() -> None:
    import multiprocessing

    from dienstvisie.pipeline.worker_pool import run_in_workers

    context = multiprocessing.get_context("fork")
    before = set(_children(__import__("os").getpid()))
    with pytest.raises(ValueError, match="twenty-three"):
        list(run_in_workers(list(range(20, 30)), _square_or_die, workers=2, chunk=2, context=context,
                            initializer=_no_setup))
    assert set(_children(__import__("os").getpid())) <= before


def test_workers_that_cannot_start_are_an_error_not_a_loop() -> None:
    import multiprocessing

    from dienstvisie.pipeline.worker_pool import WorkersCannotStart, run_in_workers

    context = multiprocessing.get_context("fork")
    with pytest.raises(WorkersCannotStart, match="exit code -9"):
        list(run_in_workers(list(range(10)), _square_or_die, workers=2, chunk=2, context=context,
                            initializer=_dies_at_setup))
