"""The plugin manager: built-ins, entry points and explicitly named modules, with faults contained.

Each hook implementation is called on its own, so one plugin that raises cannot take the others
down: its failure is recorded in `Plugins.failures` (shown by `dienstvisie plugins`, on stderr and
in reports) and the run goes on.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import traceback
import types
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from . import hookspecs
from ..errors import DienstvisieError
from ..engine.exit_guard import ProcessExit, contained_exit
from ..model.check import Check
from ..model.plugin import PluginFailure, PluginInfo
from ..model.report import Report
from ..model.service import ServiceConcept
from ..model.vision import Vision
from ..model.vocabulary import Vocabularies, Vocabulary
from ..model.exporter import Exporter
from ..model.text import Text
from ..model.check_id import CheckId

if TYPE_CHECKING:
    from .rulesets import RuleSet

BUILTIN_PLUGINS: dict[str, str] = {"dienstvisie.builtin": "dienstvisie.plugins.builtin"}
"""The built-in plugins: the name people see (`dienstvisie plugins`, `--disable`) and the module."""


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


RULES_PLUGIN = "--rules"


@attrs.frozen
class PluginSummary:
    """One plugin and what it adds: what `dienstvisie plugins` shows."""

    info: PluginInfo
    visions: tuple[str, ...] = ()
    checks: tuple[tuple[str, int], ...] = ()  # (vision id, number of checks) for every installed vision
    rulesets: tuple[str, ...] = ()
    exporters: tuple[str, ...] = ()
    vocabularies: tuple[str, ...] = ()  # e.g. "data_items: 12"
    importers: tuple[str, ...] = ()
    failures: tuple[PluginFailure, ...] = ()


class Plugins:
    """The registered plugins and what they add, resolved lazily and cached."""

    def __init__(self, manager: pluggy.PluginManager, failures: list[PluginFailure],
                 origins: dict[str, tuple[str, str | None]], tracebacks: dict[PluginFailure, str] | None = None):
        self.manager = manager
        self.failures = failures
        self.tracebacks: dict[PluginFailure, str] = tracebacks if tracebacks is not None else {}
        self._origins = origins
        self._visions: dict[str, Vision] | None = None
        self._checks: dict[str, tuple[Check, ...]] = {}
        self._vocabularies: Vocabularies | None = None
        self._exporters: dict[str, Exporter] | None = None
        self._importers: dict[str, Any] | None = None
        self._rulesets: list[tuple[str, RuleSet]] | None = None
        self._check_ids: dict[str, CheckId] | None = None
        # which plugin added what, for `dienstvisie plugins`
        self._vision_plugin: dict[str, str] = {}
        self._check_plugin: dict[str, dict[str, str]] = {}
        self._exporter_plugin: dict[str, str] = {}
        self._importer_plugin: dict[str, str] = {}
        self._vocabulary_plugin: list[tuple[str, str]] = []

    # -- calling hooks one implementation at a time -------------------------------------------
    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """(plugin name, result) for every implementation of a hook; failures are recorded."""
        hook = getattr(self.manager.hook, hook_name)
        results: list[tuple[str, Any]] = []
        for impl in _in_order(hook.get_hookimpls()):
            try:
                with contained_exit():
                    result = impl.function(**{name: kwargs[name] for name in impl.argnames})
            except (Exception, SystemExit, ProcessExit) as error:  # a faulty plugin must not stop the run
                self._raised(impl.plugin_name, hook_name, error)
                continue
            results.append((impl.plugin_name, result))
        return results

    def _raised(self, plugin: str, hook_name: str, error: BaseException) -> None:
        failure = PluginFailure(plugin, hook_name, _describe(error))
        self.failures.append(failure)
        self.tracebacks[failure] = "".join(traceback.format_exception(error))

    def _items(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        items: list[tuple[str, Any]] = []
        for plugin, result in self.call_each(hook_name, **kwargs):
            if result is None:
                continue
            if isinstance(result, (str, bytes)) or not isinstance(result, Iterable):
                self.failures.append(PluginFailure(plugin, hook_name, f"expected a list, got {type(result).__name__}"))
                continue
            try:
                listed = list(result)  # a generator may raise half-way
            except Exception as error:
                self._raised(plugin, hook_name, error)
                continue
            items.extend((plugin, item) for item in listed)
        return items

    # -- what the plugins add ----------------------------------------------------------------
    def visions(self) -> dict[str, Vision]:
        """Every vision by id; the built-in one first."""
        if self._visions is None:
            from ..errors import DocumentError
            from ..documents.load import read_vision
            from .rulesets import describe_problems

            visions: dict[str, Vision] = {}
            for plugin, item in self._items("dienstvisie_visions"):
                try:
                    if isinstance(item, Vision):
                        vision = item
                    else:
                        source, name = _as_source(item)
                        vision = read_vision(source, filename=name).model
                except DocumentError as error:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_visions", describe_problems(error)))
                    continue
                except (DienstvisieError, TypeError, OSError) as error:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_visions", str(error)))
                    continue
                if vision.id in visions:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_visions", f"vision '{vision.id}' is already registered"))
                    continue
                visions[vision.id] = vision
                self._vision_plugin[vision.id] = plugin
            self._visions = visions
        return self._visions

    def vision_origins(self) -> dict[str, str]:
        """The name of the plugin that added each vision, by vision id."""
        self.visions()
        return dict(self._vision_plugin)

    def checks(self, vision: Vision) -> tuple[Check, ...]:
        """Every check for `vision`, sorted by id: the plugins' checks and the rules of every rule set
        made for `vision`. Checks naming principles the vision lacks (or a taken id) are rejected."""
        if vision.id not in self._checks:
            from .rulesets import ruleset_checks

            known = {principle.id for principle in vision.principles}
            reserved = {f"Q{principle}" for principle in known} | {"DV001", "DV002"}
            checks: dict[str, Check] = {}
            added_by: dict[str, str] = {}
            offered = [(plugin, "dienstvisie_checks", item) for plugin, item in self._items("dienstvisie_checks", vision=vision)]
            for plugin, ruleset in self.rulesets():
                if ruleset.vision == vision.id:
                    offered += [(plugin, "dienstvisie_rulesets", check) for check in ruleset_checks(ruleset)]
            for plugin, hook_name, item in offered:
                problem = _check_problem(item, known, checks, reserved)
                if problem:
                    self.failures.append(PluginFailure(plugin, hook_name, problem))
                    continue
                checks[item.id] = item
                added_by[item.id] = plugin
            self._checks[vision.id] = tuple(sorted(checks.values(), key=lambda c: _id_key(c.id)))
            self._check_plugin[vision.id] = added_by
        return self._checks[vision.id]

    def check_ids(self) -> dict[str, CheckId]:
        """The table of check ids of every plugin (`dienstvisie_check_ids`), by id; the first plugin
        to list an id keeps it, a second is a plugin error."""
        if self._check_ids is None:
            table: dict[str, CheckId] = {}
            listed_by: dict[str, str] = {}
            for plugin, item in self._items("dienstvisie_check_ids"):
                if not isinstance(item, CheckId):
                    self.failures.append(PluginFailure(plugin, "dienstvisie_check_ids", f"not a CheckId: {item!r}"))
                elif item.id in table:
                    self.failures.append(PluginFailure(
                        plugin, "dienstvisie_check_ids", f"check id '{item.id}' is already in the table (of {listed_by[item.id]})"))
                else:
                    table[item.id] = item
                    listed_by[item.id] = plugin
            self._check_ids = table
        return self._check_ids

    def rulesets(self) -> list[tuple[str, RuleSet]]:
        """(plugin name, rule set) for every valid rule set the plugins add; invalid ones are plugin errors."""
        if self._rulesets is None:
            from ..errors import DocumentError
            from .rulesets import RuleSet, describe_problems, read_ruleset, ruleset_source

            rulesets: list[tuple[str, RuleSet]] = []
            seen: dict[str, str] = {}
            for plugin, item in self._items("dienstvisie_rulesets"):
                try:
                    if isinstance(item, RuleSet):
                        ruleset = item
                    else:
                        source, filename = ruleset_source(item)
                        ruleset = read_ruleset(source, filename=filename).model
                except DocumentError as error:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_rulesets", describe_problems(error)))
                    continue
                except (DienstvisieError, TypeError, OSError) as error:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_rulesets", str(error)))
                    continue
                if ruleset.id in seen:
                    self.failures.append(PluginFailure(
                        plugin, "dienstvisie_rulesets", f"rule set '{ruleset.id}' is already registered (by {seen[ruleset.id]})"))
                    continue
                seen[ruleset.id] = plugin
                rulesets.append((plugin, ruleset))
            self._rulesets = rulesets
        return self._rulesets

    def vocabularies(self) -> Vocabularies:
        """All life events and data items the plugins know."""
        if self._vocabularies is None:
            from ..errors import DocumentError
            from ..documents.load import read_vocabulary
            from .rulesets import describe_problems

            result = Vocabularies()
            for plugin, item in self._items("dienstvisie_vocabularies"):
                try:
                    if isinstance(item, Vocabulary):
                        vocabulary = item
                    else:
                        source, name = _as_source(item)
                        vocabulary = read_vocabulary(source, filename=name).model
                except DocumentError as error:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_vocabularies", describe_problems(error)))
                    continue
                except (DienstvisieError, TypeError, OSError) as error:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_vocabularies", str(error)))
                    continue
                result = result.merged(vocabulary)
                self._vocabulary_plugin.append((plugin, f"{vocabulary.kind}: {len(vocabulary.items)}"))
            self._vocabularies = result
        return self._vocabularies

    def exporters(self) -> dict[str, Exporter]:
        """Every output format by name. A plugin's object that is not an `Exporter` but has a `name`
        and a `render` is taken as one (its missing `title`, `suffix`, `media_type` filled in)."""
        if self._exporters is None:
            exporters: dict[str, Exporter] = {}
            for plugin, item in self._items("dienstvisie_exporters"):
                name = getattr(item, "name", None)
                if not isinstance(name, str) or not callable(getattr(item, "render", None)):
                    self.failures.append(PluginFailure(plugin, "dienstvisie_exporters", f"not an Exporter: {item!r}"))
                elif name in exporters:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_exporters", f"format '{name}' is already registered"))
                else:
                    exporters[name] = _as_exporter(item, name)
                    self._exporter_plugin[name] = plugin
            self._exporters = exporters
        return self._exporters

    def importers(self) -> dict[str, Any]:
        """Every input format of `dienstvisie import` by name (an `Importer` each)."""
        if self._importers is None:
            importers: dict[str, Any] = {}
            for plugin, item in self._items("dienstvisie_importers"):
                name = getattr(item, "name", None)
                if not isinstance(name, str) or not name or not callable(getattr(item, "read", None)):
                    self.failures.append(PluginFailure(plugin, "dienstvisie_importers", f"not an Importer: {item!r}"))
                elif name in importers:
                    self.failures.append(PluginFailure(plugin, "dienstvisie_importers", f"import format '{name}' is already registered"))
                else:
                    importers[name] = item
                    self._importer_plugin[name] = plugin
            self._importers = importers
        return self._importers

    def prepare(self, service: ServiceConcept, vision: Vision) -> ServiceConcept:
        """The service after every plugin's `dienstvisie_prepare_service`, in turn."""
        hook = self.manager.hook.dienstvisie_prepare_service
        for impl in _in_order(hook.get_hookimpls()):
            try:
                with contained_exit():
                    result = impl.function(**{name: {"service": service, "vision": vision}[name] for name in impl.argnames})
            except (Exception, SystemExit, ProcessExit) as error:
                self._raised(impl.plugin_name, "dienstvisie_prepare_service", error)
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

    def summaries(self) -> list[PluginSummary]:
        """Every plugin with what it adds (resolving every hook, for every installed vision), and its
        failures, including those of plugins that could not even be loaded."""
        visions = self.visions()
        for vision in visions.values():
            self.checks(vision)
        self.exporters()
        self.importers()
        self.vocabularies()
        self.check_ids()
        rulesets = self.rulesets()
        result = []
        names = set()
        for info in self.infos():
            names.add(info.name)
            result.append(PluginSummary(
                info=info,
                visions=tuple(v for v, p in self._vision_plugin.items() if p == info.name),
                checks=tuple((v, sum(1 for p in self._check_plugin.get(v, {}).values() if p == info.name))
                             for v in visions),
                rulesets=tuple(r.id for p, r in rulesets if p == info.name),
                exporters=tuple(e for e, p in self._exporter_plugin.items() if p == info.name),
                vocabularies=tuple(text for p, text in self._vocabulary_plugin if p == info.name),
                importers=tuple(i for i, p in self._importer_plugin.items() if p == info.name),
                failures=tuple(f for f in self.failures if f.plugin == info.name),
            ))
        for failure in self.failures:  # plugins that failed to load or register
            if failure.plugin not in names:
                names.add(failure.plugin)
                origin, version = self._origins.get(failure.plugin, ("entry point", None))
                result.append(PluginSummary(
                    info=PluginInfo(name=failure.plugin, origin=origin, version=version, hooks=()),
                    failures=tuple(f for f in self.failures if f.plugin == failure.plugin),
                ))
        return result


def _as_exporter(item: Any, name: str) -> Exporter:
    """An Exporter for a plugin's exporter object (typed, so callers need no `Any`)."""
    if isinstance(item, Exporter):
        return item
    title = getattr(item, "title", None)
    return Exporter(name=name, title=title if isinstance(title, Text) else Text(nl=name, en=name),
                    suffix=str(getattr(item, "suffix", "") or ""),
                    media_type=str(getattr(item, "media_type", "") or "application/octet-stream"), render=item.render)


def _as_source(item: Any) -> tuple[Any, str | None]:
    """(source, file name) for a loader: a path as it is; YAML text, a mapping, or the text of a
    resource that is not a real path (e.g. inside a zip), named after the resource."""
    from .rulesets import ruleset_source

    return ruleset_source(item)


def _in_order(impls: Sequence[pluggy.HookImpl]) -> list[pluggy.HookImpl]:
    """Hook implementations in registration order (the built-ins first, so what they add cannot be
    taken over by a later plugin), `tryfirst` ones before and `trylast` ones after the rest;
    wrappers are left out (dienstvisie calls each implementation on its own; `load_plugins`
    reports every wrapper as a plugin failure)."""
    plain = [impl for impl in impls if not (impl.hookwrapper or impl.wrapper)]
    return sorted(plain, key=lambda impl: 0 if impl.tryfirst else 2 if impl.trylast else 1)


def _id_key(check_id: str) -> tuple[str, int, str]:
    prefix = check_id.rstrip("0123456789")
    digits = check_id[len(prefix):]
    return (prefix, int(digits) if digits else -1, check_id)


def _check_problem(item: Any, known: set[str], registered: dict[str, Check], reserved: set[str]) -> str | None:
    if not isinstance(item, Check):
        return f"not a Check: {item!r}"
    if item.id in registered:
        return f"check id '{item.id}' is already registered (by {registered[item.id].origin})"
    if item.id in reserved:
        return f"check id '{item.id}' is reserved (guiding questions and document checks)"
    unknown = [p for p in item.principles if p not in known]
    if unknown:
        return f"check {item.id} names principle(s) {', '.join(unknown)} that the vision lacks"
    if not item.principles:
        return f"check {item.id} names no principle"
    return None


def _failed(failures: list[PluginFailure], tracebacks: dict[PluginFailure, str], plugin: str, hook: str,
            error: BaseException) -> None:
    failure = PluginFailure(plugin, hook, _describe(error))
    failures.append(failure)
    tracebacks[failure] = "".join(traceback.format_exception(error))


def _register(manager: pluggy.PluginManager, plugin: object, name: str, failures: list[PluginFailure],
              tracebacks: dict[PluginFailure, str]) -> bool:
    try:
        manager.register(plugin, name=name)
    except Exception as error:  # e.g. a hookimpl with an unknown hook name or wrong arguments
        _failed(failures, tracebacks, name, "register", error)
        return False
    return True


def load_plugins(
    *,
    entry_points: bool = True,
    modules: Sequence[str] = (),
    disable: Sequence[str] = (),
    extra: Sequence[object] = (),
    rulesets: Sequence[RuleSet] = (),
) -> Plugins:
    """A plugin manager with the built-ins, installed entry points (unless `entry_points` is
    False), the modules named in `modules` (like `--plugin`), `extra` plugin objects and
    `rulesets` (like `--rules`, as a plugin named `--rules`). Plugins whose entry-point name,
    distribution name or module name is in `disable` are left out. Failures are collected,
    never raised.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    failures: list[PluginFailure] = []
    tracebacks: dict[PluginFailure, str] = {}
    origins: dict[str, tuple[str, str | None]] = {}
    from .._version import __version__

    for name, module_name in BUILTIN_PLUGINS.items():
        _register(manager, importlib.import_module(module_name), name, failures, tracebacks)
        origins[name] = ("builtin", __version__)
    if entry_points:
        for entry_point in importlib.metadata.entry_points(group=hookspecs.ENTRY_POINT_GROUP):
            distribution = entry_point.dist.name if entry_point.dist else None
            if entry_point.name in disable or (distribution and distribution in disable) or entry_point.module in disable:
                continue
            if entry_point.name in origins:  # the same name from two distributions: the first one wins
                failures.append(PluginFailure(entry_point.name, "load", f"plugin name '{entry_point.name}' is already taken"))
                continue
            origins[entry_point.name] = ("entry point", entry_point.dist.version if entry_point.dist else None)
            try:
                plugin = entry_point.load()
            except Exception as error:  # a plugin that fails to import is reported, not fatal
                _failed(failures, tracebacks, entry_point.name, "load", error)
                continue
            _register(manager, plugin, entry_point.name, failures, tracebacks)
    for module_name in modules:
        if module_name in disable:
            continue
        origins.setdefault(module_name, ("module", None))
        try:
            plugin = importlib.import_module(module_name)
        except Exception as error:
            _failed(failures, tracebacks, module_name, "load", error)
            continue
        if manager.is_registered(plugin):  # e.g. --plugin names an installed plugin's module
            continue
        if _register(manager, plugin, module_name, failures, tracebacks):
            origins[module_name] = ("module", getattr(plugin, "__version__", None))
    for index, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{index}"
        if name not in disable and not manager.is_registered(plugin) and _register(manager, plugin, name, failures, tracebacks):
            origins[name] = ("module", getattr(plugin, "__version__", None))
    if rulesets:
        given = tuple(rulesets)
        _register(manager, plugin_from_functions(RULES_PLUGIN, dienstvisie_rulesets=lambda: list(given)),
                  RULES_PLUGIN, failures, tracebacks)
        origins[RULES_PLUGIN] = ("rules", None)
    _check_pending(manager, failures)
    return Plugins(manager, failures, origins, tracebacks)


def hook_names() -> tuple[str, ...]:
    """The names of every hook a plugin can implement."""
    return tuple(name for name in vars(hookspecs) if name.startswith(f"{hookspecs.PROJECT_NAME}_")
                 and callable(getattr(hookspecs, name)))


def _check_pending(manager: pluggy.PluginManager, failures: list[PluginFailure]) -> None:
    """What pluggy's `check_pending()` would raise at the first, for every plugin: misspelt hook
    names, and hook wrappers and unmarked hook functions that would never be called (see
    `mistakes`). Each is a plugin failure; the plugin's other hooks still count."""
    from .mistakes import hook_mistakes

    for mistake in hook_mistakes(manager, hook_names()):
        failures.append(PluginFailure(mistake.plugin, mistake.hook, mistake.message))


def plugin_from_functions(name: str, **functions: Callable[..., Any]) -> types.SimpleNamespace:
    """A plugin object made of hook functions, handy in tests and notebooks."""
    marked = {key: hookspecs.hookimpl(function) for key, function in functions.items()}
    return types.SimpleNamespace(__name__=name, **marked)
