"""A plugin with the mistakes pluggy lets pass (loaded by tests/test_plugins_faulty.py with --plugin):
a misspelt hook name, a hook wrapper of each style, and a hook function without the marker; beside
them one correct hook, whose check must still run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dienstvisie import Check, CheckContext, Outcome, Severity, Text, define_check, fail, hookimpl

__version__ = "0.0.1"


@define_check(id="MS101", title=Text(nl="Altijd", en="Always"), rationale=Text(nl="r", en="r"), principles=("P1",),
              severity=Severity.MINOR, suggestion=Text(nl="s", en="s"), origin="dv_plugin_mistakes")
def always(ctx: CheckContext) -> Iterator[Outcome]:
    yield fail(Text(nl="MS101 ging af", en="MS101 fired"))


@hookimpl
def dienstvisie_checks(vision: Any) -> list[Check]:
    return [always] if vision.id == "gezamenlijke-dienstverlening" else []


@hookimpl
def dienstvisie_check(vision: Any) -> list[Check]:  # misspelt: the hook is dienstvisie_checks
    raise AssertionError("a misspelt hook is never called")


@hookimpl(hookwrapper=True)
def dienstvisie_exporters() -> Iterator[None]:  # an old-style wrapper
    raise AssertionError("a wrapper is never called")
    yield


@hookimpl(wrapper=True)
def dienstvisie_report(report: Any) -> Iterator[None]:  # a new-style wrapper
    raise AssertionError("a wrapper is never called")
    yield


def dienstvisie_vocabularies() -> list[Any]:  # not marked with @hookimpl
    raise AssertionError("an unmarked function is never called")


@hookimpl(optionalhook=True)
def dienstvisie_from_the_future() -> list[Any]:  # optional: a hook of a newer version, no mistake
    return []

