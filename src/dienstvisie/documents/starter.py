"""A commented starter service concept, so a team begins from a valid document, not a blank page.

Its first line is a `yaml-language-server` modeline naming the schema's `$id`, so editors with
the YAML language server (VS Code's YAML extension, Neovim, Helix, Emacs …) complete and check
the fields as the team types (see docs/editors.md).
"""

from __future__ import annotations

import json

from ..model.text import Language
from ..model.vocabulary import Vocabularies
from ..site import schema_url

#: the modeline that points editors with the YAML language server to the schema
MODELINE = f"# yaml-language-server: $schema={schema_url('service')}"

_COMMENTS: dict[str, dict[Language, str]] = {
    "head": {
        "nl": "Dienstconcept voor dienstvisie (formaat 2). Vul aan, en controleer met:\n#   dienstvisie validate {file}\n#   dienstvisie check {file}",
        "en": "Service concept for dienstvisie (format 2). Complete it, then run:\n#   dienstvisie validate {file}\n#   dienstvisie check {file}",
    },
    "organisations": {"nl": "elke organisatie die een rol speelt", "en": "every organisation that plays a part"},
    "teams": {"nl": "teams waartussen de reis loopt, bijv. {{id: burgerzaken, name: Burgerzaken}}",
              "en": "teams the journey passes between, e.g. {{id: burgerzaken, name: Burgerzaken}}"},
    "contact": {"nl": "waar kan de persoon altijd terecht, en bij een mens?", "en": "where can the person always turn, and reach a human?"},
    "steps": {"nl": "de reis van de persoon; een stap volgt op de vorige, tenzij 'after' iets anders zegt",
              "en": "the person's journey; a step follows the one before it unless 'after' says otherwise"},
    "initiative": {"nl": "burger | overheid | automatisch | derde", "en": "burger (person acts) | overheid (government reaches out) | automatisch | derde (a third party signals)"},
    "asks": {"nl": "wat moet de persoon aanleveren? mode: vragen | bevestigen | bewijsstuk",
             "en": "what must the person supply? mode: vragen | bevestigen (pre-filled) | bewijsstuk"},
    "fetches": {"nl": "gegevens bij de bron opgehaald: {{data, from, legal_basis}}",
                "en": "data taken at the source: {{data, from, legal_basis}}"},
    "handovers": {"nl": "naar een andere organisatie of een team:", "en": "to another organisation or a team:"},
    "handovers.example": {"nl": "handovers: [{{to: svb, kind: data, shares: [bsn]}}]   # kind: warm | data | cold",
                          "en": "handovers: [{{to: svb, kind: data, shares: [bsn]}}]   # kind: warm | data | cold"},
    "signals": {"nl": "samen leren: terugkoppeling en metingen", "en": "learning together: feedback and measures"},
}


def starter_document(life_event: str, service_id: str | None, vocabularies: Vocabularies, lang: Language = "nl",
                     file: str | None = None) -> str:
    """YAML text of a valid starter service concept for `life_event`, with comments in `lang`; its
    header names `file` (where it will be written; default `<id>.yaml`) in the commands to run next."""
    term = vocabularies.life_event(life_event)
    name = term.name.get(lang) if term else life_event.replace("-", " ").capitalize()
    identifier = service_id or life_event
    file = file if file and file.isprintable() else f"{identifier}.yaml"  # a line break would end the comment
    if any(char in file for char in " '\"$`\\") or file.startswith("-"):
        file = "'" + file.replace("'", "'\\''") + "'"  # a shell word the reader can paste

    def comment(key: str) -> str:
        return "# " + _COMMENTS[key][lang].format(file=file)

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    title_nl = term.name.get("nl") if term else name
    title_en = term.name.get("en") if term else name
    lines = [
        MODELINE,
        comment("head"),
        'dienstvisie: "2"',
        f"id: {identifier}",
        f"title: {{nl: {quoted(title_nl)}, en: {quoted(title_en)}}}",
        "audience: [burger]",
        f"life_events: [{life_event}]",
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
        comment("steps"),
        "steps:",
        "  - id: melden",
        f"    title: {quoted(name)}",
        "    organisation: gemeente",
        f"    initiative: burger  {comment('initiative')}",
        "    channels: [balie, web]",
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
    ]
    return "\n".join(lines) + "\n"
