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
        "nl": "Dienstconcept voor dienstvisie (formaat 2). Vul aan waar TODO staat, en controleer met:\n"
              "#   dienstvisie validate {file}\n#   dienstvisie check {file}",
        "en": "Service concept for dienstvisie (format 2). Complete it where it says TODO, then run:\n"
              "#   dienstvisie validate {file}\n#   dienstvisie check {file}",
    },
    "todo": {
        "nl": "TODO: dit begin voldoet aan de checks, maar is nog geen dienst. De toetsvragen staan open\n"
              "# ('te beoordelen') tot het team ze in 'assessment' beantwoordt.",
        "en": "TODO: this start passes the checks but is no service yet. The guiding questions stay open\n"
              "# ('to review') until the team answers them under 'assessment'.",
    },
    "organisations": {"nl": "TODO: elke organisatie die een rol speelt", "en": "TODO: every organisation that plays a part"},
    "teams": {"nl": "teams waartussen de reis loopt, bijv. {{id: burgerzaken, name: Burgerzaken}}",
              "en": "teams the journey passes between, e.g. {{id: burgerzaken, name: Burgerzaken}}"},
    "contact": {"nl": "waar kan de persoon altijd terecht, en bij een mens?", "en": "where can the person always turn, and reach a human?"},
    "coordination": {"nl": "bij meerdere problemen tegelijk: één plan, één regisseur",
                     "en": "several problems at once: one plan, one coordinator"},
    "steps": {"nl": "TODO: de reis van de persoon; de overheid zet de eerste stap; een stap volgt op de vorige, "
                    "tenzij 'after' iets anders zegt",
              "en": "TODO: the person's journey; government takes the first step; a step follows the one before "
                    "it unless 'after' says otherwise"},
    "initiative": {"nl": "burger | overheid | automatisch | derde",
                   "en": "burger (person acts) | overheid (government reaches out) | automatisch | derde (a third party signals)"},
    "asks": {"nl": "wat moet de persoon aanleveren? mode: vragen | bevestigen | bewijsstuk",
             "en": "what must the person supply? mode: vragen | bevestigen (pre-filled) | bewijsstuk"},
    "fetches": {"nl": "gegevens bij de bron opgehaald: {{data, from, legal_basis}}",
                "en": "data taken at the source: {{data, from, legal_basis}}"},
    "handovers": {"nl": "naar een andere organisatie of een team:", "en": "to another organisation or a team:"},
    "handovers.example": {"nl": "handovers: [{{to: svb, kind: data, shares: [bsn]}}]   # kind: warm | data | cold",
                          "en": "handovers: [{{to: svb, kind: data, shares: [bsn]}}]   # kind: warm | data | cold"},
    "signals": {"nl": "samen leren: terugkoppeling en metingen", "en": "learning together: feedback and measures"},
    "first_step": {"nl": "{name}: de gemeente neemt contact op", "en": "{name}: the municipality gets in touch"},
    "assessment": {"nl": "TODO: beantwoord de toetsvragen (dienstvisie vision toont ze), bv.:",
                   "en": "TODO: answer the guiding questions (dienstvisie vision lists them), e.g.:"},
}


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
