"""Regular expressions in rule sets, evaluated by a linear-time engine (RE2).

Why: a rule set is shared, and anyone who writes a service concept chooses the text its patterns
are matched against. Python's `re` backtracks, so a pattern such as `^(a+)+$` against forty a's
and a `!` takes longer than the age of the universe, holding the interpreter lock the whole time:
no time limit can stop it. RE2 (`google-re2`) guarantees time linear in the length of the text,
and refuses what it cannot do in linear time (back-references, look-around).

Rule conditions are checked by a jsonschema validator whose `pattern` and `patternProperties`
keywords and `regex` format use RE2 (`condition_validator`); jsonschema itself matches
property names in `additionalProperties` and `unevaluatedProperties` with `re`, so those two are
given here too (`additionalProperties`) or refused beside `patternProperties`
(`unevaluatedProperties`). `pattern_problems` says, for a condition, every pattern RE2 cannot
run, with its place, so a rule set is refused when it is read (with file and line), never when
a document is checked.

The service schema's own patterns are ours, simple and anchored; they keep jsonschema's default.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

import jsonschema
import re2
from jsonschema import FormatChecker, ValidationError
from jsonschema.protocols import Validator

MAX_REPEAT = 1000
"""The largest repetition count RE2 takes (`a{1000}`); larger ones are refused."""

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 logs to stderr by default: the reason goes into our message instead


class PatternError(ValueError):
    """A pattern the linear-time engine cannot run; `reason` says why (in RE2's words)."""

    def __init__(self, pattern: str, reason: str) -> None:
        super().__init__(f"{pattern!r}: {reason}")
        self.pattern = pattern
        self.reason = reason


@functools.lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> Any:
    """`pattern` compiled by RE2; PatternError when RE2 cannot run it (or its repetition count is
    larger than RE2's limit, which RE2 would otherwise read as literal text)."""
    try:
        compiled = re2.compile(pattern, options=_OPTIONS)
    except re2.error as error:
        reason = error.args[0] if error.args else "invalid"
        raise PatternError(pattern, reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)) \
            from None
    try:  # RE2 takes `a{99999999999}` for the literal text; what the author meant is a count too large
        with warnings.catch_warnings():  # Python's opinions on RE2 syntax (nested sets …) are not ours
            warnings.simplefilter("ignore")
            re.compile(pattern)
    except OverflowError:
        raise PatternError(pattern, f"repetition count larger than {MAX_REPEAT}") from None
    except (re.error, RecursionError, ValueError):  # RE2 syntax that Python lacks: RE2 decides
        pass
    return compiled


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` matches somewhere in `text`, in linear time (PatternError if it cannot)."""
    return compile_pattern(pattern).search(text) is not None


# ----------------------------------------------------------------- the keywords, with RE2 matching

def _pattern(validator: Validator, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, properties: Mapping[str, Any], instance: Any,
                        schema: Any) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in properties.items():
        for key, value in instance.items():
            if search(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(validator: Any, additional: Any, instance: Any,
                           schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    properties = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    extras = [key for key in instance if key not in properties and not any(search(p, key) for p in patterns)]
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif not additional and extras:
        yield ValidationError(f"Additional properties are not allowed ({', '.join(map(repr, sorted(extras)))})")


def _is_regex(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    compile_pattern(instance)
    return True


def _without_regex() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, check in jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers.items():
        if name != "regex":
            checker.checkers[name] = check
    return checker


META_FORMAT_CHECKER = _without_regex()
"""jsonschema's format checks without `regex`: for checking a condition against the meta-schema,
whose patterns `pattern_problems` judges (Python's `re` could overflow on them)."""

FORMAT_CHECKER = _without_regex()
"""jsonschema's format checks, with `regex` meaning "RE2 can run it"."""
FORMAT_CHECKER.checks("regex", raises=PatternError)(_is_regex)

ConditionValidator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, {
        "pattern": _pattern, "patternProperties": _pattern_properties, "additionalProperties": _additional_properties,
    },
)
"""Draft 2020-12 with every regular expression run by RE2."""


def condition_validator(schema: Any) -> Validator:
    """A validator of a rule condition (`when`, `require`) that matches patterns in linear time."""
    validator: Validator = ConditionValidator(schema, format_checker=FORMAT_CHECKER)
    return validator


# ------------------------------------------------------------------------ refusing what RE2 cannot run

_REGEX_META_CHECKER = FormatChecker(formats=())
_REGEX_META_CHECKER.checks("regex", raises=PatternError)(_is_regex)


def _keyword_places(schema: Any, keyword: str, pointer: str = "") -> Iterator[str]:
    """Pointers of every mapping in `schema` that has `keyword` (a coarse walk: data in `const` or
    `enum` counts too, which only makes a refusal stricter)."""
    if isinstance(schema, Mapping):
        if keyword in schema:
            yield pointer
        for key, value in schema.items():
            yield from _keyword_places(value, keyword, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _keyword_places(value, keyword, f"{pointer}/{index}")


def pattern_problems(schema: Any) -> list[tuple[str, str, str]]:
    """(pointer inside the condition, pattern, reason) for every regular expression of a condition
    that RE2 cannot run: found where the JSON Schema meta-schema says a regex goes (`pattern`, the
    keys of `patternProperties`), so nothing else is taken for one."""
    meta = jsonschema.Draft202012Validator(jsonschema.Draft202012Validator.META_SCHEMA,
                                           format_checker=_REGEX_META_CHECKER)
    problems = set()
    for error in meta.iter_errors(schema):
        for leaf in _leaves(error):
            if leaf.validator == "format" and leaf.validator_value == "regex" and isinstance(leaf.instance, str):
                cause = leaf.cause
                reason = cause.reason if isinstance(cause, PatternError) else leaf.message
                problems.add(("".join(f"/{_escape(part)}" for part in leaf.absolute_path), leaf.instance, reason))
    return sorted(problems)


def unevaluated_pattern_places(schema: Any) -> list[str]:
    """Pointers of `patternProperties` in a condition that also uses `unevaluatedProperties`
    (jsonschema would match those property names with `re`: refused)."""
    if not any(True for _ in _keyword_places(schema, "unevaluatedProperties")):
        return []
    return [place + "/patternProperties" for place in _keyword_places(schema, "patternProperties")]


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    if error.context:
        for child in error.context:
            yield from _leaves(child)
    else:
        yield error


def _escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


__all__ = ["FORMAT_CHECKER", "MAX_REPEAT", "META_FORMAT_CHECKER", "PatternError", "compile_pattern", "condition_validator", "pattern_problems", "search",
           "unevaluated_pattern_places"]
