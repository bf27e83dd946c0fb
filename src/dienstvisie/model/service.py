"""The service concept: one public service as the person lives it, across organisations.

Field names mirror schemas/service.schema.json, which is the contract; a test keeps the two in step.
"""

from __future__ import annotations

from typing import Literal

import attrs

from .text import Text

Audience = Literal["burger", "ondernemer"]
OrganisationKind = Literal[
    "gemeente", "uitvoeringsorganisatie", "rijk", "provincie", "waterschap", "maatschappelijk", "private"
]
Mandate = Literal["geen", "ambtelijk", "bestuurlijk", "politiek"]
Channel = Literal["balie", "telefoon", "web", "app", "chat", "email", "post", "huisbezoek"]
Initiative = Literal["burger", "overheid", "automatisch"]
HandoverKind = Literal["warm", "data", "cold"]
LanguageLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
Accessibility = Literal["WCAG-2.1-AA", "WCAG-2.2-AA", "partial", "unknown"]
AnswerValue = Literal["ja", "deels", "nee", "onbekend"]

DIGITAL_CHANNELS: frozenset[str] = frozenset({"web", "app", "chat", "email"})
LANGUAGE_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")


@attrs.frozen
class Organisation:
    """An organisation that plays a part in the service."""

    id: str
    name: str
    kind: OrganisationKind


@attrs.frozen
class Owner:
    """Who feels ownership of the whole service, and with what mandate."""

    organisation: str
    mandate: Mandate | None = None
    contact: str | None = None


@attrs.frozen
class Contact:
    """How the person reaches government for this service as a whole."""

    single_point: str | None = None
    human_contact: bool | None = None
    channels: tuple[Channel, ...] = ()


@attrs.frozen
class Coordination:
    """How organisations act as one when problems pile up."""

    single_plan: bool | None = None
    coordinator: str | None = None


@attrs.frozen
class Ask:
    """A data item the person has to supply in a step."""

    data: str
    already_known_by: str | None = None


@attrs.frozen
class Handover:
    """How the journey passes to the next organisation."""

    to: str
    kind: HandoverKind
    shares: tuple[str, ...] = ()


@attrs.frozen
class Decision:
    """A decision about the person taken in a step, and how it can be challenged."""

    explained: bool | None = None
    appeal: bool | None = None
    informal_contact_first: bool | None = None
    discretion: bool | None = None


@attrs.frozen
class Step:
    """One step of the person's journey."""

    id: str
    title: Text
    organisation: str
    initiative: Initiative
    upl: str | None = None  # URI of the UPL product (Uniforme Productnamenlijst) this step delivers
    legal_duty: bool | None = None
    channels: tuple[Channel, ...] = ()
    asks: tuple[Ask, ...] = ()
    handover: Handover | None = None
    decision: Decision | None = None
    language_level: LanguageLevel | None = None
    accessibility: Accessibility | None = None
    expected_days: float | None = None


@attrs.frozen
class Signals:
    """How the organisations learn together from how the service works out."""

    feedback_channel: bool | None = None
    reviewed_with: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()


@attrs.frozen
class Answer:
    """The team's own answer to one of the vision's guiding questions."""

    question: str
    answer: AnswerValue
    evidence: str | None = None


@attrs.frozen
class Explanation:
    """Comply or explain: a deviation from a check that the team accepts, with its reason."""

    check: str
    reason: str
    step: str | None = None
    decided_by: str | None = None
    until: str | None = None  # ISO date; after it the explanation lapses


@attrs.frozen
class ServiceConcept:
    """A whole service concept document (format 1)."""

    dienstvisie: str
    id: str
    title: Text
    audience: tuple[Audience, ...]
    organisations: tuple[Organisation, ...]
    steps: tuple[Step, ...]
    summary: Text | None = None
    life_events: tuple[str, ...] = ()
    situations: tuple[str, ...] = ()
    upl: str | None = None  # URI of the UPL product the whole service delivers, if it is one product
    owner: Owner | None = None
    contact: Contact | None = None
    coordination: Coordination | None = None
    signals: Signals | None = None
    assessment: tuple[Answer, ...] = ()
    explanations: tuple[Explanation, ...] = ()

    def organisation(self, organisation_id: str) -> Organisation:
        """The organisation with this id; KeyError when the document has none."""
        for organisation in self.organisations:
            if organisation.id == organisation_id:
                return organisation
        raise KeyError(organisation_id)

    def step_index(self, step_id: str) -> int:
        """The position of a step in the journey; KeyError when there is none."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)
