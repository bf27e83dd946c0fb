"""The vision as readable text and Markdown, so a team can read and hand round what it is held to."""

from __future__ import annotations

import json
import textwrap

from ..documents.structure import unstructure
from ..i18n import Section
from ..model.text import Language
from ..model.vision import Vision

_LABELS = Section("vision")
"""`_LABELS[key][lang]`, a text: section "vision" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def _label(key: str, lang: Language) -> str:
    return _LABELS[key][lang]


def vision_json(vision: Vision) -> str:
    """The vision as JSON in the vision schema's shape (both languages)."""
    return json.dumps(unstructure(vision), ensure_ascii=False, indent=2) + "\n"


def vision_text(vision: Vision, lang: Language = "nl", width: int = 88) -> str:
    """The vision as plain text for a terminal."""

    def wrap(text: str, indent: str, first: str | None = None) -> list[str]:
        lines = textwrap.wrap(text, width=width, initial_indent=first or indent, subsequent_indent=indent)
        return lines or [indent]

    lines = [f"{vision.title.get(lang)} ({_label('version', lang)} {vision.version})"]
    if vision.summary:
        lines += wrap(vision.summary.get(lang), "")
    lines += ["", _label("starting_points", lang).upper()]
    for point in vision.starting_points:
        lines.append(f"  {point.id}  {point.title.get(lang)}")
        lines += wrap(point.description.get(lang), "      ")
    lines += ["", _label("principles", lang).upper()]
    for principle in vision.principles:
        lines.append(f"  {principle.id}  {principle.title.get(lang)}   [{_label('serves', lang)}: {', '.join(principle.serves)}]")
        lines += wrap(principle.description.get(lang), "      ")
        for question in principle.questions:
            lines += wrap(f"{question.id}  {question.text.get(lang)}", "        ", first="      ? ")
    provenance = vision.provenance
    lines += ["", f"{_label('provenance', lang)}: {provenance.publisher} ({_label('status', lang)}: {provenance.status})"]
    if provenance.note:
        lines += wrap(provenance.note.get(lang), "  ")
    return "\n".join(lines) + "\n"


def vision_markdown(vision: Vision, lang: Language = "nl") -> str:
    """The vision as Markdown, for a wiki page or a printed handout."""
    lines = [f"# {vision.title.get(lang)}", "", f"*{_label('version', lang)} {vision.version}*", ""]
    if vision.summary:
        lines += [vision.summary.get(lang), ""]
    lines += [f"## {_label('starting_points', lang)}", ""]
    for point in vision.starting_points:
        lines += [f"### {point.id} {point.title.get(lang)}", "", point.description.get(lang), ""]
    lines += [f"## {_label('principles', lang)}", ""]
    for principle in vision.principles:
        lines += [
            f"### {principle.id} {principle.title.get(lang)}", "",
            principle.description.get(lang), "",
            f"*{_label('serves', lang)}: {', '.join(principle.serves)}*", "",
            f"**{_label('questions', lang)}**", "",
        ]
        lines += [f"- **{q.id}** {q.text.get(lang)}" for q in principle.questions]
        lines.append("")
    provenance = vision.provenance
    lines += [f"## {_label('provenance', lang)}", "", f"{provenance.publisher} ({_label('status', lang)}: `{provenance.status}`)", ""]
    if provenance.note:
        lines += [provenance.note.get(lang), ""]
    if provenance.sources:
        lines += [f"**{_label('sources', lang)}**", ""]
        for source in provenance.sources:
            parts = [source.title]
            parts += [part for part in (source.publisher, source.reference, source.date) if part]
            entry = ", ".join(parts)
            if source.url:
                entry = f"[{entry}]({source.url})"
            lines.append(f"- `{source.id}`: {entry}" + (f" — “{source.quote}”" if source.quote else ""))
        lines.append("")
    return "\n".join(lines)
