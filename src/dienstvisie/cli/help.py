"""Help and status texts of the command line, in Dutch and English."""

from __future__ import annotations

from ..model.text import Language

HELP: dict[str, dict[Language, str]] = {
    "description": {
        "nl": "Toets dienstconcepten aan de Visie op gezamenlijke dienstverlening.\n"
              "Helpt dit de burger en ondernemer écht? Werkt dit uit zoals we het met elkaar bedoelen?",
        "en": "Check service concepts against the vision on joint public service delivery.\n"
              "Does this really help the citizen and entrepreneur? Does it work out as we meant it together?",
    },
    "lang": {"nl": "taal van de uitvoer (standaard: nl)", "en": "language of the output (default: nl)"},
    "debug": {"nl": "toon de volledige traceback bij een interne fout", "en": "show the full traceback on an internal error"},
    "interrupted": {"nl": "Afgebroken.", "en": "Interrupted."},
    "internal_error": {
        "nl": "interne fout in dienstvisie: {error}\nDraai opnieuw met --debug en meld dit als issue.",
        "en": "internal error in dienstvisie: {error}\nRun again with --debug and report it as an issue.",
    },
    "validate": {"nl": "controleer documenten tegen hun schema", "en": "validate documents against their schema"},
    "validate.paths": {"nl": "bestanden of mappen", "en": "files or folders"},
    "validate.ok": {"nl": "{file}: geldig", "en": "{file}: valid"},
    "validate.summary": {
        "nl": "{valid} van {total} document(en) geldig",
        "en": "{valid} of {total} document(s) valid",
    },
    "validate.none": {"nl": "{path}: geen .yaml-, .yml- of .json-bestanden gevonden", "en": "{path}: no .yaml, .yml or .json files found"},
    "vision": {"nl": "toon de visie: uitgangspunten, ontwerpprincipes, toetsvragen", "en": "show the vision: starting points, design principles, guiding questions"},
    "vision.format": {"nl": "uitvoerformaat", "en": "output format"},
    "vision.file": {"nl": "een ander visiebestand (YAML/JSON) dan de meegeleverde visie", "en": "another vision file (YAML/JSON) than the shipped one"},
    "schema": {"nl": "toon een JSON Schema", "en": "print a JSON Schema"},
    "schema.name": {"nl": "naam van het schema", "en": "name of the schema"},
    "new": {"nl": "maak een begin voor een nieuw dienstconcept", "en": "print a starter service concept"},
    "new.life_event": {"nl": "de levensgebeurtenis, bijvoorbeeld overlijden", "en": "the life event, for example overlijden"},
    "new.id": {"nl": "id van de dienst (standaard afgeleid van de levensgebeurtenis)", "en": "id of the service (default derived from the life event)"},
    "output": {"nl": "schrijf naar dit bestand in plaats van naar het scherm", "en": "write to this file instead of the screen"},
}


def help_text(key: str, lang: Language) -> str:
    """A help or status text in `lang`."""
    return HELP[key][lang]
