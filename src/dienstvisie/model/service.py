"""The service concept: one public service as the person lives it, across organisations.

Field names mirror schemas/service.schema.json, which is the contract; a test keeps the two in step.
The models hold one meaning for both formats: a format-1 `handover` is structured as `handovers`
with one item, and a step without `after` follows the one before it (see model/journey.py).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Literal

import attrs

from .text import Text

FormatVersion = Literal["1", "2"]
Audience = Literal["burger", "ondernemer", "huishouden"]
OrganisationKind = Literal[
    "gemeente", "uitvoeringsorganisatie", "rijk", "provincie", "waterschap", "maatschappelijk", "private",
    "semipubliek",
]
Role = Literal["vertegenwoordiger", "gemachtigde", "bewindvoerder", "curator", "mentor", "mantelzorger", "ouder"]
Mandate = Literal["geen", "ambtelijk", "bestuurlijk", "politiek"]
Channel = Literal["balie", "telefoon", "web", "app", "chat", "email", "post", "huisbezoek"]
Initiative = Literal["burger", "overheid", "automatisch", "derde"]
AskMode = Literal["vragen", "bevestigen", "bewijsstuk"]
DecisionKind = Literal["besluit", "uitkomst"]
HandoverKind = Literal["warm", "data", "cold"]
LanguageLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
Accessibility = Literal["WCAG-2.1-AA", "WCAG-2.2-AA", "partial", "unknown"]
AnswerValue = Literal["ja", "deels", "nee", "onbekend"]

DIGITAL_CHANNELS: frozenset[str] = frozenset({"web", "app", "chat", "email"})
LANGUAGE_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")


@attrs.frozen
class Team:
    """A team or department of an organisation; the journey can pass between teams of one organisation."""

    id: str
    name: str


@attrs.frozen
class Organisation:
    """An organisation that plays a part in the service."""

    id: str
    name: str
    kind: OrganisationKind
    teams: tuple[Team, ...] = ()


@attrs.frozen
class Person:
    """Someone who acts in the journey on the person's behalf or beside them (an undertaker, a bewindvoerder)."""

    id: str
    role: Role
    name: Text | None = None


@attrs.frozen
class Register:
    """A register the service's organisations keep or take data from."""

    id: str
    name: str | None = None
    kept_by: str | None = None


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
    organisations: tuple[str, ...] = ()  # who shares the plan; empty: every organisation of the service


@attrs.frozen
class Ask:
    """A data item the person has to supply in a step."""

    data: str
    already_known_by: str | None = None
    mode: AskMode = "vragen"  # bevestigen: pre-filled, the person only checks it
    periodic: bool = False  # a new fact each period (monthly income): not "asked twice"


@attrs.frozen
class Fetch:
    """A data item the organisation takes at the source instead of asking the person."""

    data: str
    from_: str = attrs.field(metadata={"key": "from"})  # `from` in the document: a register or organisation
    legal_basis: str | None = None


@attrs.frozen
class Handover:
    """How the journey passes to another organisation or team."""

    to: str  # an organisation id or a team id
    kind: HandoverKind
    shares: tuple[str, ...] = ()
    legal_basis: str | None = None


@attrs.frozen
class Situations:
    """The situations in which a step applies (the structured form of `applies_to`)."""

    situations: tuple[str, ...]
    note: Text | None = None


@attrs.frozen
class Offer:
    """Something government offers proactively in a step."""

    can_decline: bool | None = None


@attrs.frozen
class Decision:
    """A decision about the person taken in a step, and how it can be challenged.

    `kind` besluit is a decision under the Awb (objection applies); uitkomst is an outcome that is no
    formal decision and needs a complaint route instead. Format-1 decisions are besluiten.
    """

    kind: DecisionKind = "besluit"
    explained: bool | None = None
    appeal: bool | None = None
    informal_contact_first: bool | None = None
    discretion: bool | None = None
    complaint: bool | None = None
    deadline_days: float | None = None
    deadline_source: str | None = None


@attrs.frozen
class Step:
    """One step of the person's journey."""

    id: str
    title: Text
    organisation: str
    initiative: Initiative
    team: str | None = None  # a team of `organisation`
    upl: str | None = None  # URI of the UPL product (Uniforme Productnamenlijst) this step delivers
    after: tuple[str, ...] | None = None  # None: the step before; (): a branch from the start
    applies_to: Text | Situations | None = None
    acted_by: str | None = None  # a people id: acts on the person's behalf
    legal_duty: bool | None = None
    channels: tuple[Channel, ...] = ()
    asks: tuple[Ask, ...] = ()
    fetches: tuple[Fetch, ...] = ()
    handovers: tuple[Handover, ...] = ()  # a format-1 `handover` is the one item here
    offer: Offer | None = None
    decision: Decision | None = None
    language_level: LanguageLevel | None = None
    accessibility: Accessibility | None = None
    expected_days: float | None = None

    @property
    def handover(self) -> Handover | None:
        """The first hand-over, or None: the format-1 view for code that knows only one."""
        return self.handovers[0] if self.handovers else None


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
    """A whole service concept document (format 1 or 2; `dienstvisie` says which)."""

    dienstvisie: FormatVersion
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
    people: tuple[Person, ...] = ()
    registers: tuple[Register, ...] = ()
    contact: Contact | None = None
    coordination: Coordination | None = None
    signals: Signals | None = None
    assessment: tuple[Answer, ...] = ()
    explanations: tuple[Explanation, ...] = ()

    @functools.cached_property
    def _ids(self) -> _Ids:
        """The organisations, teams and people by id, for lookups in constant time (checks look up an
        organisation for every step they name); worked out on first use, never part of the value."""
        return _Ids.of(self)

    def organisation(self, organisation_id: str) -> Organisation:
        """The organisation with this id; KeyError when the document has none."""
        return self._ids.organisations[organisation_id]

    def organisation_of(self, party_id: str) -> Organisation:
        """The organisation with this id, or the one whose team has it; KeyError when none has."""
        return self._ids.parties[party_id]

    def organisation_id(self, party_id: str) -> str:
        """The id of the organisation `party_id` names: itself, or the organisation of that team
        (a hand-over's `to` may name either); `party_id` itself when the document knows neither."""
        organisation = self._ids.parties.get(party_id)
        return party_id if organisation is None else organisation.id

    def team(self, team_id: str) -> Team | None:
        """The team with this id, or None."""
        return self._ids.teams.get(team_id)

    def person(self, person_id: str) -> Person | None:
        """The person (from `people`) with this id, or None."""
        return self._ids.people.get(person_id)

    def step_index(self, step_id: str) -> int:
        """The position of a step in the journey; KeyError when there is none."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)


@attrs.frozen
class _Ids:
    """The parts of one service concept by id; where two share an id, the first in the document
    wins, as a search from the top would find it."""

    organisations: Mapping[str, Organisation]
    parties: Mapping[str, Organisation]  # organisation and team ids → the organisation
    teams: Mapping[str, Team]
    people: Mapping[str, Person]

    @classmethod
    def of(cls, service: ServiceConcept) -> _Ids:
        organisations: dict[str, Organisation] = {}
        parties: dict[str, Organisation] = {}
        teams: dict[str, Team] = {}
        for organisation in service.organisations:
            organisations.setdefault(organisation.id, organisation)
            parties.setdefault(organisation.id, organisation)
            for team in organisation.teams:
                parties.setdefault(team.id, organisation)
                teams.setdefault(team.id, team)
        people: dict[str, Person] = {}
        for person in service.people:
            people.setdefault(person.id, person)
        return cls(organisations, parties, teams, people)
