"""What the report formats share: their words in Dutch and English, findings grouped by design
principle, places in a document, and cleaning text for formats that cannot hold every character.

Nothing here escapes for a particular format: each exporter escapes for its own syntax.
"""

from __future__ import annotations

import attrs

from ..model.check import Status
from ..model.finding import Finding
from ..model.report import Report, Score
from ..model.run import CheckRun
from ..model.service import ServiceConcept
from ..model.text import Language
from ..model.vision import Vision

# the shared sanitising of document text for every human-readable format (see safe_text)
from .safe_text import BIDI_CONTROLS as BIDI_CONTROLS
from .safe_text import LINE_BREAK_MARK as LINE_BREAK_MARK
from .safe_text import clean as clean
from .safe_text import terminal_safe as terminal_safe

LABELS: dict[str, dict[Language, str]] = {
    "report": {"nl": "dienstvisie-rapport", "en": "dienstvisie report"},
    "vision": {"nl": "Visie", "en": "Vision"},
    "version": {"nl": "versie", "en": "version"},
    "status": {"nl": "status", "en": "status"},
    "services": {"nl": "Diensten", "en": "Services"},
    "services_count": {"nl": "{n} diensten", "en": "{n} services"},
    "services_count_1": {"nl": "1 dienst", "en": "1 service"},
    "service": {"nl": "Dienst", "en": "Service"},
    "file": {"nl": "Bestand", "en": "File"},
    "result": {"nl": "Resultaat", "en": "Result"},
    "pass": {"nl": "VOLDOET", "en": "PASS"},
    "fail": {"nl": "VOLDOET NIET", "en": "FAIL"},
    "fail_on": {"nl": "grens (--fail-on)", "en": "threshold (--fail-on)"},
    "counts": {"nl": "Bevindingen", "en": "Findings"},
    "scores": {"nl": "Scores", "en": "Scores"},
    "principles": {"nl": "Ontwerpprincipes", "en": "Design principles"},
    "principle": {"nl": "Ontwerpprincipe", "en": "Design principle"},
    "starting_points": {"nl": "Uitgangspunten", "en": "Starting points"},
    "starting_point": {"nl": "Uitgangspunt", "en": "Starting point"},
    "score": {"nl": "Score", "en": "Score"},
    "coverage": {"nl": "Dekking", "en": "Coverage"},
    "coverage_of": {"nl": "{applicable} van {total} checks gescoord",
                    "en": "{applicable} of {total} checks scored"},
    "failed_checks": {"nl": "Checks niet voldaan", "en": "Checks failed"},
    "assessment": {"nl": "Zelfbeoordeling", "en": "Self-assessment"},
    "assessment_of": {"nl": "{assessed} van {questions} toetsvragen beantwoord",
                      "en": "{assessed} of {questions} guiding questions answered"},
    "assessment_short": {"nl": "toetsvragen {assessed}/{questions}", "en": "questions {assessed}/{questions}"},
    "not_scored": {"nl": "niet gescoord", "en": "not scored"},
    "chart_desc": {"nl": "Score van 0 tot 100 per onderdeel; de tabel eronder geeft dezelfde cijfers.",
                   "en": "Score from 0 to 100 per item; the table below gives the same figures."},
    "journey": {"nl": "Klantreis", "en": "Journey"},
    "journey_desc": {
        "nl": "{steps} stappen bij {organisations} organisaties, {handovers} overdrachten; "
              "{marked} stappen met bevindingen die niet voldoen. De tabel ‘Stappen’ geeft hetzelfde in tekst.",
        "en": "{steps} steps across {organisations} organisations, {handovers} hand-overs; "
              "{marked} steps with failed findings. The table ‘Steps’ gives the same as text.",
    },
    "journey_scroll": {"nl": "Klantreis als diagram (scrollbaar)", "en": "Journey diagram (scrollable)"},
    "no_journey": {"nl": "Het document van deze dienst is niet beschikbaar; de klantreis kan niet getekend worden.",
                   "en": "The document of this service is not available; the journey cannot be drawn."},
    "legend": {"nl": "Legenda", "en": "Legend"},
    "steps": {"nl": "Stappen", "en": "Steps"},
    "step": {"nl": "Stap", "en": "Step"},
    "organisation": {"nl": "Organisatie", "en": "Organisation"},
    "initiative": {"nl": "Initiatief", "en": "Initiative"},
    "handover": {"nl": "Overdracht", "en": "Hand-over"},
    "handover_to": {"nl": "naar {to} ({kind})", "en": "to {to} ({kind})"},
    "no_target_step": {"nl": "geen latere stap van {to}", "en": "no later step of {to}"},
    "shares": {"nl": "deelt", "en": "shares"},
    "none": {"nl": "geen", "en": "none"},
    "findings_in_step": {"nl": "Bevindingen", "en": "Findings"},
    "mark_failed": {"nl": "n bevindingen in deze stap voldoen niet (de stap heeft een dikke rand)",
                    "en": "n findings in this step failed (the step has a thick border)"},
    "mark_explained": {"nl": "n afwijkingen in deze stap zijn verklaard (pas toe of leg uit)",
                       "en": "n deviations in this step are explained (comply or explain)"},
    "lane": {"nl": "Elke baan is een organisatie; de stappen staan op volgorde van links naar rechts.",
             "en": "Each lane is an organisation; the steps are in order from left to right."},
    "kind.warm": {"nl": "warm", "en": "warm"},
    "kind.data": {"nl": "gegevens", "en": "data"},
    "kind.cold": {"nl": "koud", "en": "cold"},
    "kind.warm.long": {"nl": "warme overdracht: voorgesteld, verhaal gaat mee (doorgetrokken lijn)",
                       "en": "warm hand-over: introduced, the story is passed on (solid line)"},
    "kind.data.long": {"nl": "gegevensoverdracht: gegevens gaan mee, de persoon hoeft niets te doen (gestreepte lijn)",
                       "en": "data hand-over: data is passed on, the person need not act (dashed line)"},
    "kind.cold.long": {"nl": "koude overdracht: de persoon wordt doorgestuurd (gestippelde lijn)",
                       "en": "cold hand-over: the person is sent elsewhere (dotted line)"},
    "initiative.burger": {"nl": "persoon zelf", "en": "the person"},
    "initiative.overheid": {"nl": "overheid", "en": "government"},
    "initiative.automatisch": {"nl": "automatisch", "en": "automatic"},
    "initiative.derde": {"nl": "derde (signaal of melding)", "en": "third party (signal)"},
    "initiative_short.burger": {"nl": "persoon doet zelf", "en": "person acts"},
    "initiative_short.overheid": {"nl": "overheid komt", "en": "government acts"},
    "initiative_short.automatisch": {"nl": "gaat vanzelf", "en": "happens by itself"},
    "initiative_short.derde": {"nl": "derde meldt", "en": "third party signals"},
    "findings_by_principle": {"nl": "Bevindingen per ontwerpprincipe", "en": "Findings by design principle"},
    "document": {"nl": "Document", "en": "Document"},
    "no_findings": {"nl": "Geen bevindingen die aandacht vragen.", "en": "No findings that need attention."},
    "check": {"nl": "Check", "en": "Check"},
    "severity": {"nl": "Ernst", "en": "Severity"},
    "message": {"nl": "Bevinding", "en": "Finding"},
    "place": {"nl": "Plaats", "en": "Place"},
    "suggestion": {"nl": "Suggestie", "en": "Suggestion"},
    "explanations": {"nl": "Verklaringen (pas toe of leg uit)", "en": "Explanations (comply or explain)"},
    "no_explanations": {"nl": "Geen verklaringen.", "en": "No explanations."},
    "reason": {"nl": "Reden", "en": "Reason"},
    "decided_by": {"nl": "Besloten door", "en": "Decided by"},
    "until": {"nl": "Geldig tot", "en": "Valid until"},
    "expired": {"nl": "verlopen: telt weer mee", "en": "expired: counts again"},
    "valid": {"nl": "geldig", "en": "valid"},
    "open_questions": {"nl": "Open toetsvragen en punten om te beoordelen", "en": "Open guiding questions and points to review"},
    "no_open_questions": {"nl": "Geen open punten.", "en": "Nothing open."},
    "not_checked": {"nl": "Niet gecontroleerd", "en": "Not checked"},
    "invalid": {"nl": "ongeldig document, niet gecontroleerd", "en": "invalid document, not checked"},
    "plugin_errors": {"nl": "Pluginfouten", "en": "Plugin errors"},
    "generated_by": {"nl": "Gemaakt met dienstvisie {version}.", "en": "Made with dienstvisie {version}."},
    "reconstructed": {
        "nl": "Let op: deze visie is een reconstructie, niet de officiële tekst.",
        "en": "Note: this vision is a reconstruction, not the official text.",
    },
    "skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "contents": {"nl": "Inhoud", "en": "Contents"},
    "none_value": {"nl": "–", "en": "–"},
    "guiding_questions": {"nl": "Toetsvragen", "en": "Guiding questions"},
    "serves": {"nl": "Dient", "en": "Serves"},
    "served_by": {"nl": "Gediend door", "en": "Served by"},
    "answer_line": {"nl": "Antwoord:", "en": "Answer:"},
    "answers": {"nl": "ja · deels · nee · onbekend", "en": "yes · partly · no · unknown"},
    "provenance": {"nl": "Herkomst", "en": "Provenance"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "handout": {"nl": "Hand-out", "en": "Handout"},
    "test_question": {
        "nl": "Helpt dit de burger en ondernemer écht? Werkt dit uit zoals we het met elkaar bedoelen?",
        "en": "Does this really help citizens and entrepreneurs? Does it work out as we all intend?",
    },
    "status.passed": {"nl": "voldaan", "en": "passed"},
    "status.failed": {"nl": "niet voldaan", "en": "failed"},
    "status.explained": {"nl": "verklaard", "en": "explained"},
    "status.not_applicable": {"nl": "niet van toepassing", "en": "not applicable"},
    "status.needs_review": {"nl": "te beoordelen", "en": "to review"},
    "status.error": {"nl": "fout in check", "en": "check error"},
    "severity.info": {"nl": "info", "en": "info"},
    "severity.minor": {"nl": "klein", "en": "minor"},
    "severity.major": {"nl": "groot", "en": "major"},
    "severity.critical": {"nl": "kritiek", "en": "critical"},
}

MARKS: dict[Status, str] = {
    Status.FAILED: "✗",
    Status.ERROR: "!",
    Status.EXPLAINED: "~",
    Status.NEEDS_REVIEW: "?",
    Status.PASSED: "✓",
    Status.NOT_APPLICABLE: "–",
}

# Findings that ask for attention in the per-principle lists (needs_review has a section of its own).
ATTENTION: tuple[Status, ...] = (Status.FAILED, Status.ERROR, Status.EXPLAINED)


def label(key: str, lang: Language) -> str:
    """A report word in `lang`."""
    return LABELS[key][lang]


def labels(lang: Language) -> dict[str, str]:
    """Every report word in `lang`, for templates."""
    return {key: value[lang] for key, value in LABELS.items()}


def one_line(text: str) -> str:
    """`text` on one line: every run of whitespace (newlines too) becomes one space."""
    return " ".join(text.split())


def services_count(n: int, lang: Language) -> str:
    """'1 dienst', '5 diensten'."""
    return label("services_count_1", lang) if n == 1 else label("services_count", lang).format(n=n)


def check_title(run: CheckRun, check_id: str, lang: Language) -> str:
    """The title of a check in `lang`, or its id when the run does not know it."""
    check = run.check(check_id)
    return check.title.get(lang) if check is not None else check_id


def item_title(vision: Vision, item_id: str, lang: Language) -> str:
    """The title of a principle or starting point, or its id when the vision has none."""
    try:
        return vision.principle(item_id).title.get(lang)
    except KeyError:
        pass
    try:
        return vision.starting_point(item_id).title.get(lang)
    except KeyError:
        return item_id


def place(finding: Finding) -> str:
    """`file:line:column` when known, else the JSON pointer ('/' for the whole document)."""
    location = finding.location
    if location.file and location.line:
        return f"{location.file}:{location.line}:{location.column or 1}"
    return location.pointer or "/"


def party_name(concept: ServiceConcept, party_id: str) -> str:
    """The readable name of what a hand-over's `to` names: an organisation, or a team with its
    organisation's name; the id itself when the document knows neither."""
    team = concept.team(party_id)
    if team is not None:
        return f"{team.name} ({concept.organisation_of(party_id).name})"
    try:
        return concept.organisation(party_id).name
    except KeyError:
        return party_id


def step_index(finding: Finding, concept: ServiceConcept | None) -> int | None:
    """The index of the step a finding is about: from its `step`, else from a /steps/N pointer."""
    if concept is None:
        return None
    if finding.step is not None:
        try:
            return concept.step_index(finding.step)
        except KeyError:
            return None
    parts = finding.location.pointer.split("/")
    if len(parts) >= 3 and parts[1] == "steps" and parts[2].isdigit():
        index = int(parts[2])
        return index if index < len(concept.steps) else None
    return None


@attrs.frozen
class Group:
    """Findings under one heading: a design principle (`id` set) or the document itself (`id` None)."""

    id: str | None
    title: str
    findings: tuple[Finding, ...]


def groups(report: Report, vision: Vision, statuses: tuple[Status, ...], lang: Language,
           keep_empty: bool = True) -> list[Group]:
    """Findings with one of `statuses`, per principle of the vision (a finding serving two principles
    appears under both), then those serving no principle of the vision under 'Document'."""
    known = {principle.id for principle in vision.principles}
    result = []
    for principle in vision.principles:
        found = tuple(f for f in report.findings if principle.id in f.principles and f.status in statuses)
        if found or keep_empty:
            result.append(Group(principle.id, f"{principle.id} {principle.title.get(lang)}", found))
    other = tuple(f for f in report.findings if not known.intersection(f.principles) and f.status in statuses)
    if other:
        result.append(Group(None, label("document", lang), other))
    return result


def counts(report: Report) -> list[tuple[Status, int]]:
    """How many findings of each status, in the order of `Status`, leaving out zeros."""
    tally: dict[Status, int] = {}
    for finding in report.findings:
        tally[finding.status] = tally.get(finding.status, 0) + 1
    return [(status, tally[status]) for status in Status if tally.get(status)]


def counts_text(report: Report, lang: Language) -> str:
    """E.g. '6 niet voldaan, 17 te beoordelen, 6 voldaan'."""
    return ", ".join(f"{n} {label('status.' + status.value, lang)}" for status, n in counts(report))


def scores_of(report: Report, kind: str) -> list[Score]:
    """The report's scores of one kind ('principle' or 'starting_point'), in report order."""
    return [score for score in report.scores if score.kind == kind]


def assessment_text(score: Score, lang: Language, key: str = "assessment_of") -> str:
    """'2 of 3 guiding questions answered' (the assessment coverage), or '–' when none are asked."""
    if not score.questions:
        return label("none_value", lang)
    return label(key, lang).format(assessed=score.assessed, questions=score.questions)


def score_text(score: Score, lang: Language) -> str:
    """'67' or '–' when the item was not scored."""
    return label("none_value", lang) if score.score is None else f"{score.score:.0f}"
