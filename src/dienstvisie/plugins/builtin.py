"""The built-in plugin: the shipped vision, vocabularies and checks register through the same
hooks as any other plugin, so they are the first plugin rather than a special case."""

from __future__ import annotations

from importlib import import_module, resources
from importlib.abc import Traversable

from .hookspecs import hookimpl
from ..model.check import Check
from ..model.check_id import CheckId
from ..model.exporter import Exporter
from ..model.vision import Vision
from ..visions import DEFAULT_VISION_ID



@hookimpl
def dienstvisie_visions() -> list[Traversable]:
    return [resources.files("dienstvisie.visions").joinpath(f"{DEFAULT_VISION_ID}.yaml")]


@hookimpl
def dienstvisie_vocabularies() -> list[Traversable]:
    folder = resources.files("dienstvisie.vocabularies")
    return [folder.joinpath("life-events.yaml"), folder.joinpath("data-items.yaml"), folder.joinpath("situations.yaml")]


@hookimpl
def dienstvisie_checks(vision: Vision) -> list[Check]:
    if vision.id != DEFAULT_VISION_ID:
        return []
    from ..checks import builtin_checks

    return list(builtin_checks())


@hookimpl
def dienstvisie_check_ids() -> list[CheckId]:
    from ..checks.ids import BUILTIN_CHECK_IDS

    return list(BUILTIN_CHECK_IDS)


def builtin_check(check_id: str) -> Check:
    """The built-in check with this id, e.g. to reuse its logic under another vision:

        attrs.evolve(builtin_check("DV301"), id="NORA1201", principles=("NAP12",), origin="nora")

    KeyError when this version of dienstvisie has no such check (plugins that map built-in
    checks can so skip what an older or newer version lacks).
    """
    from ..checks import PRINCIPLE_MODULES

    prefix, digits = check_id[:2], check_id[2:]
    if prefix != "DV" or len(digits) != 3 or not digits.isdigit() or not 1 <= int(digits[0]) <= len(PRINCIPLE_MODULES):
        raise KeyError(check_id)
    module_name = f"dienstvisie.checks.{PRINCIPLE_MODULES[int(digits[0]) - 1]}"
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        raise KeyError(check_id) from None
    for check in module.CHECKS:
        if isinstance(check, Check) and check.id == check_id:
            return check
    raise KeyError(check_id)


@hookimpl
def dienstvisie_exporters() -> list[Exporter]:
    from ..exporters import BUILTIN_EXPORTERS

    return [import_module(f"dienstvisie.exporters.{name}").EXPORTER for name in BUILTIN_EXPORTERS]
