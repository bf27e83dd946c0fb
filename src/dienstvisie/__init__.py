"""dienstvisie: check public service concepts against the vision on joint public service delivery.

The public API. Names are imported lazily, so `dienstvisie --version` and `import dienstvisie`
stay fast; everything listed in `__all__` is stable. A plugin needs nothing else:

    from dienstvisie import CheckContext, Severity, Text, define_check, fail, hookimpl

    >>> import dienstvisie
    >>> vision = dienstvisie.load_vision()
    >>> [p.id for p in vision.principles]
    ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']
"""

from __future__ import annotations

from importlib import import_module

from ._version import __version__

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `dienstvisie --version` should not pay for importing typing
if TYPE_CHECKING:
    from typing import Any

_EXPORTS: dict[str, str] = {
    # loading
    "load_vision": "documents.load",
    "load_service": "documents.load",
    "read_vision": "documents.load",
    "read_service": "documents.load",
    # converting
    "structure": "documents.structure",
    "unstructure": "documents.structure",
    # errors
    "DienstvisieError": "errors",
    "DocumentError": "errors",
    "SourceError": "errors",
    "PluginError": "errors",
    # models
    "Text": "model.text",
    "Vision": "model.vision",
    "StartingPoint": "model.vision",
    "DesignPrinciple": "model.vision",
    "GuidingQuestion": "model.vision",
    "Provenance": "model.vision",
    "Source": "model.vision",
    "ServiceConcept": "model.service",
    "Organisation": "model.service",
    "Owner": "model.service",
    "Contact": "model.service",
    "Coordination": "model.service",
    "Step": "model.service",
    "Ask": "model.service",
    "Handover": "model.service",
    "Decision": "model.service",
    "Signals": "model.service",
    "Answer": "model.service",
    "Explanation": "model.service",
    "Team": "model.service",
    "Person": "model.service",
    "Register": "model.service",
    "Fetch": "model.service",
    "Offer": "model.service",
    "Situations": "model.service",
    "Journey": "model.journey",
    "Problem": "model.problem",
    "Location": "model.problem",
    "Document": "model.document",
    "Language": "model.text",
    "LANGUAGES": "model.text",
    "read_vocabulary": "documents.load",
    # checking
    "check": "api",
    "check_text": "api",
    "check_many": "api",
    "UnknownVisionError": "api",
    "render": "rendering",
    "run_checks": "engine.run",
    "Selection": "engine.selection",
    "Check": "model.check",
    "CheckContext": "model.check",
    "CheckFunction": "model.check",
    "Outcome": "model.check",
    "Severity": "model.check",
    "Status": "model.check",
    "CheckStatus": "model.check",
    "CheckId": "model.check_id",
    "define_check": "model.check",
    "fail": "model.check",
    "ok": "model.check",
    "skip": "model.check",
    "review": "model.check",
    "Finding": "model.finding",
    "ExplanationNote": "model.finding",
    "Report": "model.report",
    "Score": "model.report",
    "CheckRun": "model.run",
    "LoadFailure": "model.run",
    "Exporter": "model.exporter",
    "Streaming": "model.exporter",
    "StreamOptions": "model.exporter",
    "StreamWriter": "model.exporter",
    "StreamPart": "model.exporter",
    "RunContext": "model.exporter",
    "Importer": "model.importer",
    "Draft": "model.importer",
    "Vocabulary": "model.vocabulary",
    "Vocabularies": "model.vocabulary",
    "Term": "model.vocabulary",
    # a whole portfolio, a baseline, a diff
    "portfolio_of": "api",
    "Portfolio": "model.portfolio",
    "ServiceSummary": "model.portfolio",
    "PortfolioBuilder": "analysis.portfolio",
    "summarise": "analysis.portfolio",
    "baseline_of": "api",
    "Baseline": "analysis.baseline",
    "Fingerprint": "analysis.baseline",
    "Tally": "analysis.baseline",
    "fingerprints": "analysis.baseline",
    "read_baseline": "analysis.baseline",
    "diff_of": "api",
    "diff_reports": "analysis.diff",
    "ServiceDiff": "model.diff",
    "ItemDiff": "model.diff",
    "FindingChange": "model.diff",
    # plugins
    "hookimpl": "plugins.hookspecs",
    "ENTRY_POINT_GROUP": "plugins.hookspecs",
    "Plugins": "plugins.manager",
    "PluginSummary": "plugins.manager",
    "load_plugins": "plugins.manager",
    "plugin_from_functions": "plugins.manager",
    "PluginFailure": "model.plugin",
    "PluginInfo": "model.plugin",
    "builtin_check": "plugins.builtin",
    # showing document text safely (exporters of plugins)
    "clean": "exporters.safe_text",
    "terminal_safe": "exporters.safe_text",
    # declarative rules
    "Rule": "plugins.rulesets",
    "RuleSet": "plugins.rulesets",
    "load_ruleset": "plugins.rulesets",
    "read_ruleset": "plugins.rulesets",
    "ruleset_checks": "plugins.rulesets",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # explicit re-exports (`X as X`), so type checkers of plugins see every name
    from .analysis.baseline import Baseline as Baseline
    from .analysis.baseline import Fingerprint as Fingerprint
    from .analysis.baseline import Tally as Tally
    from .analysis.baseline import fingerprints as fingerprints
    from .analysis.baseline import read_baseline as read_baseline
    from .analysis.diff import diff_reports as diff_reports
    from .analysis.portfolio import PortfolioBuilder as PortfolioBuilder
    from .analysis.portfolio import summarise as summarise
    from .api import UnknownVisionError as UnknownVisionError
    from .api import baseline_of as baseline_of
    from .api import check as check
    from .api import check_many as check_many
    from .api import check_text as check_text
    from .api import diff_of as diff_of
    from .api import portfolio_of as portfolio_of
    from .documents.load import load_service as load_service
    from .documents.load import load_vision as load_vision
    from .documents.load import read_service as read_service
    from .documents.load import read_vision as read_vision
    from .documents.load import read_vocabulary as read_vocabulary
    from .documents.structure import structure as structure
    from .documents.structure import unstructure as unstructure
    from .engine.run import run_checks as run_checks
    from .engine.selection import Selection as Selection
    from .errors import DienstvisieError as DienstvisieError
    from .errors import DocumentError as DocumentError
    from .errors import PluginError as PluginError
    from .errors import SourceError as SourceError
    from .exporters.safe_text import clean as clean
    from .exporters.safe_text import terminal_safe as terminal_safe
    from .model.check import Check as Check
    from .model.check import CheckContext as CheckContext
    from .model.check import CheckFunction as CheckFunction
    from .model.check import CheckStatus as CheckStatus
    from .model.check import Outcome as Outcome
    from .model.check import Severity as Severity
    from .model.check import Status as Status
    from .model.check import define_check as define_check
    from .model.check import fail as fail
    from .model.check import ok as ok
    from .model.check import review as review
    from .model.check import skip as skip
    from .model.check_id import CheckId as CheckId
    from .model.diff import FindingChange as FindingChange
    from .model.diff import ItemDiff as ItemDiff
    from .model.diff import ServiceDiff as ServiceDiff
    from .model.document import Document as Document
    from .model.exporter import Exporter as Exporter
    from .model.exporter import RunContext as RunContext
    from .model.exporter import Streaming as Streaming
    from .model.exporter import StreamOptions as StreamOptions
    from .model.exporter import StreamPart as StreamPart
    from .model.exporter import StreamWriter as StreamWriter
    from .model.finding import ExplanationNote as ExplanationNote
    from .model.finding import Finding as Finding
    from .model.importer import Draft as Draft
    from .model.importer import Importer as Importer
    from .model.plugin import PluginFailure as PluginFailure
    from .model.plugin import PluginInfo as PluginInfo
    from .model.portfolio import Portfolio as Portfolio
    from .model.portfolio import ServiceSummary as ServiceSummary
    from .model.problem import Location as Location
    from .model.problem import Problem as Problem
    from .model.report import Report as Report
    from .model.report import Score as Score
    from .model.run import CheckRun as CheckRun
    from .model.run import LoadFailure as LoadFailure
    from .model.service import Answer as Answer
    from .model.service import Ask as Ask
    from .model.service import Contact as Contact
    from .model.service import Coordination as Coordination
    from .model.service import Decision as Decision
    from .model.service import Explanation as Explanation
    from .model.service import Handover as Handover
    from .model.service import Organisation as Organisation
    from .model.service import Owner as Owner
    from .model.service import ServiceConcept as ServiceConcept
    from .model.service import Signals as Signals
    from .model.service import Step as Step
    from .model.service import Fetch as Fetch
    from .model.service import Offer as Offer
    from .model.service import Person as Person
    from .model.service import Register as Register
    from .model.service import Situations as Situations
    from .model.service import Team as Team
    from .model.journey import Journey as Journey
    from .model.text import LANGUAGES as LANGUAGES
    from .model.text import Language as Language
    from .model.text import Text as Text
    from .model.vision import DesignPrinciple as DesignPrinciple
    from .model.vision import GuidingQuestion as GuidingQuestion
    from .model.vision import Provenance as Provenance
    from .model.vision import Source as Source
    from .model.vision import StartingPoint as StartingPoint
    from .model.vision import Vision as Vision
    from .model.vocabulary import Term as Term
    from .model.vocabulary import Vocabularies as Vocabularies
    from .model.vocabulary import Vocabulary as Vocabulary
    from .plugins.builtin import builtin_check as builtin_check
    from .plugins.hookspecs import ENTRY_POINT_GROUP as ENTRY_POINT_GROUP
    from .plugins.hookspecs import hookimpl as hookimpl
    from .plugins.manager import Plugins as Plugins
    from .plugins.manager import PluginSummary as PluginSummary
    from .plugins.manager import load_plugins as load_plugins
    from .plugins.manager import plugin_from_functions as plugin_from_functions
    from .plugins.rulesets import Rule as Rule
    from .plugins.rulesets import RuleSet as RuleSet
    from .plugins.rulesets import load_ruleset as load_ruleset
    from .plugins.rulesets import read_ruleset as read_ruleset
    from .plugins.rulesets import ruleset_checks as ruleset_checks
    from .rendering import render as render

def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dienstvisie' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
