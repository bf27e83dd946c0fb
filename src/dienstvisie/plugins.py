"""The plugin manager: built-ins, entry points and explicitly named modules, with faults contained.

Each hook implementation is called on its own, so one plugin that raises cannot take the others
down: its failure is recorded in `Plugins.failures` (shown by `dienstvisie plugins`, on stderr and
in reports) and the run goes on.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import types
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pluggy

from . import hookspecs
from .errors import DienstvisieError
from .model.check import Check
from .model.plugin import PluginFailure, PluginInfo
from .model.report import Report
from .model.service import ServiceConcept
from .model.vision import Vision
from .model.vocabulary import Vocabularies

BUILTIN_MODULES: tuple[str, ...] = ("dienstvisie.builtin",)


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


class Plugins:
    """The registered plugins and what they add, resolved lazily and cached."""

    def __init__(self, manager: pluggy.PluginManager, failures: list[PluginFailure], origins: dict[str, tuple[str, str | None]]):
        self.manager = manager
        self.failures = failures
        self._origins = origins
        self._visions: dict[str, Vision] | None = None
        self._checks: dict[str, tuple[Check, ...]] = {}
        self._vocabularies: Vocabularies | None = None
        self._exporters: dict[str, Any] | None = None

    # -- calling hooks one implementation at a time -------------------------------------------
    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """(plugin name, result) for every implementation of a hook; failures are recorded."""
        hook = getattr(self.manager.hook, hook_name)
        results: list[tuple[str, Any]] = []
        for impl in reversed(hook.get_hookimpls()):  # registration order
            try:
                result = impl.function(**{name: kwargs[name] for name in impl.argnames})
            except Exception as error:  # a faulty plugin must not stop the run
                self.failures.append(PluginFailure(impl.plugin_name, hook_name, _describe(error)))
                continue
            results.append((impl.plugin_name, result))
        return results

    def _items(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        items: list[tuple[str, Any]] = []
        for plugin, result in self.call_each(hook_name, **kwargs):
            if result is None:
                continue
            if isinstance(result, (str, bytes)) or not isinstance(result, Iterable):
                self.failures.append(PluginFailure(plugin, hook_name, f"expected a list, got {type(result).__name__}"))
                continue
            items.extend((plugin, item) for item in result)
        return items

    # -- what the plugins add ----------------------------------------------------------------
    def visions(self) -> dict[str, Vision]:
        """Every vision by id; the built-in one first."""
        if self._visions is None:
            from .loading import read_vision

            visions: dict[str, Vision] = {}
            for plugin, item in self._items("dienstvisie_visions"):
                try:
                    vision = item if isinstance(item, Vision) else read_vision(_as_source(item)).model
                except DienstvisieError as error:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_visions", str(error)))
                    continue
                if vision.id in visions:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_visions", f"vision '{vision.id}' is already registered"))
                    continue
                visions[vision.id] = vision
            self._visions = visions
        return self._visions

    def checks(self, vision: Vision) -> tuple[Check, ...]:
        """Every check for `vision`, sorted by id; checks naming unknown principles are rejected."""
        if vision.id not in self._checks:
            known = {principle.id for principle in vision.principles}
            checks: dict[str, Check] = {}
            for plugin, item in self._items("dienstvisie_checks", vision=vision):
                problem = _check_problem(item, known, checks)
                if problem:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_checks", problem))
                    continue
                checks[item.id] = item
            self._checks[vision.id] = tuple(sorted(checks.values(), key=lambda c: _id_key(c.id)))
        return self._checks[vision.id]

    def vocabularies(self) -> Vocabularies:
        """All life events and data items the plugins know."""
        if self._vocabularies is None:
            from .loading import read_vocabulary

            result = Vocabularies()
            for plugin, item in self._items("dienstvisie_vocabularies"):
                try:
                    result = result.merged(read_vocabulary(_as_source(item)).model)
                except DienstvisieError as error:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_vocabularies", str(error)))
            self._vocabularies = result
        return self._vocabularies

    def exporters(self) -> dict[str, Any]:
        """Every output format by name."""
        if self._exporters is None:
            exporters: dict[str, Any] = {}
            for plugin, item in self._items("dienstvisie_exporters"):
                name = getattr(item, "name", None)
                if not isinstance(name, str) or not callable(getattr(item, "render", None)):
                    self.failures.append(PluginFailure(plugin, "dienstvisie_exporters", f"not an Exporter: {item!r}"))
                elif name in exporters:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_exporters", f"format '{name}' is already registered"))
                else:
                    exporters[name] = item
            self._exporters = exporters
        return self._exporters

    def prepare(self, service: ServiceConcept, vision: Vision) -> ServiceConcept:
        """The service after every plugin's `dienstvisie_prepare_service`, in turn."""
        hook = self.manager.hook.dienstvisie_prepare_service
        for impl in reversed(hook.get_hookimpls()):
            try:
                result = impl.function(**{name: {"service": service, "vision": vision}[name] for name in impl.argnames})
            except Exception as error:
                self.failures.append(PluginFailure(impl.plugin_name, "dienstvisie_prepare_service", _describe(error)))
                continue
            if isinstance(result, ServiceConcept):
                service = result
            elif result is not None:
                self.failures.append(PluginFailure(impl.plugin_name, "dienstvisie_prepare_service",
                                                   f"expected a ServiceConcept or None, got {type(result).__name__}"))
        return service

    def notify(self, report: Report) -> None:
        """Show the finished report to every `dienstvisie_report` implementation."""
        self.call_each("dienstvisie_report", report=report)

    def infos(self) -> list[PluginInfo]:
        """Every registered plugin with its origin, version and the hooks it implements."""
        result = []
        for name, plugin in self.manager.list_name_plugin():
            if plugin is None:
                continue
            hooks = tuple(sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or []))
            origin, version = self._origins.get(name, ("module", None))
            result.append(PluginInfo(name=name, origin=origin, version=version, hooks=hooks))
        return result


def _as_source(item: Any) -> Any:
    """A path-like for files; the text of a resource that is not a real path (e.g. inside a zip)."""
    if isinstance(item, (str, os.PathLike)):
        return item
    if hasattr(item, "read_text"):
        return item.read_text(encoding="utf-8")
    raise TypeError(f"not a path: {item!r}")


def _id_key(check_id: str) -> tuple[str, int, str]:
    prefix = check_id.rstrip("0123456789")
    digits = check_id[len(prefix):]
    return (prefix, int(digits) if digits else -1, check_id)


def _check_problem(item: Any, known: set[str], registered: dict[str, Check]) -> str | None:
    if not isinstance(item, Check):
        return f"not a Check: {item!r}"
    if item.id in registered:
        return f"check id '{item.id}' is already registered (by {registered[item.id].origin})"
    unknown = [p for p in item.principles if p not in known]
    if unknown:
        return f"check {item.id} names principle(s) {', '.join(unknown)} that the vision lacks"
    if not item.principles:
        return f"check {item.id} names no principle"
    return None


def _register(manager: pluggy.PluginManager, plugin: object, name: str, failures: list[PluginFailure]) -> bool:
    try:
        manager.register(plugin, name=name)
    except Exception as error:  # e.g. a hookimpl with an unknown hook name or wrong arguments
        failures.append(PluginFailure(name, "register", _describe(error)))
        return False
    return True


def load_plugins(
    *,
    entry_points: bool = True,
    modules: Sequence[str] = (),
    disable: Sequence[str] = (),
    extra: Sequence[object] = (),
) -> Plugins:
    """A plugin manager with the built-ins, installed entry points (unless `entry_points` is
    False), the modules named in `modules` (like `--plugin`) and `extra` plugin objects; plugins
    whose name is in `disable` are left out. Failures are collected, never raised.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    failures: list[PluginFailure] = []
    origins: dict[str, tuple[str, str | None]] = {}
    from ._version import __version__

    for module_name in BUILTIN_MODULES:
        _register(manager, importlib.import_module(module_name), module_name, failures)
        origins[module_name] = ("builtin", __version__)
    if entry_points:
        for entry_point in importlib.metadata.entry_points(group=hookspecs.ENTRY_POINT_GROUP):
            if entry_point.name in disable:
                continue
            version = entry_point.dist.version if entry_point.dist else None
            try:
                plugin = entry_point.load()
            except Exception as error:  # a plugin that fails to import is reported, not fatal
                failures.append(PluginFailure(entry_point.name, "load", _describe(error)))
                continue
            if _register(manager, plugin, entry_point.name, failures):
                origins[entry_point.name] = ("entry point", version)
    for module_name in modules:
        if module_name in disable:
            continue
        try:
            plugin = importlib.import_module(module_name)
        except Exception as error:
            failures.append(PluginFailure(module_name, "load", _describe(error)))
            continue
        if _register(manager, plugin, module_name, failures):
            origins[module_name] = ("module", getattr(plugin, "__version__", None))
    for index, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{index}"
        if name not in disable and _register(manager, plugin, name, failures):
            origins[name] = ("module", getattr(plugin, "__version__", None))
    return Plugins(manager, failures, origins)


def plugin_from_functions(name: str, **functions: Callable[..., Any]) -> types.SimpleNamespace:
    """A plugin object made of hook functions, handy in tests and notebooks."""
    marked = {key: hookspecs.hookimpl(function) for key, function in functions.items()}
    return types.SimpleNamespace(__name__=name, **marked)
