"""What the report formats share: their words in Dutch and English, findings grouped by design
principle, places in a document, and cleaning text for formats that cannot hold every character.

Nothing here escapes for a particular format: each exporter escapes for its own syntax.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..i18n import Section, choose
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

LABELS = Section("report")
"""`LABELS[key][lang]`, a text: section "report" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""

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


def plural(n: int, forms: Mapping[Language, tuple[str, ...]], lang: Language) -> str:
    """`n` with the noun in the right number: '1 dienst', '2 diensten', '1 check', '0 notes'.

    `forms` holds the forms per language (a `PluralSection` entry); the catalogue of the language
    says which form a number takes (Dutch and English: the singular for 1 only, so '0 diensten')."""
    return f"{n} {choose(forms, n, lang)}"
