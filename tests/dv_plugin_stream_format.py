"""A plugin whose report format streams: one line per service, written as the services are checked.

Used by tests/test_exporter_capabilities.py with `--plugin dv_plugin_stream_format` (tests/ is on the
import path), the way an organisation would add a format of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

import attrs

from dienstvisie import CheckRun, Exporter, Report, RunContext, StreamOptions, Text, hookimpl


@attrs.frozen
class Line:
    service: str
    failing: bool
    tally: object = None
    text: str = ""


@attrs.frozen
class LineFinisher:
    fail_on: str

    def __call__(self, report: Report, context: RunContext) -> Line:
        run = CheckRun(reports=(report,), vision=context.vision, checks=context.checks)
        failing = run.failing(report)
        return Line(service=report.service, failing=failing,
                    text=f"{report.service}\t{'fail' if failing else 'pass'}\t{len(report.findings)}\t{context.vision.id}")


class LineWriter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.stream.write("# lines\n")

    def add(self, part: Line) -> None:
        self.stream.write(part.text + "\n")

    def finish(self, run: CheckRun, baseline: Mapping[str, object] | None) -> None:
        self.stream.write(f"# end: {len(run.load_failures)} unreadable\n")


@attrs.frozen
class LineStreaming:
    tells_baseline = False

    def finisher(self, options: StreamOptions) -> LineFinisher:
        return LineFinisher(options.fail_on.value)

    def writer(self, stream: TextIO, run: CheckRun, options: StreamOptions) -> LineWriter:
        return LineWriter(stream)


def _render(run: CheckRun, lang: str) -> str:
    out = ["# lines"]
    for report in run.reports:
        failing = run.failing(report)
        out.append(f"{report.service}\t{'fail' if failing else 'pass'}\t{len(report.findings)}\t{run.vision.id}")
    out.append(f"# end: {len(run.load_failures)} unreadable")
    return "\n".join(out) + "\n"


def _binary(run: CheckRun, lang: str) -> bytes:
    return b"\x00binary"


@hookimpl
def dienstvisie_exporters() -> list[Exporter]:
    return [
        Exporter(name="lines", title=Text(nl="Regels", en="Lines"), suffix=".tsv", media_type="text/tab-separated-values",
                 render=_render, needs_concept=False, stream=LineStreaming()),
        Exporter(name="blob", title=Text(nl="Blob", en="Blob"), suffix=".bin", media_type="application/octet-stream",
                 render=_binary, binary=True),
    ]
