"""Generate the reference pages of the documentation site, so they cannot drift from the code.

    python tools/docs_gen.py            # (re)write every generated page in docs/
    python tools/docs_gen.py --check    # exit 1 and name the pages that are out of date

The pages come from the single sources of truth: the checks reference from the check registry
(the same text as `dienstvisie rules --format markdown --no-plugins`), the page per design
principle from the shipped vision and the registry, and the service-concept reference from
`schemas/service.schema.json`. Only the built-in plugin counts: the site documents dienstvisie
itself, not whatever else happens to be installed. `tests/test_docs.py` fails when a committed
page differs from what this module generates. A developer tool: not part of the installed package.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from dienstvisie.model.check import Check
from dienstvisie.model.text import Language
from dienstvisie.model.vision import Vision

# --------------------------------------------------------------------------- checks and principles


def _builtin() -> tuple[Vision, tuple[Check, ...]]:
    from dienstvisie.pipeline.checker import all_checks, resolve_vision
    from dienstvisie.plugins.manager import load_plugins

    plugins = load_plugins(entry_points=False)
    vision = resolve_vision(None, plugins)
    return vision, all_checks(vision, plugins)


def checks_page(lang: Language) -> str:
    """Every built-in check: the output of `dienstvisie rules --format markdown --no-plugins`."""
    from dienstvisie.exporters.checks_reference import checks_markdown

    from dienstvisie.plugins.manager import load_plugins

    vision, checks = _builtin()
    return checks_markdown(vision, checks, lang, check_ids=load_plugins(entry_points=False).check_ids())


_PRINCIPLES_WORDS: dict[str, dict[Language, str]] = {
    "title": {"nl": "Ontwerpprincipes, checks en toetsvragen", "en": "Design principles, checks and guiding questions"},
    "intro": {
        "nl": "Per ontwerpprincipe van de *{vision}*: de uitgangspunten die het dient, de checks die een "
              "dienstconcept eraan toetsen en de toetsvragen die het team zelf beantwoordt (in `assessment`). "
              "Gegenereerd met `python tools/docs_gen.py` uit de meegeleverde visie en de ingebouwde "
              "checks; niet met de hand bewerken.",
        "en": "For each design principle of the *{vision}*: the starting points it serves, the checks that hold "
              "a service concept to it, and the guiding questions the team answers itself (in `assessment`). "
              "Generated with `python tools/docs_gen.py` from the shipped vision and the built-in "
              "checks; do not edit by hand.",
    },
    "reconstructed": {
        "nl": "De tekst van deze visie is een **reconstructie** uit openbare bronnen, niet de officiële formulering.",
        "en": "The wording of this vision is a **reconstruction** from public sources, not the official text.",
    },
    "overview": {"nl": "Overzicht", "en": "Overview"},
    "principle": {"nl": "Ontwerpprincipe", "en": "Design principle"},
    "serves": {"nl": "Dient", "en": "Serves"},
    "checks": {"nl": "Checks", "en": "Checks"},
    "questions": {"nl": "Toetsvragen", "en": "Guiding questions"},
    "starting_points": {"nl": "Uitgangspunten", "en": "Starting points"},
    "served_by": {"nl": "Gediend door", "en": "Served by"},
    "check": {"nl": "Check", "en": "Check"},
    "severity": {"nl": "Ernst", "en": "Severity"},
    "question_check": {
        "nl": "De antwoorden op deze vragen toetst check [{id}]({page}#{anchor}): `nee` en `deels` voldoen niet, "
              "`onbekend` of geen antwoord vraagt om beoordeling, `ja` vraagt om onderbouwing.",
        "en": "Check [{id}]({page}#{anchor}) holds the answers to these questions: `nee` (no) and `deels` (partly) "
              "fail, `onbekend` (unknown) or no answer needs review, `ja` (yes) needs evidence.",
    },
    "document": {"nl": "Checks over het document zelf", "en": "Checks about the document itself"},
    "document_intro": {
        "nl": "Deze checks dienen geen ontwerpprincipe en tellen in geen score.",
        "en": "These checks serve no design principle and count in no score.",
    },
}


def _pw(key: str, lang: Language) -> str:
    return _PRINCIPLES_WORDS[key][lang]


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def principles_page(lang: Language) -> str:
    """Each design principle with the starting points it serves, its checks and its guiding questions."""
    vision, checks = _builtin()
    checks_file = "checks.md" if lang == "nl" else "checks.en.md"

    def check_link(check: Check) -> str:
        return f"[{check.id}]({checks_file}#{check.id.lower()})"

    lines = [f"# {_pw('title', lang)}", "", _pw("intro", lang).format(vision=vision.title.get(lang)), ""]
    if vision.provenance.status == "reconstructed":
        lines += [f"!!! note \"{vision.provenance.publisher}\"", "", f"    {_pw('reconstructed', lang)}", ""]
    lines += [f"## {_pw('overview', lang)}", "",
              f"| {_pw('principle', lang)} | {_pw('serves', lang)} | {_pw('checks', lang)} |", "|---|---|---|"]
    for principle in vision.principles:
        own = [check for check in checks if principle.id in check.principles]
        anchor = _anchor(f"{principle.id} {principle.title.get(lang)}")
        lines.append(f"| [{principle.id} {_cell(principle.title.get(lang))}](#{anchor}) | {', '.join(principle.serves)} | "
                     f"{', '.join(check_link(check) for check in own)} |")
    lines += ["", f"## {_pw('starting_points', lang)}", "",
              f"| | {_pw('starting_points', lang)} | {_pw('served_by', lang)} |", "|---|---|---|"]
    for point in vision.starting_points:
        serving = [principle.id for principle in vision.principles if point.id in principle.serves]
        lines.append(f"| {point.id} | **{_cell(point.title.get(lang))}** — {_cell(point.description.get(lang))} | "
                     f"{', '.join(serving)} |")
    lines.append("")
    for principle in vision.principles:
        lines += [f"## {principle.id} {principle.title.get(lang)}", "", " ".join(principle.description.get(lang).split()), ""]
        served = ", ".join(f"{point_id} {vision.starting_point(point_id).title.get(lang)}" for point_id in principle.serves)
        lines += [f"*{_pw('serves', lang)}:* {served}", "", f"### {_pw('checks', lang)} ({principle.id})", "",
                  f"| {_pw('check', lang)} | | {_pw('severity', lang)} |", "|---|---|---|"]
        question_check = None
        for check in checks:
            if principle.id in check.principles:
                lines.append(f"| {check_link(check)} | {_cell(check.title.get(lang))} | {check.severity.value} |")
                if check.id == f"Q{principle.id}":
                    question_check = check
        lines += ["", f"### {_pw('questions', lang)} ({principle.id})", ""]
        lines += [f"- **{question.id}** {' '.join(question.text.get(lang).split())}" for question in principle.questions]
        if question_check is not None:
            lines += ["", _pw("question_check", lang).format(id=question_check.id, page=checks_file,
                                                            anchor=question_check.id.lower())]
        lines.append("")
    meta = [check for check in checks if not check.principles]
    if meta:
        lines += [f"## {_pw('document', lang)}", "", _pw("document_intro", lang), "",
                  f"| {_pw('check', lang)} | | {_pw('severity', lang)} |", "|---|---|---|"]
        lines += [f"| {check_link(check)} | {_cell(check.title.get(lang))} | {check.severity.value} |" for check in meta]
        lines.append("")
    return "\n".join(lines)


def _anchor(heading: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (for the characters used here)."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


# --------------------------------------------------------------------------- the service-concept format

_VALUE_TYPES = {
    "slug": "slug",
    "text": "text",
    "channels": "channels",
    "question_id": "question id",
    "upl": "UPL URI",
}


_SPACES = {
    "organisation": "an organisation (`organisations`)",
    "team": "a team (`organisations[].teams`)",
    "step": "a step (`steps`)",
    "person": "a person (`people`)",
    "register": "a register (`registers`)",
    "situation": "a situation (`situations`)",
}


def _ref_name(schema: Mapping[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) and ref.startswith("#/$defs/") else None


def _code(value: Any) -> str:
    import json

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"`{text}`".replace("|", "\\|")


class _SchemaPage:
    """The sections of the reference: one table per object in the format, in document order."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema
        self.defs: Mapping[str, Any] = schema.get("$defs", {})
        self.sections: list[tuple[str, Mapping[str, Any]]] = []

    def resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        name = _ref_name(schema)
        if name is not None and name not in _VALUE_TYPES:
            merged = dict(self.defs[name])
            merged.update({key: value for key, value in schema.items() if key != "$ref"})
            return merged
        return schema

    def type_of(self, schema: Mapping[str, Any], path: str) -> str:
        """A short description of the value a field takes; objects become sections of their own."""
        name = _ref_name(schema)
        refs = schema.get("x-ref")
        naming = ""
        if refs:
            spaces = [refs] if isinstance(refs, str) else list(refs)
            naming = " naming " + " or ".join(_SPACES.get(space, f"`{space}`") for space in spaces)
        if name in _VALUE_TYPES:
            return f"[{_VALUE_TYPES[name]}](#{_anchor(_VALUE_TYPES[name])})" + naming
        if "x-structured-as" in schema:
            target = path.rsplit(".", 1)[0] + "." + schema["x-structured-as"] + "[]"
            return f"mapping: one item of [{target}](#{_anchor(target)})"
        schema = self.resolve(schema)
        if "const" in schema:
            return f"always {_code(_json(schema['const']))}"
        if "enum" in schema:
            since = schema.get("x-values-since", {})
            return "one of " + ", ".join(_code(value) + (f" (format {since[value]})" if value in since else "")
                                         for value in schema["enum"])
        for combinator in ("anyOf", "oneOf"):
            if combinator in schema:
                return " or ".join(self.type_of(option, path) for option in schema[combinator])
        kind = schema.get("type")
        if kind == "array":
            items = self.type_of(schema.get("items", {}), path + "[]")
            details = []
            if schema.get("minItems"):
                details.append(f"at least {schema['minItems']}")
            if schema.get("uniqueItems"):
                details.append("no repeats")
            return f"list of {items}" + (f" ({', '.join(details)})" if details else "")
        if kind == "object":
            self.sections.append((path, schema))
            return f"mapping: see [{path}](#{_anchor(path)})"
        if kind == "string":
            if schema.get("format") == "date":
                return "date `YYYY-MM-DD`"
            if "pattern" in schema:
                return f"text matching {_code(schema['pattern'])}"
            return "text" + (" (not empty)" if schema.get("minLength") else "")
        if kind in ("number", "integer"):
            word = "number" if kind == "number" else "whole number"
            return f"{word} ≥ {schema['minimum']}" if "minimum" in schema else word
        if kind == "boolean":
            return "`true` or `false`"
        if kind == "null":
            return "`null`"
        return "any value"

    def table(self, path: str, schema: Mapping[str, Any]) -> list[str]:
        required = set(schema.get("required", ()))
        lines = ["| field | required | format | value | meaning |", "|---|---|---|---|---|"]
        for name, field in schema.get("properties", {}).items():
            child = f"{path}.{name}" if path else name
            value = self.type_of(field, child)
            meaning = field.get("description") or self.resolve(field).get("description", "")
            default = field.get("default")
            if default is not None:
                meaning += f" Default: {_code(_json(default))}."
            since = field.get("x-since", "")
            lines.append(f"| `{name}` | {'yes' if name in required else ''} | {since} | {value} | {_cell(meaning)} |")
        exclusive = schema.get("not", {}).get("required") if isinstance(schema.get("not"), Mapping) else None
        if exclusive:
            lines += ["", "Use only one of " + ", ".join(f"`{name}`" for name in exclusive) + "."]
        for trigger, needed in (schema.get("dependentRequired") or {}).items():
            lines += ["", f"With `{trigger}`, " + ", ".join(f"`{name}`" for name in needed) + " is required too."]
        return lines


def service_concept_reference_page() -> str:
    """The service-concept format field by field, from `schemas/service.schema.json`."""
    from dienstvisie.schemas import load_schema

    schema = load_schema("service")
    page = _SchemaPage(schema)
    body: list[str] = ["## The document", "", _cell(schema.get("description", "")), "", *page.table("", schema), ""]
    done = 0
    while done < len(page.sections):  # sections found while writing tables, in document order
        path, section = page.sections[done]
        done += 1
        body += [f"## {path}", ""]
        if section.get("description"):
            body += [_cell(section["description"]), ""]
        body += [*page.table(path, section), ""]
    body += ["## Value types", ""]
    for name, label in _VALUE_TYPES.items():
        if name not in page.defs:
            continue
        definition = page.defs[name]
        body += [f"### {label}", ""]
        if definition.get("description"):
            body += [_cell(definition["description"]), ""]
        shown = {key: value for key, value in definition.items() if key != "description"}
        body += [f"```json\n{_json(shown)}\n```", ""]
    head = [
        "# Service-concept reference (formats 1 and 2)",
        "",
        f"*Generated from `schemas/service.schema.json` ({schema.get('$id', '')}) with "
        "`python tools/docs_gen.py`; do not edit by hand. The guide to the format, with the meaning the "
        "checks rely on, is [The service-concept format](service-concept.md); `dienstvisie schema service` prints "
        "the schema itself.*",
        "",
        "A field path such as `steps[].handover` means: the `handover` of every item of `steps`. "
        "Fields not listed are an error (with a hint for a likely typo).",
        "",
        "The column *format* says when a field is new in format 2 (`dienstvisie: \"2\"`); a value marked "
        "(format 2) likewise. A format-1 document that uses them is refused with a hint; "
        "`dienstvisie migrate` converts it. Everything else is valid in both formats and means the same. "
        "A value *naming* an organisation, step, team, person, register or situation must be an id "
        "declared in this document (the schema says so with `x-ref`; ids are declared with `x-id`).",
        "",
    ]
    return "\n".join(head + body).rstrip() + "\n"


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------- the pages and the command

PAGES: dict[str, Callable[[], str]] = {
    "checks.md": lambda: checks_page("nl"),
    "checks.en.md": lambda: checks_page("en"),
    "principles.md": lambda: principles_page("nl"),
    "principles.en.md": lambda: principles_page("en"),
    "service-concept-reference.md": service_concept_reference_page,
}
"""Every generated page: its file name under docs/ and the function that makes its text."""


def generated_pages() -> Iterator[tuple[str, str]]:
    """(file name, text) for every generated page."""
    for name, make in PAGES.items():
        yield name, make()


def outdated(docs: Path) -> list[str]:
    """The generated pages whose file in `docs` is missing or differs from what would be generated."""
    stale = []
    for name, text in generated_pages():
        path = docs / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    """Write the generated pages (or with --check, report the ones out of date)."""
    from dienstvisie.documents.write import write_atomic

    parser = argparse.ArgumentParser(prog="python tools/docs_gen.py", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="docs", help="the docs folder (default: docs)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a page is out of date")
    args = parser.parse_args(argv)
    docs = Path(args.docs)
    if args.check:
        stale = outdated(docs)
        for name in stale:
            print(f"{docs / name} is out of date: run python tools/docs_gen.py", file=sys.stderr)
        return 1 if stale else 0
    for name, text in generated_pages():
        write_atomic(docs / name, text)
        print(docs / name)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
