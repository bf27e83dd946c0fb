"""Turn schema violations and broken cross-references into problems people can act on.

Pure functions over plain data: no files are read here. Each problem carries a JSON pointer;
the loader adds file, line and column from the source map.

The schema says more than JSON Schema does, in keywords of its own that jsonschema ignores:
`x-since` (a field new in a later format) and `x-values-since` (enum values new in one) are
enforced for documents that declare an older format; `x-id` marks the ids of an id space and
`x-ref` the values that must name one, and the reference problems below are read from them, not
from a hand-kept list.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import attrs
import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from ..i18n import CATALOGUE, message
from ..model.problem import Location, Problem
from ..model.text import Text
from ..schemas import load_schema
from .compiled_schema import surely_valid
from ..model.source_map import pointer_join
from .schema_refs import IdField, RefField, collect, declared, pointer_order

_PATTERN_NAMES = {
    "^[a-z0-9][a-z0-9_.-]*$": "pattern.slug",
    "^[A-Z][A-Z0-9]*[0-9]+$": "pattern.check",
    "^[A-Z][A-Z0-9]*\\.Q[0-9]+$": "pattern.question",
    "^[A-Z][A-Z0-9]*[0-9]+\\.Q[0-9]+$": "pattern.question",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "pattern.date",
}
_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null", int: "integer", float: "number"}


def _format_number(version: object) -> int:
    return int(version) if isinstance(version, str) and version.isdigit() else 0


def _since_keywords(version: str) -> dict[str, Any]:
    """Validator functions for `x-since` and `x-values-since` in a document of format `version`."""
    current = _format_number(version)

    def since(validator: object, value: object, instance: object, schema: object) -> Iterable[ValidationError]:
        if _format_number(value) > current:
            yield ValidationError(f"new in format {value}", validator="x-since", validator_value=value)

    def values_since(validator: object, value: object, instance: object, schema: object) -> Iterable[ValidationError]:
        if isinstance(value, Mapping) and isinstance(instance, str) and _format_number(value.get(instance)) > current:
            yield ValidationError(f"{instance!r} is new in format {value[instance]}", validator="x-values-since",
                                  validator_value=value[instance])

    return {"x-since": since, "x-values-since": values_since}


@cache
def validator_for(schema_name: str, version: str | None = None) -> jsonschema.protocols.Validator:
    """A cached validator for a shipped schema, checking formats too; with `version`, also refusing
    what the schema marks as new in a later format (`x-since`, `x-values-since`).

    Its local `$ref`s are resolved once, here (see `inline_refs`), rather than looked up again for
    every value of every document: the same checks, about a third faster for a service concept.
    """
    schema = load_schema(schema_name)
    cls = jsonschema.validators.validator_for(schema)
    if version is not None:
        cls = jsonschema.validators.extend(cls, _since_keywords(version))  # type: ignore[no-untyped-call]
    return cls(inline_refs(schema), format_checker=cls.FORMAT_CHECKER)


_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples", "default"})


def _is_annotation(key: str) -> bool:
    """Keys beside a `$ref` that inlining may merge: annotations, and the schema's own `x-` keywords
    (which apply to the value as a whole, like the referenced definition)."""
    return key in _ANNOTATIONS or key.startswith("x-")


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with every `{"$ref": "#/$defs/NAME", ...annotations}` replaced by a copy of that
    definition (its annotations taking the place of the definition's), when that changes nothing:
    every reference is local to `$defs`, its siblings are only annotations, and no definition
    refers to itself, directly or not. Otherwise `schema` itself."""
    definitions = schema.get("$defs", {})

    def refs(value: Any) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if "$ref" in item:
                    found.append(item)
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        return found

    def name(ref: dict[str, Any]) -> str | None:
        target = ref["$ref"]
        if not isinstance(target, str) or not target.startswith("#/$defs/") or not all(map(_is_annotation, set(ref) - {"$ref"})):
            return None
        key = target[len("#/$defs/"):]
        return key if key in definitions and "/" not in key and "~" not in key else None

    if not isinstance(definitions, dict) or any(name(ref) is None for ref in refs(schema)):
        return schema
    resolving: set[str] = set()

    def inline(value: Any) -> Any:
        if isinstance(value, list):
            return [inline(item) for item in value]
        if not isinstance(value, dict):
            return value
        if "$ref" in value:
            key = name(value)
            assert key is not None
            if key in resolving:
                raise RecursionError(key)
            resolving.add(key)
            try:
                resolved = inline(definitions[key])
            finally:
                resolving.discard(key)
            if not isinstance(resolved, dict):
                return resolved  # a boolean schema: its annotations have no say
            return {**resolved, **{k: v for k, v in value.items() if k != "$ref"}}
        return {key: (item if key == "$defs" else inline(item)) for key, item in value.items()}

    try:
        return inline(schema)  # type: ignore[no-any-return]
    except RecursionError:  # a definition that refers to itself: leave the references to jsonschema
        return schema


def nearest(value: object, candidates: Iterable[object]) -> str | None:
    """The candidate closest to `value` in spelling, if any is close enough to be a likely typo."""
    options = [str(candidate) for candidate in candidates]
    found = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
    return found[0] if found else None


def _pointer(path: Iterable[Any]) -> str:
    result = ""
    for token in path:
        result = pointer_join(result, token)
    return result


def _type_name(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _type_label(name: str) -> Text:
    key = f"type.{name}"
    return message(key) if key in CATALOGUE else Text(nl=name, en=name)


def _type_text(expected: object) -> Text:
    parts = [_type_label(str(name)) for name in (expected if isinstance(expected, list) else [expected])]
    return Text(nl=" of ".join(p.get("nl") for p in parts), en=" or ".join(p.get("en") for p in parts))


def _is_text_schema(schema: Mapping[str, Any]) -> bool:
    options = schema.get("oneOf") or []
    return any(isinstance(o, dict) and o.get("type") == "string" for o in options) and any(
        isinstance(o, dict) and "nl" in o.get("properties", {}) for o in options
    )


def _hint(value: object, candidates: Iterable[object]) -> Text | None:
    suggestion = nearest(value, candidates)
    return message("hint.did_you_mean", suggestion=suggestion) if suggestion else None


def _problems_for(error: ValidationError) -> list[Problem]:
    pointer = _pointer(error.absolute_path)
    kind = error.validator
    instance = error.instance
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if kind == "x-since":
        name = str(error.absolute_path[-1]) if error.absolute_path else ""
        return [Problem("schema.since", message("schema.since", name=name, version=error.validator_value),
                        Location(pointer), message("schema.since.hint", version=error.validator_value))]
    if kind == "x-values-since":
        return [Problem("schema.since_value", message("schema.since_value", value=instance, version=error.validator_value),
                        Location(pointer), message("schema.since.hint", version=error.validator_value))]
    if kind == "not" and isinstance(error.validator_value, Mapping) and isinstance(error.validator_value.get("required"), list):
        names = ", ".join(map(str, error.validator_value["required"]))
        return [Problem("schema.exclusive", message("schema.exclusive", names=names), Location(pointer),
                        message("schema.exclusive.hint", names=names))]
    if kind == "dependentRequired" and isinstance(instance, Mapping) and isinstance(error.validator_value, Mapping):
        return [
            Problem("schema.required", message("schema.required", name=name), Location(pointer),
                    message("schema.required.hint", name=name))
            for trigger, needed in error.validator_value.items() if trigger in instance
            for name in needed if name not in instance
        ]
    if kind == "required":
        required = error.validator_value if isinstance(error.validator_value, list) else []
        return [
            Problem("schema.required", message("schema.required", name=name), Location(pointer),
                    message("schema.required.hint", name=name))
            for name in required if isinstance(instance, Mapping) and name not in instance
        ]
    if kind == "additionalProperties" and isinstance(instance, Mapping):
        known = list(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        return [
            Problem("schema.additional", message("schema.additional", name=name),
                    Location(pointer_join(pointer, name)),
                    _hint(name, known) or message("schema.additional.hint", allowed=", ".join(known)))
            for name in instance
            if name not in known and not any(p.search(name) for p in patterns)
        ]
    if kind == "enum":
        allowed = list(error.validator_value) if isinstance(error.validator_value, list) else []
        return [Problem("schema.enum", message("schema.enum", value=instance, allowed=", ".join(map(str, allowed))),
                        Location(pointer), _hint(instance, allowed))]
    if kind == "const":
        return [Problem("schema.const", message("schema.const", expected=repr(error.validator_value), value=repr(instance)),
                        Location(pointer))]
    if kind == "type":
        return [Problem("schema.type", message("schema.type", expected=_type_text(error.validator_value),
                                               actual=_type_label(_type_name(instance))), Location(pointer))]
    if kind in ("oneOf", "anyOf") and _is_text_schema(schema):
        return [Problem("schema.type", message("schema.type", expected=message("type.text"),
                                               actual=_type_label(_type_name(instance))), Location(pointer))]
    if kind in ("oneOf", "anyOf") and error.context:
        return _problems_for(best_match(error.context))
    if kind == "pattern":
        pattern = str(error.validator_value)
        what_id = _PATTERN_NAMES.get(pattern)
        what = message(what_id) if what_id else message("pattern.other", pattern=pattern)
        return [Problem("schema.pattern", message("schema.pattern", value=instance, what=what), Location(pointer))]
    if kind == "minItems":
        return [Problem("schema.min_items", message("schema.min_items", limit=error.validator_value), Location(pointer))]
    if kind == "uniqueItems":
        return [Problem("schema.unique", message("schema.unique"), Location(pointer))]
    if kind in ("minLength", "minProperties"):
        return [Problem("schema.min_length", message("schema.min_length"), Location(pointer))]
    if kind in ("minimum", "exclusiveMinimum"):
        return [Problem("schema.minimum", message("schema.minimum", limit=error.validator_value), Location(pointer))]
    if kind == "format":
        name = str(error.validator_value)
        label = message(f"format.{name}") if f"format.{name}" in CATALOGUE else Text(nl=name, en=name)
        return [Problem("schema.format", message("schema.format", value=instance, format=label), Location(pointer))]
    return [Problem("schema.other", message("schema.other", detail=error.message), Location(pointer))]


def schema_problems(data: object, schema_name: str) -> list[Problem]:
    """Every violation of the shipped schema `schema_name`, in document order.

    A document that declares a format (`dienstvisie`) older than the newest is also held to what
    that format allows.

    The compiled validator decides first (documents/compiled_schema.py, with the same `x-since`
    rules for an older format): a valid document costs almost nothing; an invalid one is explained
    by jsonschema, with the messages and hints below."""
    version = data.get("dienstvisie") if isinstance(data, Mapping) else None
    older = isinstance(version, str) and 0 < _format_number(version) < _newest_format(schema_name)
    if surely_valid(data, schema_name, version if older else None):
        return []
    found = validator_for(schema_name, version if older else None).iter_errors(data)  # type: ignore[arg-type]
    errors = sorted(found, key=lambda e: [str(p) for p in e.absolute_path])
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for error in errors:
        for problem in _problems_for(error):
            key = (problem.location.pointer, problem.message.get("en"))
            if key not in seen:
                seen.add(key)
                problems.append(problem)
    return problems


@cache
def _newest_format(schema_name: str) -> int:
    """The newest format number the schema's `dienstvisie` field allows (0 when it has none)."""
    field = load_schema(schema_name).get("properties", {}).get("dienstvisie", {})
    values = field.get("enum", [field["const"]] if "const" in field else [])
    return max((_format_number(value) for value in values), default=0)


def _items(data: Mapping[str, Any], key: str) -> list[tuple[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(f"/{key}/{index}", item) for index, item in enumerate(value)]


def _ids(items: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    return [(pointer, item["id"]) for pointer, item in items if isinstance(item, Mapping) and isinstance(item.get("id"), str)]


def _duplicate_ids(pairs: list[tuple[str, str]], what: str, suffix: str = "/id") -> list[Problem]:
    """A problem for each id already used earlier in `pairs` (item pointers; the id stands at
    pointer + `suffix`); `what` names the kind of item."""
    first: dict[str, str] = {}
    problems = []
    for pointer, value in pairs:
        if value in first:
            problems.append(Problem("ref.duplicate_id", message("ref.duplicate_id", value=value, first=first[value]),
                                    Location(pointer + suffix), message("ref.duplicate_id.hint", what=message(f"what.{what}"))))
        else:
            first[value] = pointer
    return problems


@attrs.frozen
class _IdGroup:
    """Id spaces whose ids must all differ (organisations and their teams), as the schema says."""

    spaces: tuple[str, ...]  # sorted
    what: str  # how a message names the kind of item: the space that declares the sharing
    of_items: bool  # the ids are the `id` of items: a duplicate points at the item's `/id`


@cache
def _id_groups(schema_name: str) -> tuple[_IdGroup, ...]:
    """The groups of id spaces of a schema, in the order the schema first names them (the same for
    every document, so worked out once)."""
    fields = declared(schema_name)
    groups: list[_IdGroup] = []
    done: set[frozenset[str]] = set()
    for space in fields.spaces():
        group = fields.unique_group(space)
        if group in done:
            continue
        done.add(group)
        what = next((field.space for field in fields.ids if field.space in group and field.unique_with), space)
        of_items = all(field.path[-1:] == ("id",) for field in fields.ids if field.space in group)
        groups.append(_IdGroup(tuple(sorted(group)), what, of_items))
    return tuple(groups)


def service_reference_problems(data: object) -> list[Problem]:
    """Broken cross-references in a service concept, as its schema declares them (`x-id`, `x-ref`):
    duplicate ids, values that name no id of their space; and the two rules of the journey that no
    keyword says: `after` names earlier steps only, and a step's team is one of its organisation's."""
    if not isinstance(data, Mapping):
        return []
    fields = declared("service")
    ids: dict[str, list[tuple[str, str]]] = {space: [] for space in fields.spaces()}
    values: dict[RefField, list[tuple[str, Any]]] = {ref: [] for ref in fields.refs}
    for field, pointer, value in collect(data, "service"):  # one walk over the document
        if isinstance(field, IdField):
            if isinstance(value, str):
                ids[field.space].append((pointer, value))
        else:
            values[field].append((pointer, value))
    problems: list[Problem] = []
    for group in _id_groups("service"):
        pairs = [pair for member in group.spaces for pair in ids.get(member, [])]
        if len({value for _, value in pairs}) == len(pairs):
            continue  # no id twice: nothing to report, in any order
        if len(group.spaces) > 1:  # ids of several spaces (organisations and their teams): in document order
            pairs.sort(key=lambda pair: pointer_order(pair[0]))
        if group.of_items:
            problems += _duplicate_ids([(pointer[: -len("/id")], value) for pointer, value in pairs], group.what)
        else:
            problems += _duplicate_ids(pairs, group.what, suffix="")
    known = {space: list(dict.fromkeys(value for _, value in pairs)) for space, pairs in ids.items()}
    for ref in fields.refs:
        found = values[ref]
        if not found:
            continue
        candidates = [value for space in ref.spaces for value in known.get(space, [])]
        allowed = set(candidates)
        for pointer, value in found:  # the walk goes in document order
            if isinstance(value, str) and value not in allowed:
                relevant = [space for space in ref.spaces if known.get(space)] or list(ref.spaces[:1])
                problems.append(_unknown("ref." + "_or_".join(relevant), value, pointer, candidates))
    return problems + _journey_problems(data)


def _unknown(code: str, value: str, pointer: str, candidates: list[str]) -> Problem:
    known_text = ", ".join(candidates) or "-"
    hint_key = f"{code}.hint" if f"{code}.hint" in CATALOGUE else "ref.known.hint"
    return Problem(code, message(code, value=value), Location(pointer),
                   _hint(value, candidates) or message(hint_key, value=value, known=known_text))


def _journey_problems(data: Mapping[str, Any]) -> list[Problem]:
    """`after` names only earlier steps (so the journey has no cycles); a step's `team` is a team
    of the step's own organisation."""
    teams: dict[str, str] = {}
    for pointer, organisation in _items(data, "organisations"):
        if isinstance(organisation, Mapping) and isinstance(organisation.get("id"), str):
            for _, team in _items(organisation, "teams"):
                if isinstance(team, Mapping) and isinstance(team.get("id"), str):
                    teams.setdefault(team["id"], organisation["id"])
    problems: list[Problem] = []
    earlier: set[str] = set()  # sets: a journey of thousands of steps is checked in linear time
    later = {value for _, value in _ids(_items(data, "steps"))}
    for pointer, step in _items(data, "steps"):
        if not isinstance(step, Mapping):
            continue
        step_id = step.get("id")
        after = step.get("after")
        for index, ref in enumerate(after if isinstance(after, list) else []):
            if isinstance(ref, str) and ref not in earlier and ref in later:
                problems.append(Problem("ref.after_order", message("ref.after_order", value=ref),
                                        Location(f"{pointer}/after/{index}"), message("ref.after_order.hint", value=ref)))
        team, organisation = step.get("team"), step.get("organisation")
        if isinstance(team, str) and team in teams and isinstance(organisation, str) and teams[team] != organisation:
            problems.append(Problem("ref.team_organisation",
                                    message("ref.team_organisation", value=team, organisation=organisation, owner=teams[team]),
                                    Location(pointer + "/team"), message("ref.team_organisation.hint", value=team, owner=teams[team])))
        if isinstance(step_id, str):
            earlier.add(step_id)
    return problems


def vision_reference_problems(data: object) -> list[Problem]:
    """Broken cross-references in a vision: unknown starting points or sources, misplaced question ids."""
    if not isinstance(data, Mapping):
        return []
    points = _ids(_items(data, "starting_points"))
    principles = _items(data, "principles")
    principle_ids = _ids(principles)
    problems = _duplicate_ids(points + principle_ids, "item")
    known_points = [value for _, value in points]
    provenance = data.get("provenance")
    sources = _ids(_items(provenance, "sources")) if isinstance(provenance, Mapping) else []
    problems += _duplicate_ids([(f"/provenance{p}", v) for p, v in sources], "source")
    known_sources = [value for _, value in sources]

    def check_sources(pointer: str, item: Mapping[str, Any]) -> None:
        for index, value in enumerate(item.get("sources") or []):
            if isinstance(value, str) and value not in known_sources:
                problems.append(Problem("ref.source", message("ref.source", value=value),
                                        Location(f"{pointer}/sources/{index}"), _hint(value, known_sources)))

    for pointer, point in _items(data, "starting_points"):
        if isinstance(point, Mapping):
            check_sources(pointer, point)
    question_ids: list[tuple[str, str]] = []
    for pointer, principle in principles:
        if not isinstance(principle, Mapping):
            continue
        check_sources(pointer, principle)
        for index, value in enumerate(principle.get("serves") or []):
            if isinstance(value, str) and value not in known_points:
                problems.append(Problem("ref.starting_point", message("ref.starting_point", value=value),
                                        Location(f"{pointer}/serves/{index}"), _hint(value, known_points)))
        questions = _ids(_items(principle, "questions"))
        for q_pointer, q_id in questions:
            full = pointer + q_pointer
            question_ids.append((full, q_id))
            principle_id = principle.get("id")
            if isinstance(principle_id, str) and not q_id.startswith(principle_id + "."):
                problems.append(Problem("ref.question_prefix",
                                        message("ref.question_prefix", value=q_id, principle=principle_id),
                                        Location(full + "/id"), message("ref.question_prefix.hint", principle=principle_id)))
    problems += _duplicate_ids(question_ids, "question")
    return problems
