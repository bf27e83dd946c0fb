"""The hooks a dienstvisie plugin can implement (pluggy), one docstring each.

A plugin is a module (or object) with functions marked `@dienstvisie.hookimpl`, registered
through the entry-point group `dienstvisie` in its pyproject.toml:

    [project.entry-points.dienstvisie]
    mijngemeente = "dienstvisie_mijngemeente"

Every hook is optional. The built-in vision, checks and exporters use these same hooks
(`dienstvisie.plugins.builtin` is the first plugin). A hook that raises, or returns something that is
not what its docstring asks for, is reported as a plugin error; the run goes on without it. So is
an implementation that would never be called: a misspelt hook name, a hook wrapper (each
implementation is called on its own, so there is nothing to wrap), a hook function without
`@hookimpl` (see `plugins/mistakes.py`). docs/plugins.md has an example for every hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

PROJECT_NAME = "dienstvisie"
ENTRY_POINT_GROUP = "dienstvisie"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

if TYPE_CHECKING:
    from ..model.check import Check
    from ..model.check_id import CheckId
    from ..model.report import Report
    from ..model.service import ServiceConcept
    from ..model.vision import Vision


@hookspec
def dienstvisie_visions() -> list[Any]:  # type: ignore[empty-body]
    """Visions to add, each a `Vision`, the path of a vision YAML/JSON file or a package
    resource (`importlib.resources.files(...) / "vision.yaml"`).

    A vision file is validated against `schemas/vision.schema.json`; an invalid one is reported
    as a plugin error with file and line. Its `id` is what `dienstvisie check --vision ID`
    selects; an id that is already taken is a plugin error.
    """


@hookspec
def dienstvisie_checks(vision: Vision) -> list[Check]:  # type: ignore[empty-body]
    """Checks (`Check`, usually made with `@define_check`) to run against services under `vision`.

    Return only checks whose `principles` belong to `vision` (return [] for a vision you do not
    know: look at `vision.id`). A check that names a principle the vision lacks, names none, or
    takes an id already taken is rejected as a plugin error when the checks are loaded.
    """


@hookspec
def dienstvisie_check_ids() -> list[CheckId]:  # type: ignore[empty-body]
    """The plugin's table of check ids (`CheckId`): at least every id it once had and no longer has
    (`removed`, with `replaced_by` where a check took over), and ids whose check is `deprecated`.

    A baseline, an explanation or a `--select`/`--ignore` that names a removed or deprecated id gets
    a message naming the replacement (or saying the check is gone); `dienstvisie rules` shows the
    status. For a live check the table's status (`preview`, `deprecated`) overrides the check's
    own `status`. An id that another plugin already lists is a plugin error.
    """


@hookspec
def dienstvisie_rulesets() -> list[Any]:  # type: ignore[empty-body]
    """Declarative rule sets to add, each a path or package resource of a YAML/JSON file valid
    against `schemas/ruleset.schema.json` (or a `RuleSet`). Their rules become checks of the
    vision the rule set names (`vision:`, default the shipped one), with the rule set's id as
    origin. An invalid rule set is a plugin error with file and line. Rules are data: nothing
    in them is ever executed.
    """


@hookspec
def dienstvisie_vocabularies() -> list[Any]:  # type: ignore[empty-body]
    """Vocabularies of life events or data items to add, each a path or package resource of a
    YAML file valid against `schemas/vocabulary.schema.json` (or a `Vocabulary`). Services using
    these ids get no DV002 warning, and data items with `registers` count as 'already known by
    government' in the checks. An id that is already known keeps its first definition.
    """


@hookspec
def dienstvisie_exporters() -> list[Any]:  # type: ignore[empty-body]
    """Output formats to add, each an `Exporter` (name, title, suffix, media type, render).

    The name becomes a value of `--format`. `render(run, lang)` gets the whole `CheckRun` and
    returns text (`str`) or, for a binary format, `bytes`, which `dienstvisie check` only writes
    to the file named by `--output` (atomically). A name that is already taken is a plugin error.
    """


@hookspec
def dienstvisie_importers() -> list[Any]:  # type: ignore[empty-body]
    """Input formats to add, each an `Importer` (name, title, file suffixes, read).

    The name becomes the FORMAT of `dienstvisie import FORMAT FILE`. `read(path, lang)` reads the
    file and returns a `Draft`: a service-concept document in YAML that validates, with what the
    format cannot express left as defaults marked `# TODO`, and `gaps` (texts in nl and en) that
    the command prints on stderr. It raises `SourceError` when the file cannot be read and
    `DocumentError` when the file is not valid in its format. A name already taken is a plugin error.
    """


@hookspec
def dienstvisie_prepare_service(service: ServiceConcept, vision: Vision) -> ServiceConcept | None:
    """Enrich or normalise a service before it is checked; return a new `ServiceConcept` or None.

    Every plugin's result is passed on to the next (in registration order), so each sees the
    previous one's changes. Models are frozen: use `attrs.evolve`.
    """


@hookspec
def dienstvisie_report(report: Report) -> None:
    """See the finished report of one service (for logging, metrics, notifications).

    Called once per service, after its checks ran and before the run is exported. The return
    value is ignored and the report cannot be changed here.
    """
