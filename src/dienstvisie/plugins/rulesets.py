"""Declarative rules: requirements an organisation adds as YAML data, without writing Python.

A rule set (`schemas/ruleset.schema.json`) holds rules. Each rule names a *target*, the part
of the service it looks at (`steps`, `steps[].decision`, … or a JSON pointer with `*` for
"every item"), an optional `when` and a `require` condition, both written as JSON Schema:

    - id: GV411
      title: {nl: Besluit met balie of huisbezoek, en: Decision with a desk or home visit}
      message: {nl: "Stap '{step}' neemt een besluit zonder balie of huisbezoek", en: ...}
      principles: [P4]
      severity: major
      target: steps
      when: {required: [decision]}
      require: {required: [channels], properties: {channels: {contains: {enum: [balie, huisbezoek]}}}}

For every target in the service: a target that does not match `when` is left alone; one that
matches `when` but not `require` is a failure located at the target's JSON pointer (so a
`file:line` in the report, and a step for comply-or-explain); when no target applies at all
the rule is not applicable. Conditions are evaluated by jsonschema against the plain data of
the target, i.e. the service as the format describes it (`dienstvisie schema service`), with
empty lists and unset fields left out. Nothing in a rule set is executed: the message is
filled by plain substitution of a fixed set of `{placeholders}`, never by `str.format`, and
`$ref` may only point inside the condition itself, so nothing is fetched.

Rule sets become ordinary `Check`s (origin = the rule set's id) through `ruleset_checks()`;
plugins contribute them through the `dienstvisie_rulesets` hook and people through
`dienstvisie check --rules FILE` or the `rules` configuration key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from typing import Any, Union

import attrs
import jsonschema
from jsonschema.exceptions import SchemaError

from ..documents.load import parse_text_or_file, placed_problems
from ..documents.structure import unstructure
from ..errors import DocumentError
from ..i18n import message
from ..model.check import Check, CheckContext, CheckFunction, Outcome, Severity, fail, skip
from ..model.document import Document
from ..model.problem import Location, Problem
from ..model.service import ServiceConcept
from ..model.source_map import ParsedSource, SourceMap
from ..model.text import LANGUAGES, Language, Text
from ..model.vision import Vision
from ..visions import DEFAULT_VISION_ID
from .rule_patterns import (
    MAX_REPEAT,
    META_FORMAT_CHECKER,
    condition_validator,
    pattern_problems,
    unevaluated_pattern_places,
)

RULESET_FORMAT = "1"

#: The named targets and the JSON pointer pattern each stands for (`*`: every item).
TARGETS: dict[str, str] = {
    "service": "",
    "organisations": "/organisations/*",
    "owner": "/owner",
    "contact": "/contact",
    "coordination": "/coordination",
    "signals": "/signals",
    "assessment": "/assessment/*",
    "steps": "/steps/*",
    "steps[].asks": "/steps/*/asks/*",
    "steps[].decision": "/steps/*/decision",
    "steps[].handover": "/steps/*/handover",
    "steps[].handovers": "/steps/*/handovers/*",
    "steps[].fetches": "/steps/*/fetches/*",
}
#: Named targets that mean something else in a format-2 document's plain data: there every
#: hand-over is an item of `handovers` (a format-1 document keeps its single `handover`).
FORMAT_2_TARGETS: dict[str, str] = {"steps[].handover": "/steps/*/handovers/*"}

#: Placeholders a rule's message may use, besides `{target.FIELD}`.
PLACEHOLDERS: tuple[str, ...] = (
    "service", "service_title", "step", "step_title", "organisation", "organisation_name", "pointer", "value",
)

#: Check-id prefixes that rule sets may not use (the built-in checks).
RESERVED_PREFIXES: tuple[str, ...] = ("DV",)

RuleSource = Union[str, "os.PathLike[str]", Mapping[str, Any]]

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"(target\.)?([a-z_][a-z0-9_]*)")
_STEP_POINTER = re.compile(r"^/steps/([0-9]+)(?:/|$)")
_ORGANISATION_POINTER = re.compile(r"^/organisations/([0-9]+)(?:/|$)")


@attrs.frozen
class Rule:
    """One declarative rule; `when` and `require` are JSON Schemas (a dict or a boolean)."""

    id: str
    title: Text
    message: Text
    principles: tuple[str, ...]
    severity: Severity
    target: str
    require: Any = attrs.field(eq=False, repr=False)
    when: Any = attrs.field(default=None, eq=False, repr=False)
    rationale: Text | None = None
    suggestion: Text | None = None
    example_fail: str | None = None
    example_pass: str | None = None

    @property
    def pointer_pattern(self) -> str:
        """The target as a JSON pointer pattern, `*` standing for every item."""
        return TARGETS.get(self.target, self.target)


@attrs.frozen
class RuleSet:
    """A rule set document: whose requirements, for which vision, and its rules."""

    dienstvisie_ruleset: str
    id: str
    name: Text
    rules: tuple[Rule, ...]
    vision: str = DEFAULT_VISION_ID
    version: str | None = None
    publisher: str | None = None
    description: Text | None = None
    file: str | None = None


# -- reading -------------------------------------------------------------------------------------
def _text(value: Any) -> Text:
    if isinstance(value, str):
        return Text(nl=value)
    return Text(nl=value.get("nl"), en=value.get("en"))


def _optional_text(value: Any) -> Text | None:
    return None if value is None else _text(value)


def structure_ruleset(data: Mapping[str, Any], file: str | None = None) -> RuleSet:
    """Plain, schema-valid rule-set data as a RuleSet."""
    rules = []
    for item in data["rules"]:
        examples = item.get("examples") or {}
        rules.append(Rule(
            id=item["id"], title=_text(item["title"]), message=_text(item["message"]),
            principles=tuple(item["principles"]), severity=Severity(item["severity"]), target=item["target"],
            require=item["require"], when=item.get("when"),
            rationale=_optional_text(item.get("rationale")), suggestion=_optional_text(item.get("suggestion")),
            example_fail=examples.get("fail"), example_pass=examples.get("pass"),
        ))
    return RuleSet(
        dienstvisie_ruleset=data["dienstvisie_ruleset"], id=data["id"], name=_text(data["name"]), rules=tuple(rules),
        vision=data.get("vision", DEFAULT_VISION_ID), version=data.get("version"), publisher=data.get("publisher"),
        description=_optional_text(data.get("description")), file=file,
    )


def _problem(code: str, pointer: str, hint: Text | None = None, *, key: str | None = None, **params: Any) -> Problem:
    """The problem `code`, its message `key` (the code itself by default) from the catalogue's section
    "messages", filled with `params`."""
    return Problem(code, message(key or code, **params), Location(pointer), hint)


def _placeholder_problems(text: str, pointer: str) -> list[Problem]:
    problems = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            problems.append(_problem("rules.brace", pointer, message("rules.brace.hint"), token=token))
            continue
        parsed = _NAME.fullmatch(name)
        if parsed is None or (parsed.group(1) is None and parsed.group(2) not in PLACEHOLDERS):
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ", {target.FIELD}"
            problems.append(_problem("rules.placeholder", pointer, message("rules.known", known=known), name=name))
    return problems


def _remote_references(schema: Any, pointer: str) -> Iterator[str]:
    """Pointers of `$ref`/`$dynamicRef` values that leave the condition (anything not starting with #)."""
    if isinstance(schema, Mapping):
        for key, value in schema.items():
            child = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if key in ("$ref", "$dynamicRef") and isinstance(value, str) and not value.startswith("#"):
                yield child
            else:
                yield from _remote_references(value, child)
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _remote_references(value, f"{pointer}/{index}")




def pattern_condition_problems(schema: Any, pointer: str) -> list[Problem]:
    """Regular expressions in a condition that the linear-time engine cannot run."""
    problems = [
        _problem("rules.pattern", pointer + place, message("rules.pattern.hint", limit=MAX_REPEAT),
                 pattern=repr(pattern), reason=reason)
        for place, pattern, reason in pattern_problems(schema)
    ]
    problems += [
        _problem("rules.pattern", pointer + place, message("rules.pattern_properties.hint"), key="rules.pattern_properties")
        for place in unevaluated_pattern_places(schema)
    ]
    return problems


def _condition_problems(schema: Any, pointer: str) -> list[Problem]:
    problems = pattern_condition_problems(schema, pointer)
    try:  # regex formats are RE2's to judge (above): Python's `re` could overflow or hang on them
        jsonschema.Draft202012Validator.check_schema(schema, format_checker=META_FORMAT_CHECKER)
    except SchemaError as error:
        where = "".join(f"/{part}" for part in error.absolute_path)
        problems.append(_problem("rules.condition", pointer + where, reason=error.message))
    for place in _remote_references(schema, pointer):
        problems.append(_problem("rules.remote_ref", place, message("rules.remote_ref.hint")))
    return problems


def ruleset_reference_problems(data: object) -> list[Problem]:
    """What the schema cannot say: duplicate or reserved rule ids, unknown placeholders,
    conditions that are not valid JSON Schema or refer outside themselves."""
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        return []
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for index, rule in enumerate(data["rules"]):
        if not isinstance(rule, Mapping):
            continue
        pointer = f"/rules/{index}"
        rule_id = rule.get("id")
        if isinstance(rule_id, str):
            if rule_id in first:
                problems.append(_problem("rules.duplicate", pointer + "/id", value=rule_id, first=first[rule_id]))
            first.setdefault(rule_id, pointer)
            if rule_id.startswith(RESERVED_PREFIXES):
                problems.append(_problem("rules.reserved", pointer + "/id", message("rules.reserved.hint"), value=rule_id))
        rule_message = rule.get("message")
        if isinstance(rule_message, str):
            problems += _placeholder_problems(rule_message, pointer + "/message")
        elif isinstance(rule_message, Mapping):
            for lang in LANGUAGES:
                if isinstance(rule_message.get(lang), str):
                    problems += _placeholder_problems(rule_message[lang], f"{pointer}/message/{lang}")
        for key in ("when", "require"):
            if isinstance(rule.get(key), (Mapping, bool)):
                problems += _condition_problems(rule[key], f"{pointer}/{key}")
    return problems


def read_ruleset(source: RuleSource, *, filename: str | None = None) -> Document[RuleSet]:
    """A rule set with its source map, from a path, YAML/JSON text or a mapping.

    Raises `SourceError` when a file cannot be read and `DocumentError` (every problem, with
    file, line and column) when it is not a valid rule set. A `str` is taken as text when it
    holds a line break, else as a path.
    """
    if isinstance(source, Mapping):
        parsed = ParsedSource(data=dict(source), source_map=SourceMap(file=filename))
    else:
        parsed = parse_text_or_file(source, filename)
    return validated_ruleset(parsed, parsed.source_map.file)


def validated_ruleset(parsed: ParsedSource, filename: str | None) -> Document[RuleSet]:
    """A parsed rule set, validated (schema first, then its references and conditions) and structured."""
    from ..documents.validate import schema_problems

    problems = schema_problems(parsed.data, "ruleset")
    if not problems:
        problems = ruleset_reference_problems(parsed.data)
    if problems:
        raise DocumentError(filename, placed_problems(problems, parsed.source_map))
    return Document(model=structure_ruleset(parsed.data, filename), source_map=parsed.source_map)


def load_ruleset(source: RuleSource, *, filename: str | None = None) -> RuleSet:
    """A rule set from a path, YAML/JSON text or a mapping; raises DocumentError if invalid."""
    return read_ruleset(source, filename=filename).model


def principle_problems(ruleset: RuleSet, vision: Vision, source_map: SourceMap | None = None) -> list[Problem]:
    """Rules naming a principle that `vision` lacks (only meaningful when the rule set is for `vision`)."""
    known = [principle.id for principle in vision.principles]
    problems = []
    for index, rule in enumerate(ruleset.rules):
        for p_index, principle in enumerate(rule.principles):
            if principle not in known:
                problems.append(_problem("rules.principle", f"/rules/{index}/principles/{p_index}",
                                         message("rules.known", known=", ".join(known)),
                                         rule=rule.id, principle=principle, vision=vision.id))
    return placed_problems(problems, source_map or SourceMap(file=ruleset.file))


# -- evaluating ----------------------------------------------------------------------------------
_plain_cache: list[tuple[ServiceConcept, Any]] = []


def plain_service(service: ServiceConcept) -> Any:
    """The service as plain data, as rule conditions see it (the last one is cached)."""
    if _plain_cache and _plain_cache[0][0] is service:
        return _plain_cache[0][1]
    data = unstructure(service)
    _plain_cache[:] = [(service, data)]
    return data


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer_tokens(pattern: str) -> tuple[str, ...]:
    """The tokens of a JSON pointer pattern ('' is the whole document)."""
    return tuple(_unescape(token) for token in pattern.split("/")[1:]) if pattern else ()


def targets(data: Any, tokens: tuple[str, ...], pointer: str = "") -> Iterator[tuple[str, Any]]:
    """(pointer, value) of every place in `data` that the pattern `tokens` matches, in document order."""
    if not tokens:
        yield pointer, data
        return
    head, rest = tokens[0], tokens[1:]
    if isinstance(data, list):
        indices = range(len(data)) if head == "*" else ([int(head)] if head.isdigit() and int(head) < len(data) else [])
        for index in indices:
            yield from targets(data[index], rest, f"{pointer}/{index}")
    elif isinstance(data, Mapping):
        keys = list(data) if head == "*" else ([head] if head in data else [])
        for key in keys:
            yield from targets(data[key], rest, f"{pointer}/{_escape(str(key))}")


def _display(value: Any, lang: Language) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, Mapping) and set(value) <= {"nl", "en"} and value:
        return _text(value).get(lang)
    if isinstance(value, list):
        return ", ".join(_display(item, lang) for item in value) or "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fields(service: ServiceConcept, pointer: str, value: Any, lang: Language) -> dict[str, str]:
    fields = {"service": service.id, "service_title": service.title.get(lang), "pointer": pointer or "/",
              "step": "-", "step_title": "-", "organisation": "-", "organisation_name": "-",
              "value": "-" if isinstance(value, (Mapping, list)) else _display(value, lang)}
    organisation_id: str | None = None
    step_match = _STEP_POINTER.match(pointer)
    if step_match and int(step_match.group(1)) < len(service.steps):
        step = service.steps[int(step_match.group(1))]
        fields.update(step=step.id, step_title=step.title.get(lang))
        organisation_id = step.organisation
    organisation_match = _ORGANISATION_POINTER.match(pointer)
    if organisation_match and int(organisation_match.group(1)) < len(service.organisations):
        organisation_id = service.organisations[int(organisation_match.group(1))].id
    if organisation_id is not None:
        fields["organisation"] = organisation_id
        try:
            fields["organisation_name"] = service.organisation(organisation_id).name
        except KeyError:
            fields["organisation_name"] = organisation_id
    return fields


def fill(template: str, service: ServiceConcept, pointer: str, value: Any, lang: Language) -> str:
    """The message `template` with its placeholders filled from the target (plain substitution)."""
    fields = _fields(service, pointer, value, lang)

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        parsed = _NAME.fullmatch(name) if name is not None else None
        if parsed is None:
            return token
        if parsed.group(1):
            return _display(value.get(parsed.group(2)), lang) if isinstance(value, Mapping) else "-"
        return fields.get(parsed.group(2), token)

    return _TOKEN.sub(replace, template)


def _message(rule: Rule, service: ServiceConcept, pointer: str, value: Any) -> Text:
    return Text(
        nl=fill(rule.message.nl, service, pointer, value, "nl") if rule.message.nl is not None else None,
        en=fill(rule.message.en, service, pointer, value, "en") if rule.message.en is not None else None,
    )


def _step_of(service: ServiceConcept, pointer: str) -> str | None:
    match = _STEP_POINTER.match(pointer)
    if match and int(match.group(1)) < len(service.steps):
        return service.steps[int(match.group(1))].id
    return None


def rule_function(rule: Rule) -> CheckFunction:
    """The check function of a rule: fail every applicable target that does not meet `require`.

    A rule whose patterns the linear-time engine cannot run (a `RuleSet` a plugin made itself,
    never read from a file) is an error of that check, never evaluated by a backtracking engine.
    """
    tokens = pointer_tokens(rule.pointer_pattern)
    tokens_2 = pointer_tokens(FORMAT_2_TARGETS.get(rule.target, rule.pointer_pattern))
    require = condition_validator(rule.require)
    when = condition_validator(rule.when) if rule.when is not None else None
    refused = [problem.message.get("en") for key, condition in (("when", rule.when), ("require", rule.require))
               if condition is not None for problem in pattern_condition_problems(condition, f"/{key}")]

    def run(ctx: CheckContext) -> Iterator[Outcome]:
        if refused:
            raise ValueError("; ".join(refused))
        service = ctx.service
        applicable = 0
        for pointer, value in targets(plain_service(service), tokens if service.dienstvisie == "1" else tokens_2):
            if when is not None and not when.is_valid(value):
                continue
            applicable += 1
            if not require.is_valid(value):
                yield fail(_message(rule, service, pointer, value), pointer=pointer, step=_step_of(service, pointer))
        if not applicable:
            yield skip(Text(nl=f"Niets in deze dienst valt onder regel {rule.id}",
                            en=f"Nothing in this service falls under rule {rule.id}"))

    return run


def rule_check(rule: Rule, ruleset: RuleSet) -> Check:
    """A rule as a `Check` whose origin is the rule set's id."""
    name_nl, name_en = ruleset.name.get("nl"), ruleset.name.get("en")
    return Check(
        id=rule.id, title=rule.title,
        rationale=rule.rationale or Text(nl=f"Een eis van {name_nl} (regelset '{ruleset.id}').",
                                         en=f"A requirement of {name_en} (rule set '{ruleset.id}')."),
        principles=rule.principles, severity=rule.severity,
        suggestion=rule.suggestion or Text(
            nl=f"Pas de dienst aan zodat die aan regel {rule.id} van {name_nl} voldoet, of leg uit waarom niet.",
            en=f"Change the service so that it meets rule {rule.id} of {name_en}, or explain why not."),
        function=rule_function(rule), origin=ruleset.id,
        example_fail=rule.example_fail, example_pass=rule.example_pass,
    )


def ruleset_checks(ruleset: RuleSet) -> tuple[Check, ...]:
    """Every rule of a rule set as a `Check`."""
    return tuple(rule_check(rule, ruleset) for rule in ruleset.rules)


def describe_problems(error: DocumentError, lang: Language = "en") -> str:
    """A DocumentError as `file:line:col: message` lines (for plugin errors and stderr)."""
    lines = []
    for problem in error.problems:
        location = problem.location
        place = location.file or error.file or "<document>"
        if location.line is not None:
            place += f":{location.line}"
            if location.column is not None:
                place += f":{location.column}"
        line = f"{place}: {problem.message.get(lang)}"
        if location.pointer:
            line += f" [{location.pointer}]"
        lines.append(line)
    return "\n".join(lines) or str(error)


def ruleset_source(item: Any) -> tuple[Any, str | None]:
    """What a plugin returned from `dienstvisie_rulesets` as (source, filename) for `read_ruleset`."""
    if isinstance(item, str) and ("\n" in item or item.lstrip().startswith("{")):
        return item, None
    if isinstance(item, (str, os.PathLike)):
        return item, os.fspath(item)
    if isinstance(item, Mapping):
        return item, None
    if hasattr(item, "read_text"):
        name = str(item)
        return item.read_text(encoding="utf-8"), name if name else None
    raise TypeError(f"not a rule set, path or mapping: {item!r}")


__all__ = [
    "PLACEHOLDERS", "RESERVED_PREFIXES", "TARGETS", "Rule", "RuleSet", "describe_problems", "fill", "load_ruleset",
    "plain_service", "principle_problems", "read_ruleset", "rule_check", "rule_function", "ruleset_checks",
    "ruleset_reference_problems", "ruleset_source", "structure_ruleset", "targets",
]
