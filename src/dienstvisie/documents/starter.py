"""A commented starter service concept, so a team begins from a valid document, not a blank page.

Its first line is a `yaml-language-server` modeline naming the schema's `$id`, so editors with
the YAML language server (VS Code's YAML extension, Neovim, Helix, Emacs …) complete and check
the fields as the team types (see docs/editors.md).
"""

from __future__ import annotations

import json

from ..i18n import Section
from ..model.text import Language
from ..model.vocabulary import Vocabularies
from ..site import schema_url

#: the modeline that points editors with the YAML language server to the schema
MODELINE = f"# yaml-language-server: $schema={schema_url('service')}"

_COMMENTS = Section("starter")
"""`_COMMENTS[key][lang]`, a text: section "starter" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def starter_document(life_event: str | None, service_id: str | None, vocabularies: Vocabularies, lang: Language = "nl",
                     file: str | None = None, situation: str | None = None) -> str:
    """YAML text of a valid starter service concept for `life_event` or `situation`, with comments in
    `lang`; its header names `file` (where it will be written; default `<id>.yaml`) in the commands to run next.

    The start passes its own checks: government takes the first step (so no proactivity check
    fails on a journey that waits for the person), and every open point is a TODO comment or a
    guiding question still to answer, which the report shows as 'to review', not as a failure."""
    subject = life_event or situation
    assert subject, "a life event or a situation"
    term = vocabularies.life_event(life_event) if life_event else vocabularies.situation(situation or "")
    name = term.name.get(lang) if term else subject.replace("-", " ").capitalize()
    identifier = service_id or subject
    file = file if file and file.isprintable() else f"{identifier}.yaml"  # a line break would end the comment
    if any(char in file for char in " '\"$`\\") or file.startswith("-"):
        file = "'" + file.replace("'", "'\\''") + "'"  # a shell word the reader can paste

    def comment(key: str) -> str:
        return "# " + _COMMENTS[key][lang].format(file=file, name=name)

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    title_nl = term.name.get("nl") if term else name
    title_en = term.name.get("en") if term else name
    lines = [
        MODELINE,
        comment("head"),
        comment("todo"),
        'dienstvisie: "2"',
        f"id: {identifier}",
        f"title: {{nl: {quoted(title_nl)}, en: {quoted(title_en)}}}",
        "audience: [burger]",
        f"life_events: [{life_event}]" if life_event else f"situations: [{situation}]",
        "owner:",
        "  organisation: gemeente",
        "  mandate: bestuurlijk",
        comment("organisations"),
        "organisations:",
        "  - id: gemeente",
        "    name: Gemeente",
        "    kind: gemeente",
        f"    teams: []  {comment('teams')}",
        comment("contact"),
        "contact:",
        "  single_point: gemeente",
        "  human_contact: true",
        "  channels: [balie, telefoon, web]",
    ]
    if situation:
        lines += [comment("coordination"), "coordination:", "  single_plan: true", "  coordinator: gemeente"]
    lines += [
        comment("steps"),
        "steps:",
        "  - id: contact",
        f"    title: {quoted(_COMMENTS['first_step'][lang].format(name=name))}",
        "    organisation: gemeente",
        f"    initiative: overheid  {comment('initiative')}",
        "    channels: [balie, telefoon, web]",
        f"    asks: []  {comment('asks')}",
        f"    fetches: []  {comment('fetches')}",
        f"    {comment('handovers')}",
        f"    {comment('handovers.example')}",
        "    language_level: B1",
        "    accessibility: WCAG-2.1-AA",
        comment("signals"),
        "signals:",
        "  feedback_channel: true",
        "  reviewed_with: [gemeente]",
        "  measures: [tevredenheid]",
        comment("assessment"),
        "# assessment:",
        "#   - question: P1.Q1",
        "#     answer: ja",
        "#     evidence: ...",
    ]
    return "\n".join(lines) + "\n"
