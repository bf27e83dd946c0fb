"""The catalogue of user-facing messages, in Dutch (the default) and English.

Every message the library or the command line shows a person comes from here, so the two
languages stay side by side and a test can prove that none is missing.
"""

from __future__ import annotations

import os
from typing import Any

from .model.text import DEFAULT_LANGUAGE, LANGUAGES, Language, Text

CATALOGUE: dict[str, dict[Language, str]] = {
    # reading documents
    "source.missing": {"nl": "bestand niet gevonden", "en": "file not found"},
    "source.directory": {"nl": "is een map, geen bestand", "en": "is a folder, not a file"},
    "source.unreadable": {"nl": "kan niet gelezen worden: {reason}", "en": "cannot be read: {reason}"},
    "source.too_large": {
        "nl": "is groter dan de grens van {limit} bytes ({size} bytes)",
        "en": "is larger than the limit of {limit} bytes ({size} bytes)",
    },
    "source.encoding": {
        "nl": "is geen geldige UTF-8-tekst (byte {offset})",
        "en": "is not valid UTF-8 text (byte {offset})",
    },
    "source.encoding.hint": {
        "nl": "Sla het bestand op als UTF-8.",
        "en": "Save the file as UTF-8.",
    },
    "source.binary": {"nl": "bevat binaire gegevens (een NUL-byte)", "en": "contains binary data (a NUL byte)"},
    "source.too_large_stream": {
        "nl": "levert meer dan de grens van {limit} bytes en is geen gewoon bestand maar {kind}",
        "en": "gives more than the limit of {limit} bytes and is not a regular file but {kind}",
    },
    "source.stalled": {
        "nl": "er kwam {seconds} seconden lang niets binnen uit {kind}",
        "en": "nothing arrived for {seconds} seconds from {kind}",
    },
    "source.stalled.hint": {
        "nl": "Sluit de schrijvende kant als alles geschreven is, of geef meer tijd met DIENSTVISIE_READ_TIMEOUT.",
        "en": "Close the writing end once everything is written, or allow more time with DIENSTVISIE_READ_TIMEOUT.",
    },
    "source.wide_encoding": {
        "nl": "is {encoding}-tekst, geen UTF-8",
        "en": "is {encoding} text, not UTF-8",
    },
    "source.wide_encoding.hint": {
        "nl": "Sla het bestand op als UTF-8 (bijvoorbeeld: iconv -f {encoding} -t UTF-8 bestand > nieuw).",
        "en": "Save the file as UTF-8 (for example: iconv -f {encoding} -t UTF-8 file > new).",
    },
    "file.kind.character_device": {"nl": "een tekenapparaat (zoals /dev/zero)", "en": "a character device (such as /dev/zero)"},
    "file.kind.block_device": {"nl": "een blokapparaat (een schijf)", "en": "a block device (a disk)"},
    "file.kind.fifo": {"nl": "een pijp (FIFO)", "en": "a pipe (FIFO)"},
    "file.kind.socket": {"nl": "een socket", "en": "a socket"},
    "file.kind.other": {"nl": "een bijzonder bestand", "en": "a special file"},
    # writing output
    "output.folder": {"nl": "is een map; geef een bestandsnaam op", "en": "is a folder; name a file"},
    "output.block_device": {
        "nl": "is een blokapparaat (een schijf); daar wordt nooit een rapport op geschreven",
        "en": "is a block device (a disk); a report is never written onto one",
    },
    "output.no_reader": {
        "nl": "is een pijp die niemand leest; start eerst het programma dat leest",
        "en": "is a pipe nobody reads; start the reading program first",
    },
    "output.is_input": {
        "nl": "is ook een invoerbestand ({file}); het rapport zou het overschrijven: kies een andere naam",
        "en": "is also an input file ({file}); the report would overwrite it: choose another name",
    },
    "source.syntax": {"nl": "de YAML/JSON-syntaxis klopt niet: {reason}", "en": "the YAML/JSON syntax is wrong: {reason}"},
    "source.syntax.hint": {
        "nl": "Controleer inspringing, dubbele punten en aanhalingstekens rond deze regel.",
        "en": "Check indentation, colons and quotes around this line.",
    },
    "source.empty": {"nl": "het document is leeg", "en": "the document is empty"},
    "source.multiple": {
        "nl": "het bestand bevat meer dan één YAML-document",
        "en": "the file holds more than one YAML document",
    },
    "source.duplicate_key": {
        "nl": "de sleutel '{key}' staat twee keer in dezelfde map (eerder op regel {first_line})",
        "en": "the key '{key}' appears twice in the same mapping (first on line {first_line})",
    },
    "source.duplicate_key.hint": {
        "nl": "Verwijder of hernoem een van de twee.",
        "en": "Remove or rename one of the two.",
    },
    "source.tag": {
        "nl": "de YAML-tag '{tag}' is niet toegestaan",
        "en": "the YAML tag '{tag}' is not allowed",
    },
    "source.tag.hint": {
        "nl": "Gebruik gewone tekst, getallen, lijsten en mappen; dienstvisie voert niets uit wat in een document staat.",
        "en": "Use plain text, numbers, lists and mappings; dienstvisie never runs anything a document contains.",
    },
    "source.too_many_nodes": {
        "nl": "het document bevat te veel waarden (meer dan {limit}, aliassen uitgevouwen meegeteld)",
        "en": "the document holds too many values (more than {limit}, aliases counted as expanded)",
    },
    "source.too_deep": {
        "nl": "het document is te diep genest (meer dan {limit} niveaus)",
        "en": "the document is nested too deeply (more than {limit} levels)",
    },
    "source.key_type": {
        "nl": "een sleutel moet tekst zijn, niet {kind}",
        "en": "a key must be text, not {kind}",
    },
    "source.not_a_number": {
        "nl": "'{value}' is geen eindig getal",
        "en": "'{value}' is not a finite number",
    },
    # schema validation
    "schema.required": {"nl": "'{name}' ontbreekt", "en": "'{name}' is missing"},
    "schema.required.hint": {"nl": "Voeg '{name}' toe.", "en": "Add '{name}'."},
    "schema.since": {
        "nl": "'{name}' is nieuw in formaat {version}",
        "en": "'{name}' is new in format {version}",
    },
    "schema.since_value": {
        "nl": "'{value}' is nieuw in formaat {version}",
        "en": "'{value}' is new in format {version}",
    },
    "schema.since.hint": {
        "nl": "Zet bovenaan 'dienstvisie: \"{version}\"' (of laat 'dienstvisie migrate' dat doen), of laat dit weg.",
        "en": "Put 'dienstvisie: \"{version}\"' at the top (or let 'dienstvisie migrate' do it), or leave this out.",
    },
    "schema.exclusive": {
        "nl": "gebruik maar één van: {names}",
        "en": "use only one of: {names}",
    },
    "schema.exclusive.hint": {
        "nl": "Kies één van {names}; 'handovers' is een lijst en kan er meer bevatten.",
        "en": "Keep one of {names}; 'handovers' is a list and can hold several.",
    },
    "schema.additional": {"nl": "onbekend veld '{name}'", "en": "unknown field '{name}'"},
    "schema.additional.hint": {
        "nl": "Toegestane velden hier: {allowed}.",
        "en": "Fields allowed here: {allowed}.",
    },
    "schema.enum": {
        "nl": "'{value}' is geen toegestane waarde; kies uit: {allowed}",
        "en": "'{value}' is not an allowed value; choose from: {allowed}",
    },
    "schema.const": {"nl": "moet {expected} zijn, niet {value}", "en": "must be {expected}, not {value}"},
    "schema.type": {"nl": "moet {expected} zijn, niet {actual}", "en": "must be {expected}, not {actual}"},
    "schema.pattern": {
        "nl": "'{value}' heeft niet de juiste vorm ({what})",
        "en": "'{value}' does not have the right form ({what})",
    },
    "schema.min_items": {"nl": "moet minstens {limit} element(en) hebben", "en": "must have at least {limit} item(s)"},
    "schema.unique": {"nl": "bevat een waarde twee keer", "en": "holds a value twice"},
    "schema.min_length": {"nl": "mag niet leeg zijn", "en": "must not be empty"},
    "schema.minimum": {"nl": "moet minstens {limit} zijn", "en": "must be at least {limit}"},
    "schema.format": {"nl": "'{value}' is geen geldige {format}", "en": "'{value}' is not a valid {format}"},
    "schema.other": {"nl": "klopt niet met het schema: {detail}", "en": "does not match the schema: {detail}"},
    "format.date": {"nl": "datum (JJJJ-MM-DD)", "en": "date (YYYY-MM-DD)"},
    "format.uri": {"nl": "URI", "en": "URI"},
    "hint.did_you_mean": {"nl": "Bedoelde je '{suggestion}'?", "en": "Did you mean '{suggestion}'?"},
    "pattern.slug": {
        "nl": "kleine letters, cijfers, '-', '_' of '.', bijvoorbeeld 'gemeente-utrecht'",
        "en": "lower-case letters, digits, '-', '_' or '.', for example 'gemeente-utrecht'",
    },
    "pattern.check": {"nl": "een check-id zoals 'DV301'", "en": "a check id such as 'DV301'"},
    "pattern.question": {"nl": "een vraag-id zoals 'P1.Q1'", "en": "a question id such as 'P1.Q1'"},
    "pattern.date": {"nl": "een datum als JJJJ-MM-DD", "en": "a date as YYYY-MM-DD"},
    "pattern.other": {"nl": "patroon {pattern}", "en": "pattern {pattern}"},
    "type.object": {"nl": "een map (sleutels met waarden)", "en": "a mapping (keys with values)"},
    "type.array": {"nl": "een lijst", "en": "a list"},
    "type.string": {"nl": "tekst", "en": "text"},
    "type.number": {"nl": "een getal", "en": "a number"},
    "type.integer": {"nl": "een geheel getal", "en": "a whole number"},
    "type.boolean": {"nl": "true of false", "en": "true or false"},
    "type.null": {"nl": "leeg (null)", "en": "empty (null)"},
    "type.text": {
        "nl": "tekst, of een map met 'nl' en/of 'en'",
        "en": "text, or a mapping with 'nl' and/or 'en'",
    },
    # cross-references
    "ref.organisation": {
        "nl": "'{value}' is geen organisatie uit 'organisations'",
        "en": "'{value}' is not an organisation listed in 'organisations'",
    },
    "ref.organisation.hint": {
        "nl": "Voeg '{value}' toe aan 'organisations' of kies een bestaande: {known}.",
        "en": "Add '{value}' to 'organisations' or pick an existing one: {known}.",
    },
    "ref.duplicate_id": {
        "nl": "de id '{value}' komt al eerder voor (op {first})",
        "en": "the id '{value}' is used before (at {first})",
    },
    "ref.duplicate_id.hint": {"nl": "Geef elke {what} een eigen id.", "en": "Give each {what} its own id."},
    "what.organisation": {"nl": "organisatie", "en": "organisation"},
    "what.step": {"nl": "stap", "en": "step"},
    "what.item": {"nl": "uitgangspunt en elk principe", "en": "starting point and principle"},
    "what.source": {"nl": "bron", "en": "source"},
    "what.question": {"nl": "toetsvraag", "en": "guiding question"},
    "ref.step": {
        "nl": "'{value}' is geen stap uit 'steps'",
        "en": "'{value}' is not a step listed in 'steps'",
    },
    "ref.step.hint": {"nl": "Kies een bestaande stap: {known}.", "en": "Pick an existing step: {known}."},
    "ref.known.hint": {"nl": "Kies een bestaande: {known}.", "en": "Pick an existing one: {known}."},
    "ref.team": {
        "nl": "'{value}' is geen team uit de 'teams' van een organisatie",
        "en": "'{value}' is not a team listed in an organisation's 'teams'",
    },
    "ref.team.hint": {
        "nl": "Voeg '{value}' toe aan de 'teams' van de organisatie of kies een bestaand team: {known}.",
        "en": "Add '{value}' to the organisation's 'teams' or pick an existing team: {known}.",
    },
    "ref.organisation_or_team": {
        "nl": "'{value}' is geen organisatie uit 'organisations' en geen team van een organisatie",
        "en": "'{value}' is neither an organisation listed in 'organisations' nor a team of one",
    },
    "ref.person": {
        "nl": "'{value}' is geen persoon uit 'people'",
        "en": "'{value}' is not a person listed in 'people'",
    },
    "ref.person.hint": {
        "nl": "Voeg '{value}' toe aan 'people' (met een rol) of kies een bestaande: {known}.",
        "en": "Add '{value}' to 'people' (with a role) or pick an existing one: {known}.",
    },
    "ref.register": {
        "nl": "'{value}' is geen register uit 'registers'",
        "en": "'{value}' is not a register listed in 'registers'",
    },
    "ref.register.hint": {
        "nl": "Voeg '{value}' toe aan 'registers' of kies een bestaand register: {known}.",
        "en": "Add '{value}' to 'registers' or pick an existing register: {known}.",
    },
    "ref.register_or_organisation": {
        "nl": "'{value}' is geen register uit 'registers' en geen organisatie uit 'organisations'",
        "en": "'{value}' is neither a register listed in 'registers' nor an organisation in 'organisations'",
    },
    "ref.register_or_organisation.hint": {
        "nl": "Voeg '{value}' toe aan 'registers' (met kept_by) of kies een bestaande: {known}.",
        "en": "Add '{value}' to 'registers' (with kept_by) or pick an existing one: {known}.",
    },
    "ref.situation": {
        "nl": "'{value}' is geen situatie uit 'situations' van de dienst",
        "en": "'{value}' is not a situation listed in the service's 'situations'",
    },
    "ref.situation.hint": {
        "nl": "Voeg '{value}' toe aan 'situations' of kies een bestaande: {known}.",
        "en": "Add '{value}' to 'situations' or pick an existing one: {known}.",
    },
    "ref.after_order": {
        "nl": "'after' noemt '{value}', maar die stap komt pas later in 'steps'",
        "en": "'after' names '{value}', but that step only comes later in 'steps'",
    },
    "ref.after_order.hint": {
        "nl": "Zet stap '{value}' vóór deze stap in 'steps'; 'after' noemt alleen eerdere stappen, zodat de reis geen kringloop heeft.",
        "en": "Move step '{value}' before this one in 'steps'; 'after' names earlier steps only, so the journey has no loop.",
    },
    "ref.team_organisation": {
        "nl": "het team '{value}' hoort bij '{owner}', niet bij de organisatie van deze stap ('{organisation}')",
        "en": "the team '{value}' belongs to '{owner}', not to this step's organisation ('{organisation}')",
    },
    "ref.team_organisation.hint": {
        "nl": "Zet 'organisation' op '{owner}', of kies een team van de organisatie van de stap (niet '{value}').",
        "en": "Set 'organisation' to '{owner}', or pick a team of the step's organisation (not '{value}').",
    },
    "what.team": {"nl": "organisatie en elk team", "en": "organisation and team"},
    "what.person": {"nl": "persoon", "en": "person"},
    "what.register": {"nl": "register", "en": "register"},
    "what.situation": {"nl": "situatie", "en": "situation"},
    "ref.starting_point": {
        "nl": "'{value}' is geen uitgangspunt van deze visie",
        "en": "'{value}' is not a starting point of this vision",
    },
    "ref.source": {
        "nl": "'{value}' is geen bron uit 'provenance.sources'",
        "en": "'{value}' is not a source listed in 'provenance.sources'",
    },
    "ref.question_prefix": {
        "nl": "de vraag '{value}' hoort bij een ander principe dan '{principle}'",
        "en": "the question '{value}' belongs to another principle than '{principle}'",
    },
    "ref.question_prefix.hint": {
        "nl": "Laat de id beginnen met '{principle}.'",
        "en": "Start the id with '{principle}.'",
    },
    "vocab.life_event": {
        "nl": "'{value}' is geen bekende levensgebeurtenis",
        "en": "'{value}' is not a known life event",
    },
    "vocab.data": {"nl": "'{value}' is geen bekend gegeven", "en": "'{value}' is not a known data item"},
    "vocab.hint": {
        "nl": "Dat mag (eigen begrippen zijn toegestaan); bedoelde je '{suggestion}'?",
        "en": "That is allowed (own terms are fine); did you mean '{suggestion}'?",
    },
    "vocab.question": {
        "nl": "'{value}' is geen toetsvraag van de visie '{vision}'",
        "en": "'{value}' is not a guiding question of the vision '{vision}'",
    },
}


def message(message_id: str, /, **params: Any) -> Text:
    """The message `message_id` in both languages, with `params` filled in.

    A parameter that is itself a `Text` is filled in the matching language.
    """
    entry = CATALOGUE[message_id]

    def fill(lang: Language) -> str:
        values = {name: value.get(lang) if isinstance(value, Text) else value for name, value in params.items()}
        return entry[lang].format(**values)

    return Text(nl=fill("nl"), en=fill("en"))


def translate(message_id: str, /, lang: Language = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The message `message_id` in one language, with `params` filled in."""
    return message(message_id, **params).get(lang)


def language_from_environment(default: Language = DEFAULT_LANGUAGE) -> Language:
    """The language asked for by DIENSTVISIE_LANG, or the default (Dutch)."""
    value = os.environ.get("DIENSTVISIE_LANG", "").strip().lower()[:2]
    for lang in LANGUAGES:
        if value == lang:
            return lang
    return default
