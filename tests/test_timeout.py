"""A check that hangs: each check has a time limit; one that overruns becomes an `error` finding,
its thread is abandoned, the other checks still run, and the run (and the process) completes."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import dienstvisie
from dienstvisie import CheckContext, Outcome, Severity, Status, Text, define_check, fail
from dienstvisie.cli.config import ConfigError, check_timeout_value, load_config
from dienstvisie.engine.run import DEFAULT_CHECK_TIMEOUT, run_checks
from dienstvisie.plugins.manager import Plugins, load_plugins, plugin_from_functions
from dienstvisie.pipeline.checker import all_checks

EXAMPLE = Path(__file__).parents[1] / "examples" / "overlijden-utrecht.yaml"
RELEASE = threading.Event()  # set at the end of the module, so no abandoned thread outlives the tests for long
STOP_SPINNING = threading.Event()  # the busy loop takes a core: stopped right after its test


def _define(check_id: str) -> Any:
    return define_check(id=check_id, title=Text(nl="t", en="t"), rationale=Text(nl="r", en="r"), principles=("P1",),
                        severity=Severity.MINOR, suggestion=Text(nl="s", en="s"), origin="test")


@_define("ZT101")
def sleeps_forever(ctx: CheckContext) -> Iterator[Outcome]:
    while not RELEASE.wait(0.05):  # time.sleep in a loop: what a check stuck on a lock or socket does
        pass
    yield fail(Text(nl="te laat", en="too late"))


@_define("ZT102")
def spins_forever(ctx: CheckContext) -> Iterator[Outcome]:
    while not STOP_SPINNING.is_set():  # pure Python busy loop, holding the GIL between switches
        pass
    yield fail(Text(nl="te laat", en="too late"))


@_define("ZT103")
def runs_after_the_hung_ones(ctx: CheckContext) -> Iterator[Outcome]:
    yield fail(Text(nl="ik draaide", en="I ran"))


@_define("ZT104")
def slow_but_returns(ctx: CheckContext) -> Iterator[Outcome]:
    time.sleep(0.6)
    yield fail(Text(nl="te laat", en="too late"))


@_define("ZT105")
def exits(ctx: CheckContext) -> Iterator[Outcome]:
    sys.exit(3)
    yield fail(Text(nl="nooit", en="never"))


def _plugins(*checks: Any) -> Plugins:
    return load_plugins(entry_points=False, extra=[plugin_from_functions("traag", dienstvisie_checks=lambda vision: list(checks))])


def _of(report: dienstvisie.Report, check_id: str) -> list[dienstvisie.Finding]:
    return [finding for finding in report.findings if finding.check == check_id]


def teardown_module() -> None:
    RELEASE.set()
    STOP_SPINNING.set()


def test_the_default_limit_is_ten_seconds() -> None:
    assert DEFAULT_CHECK_TIMEOUT == 10.0


def test_a_check_that_sleeps_forever_becomes_an_error_and_the_run_completes() -> None:
    plugins = _plugins(sleeps_forever, runs_after_the_hung_ones)
    started = time.monotonic()
    report = dienstvisie.check(EXAMPLE, plugins=plugins, check_timeout=0.3)
    assert time.monotonic() - started < 5
    [hung] = _of(report, "ZT101")
    assert hung.status is Status.ERROR
    assert hung.message.get("en") == (
        "The check ZT101 could not run: took longer than the time limit of 0.3 s and was abandoned (check-timeout)")
    assert "tijdslimiet van 0.3 s" in hung.message.get("nl")
    assert [f.status for f in _of(report, "ZT103")] == [Status.FAILED]
    assert any(f.check.startswith("DV1") for f in report.findings)  # the built-in checks ran too
    assert {f.check for f in report.findings} >= {"ZT101", "ZT103", "DV101", "DV601", "QP1"}


def test_a_busy_loop_is_limited_as_well_and_every_hung_check_gets_its_own_error() -> None:
    plugins = _plugins(spins_forever, sleeps_forever, runs_after_the_hung_ones)
    started = time.monotonic()
    try:
        report = dienstvisie.check(EXAMPLE, plugins=plugins, check_timeout=0.3, select=["ZT"])
    finally:
        STOP_SPINNING.set()
    assert time.monotonic() - started < 5
    assert [(f.check, f.status) for f in report.findings] == [
        ("ZT101", Status.ERROR), ("ZT102", Status.ERROR), ("ZT103", Status.FAILED)]


def test_a_late_result_is_discarded() -> None:
    report = dienstvisie.check(EXAMPLE, plugins=_plugins(slow_but_returns, runs_after_the_hung_ones), check_timeout=0.2,
                               select=["ZT"])
    assert [(f.check, f.status) for f in report.findings] == [("ZT103", Status.FAILED), ("ZT104", Status.ERROR)]
    time.sleep(0.6)  # the slow check returns meanwhile, into a batch nobody waits for
    report = dienstvisie.check(EXAMPLE, plugins=_plugins(slow_but_returns), check_timeout=2, select=["ZT"])
    assert [(f.check, f.status) for f in report.findings] == [("ZT104", Status.FAILED)]


def test_a_check_calling_sys_exit_is_an_error_of_that_check() -> None:
    report = dienstvisie.check(EXAMPLE, plugins=_plugins(exits, runs_after_the_hung_ones), select=["ZT"])
    assert [(f.check, f.status) for f in report.findings] == [("ZT103", Status.FAILED), ("ZT105", Status.ERROR)]
    assert "SystemExit: 3" in _of(report, "ZT105")[0].message.get("en")


@pytest.mark.parametrize("limit", [None, 0])
def test_no_limit_runs_the_checks_in_the_calling_thread(limit: float | None) -> None:
    seen: list[threading.Thread] = []

    @_define("ZT106")
    def where(ctx: CheckContext) -> Iterator[Outcome]:
        seen.append(threading.current_thread())
        return iter(())

    report = dienstvisie.check(EXAMPLE, plugins=_plugins(where), check_timeout=limit, select=["ZT"])
    assert seen == [threading.current_thread()]
    assert [f.status for f in report.findings] == [Status.PASSED]


def test_with_a_limit_the_same_findings_come_out_as_without() -> None:
    plugins = load_plugins(entry_points=False)
    document = dienstvisie.read_service(EXAMPLE)
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    checks = all_checks(vision, plugins)
    limited = run_checks(document.model, vision=vision, checks=checks, vocabularies=plugins.vocabularies(),
                         source_map=document.source_map, check_timeout=5)
    unlimited = run_checks(document.model, vision=vision, checks=checks, vocabularies=plugins.vocabularies(),
                           source_map=document.source_map, check_timeout=None)
    assert limited == unlimited


def test_checks_run_concurrently_from_several_threads_stay_apart() -> None:
    plugins = load_plugins(entry_points=False)
    expected = dienstvisie.check(EXAMPLE, plugins=plugins, check_timeout=None)
    results: list[dienstvisie.Report] = []

    def work() -> None:
        for _ in range(5):
            results.append(dienstvisie.check(EXAMPLE, plugins=plugins, check_timeout=5))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 20 and all(report == expected for report in results)


def _in_forked_child(queue: Any) -> None:
    report = dienstvisie.check(EXAMPLE, plugins=load_plugins(entry_points=False), check_timeout=5)
    queue.put(len(report.findings))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_forked_worker_process_does_not_wait_for_threads_it_did_not_inherit() -> None:
    """`--jobs` may fork worker processes after the parent has run checks: the pool starts afresh."""
    expected = len(dienstvisie.check(EXAMPLE, plugins=load_plugins(entry_points=False), check_timeout=5).findings)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    started = time.monotonic()
    process = context.Process(target=_in_forked_child, args=(queue,))
    process.start()
    process.join(30)
    assert process.exitcode == 0
    assert queue.get(timeout=1) == expected
    assert time.monotonic() - started < 4  # far below the 5 s a dead pool thread would cost


def test_an_abandoned_thread_does_not_keep_the_process_alive(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        import dienstvisie
        from test_timeout import _plugins, sleeps_forever
        report = dienstvisie.check({str(EXAMPLE)!r}, plugins=_plugins(sleeps_forever), check_timeout=0.2, select=["ZT"])
        print(report.findings[0].status.value)
    """)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "error"
    assert time.monotonic() - started < 20


@pytest.mark.parametrize(("value", "expected"), [(10, 10.0), (0.5, 0.5), (0, 0.0), ("2.5", 2.5)])
def test_a_time_limit_is_a_number_of_seconds_from_zero_up(value: Any, expected: float) -> None:
    assert check_timeout_value(value) == expected


@pytest.mark.parametrize("value", [-1, "-1", "tien", float("inf"), float("nan"), True, None, [1]])
def test_anything_else_is_no_time_limit(value: Any) -> None:
    with pytest.raises(ValueError):
        check_timeout_value(value)


def test_the_configuration_file_sets_the_time_limit(tmp_path: Path) -> None:
    config = tmp_path / "dienstvisie.toml"
    config.write_text("check-timeout = 2.5\n")
    assert load_config(config).check_timeout == 2.5
    config.write_text("select = ['DV']\n")
    assert load_config(config).check_timeout is None


@pytest.mark.parametrize("value", ["-1", "'10'", "true", "inf"])
def test_a_wrong_time_limit_in_the_configuration_is_an_error_naming_the_key(tmp_path: Path, value: str) -> None:
    config = tmp_path / "dienstvisie.toml"
    config.write_text(f"check-timeout = {value}\n")
    with pytest.raises(ConfigError, match="'check-timeout'"):
        load_config(config)


# ------------------------------------------------------------------------- a check that returns garbage


class _Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no str either")


def _endless(ctx: CheckContext) -> Iterator[Outcome]:
    while True:
        yield fail(Text(nl="nog een", en="one more"))


def _raises_unprintable(ctx: CheckContext) -> Iterator[Outcome]:
    raise _Unprintable()


@pytest.mark.parametrize(("function", "problem"), [
    (lambda ctx: None, "TypeError"),
    (lambda ctx: 42, "TypeError"),
    (lambda ctx: ["not an outcome"], "returned str instead of an Outcome"),
    (lambda ctx: [Outcome("bogus")], "unknown kind 'bogus'"),  # type: ignore[arg-type]
    (lambda ctx: [Outcome("failed", "plain str")], "message is str, not Text"),  # type: ignore[arg-type]
    (lambda ctx: [Outcome("failed", Text(nl=7))], "message is Text, not Text"),  # type: ignore[arg-type]
    (lambda ctx: [Outcome("failed", pointer=3)], "pointer 3 is not a JSON pointer"),  # type: ignore[arg-type]
    (lambda ctx: [Outcome("failed", pointer="steps/0")], "pointer 'steps/0' is not a JSON pointer"),
    (lambda ctx: [Outcome("failed", step=["a"])], "step is list, not text"),  # type: ignore[arg-type]
    (lambda ctx: [Outcome("failed", severity="major")], "severity 'major' is not a Severity"),  # type: ignore[arg-type]
    (_endless, "yielded more than 10000 outcomes"),
    (_raises_unprintable, "_Unprintable"),
])
def test_garbage_from_a_check_is_an_error_of_that_check_and_the_run_completes(function: Any, problem: str) -> None:
    garbage = _define("ZT107")(function)
    plugins = _plugins(garbage, runs_after_the_hung_ones)
    for limit in (5, None):  # in a worker thread and in the calling thread alike
        report = dienstvisie.check(EXAMPLE, plugins=plugins, check_timeout=limit, select=["ZT"])
        assert [(f.check, f.status) for f in report.findings] == [("ZT103", Status.FAILED), ("ZT107", Status.ERROR)]
        message = _of(report, "ZT107")[0].message.get("en")
        assert problem in message, message
    vision = plugins.visions()["gezamenlijke-dienstverlening"]
    run = dienstvisie.CheckRun(reports=(report,), vision=vision, checks=all_checks(vision, plugins),
                               version=dienstvisie.__version__)
    for name, exporter in plugins.exporters().items():  # the report is whole: every format renders it
        assert exporter.render(run, "en"), name


# ------------------------------------------------------------------------- on the command line


EXAMPLES = EXAMPLE.parent


def _cli(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)})


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_check_timeout_flag_limits_a_hanging_plugin_check_also_in_worker_processes(jobs: str, tmp_path: Path) -> None:
    started = time.monotonic()
    result = _cli(["check", str(EXAMPLES), "--plugin", "dv_plugin_hangs", "--isolated", "--check-timeout", "0.5",
                   "--format", "json", "--jobs", jobs, "--lang", "en"], tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert time.monotonic() - started < 60
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    hung = [finding for service in report["services"] for finding in service["findings"] if finding["check"] == "ZH101"]
    assert len(hung) == len(list(EXAMPLES.glob("*.yaml"))) == len(report["services"])
    assert {finding["status"] for finding in hung} == {"error"}
    assert all("time limit of 0.5 s" in finding["message"]["en"] for finding in hung)


def test_the_configuration_file_sets_the_limit_and_the_flag_wins(tmp_path: Path) -> None:
    (tmp_path / "dienstvisie.toml").write_text("check-timeout = 0.4\n")
    result = _cli(["check", str(EXAMPLE), "--plugin", "dv_plugin_hangs", "--format", "json", "--select", "ZH"], tmp_path)
    findings = json.loads(result.stdout)["services"][0]["findings"]
    assert [(f["check"], f["status"]) for f in findings] == [("ZH101", "error")]
    assert "0.4 s" in findings[0]["message"]["nl"]
    result = _cli(["check", str(EXAMPLE), "--plugin", "dv_plugin_hangs", "--format", "json", "--select", "ZH",
                   "--check-timeout", "0.3"], tmp_path)
    assert "0.3 s" in json.loads(result.stdout)["services"][0]["findings"][0]["message"]["nl"]


@pytest.mark.parametrize("value", ["-1", "tien", "inf", "nan"])
def test_a_wrong_check_timeout_flag_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    from dienstvisie.cli.main import main

    assert main(["check", str(EXAMPLE), "--isolated", f"--check-timeout={value}"]) == 2
    assert "--check-timeout" in capsys.readouterr().err


# ------------------------------------------------ built-in checks: in the calling thread, by a timer

def _as_builtin(function: Any) -> Any:
    """`function` as if it were one of dienstvisie's own checks (checks/): those run in the calling
    thread under a timer signal instead of in a worker thread."""
    function.__module__ = "dienstvisie.checks._test_only"
    return function


SPUN: list[int] = [0]


def _spins_as_builtin(ctx: CheckContext) -> Iterator[Outcome]:
    while True:  # a busy loop in a built-in check: the alarm stops it
        SPUN[0] += 1


def _sleeps_as_builtin(ctx: CheckContext) -> Iterator[Outcome]:
    time.sleep(60)  # a sleep in C: the signal interrupts it
    yield fail(Text(nl="te laat", en="too late"))


def _where_as_builtin(ctx: CheckContext) -> Iterator[Outcome]:
    WHERE.append(threading.current_thread())
    return iter(())


WHERE: list[threading.Thread] = []


def test_built_in_checks_run_in_the_calling_thread_also_with_a_limit() -> None:
    from dienstvisie.engine.run import _builtin

    assert all(_builtin(check) for check in all_checks(load_plugins(entry_points=False).visions()
                                                          ["gezamenlijke-dienstverlening"], load_plugins(entry_points=False)))
    WHERE.clear()
    where = _define("ZT201")(_as_builtin(_where_as_builtin))
    report = dienstvisie.check(EXAMPLE, plugins=_plugins(where), check_timeout=5, select=["ZT"])
    assert WHERE == [threading.current_thread()] and [f.status for f in report.findings] == [Status.PASSED]


@pytest.mark.parametrize("function", [_spins_as_builtin, _sleeps_as_builtin], ids=["spins", "sleeps"])
def test_a_built_in_check_that_overruns_is_stopped_and_becomes_an_error(function: Any) -> None:
    hung = _define("ZT202")(_as_builtin(function))
    started = time.monotonic()
    report = dienstvisie.check(EXAMPLE, plugins=_plugins(hung, runs_after_the_hung_ones), check_timeout=0.3,
                               select=["ZT"])
    assert time.monotonic() - started < 5
    assert [(f.check, f.status) for f in report.findings] == [("ZT103", Status.FAILED), ("ZT202", Status.ERROR)]
    assert "0.3 s" in _of(report, "ZT202")[0].message.get("en")
    spun = SPUN[0]
    time.sleep(0.2)
    assert SPUN[0] == spun, "the check was stopped, not left running"
    import signal

    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_built_in_and_plugin_checks_mixed_keep_their_order_and_limits() -> None:
    hung = _define("ZT203")(_as_builtin(_spins_as_builtin))
    report = dienstvisie.check(EXAMPLE, plugins=_plugins(hung, slow_but_returns, runs_after_the_hung_ones),
                               check_timeout=0.3, select=["ZT"])
    assert [(f.check, f.status) for f in report.findings] == [
        ("ZT103", Status.FAILED), ("ZT104", Status.ERROR), ("ZT203", Status.ERROR)]


def test_someone_elses_alarm_handler_keeps_the_checks_in_a_thread() -> None:
    import signal

    WHERE.clear()
    where = _define("ZT204")(_as_builtin(_where_as_builtin))
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: None)
    try:
        dienstvisie.check(EXAMPLE, plugins=_plugins(where), check_timeout=5, select=["ZT"])
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert WHERE and WHERE[0] is not threading.current_thread()


def test_every_built_in_check_gets_its_own_limit_after_a_timer_set_for_the_document() -> None:
    """One timer is set for the document and moved on when it goes off: a check that starts late
    still gets the whole limit, and one that overruns after several quick ones is still stopped."""
    def quick_then_slow(seconds: float) -> Any:
        def check(ctx: CheckContext) -> Iterator[Outcome]:
            time.sleep(seconds)
            yield fail(Text(nl="klaar", en="done"))
        return _as_builtin(check)

    checks = [_define(f"ZT3{index:02}")(quick_then_slow(0.15)) for index in range(4)]
    hung = _define("ZT399")(_as_builtin(_spins_as_builtin))
    report = dienstvisie.check(EXAMPLE, plugins=_plugins(*checks, hung), check_timeout=0.25, select=["ZT3"])
    statuses = {f.check: f.status for f in report.findings}
    assert [statuses[f"ZT3{index:02}"] for index in range(4)] == [Status.FAILED] * 4, "0.15 s each, under 0.25 s"
    assert statuses["ZT399"] == Status.ERROR


# ------------------------------------------------------------------------- Ctrl-C inside a check


@_define("ZT108")
def interrupts(ctx: CheckContext) -> Iterator[Outcome]:
    raise KeyboardInterrupt
    yield fail(Text(nl="nooit", en="never"))


@pytest.mark.parametrize("limit", [5, None])
def test_a_keyboard_interrupt_in_a_check_stops_the_run_at_once_without_a_thread_traceback(
        limit: float | None, monkeypatch: pytest.MonkeyPatch) -> None:
    unhandled: list[Any] = []
    monkeypatch.setattr(threading, "excepthook", unhandled.append)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        dienstvisie.check(EXAMPLE, plugins=_plugins(interrupts, runs_after_the_hung_ones), check_timeout=limit,
                          select=["ZT"])
    assert time.monotonic() - started < 2  # not after the time limit, as an overrun
    time.sleep(0.1)
    assert unhandled == []


def _folder_of_ten(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "diensten"
    for copy in ("a", "b"):
        shutil.copytree(EXAMPLES, folder / copy)
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_keyboard_interrupt_in_a_check_ends_the_command_with_130_and_a_short_message(jobs: str, tmp_path: Path) -> None:
    env_before = dict(os.environ)
    os.environ.update(DV_DIE_HOW="interrupt", DV_DIE_SERVICES="overlijden-utrecht")
    try:
        result = _cli(["check", str(_folder_of_ten(tmp_path)), "--plugin", "dv_plugin_dies", "--isolated",
                       "--format", "json", "--jobs", jobs, "--lang", "en"], tmp_path)
    finally:
        os.environ.clear()
        os.environ.update(env_before)
    assert result.returncode == 130, result.stderr
    assert result.stderr.strip() == "Interrupted."
    assert result.stdout == ""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_a_run_ends_it_with_130_and_leaves_no_worker(jobs: str, tmp_path: Path) -> None:
    import signal

    process = subprocess.Popen(
        [sys.executable, "-m", "dienstvisie", "check", str(_folder_of_ten(tmp_path)), "--plugin", "dv_plugin_hangs",
         "--isolated", "--check-timeout", "60", "--jobs", jobs, "--lang", "en", "--format", "json"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)}, start_new_session=True)
    time.sleep(3)  # set up, and stuck in the hanging check
    os.killpg(process.pid, signal.SIGINT)  # what the terminal does: the whole process group
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert err.strip() == "Interrupted." and out == ""
    time.sleep(0.5)
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        pass
    else:  # something of the group is left: end it, and fail
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("a worker process outlived the interrupted run")


# ------------------------------------------------------------------------- os._exit inside a check


@_define("ZT109")
def hard_exit(ctx: CheckContext) -> Iterator[Outcome]:
    os._exit(3)
    yield fail(Text(nl="nooit", en="never"))


@pytest.mark.parametrize("limit", [5, None])
def test_a_check_calling_os_exit_is_an_error_of_that_check(limit: float | None) -> None:
    report = dienstvisie.check(EXAMPLE, plugins=_plugins(hard_exit, runs_after_the_hung_ones), check_timeout=limit,
                               select=["ZT"])
    assert [(f.check, f.status) for f in report.findings] == [("ZT103", Status.FAILED), ("ZT109", Status.ERROR)]
    assert "os._exit(3) was called" in _of(report, "ZT109")[0].message.get("en")


def _forks_and_exits(queue: Any) -> None:
    queue.put("child ran")


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_process_forked_by_a_check_still_exits_normally() -> None:
    """The guard is for the check's own thread in its own process: a forked child's os._exit is real."""
    @_define("ZT110")
    def forks(ctx: CheckContext) -> Iterator[Outcome]:
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        process = context.Process(target=_forks_and_exits, args=(queue,))
        process.start()
        process.join(20)
        yield fail(Text(nl=f"{process.exitcode} {queue.get(timeout=5)}", en="-"))

    report = dienstvisie.check(EXAMPLE, plugins=_plugins(forks), check_timeout=None, select=["ZT"])
    assert [f.message.get("nl") for f in report.findings] == ["0 child ran"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_os_exit_in_a_check_on_the_command_line_is_an_error_finding_and_the_report_is_whole(jobs: str,
                                                                                            tmp_path: Path) -> None:
    result = _cli_env(["check", str(_folder_of_ten(tmp_path)), "--plugin", "dv_plugin_dies", "--isolated",
                       "--format", "json", "--jobs", jobs, "--lang", "en", "--select", "ZD"], tmp_path,
                      {"DV_DIE_HOW": "exit", "DV_DIE_SERVICES": "overlijden-utrecht"})
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert len(report["services"]) == 10 and report["errors"] == []
    statuses = sorted((s["id"], f["status"]) for s in report["services"] for f in s["findings"])
    assert statuses.count(("overlijden-utrecht", "error")) == 2
    assert all(status == "failed" for service, status in statuses if service != "overlijden-utrecht")


def _cli_env(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180, check=False,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parent), **env})


def test_a_crash_in_c_code_without_workers_says_where_it_happened(tmp_path: Path) -> None:
    """In one process nothing can finish the run after a segmentation fault, but it is not silent."""
    result = _cli_env(["check", str(EXAMPLE), "--plugin", "dv_plugin_dies", "--isolated", "--jobs", "1"], tmp_path,
                      {"DV_DIE_HOW": "segv", "DV_DIE_SERVICES": "overlijden-utrecht"})
    assert result.returncode != 0
    assert "Fatal Python error: Segmentation fault" in result.stderr
    assert "most recent call first" in result.stderr  # the threads' stacks (which one the signal hit varies)
