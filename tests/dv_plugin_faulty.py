"""A plugin that raises in every hook (loaded by tests/test_plugins_faulty.py with --plugin)."""

from __future__ import annotations

from typing import Any

from dienstvisie import hookimpl

__version__ = "6.6.6"


def _boom(hook: str) -> Any:
    raise RuntimeError(f"boom in {hook}")


@hookimpl
def dienstvisie_visions() -> Any:
    return _boom("visions")


@hookimpl
def dienstvisie_checks(vision: Any) -> Any:
    return _boom("checks")


@hookimpl
def dienstvisie_check_ids() -> Any:
    return _boom("check_ids")


@hookimpl
def dienstvisie_rulesets() -> Any:
    return _boom("rulesets")


@hookimpl
def dienstvisie_vocabularies() -> Any:
    return _boom("vocabularies")


@hookimpl
def dienstvisie_exporters() -> Any:
    return _boom("exporters")


@hookimpl
def dienstvisie_prepare_service(service: Any, vision: Any) -> Any:
    return _boom("prepare_service")


@hookimpl
def dienstvisie_report(report: Any) -> Any:
    return _boom("report")
