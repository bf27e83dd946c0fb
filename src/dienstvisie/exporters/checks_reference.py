"""The checks reference as Markdown, generated from the registry so the docs cannot drift."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.check import Check
from ..model.text import Language
from ..model.vision import Vision

_WORDS: dict[str, dict[Language, str]] = {
    "title": {"nl": "Checks", "en": "Checks"},
    "intro": {
        "nl": "Gegenereerd met `dienstvisie rules --format markdown`; niet met de hand bewerken.",
        "en": "Generated with `dienstvisie rules --format markdown --lang en`; do not edit by hand.",
    },
    "overview": {"nl": "Overzicht", "en": "Overview"},
    "id": {"nl": "Id", "en": "Id"},
    "check": {"nl": "Check", "en": "Check"},
    "severity": {"nl": "Ernst", "en": "Severity"},
    "principles": {"nl": "Principes", "en": "Principles"},
    "why": {"nl": "Waarom", "en": "Why"},
    "what": {"nl": "Wat te doen", "en": "What to do"},
    "fails": {"nl": "Voldoet niet", "en": "Fails"},
    "passes": {"nl": "Voldoet", "en": "Passes"},
    "origin": {"nl": "Herkomst", "en": "Origin"},
    "document": {"nl": "Over het document zelf", "en": "About the document itself"},
}


def _w(key: str, lang: Language) -> str:
    return _WORDS[key][lang]


def checks_markdown(vision: Vision, checks: Sequence[Check], lang: Language = "nl") -> str:
    """Every check, grouped by the first principle it serves, with rationale, handle and examples."""
    lines = [f"# {_w('title', lang)}: {vision.title.get(lang)}", "", f"*{_w('intro', lang)}*", "",
             f"## {_w('overview', lang)}", "",
             f"| {_w('id', lang)} | {_w('check', lang)} | {_w('principles', lang)} | {_w('severity', lang)} |",
             "|---|---|---|---|"]
    for check in checks:
        lines.append(f"| [{check.id}](#{check.id.lower()}) | {check.title.get(lang)} | "
                     f"{', '.join(check.principles) or '–'} | {check.severity.value} |")
    lines.append("")
    groups: list[tuple[str, str]] = [(p.id, f"{p.id} {p.title.get(lang)}") for p in vision.principles]
    groups.append(("", _w("document", lang)))
    for group_id, heading in groups:
        members = [c for c in checks if (c.principles[0] if c.principles else "") == group_id]
        if not members:
            continue
        lines += [f"## {heading}", ""]
        for check in members:
            lines += [
                f"### {check.id}", "",
                f"**{check.title.get(lang)}** — {_w('severity', lang)}: `{check.severity.value}`, "
                f"{_w('principles', lang)}: {', '.join(check.principles) or '–'}, {_w('origin', lang)}: `{check.origin}`", "",
                f"*{_w('why', lang)}:* {check.rationale.get(lang)}", "",
                f"*{_w('what', lang)}:* {check.suggestion.get(lang)}", "",
            ]
            for key, snippet in (("fails", check.example_fail), ("passes", check.example_pass)):
                if snippet:
                    lines += [f"{_w(key, lang)}:", "", "```yaml", snippet.rstrip(), "```", ""]
    return "\n".join(lines)
