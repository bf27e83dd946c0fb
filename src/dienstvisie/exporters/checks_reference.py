"""The checks reference as Markdown, generated from the registry so the docs cannot drift."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model.check import Check, CheckStatus
from ..engine.check_ids import removed_ids
from ..model.check_id import CheckId
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
    "status": {"nl": "Status", "en": "Status"},
    "removed": {"nl": "Verwijderde checks", "en": "Removed checks"},
    "removed_intro": {
        "nl": "Deze id's horen bij geen check meer. Ze blijven hier staan omdat baselines, verklaringen en "
              "`select`/`ignore` ze nog kunnen noemen; een id wordt nooit opnieuw gebruikt.",
        "en": "These ids belong to no check any more. They stay here because baselines, explanations and "
              "`select`/`ignore` may still name them; an id is never reused.",
    },
    "statuses": {
        "nl": "Status: `stable` draait als de check gekozen is; `preview` alleen met `--preview`; `deprecated` draait "
              "nog maar verdwijnt; `removed` bestaat niet meer.",
        "en": "Status: `stable` runs when selected; `preview` only with `--preview`; `deprecated` still runs but will go; "
              "`removed` no longer exists.",
    },
}


def _w(key: str, lang: Language) -> str:
    return _WORDS[key][lang]


def _status(check: Check, entry: CheckId | None, lang: Language) -> str:
    """The status of a check, with what replaces it when it is not stable."""
    if check.status is CheckStatus.STABLE:
        return f"`{check.status.value}`"
    return f"`{check.status.value}` ({(entry or CheckId(check.id, check.status)).describe().get(lang)})"


def checks_markdown(vision: Vision, checks: Sequence[Check], lang: Language = "nl", *,
                    check_ids: Mapping[str, CheckId] | None = None) -> str:
    """Every check, grouped by the first principle it serves, with status, rationale, handle and
    examples; then the removed ids of `check_ids` (the table of check ids) and what replaced them."""
    table = check_ids or {}
    lines = [f"# {_w('title', lang)}: {vision.title.get(lang)}", "", f"*{_w('intro', lang)}*", "",
             f"## {_w('overview', lang)}", "", _w("statuses", lang), "",
             f"| {_w('id', lang)} | {_w('check', lang)} | {_w('principles', lang)} | {_w('severity', lang)} | "
             f"{_w('status', lang)} |",
             "|---|---|---|---|---|"]
    for check in checks:
        lines.append(f"| [{check.id}](#{check.id.lower()}) | {check.title.get(lang)} | "
                     f"{', '.join(check.principles) or '–'} | {check.severity.value} | {check.status.value} |")
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
                f"{_w('principles', lang)}: {', '.join(check.principles) or '–'}, {_w('origin', lang)}: `{check.origin}`, "
                f"{_w('status', lang)}: {_status(check, table.get(check.id), lang)}", "",
                f"*{_w('why', lang)}:* {check.rationale.get(lang)}", "",
                f"*{_w('what', lang)}:* {check.suggestion.get(lang)}", "",
            ]
            for key, snippet in (("fails", check.example_fail), ("passes", check.example_pass)):
                if snippet:
                    lines += [f"{_w(key, lang)}:", "", "```yaml", snippet.rstrip(), "```", ""]
    removed = removed_ids(table, checks)
    if removed:
        lines += [f"## {_w('removed', lang)}", "", _w("removed_intro", lang), ""]
        for entry in removed:
            title = f" — {entry.title.get(lang)}" if entry.title else ""
            lines += [f"### {entry.id}", "", f"{entry.describe().get(lang)}{title}", ""]
    return "\n".join(lines)
