"""The built-in plugin: the shipped vision, vocabularies and checks register through the same
hooks as any other plugin, so they are the first plugin rather than a special case."""

from __future__ import annotations

from importlib import import_module, resources
from importlib.abc import Traversable

from .hookspecs import hookimpl
from .model.check import Check
from .model.exporter import Exporter
from .model.vision import Vision

DEFAULT_VISION_ID = "gezamenlijke-dienstverlening"


@hookimpl
def dienstvisie_visions() -> list[Traversable]:
    return [resources.files("dienstvisie.visions").joinpath(f"{DEFAULT_VISION_ID}.yaml")]


@hookimpl
def dienstvisie_vocabularies() -> list[Traversable]:
    folder = resources.files("dienstvisie.vocabularies")
    return [folder.joinpath("life-events.yaml"), folder.joinpath("data-items.yaml")]


@hookimpl
def dienstvisie_checks(vision: Vision) -> list[Check]:
    if vision.id != DEFAULT_VISION_ID:
        return []
    from .checks import builtin_checks

    return list(builtin_checks())


@hookimpl
def dienstvisie_exporters() -> list[Exporter]:
    from .exporters import BUILTIN_EXPORTERS

    return [import_module(f".exporters.{name}", __package__).EXPORTER for name in BUILTIN_EXPORTERS]
