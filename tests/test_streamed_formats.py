"""SARIF, JUnit and GitLab stream service by service: what the writer puts together from the parts
is, byte for byte, what the format's renderer makes of the whole run — on the examples and on runs
that hypothesis makes hard (services repeated with the same id, so GitLab numbers fingerprints on
across parts; a service called `document` beside unreadable documents; findings repeated within a
service; no file; no findings; nothing but failures; plugin failures; a baseline applied)."""

from __future__ import annotations

import io
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_export_common import example_run, exporters

from dienstvisie.analysis.baseline import Baseline
from dienstvisie.api import baseline_of
from dienstvisie.exporters._stream import ReportFinisher
from dienstvisie.model.check import Severity
from dienstvisie.model.exporter import StreamOptions
from dienstvisie.model.plugin import PluginFailure
from dienstvisie.model.report import Report
from dienstvisie.model.run import CheckRun
from dienstvisie.model.text import Language

STREAMED = ("sarif", "junit", "gitlab", "json", "csv")
EXAMPLE = example_run()


def streamed(name: str, run: CheckRun, lang: Language, baseline: Baseline | None = None) -> str:
    """What the command line writes for `run` in a streamed format: the head without reports, a
    part per report made by the format's finisher, the end with the failures."""
    exporter = exporters()[name]
    assert exporter.stream is not None, name
    options = StreamOptions(lang=lang, fail_on=run.fail_on, baseline=baseline)
    head = attrs.evolve(run, reports=(), load_failures=(), plugin_failures=())
    out = io.StringIO()
    writer = exporter.stream.writer(out, head, options)
    finish = exporter.stream.finisher(options)
    for report in run.reports:
        writer.add(finish(report, run))
    writer.finish(attrs.evolve(head, load_failures=run.load_failures, plugin_failures=run.plugin_failures), None)
    return out.getvalue()


def whole(name: str, run: CheckRun, lang: Language, baseline: Baseline | None = None) -> str:
    """What the format renders of the whole run, the reports kept as the command line keeps them."""
    keep = ReportFinisher(run.fail_on, exporters()[name].needs_concept, baseline)
    reports = tuple(keep(report, run).report for report in run.reports)
    rendered = exporters()[name].render(attrs.evolve(run, reports=reports), lang)
    assert isinstance(rendered, str)
    return rendered


@pytest.mark.parametrize("name", STREAMED)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_examples_stream_into_the_whole_report(name: str, lang: Language) -> None:
    assert streamed(name, EXAMPLE, lang) == whole(name, EXAMPLE, lang)
    without = attrs.evolve(EXAMPLE, load_failures=())
    assert streamed(name, without, lang) == whole(name, without, lang)
    nothing = attrs.evolve(EXAMPLE, reports=(), load_failures=())
    assert streamed(name, nothing, lang) == whole(name, nothing, lang)
    only_failures = attrs.evolve(EXAMPLE, reports=(), plugin_failures=(PluginFailure("p", "hook", "broke"),))
    assert streamed(name, only_failures, lang) == whole(name, only_failures, lang)


@pytest.mark.parametrize("name", ["sarif", "junit", "gitlab", "csv"])  # JSON's parts also say what was known
def test_a_baseline_is_applied_where_the_part_is_made(name: str) -> None:
    baseline = baseline_of(EXAMPLE.reports[:2])
    assert streamed(name, EXAMPLE, "en", baseline) == whole(name, EXAMPLE, "en", baseline)
    assert whole(name, EXAMPLE, "en", baseline) != whole(name, EXAMPLE, "en")  # the baseline left something out


def test_gitlab_numbers_fingerprints_on_across_services_with_the_same_id() -> None:
    """The case the writer renumbers: the same service twice, and a service called `document`."""
    import json

    report = next(r for r in EXAMPLE.reports if any(f.status.value == "failed" for f in r.findings))
    twice = attrs.evolve(EXAMPLE, reports=(report, report, attrs.evolve(report, service="document")))
    text = streamed("gitlab", twice, "en")
    assert text == whole("gitlab", twice, "en")
    fingerprints = [issue["fingerprint"] for issue in json.loads(text)]
    assert len(fingerprints) == len(set(fingerprints))


def _findings_of(report: Report, picks: list[int]) -> tuple[Any, ...]:
    findings = report.findings
    return tuple(findings[pick % len(findings)] for pick in picks) if findings else ()


SERVICES = st.sampled_from([None, "a", "b", "document", "dienst-x"])
FILES = st.sampled_from([None, "same", "x.yaml", "../buiten.yaml", "/abs/y.yaml", "map/z.json"])


@st.composite
def runs(draw: st.DrawFn) -> CheckRun:
    reports = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        report = draw(st.sampled_from(EXAMPLE.reports))
        service = draw(SERVICES)
        file = draw(FILES)
        picks = draw(st.none() | st.lists(st.integers(min_value=0, max_value=500), max_size=12))
        changes: dict[str, Any] = {}
        if service is not None:
            changes["service"] = service
        if file != "same":
            changes["file"] = file
        if picks is not None:
            changes["findings"] = _findings_of(report, picks)
        reports.append(attrs.evolve(report, **changes))
    failures = draw(st.lists(st.sampled_from(EXAMPLE.load_failures), max_size=2))
    plugin_failures = draw(st.lists(st.builds(PluginFailure, st.sampled_from(["p", "q"]), st.sampled_from(["h"]),
                                              st.text(max_size=8)), max_size=2))
    fail_on = draw(st.sampled_from(list(Severity)))
    return attrs.evolve(EXAMPLE, reports=tuple(reports), load_failures=tuple(failures),
                        plugin_failures=tuple(plugin_failures), fail_on=fail_on)


@settings(max_examples=150, deadline=None)
@given(run=runs(), name=st.sampled_from(STREAMED), lang=st.sampled_from(["nl", "en"]))
def test_generated_runs_stream_into_the_whole_report(run: CheckRun, name: str, lang: Language) -> None:
    assert streamed(name, run, lang) == whole(name, run, lang)


def test_gitlab_numbers_a_service_called_document_on_into_the_unreadable_documents() -> None:
    """A key of the service `document` can equal one of an unreadable document (check id = file,
    pointer = problem code): the writer numbers the latter on from the former, as the renderer does."""
    from dienstvisie.model.check import Status
    from dienstvisie.model.problem import Location, Problem
    from dienstvisie.model.run import LoadFailure
    from dienstvisie.model.text import Text

    report = next(r for r in EXAMPLE.reports if any(f.status is Status.FAILED for f in r.findings))
    finding = next(f for f in report.findings if f.status is Status.FAILED)
    odd = attrs.evolve(finding, check="x.yaml", location=attrs.evolve(finding.location, pointer="schema.required"),
                       step=None)
    service = attrs.evolve(report, service="document", findings=(odd,))
    problem = Problem("schema.required", Text(nl="ontbreekt", en="missing"), Location("", file="x.yaml"))
    run = attrs.evolve(EXAMPLE, reports=(service,),
                       load_failures=(LoadFailure(file="x.yaml", problems=(problem,), exit_code=2),))
    import json

    text = streamed("gitlab", run, "en")
    assert text == whole("gitlab", run, "en")
    fingerprints = [issue["fingerprint"] for issue in json.loads(text)]
    assert len(fingerprints) == 2 and len(set(fingerprints)) == 2
