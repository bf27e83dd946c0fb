"""The checks reference as Markdown, generated from the registry so the docs cannot drift."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..engine.check_ids import removed_ids
from ..i18n import Section
from ..model.check import Check, CheckStatus
from ..model.check_id import CheckId
from ..model.text import Language
from ..model.vision import Vision

_WORDS = Section("checks-reference")
"""`_WORDS[key][lang]`, a text: section "checks-reference" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


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
