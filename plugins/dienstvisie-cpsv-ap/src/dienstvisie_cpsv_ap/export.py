"""Service concepts as CPSV-AP 3.2.0: `--format cpsv-ap` (JSON-LD) and `--format cpsv-ap-turtle`.

The mapping, class by class (docs/cpsv-ap.md has it in full, with what is lost):

- the service concept → a `cv:Event` (also `cv:LifeEvent` / `cv:BusinessEvent` when it names life
  events) that groups the journey: identifier, title, summary as description, life events,
  situations and the service's UPL product as `dct:type` concepts;
- each step → a `cpsv:PublicService` (identifier, title, a generated description, audience,
  channels, evidence asked, decision as `cv:Output`, processing time, UPL product as
  `cv:isClassifiedBy`), in journey order (`…/stap/01-…`);
- a step's government organisation → its `cv:hasCompetentAuthority` (`cv:PublicOrganisation`); a
  private or civil-society organisation takes part through a `cv:Participation` (role: provider)
  and the competent authority is the government organisation that owns the journey;
- a data item asked → a `cv:Evidence`; `already_known_by` → the evidence is part of a
  `dcat:Dataset` (the register), published by the organisation or register that holds it.

Everything referred to is typed (`skos:Concept`, `dct:Location`, `foaf:Agent`, …), so the result
conforms to the CPSV-AP SHACL shapes, which the specification's own example does not.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from dienstvisie import CheckRun, Exporter, Language, ServiceConcept, Text, Vocabularies

from . import vocab
from .upl import UplList, shipped_upl

if TYPE_CHECKING:
    from rdflib import Graph

# What an IRI cannot hold as written (RFC 3987; Turtle's IRIREF): control characters, the space,
# <>"{}|^`\, DEL and the C1 range, and the bidirectional controls. A schema-valid `upl` can hold
# them (`^https?://\S+$`); they are percent-encoded as RFC 3987 section 3.1 maps an IRI to a URI,
# so Turtle can be written, and no escape sequence goes out raw.
_NOT_IN_IRI = re.compile('[\x00-\x20<>"{}|^`\\\\\x7f-\x9f\u202a-\u202e\u2066-\u2069]')


def iri_text(text: str) -> str:
    """`text` with every character an IRI cannot hold percent-encoded (UTF-8), the rest as written."""
    return _NOT_IN_IRI.sub(lambda found: quote(found.group(), safe=""), text)


def base_iri() -> str:
    """The base of the IRIs the exporter mints: DIENSTVISIE_CPSV_AP_BASE, or https://dienstvisie.nl/id/."""
    base = os.environ.get(vocab.BASE_VARIABLE, "").strip() or vocab.DEFAULT_BASE
    if not base.endswith(("/", "#", ":")):
        base += "/"
    return base


def step_description(service: ServiceConcept, index: int) -> Text:
    """The description of a step's public service (CPSV-AP requires one; the format has none)."""
    title = service.title
    step = service.steps[index]
    total = len(service.steps)
    return Text(
        nl=f"Stap {index + 1} van {total} in '{title.get('nl')}': {step.title.get('nl')}.",
        en=f"Step {index + 1} of {total} in '{title.get('en')}': {step.title.get('en')}.",
    )


class _Builder:
    """Adds the triples of one or more service concepts to a graph."""

    def __init__(self, graph: Graph, base: str, upl: UplList, vocabularies: Vocabularies) -> None:
        from rdflib import Namespace

        self.graph = graph
        self.base = base
        self.upl = upl
        self.vocabularies = vocabularies
        self.CPSV = Namespace(vocab.CPSV)
        self.CV = Namespace(vocab.CV)
        self.DCT = Namespace(vocab.DCT)
        self.FOAF = Namespace(vocab.FOAF)
        self.ORG = Namespace(vocab.ORG)
        self.SKOS = Namespace(vocab.SKOS)
        self.DCAT = Namespace(vocab.DCAT)
        self.XSD = Namespace(vocab.XSD)
        self.RDF = Namespace(vocab.RDF)
        self._schemes: set[str] = set()

    # -- small helpers ---------------------------------------------------------------------
    def iri(self, text: str) -> Any:
        from rdflib import URIRef

        return URIRef(iri_text(text))

    def add(self, subject: Any, predicate: Any, obj: Any) -> None:
        self.graph.add((subject, predicate, obj))

    def literal(self, value: str, lang: str | None = None, datatype: Any = None) -> Any:
        from rdflib import Literal

        return Literal(value, lang=lang, datatype=datatype)

    def texts(self, subject: Any, predicate: Any, text: Text) -> None:
        for lang in ("nl", "en"):
            value = getattr(text, lang)
            if value:
                self.add(subject, predicate, self.literal(value, lang=lang))

    def typed(self, subject: Any, *classes: Any) -> Any:
        for cls in classes:
            self.add(subject, self.RDF.type, cls)
        return subject

    def concept(self, scheme: str, notation: str, label: Text | None) -> Any:
        """A dienstvisie concept (skos:Concept in its scheme) with notation and labels."""
        node = self.typed(self.iri(vocab.concept_iri(scheme, notation)), self.SKOS.Concept)
        self.add(node, self.SKOS.notation, self.literal(notation))
        self.texts(node, self.SKOS.prefLabel, label or Text(nl=vocab.humanise(notation)))
        scheme_node = self.iri(vocab.scheme_iri(scheme))
        self.add(node, self.SKOS.inScheme, scheme_node)
        if scheme not in self._schemes:
            self._schemes.add(scheme)
            self.typed(scheme_node, self.SKOS.ConceptScheme)
            self.texts(scheme_node, self.SKOS.prefLabel, vocab.SCHEMES[scheme])
        return node

    def upl_concept(self, uri: str) -> Any:
        """A UPL product as a skos:Concept, with its uniform name when the UPL knows it."""
        node = self.typed(self.iri(uri), self.SKOS.Concept)
        product = self.upl.get(uri)
        if product is not None:
            self.add(node, self.SKOS.prefLabel, self.literal(product.name, lang="nl"))
        return node

    # -- the mapping ---------------------------------------------------------------------------
    def service(self, service: ServiceConcept) -> None:
        root = f"{self.base}{service.id}"
        event = self.typed(self.iri(root), self.CV.Event)
        if service.life_events and {"burger", "huishouden"} & set(service.audience):  # a household is citizens
            self.typed(event, self.CV.LifeEvent)
        if service.life_events and "ondernemer" in service.audience:
            self.typed(event, self.CV.BusinessEvent)
        self.add(event, self.DCT.identifier, self.literal(service.id))
        self.texts(event, self.DCT.title, service.title)
        if service.summary is not None:
            self.texts(event, self.DCT.description, service.summary)
        for life_event in service.life_events:
            term = self.vocabularies.life_event(life_event)
            self.add(event, self.DCT.type, self.concept("levensgebeurtenis", life_event, term.name if term else None))
        for situation in service.situations:
            self.add(event, self.DCT.type, self.concept("situatie", situation, None))
        if service.upl:
            self.add(event, self.DCT.type, self.upl_concept(service.upl))

        organisations = {organisation.id: organisation for organisation in service.organisations}
        org_nodes = {organisation.id: self.organisation(root, organisation) for organisation in service.organisations}
        responsible = self._responsible(service)
        audiences = [self.concept("doelgroep", audience, vocab.AUDIENCES[audience]) for audience in service.audience]
        width = max(2, len(str(len(service.steps))))
        for index, step in enumerate(service.steps):
            node = self.typed(self.iri(f"{root}/stap/{index + 1:0{width}d}-{step.id}"), self.CPSV.PublicService)
            self.add(event, self.CV.hasRelatedService, node)
            self.add(node, self.CV.isGroupedBy, event)
            self.add(node, self.DCT.identifier, self.literal(step.id))
            self.texts(node, self.DCT.title, step.title)
            self.texts(node, self.DCT.description, step_description(service, index))
            for audience in audiences:
                self.add(node, self.DCT.audience, audience)
            organisation = organisations[step.organisation]
            if organisation.kind in vocab.PUBLIC_KINDS:
                self.add(node, self.CV.hasCompetentAuthority, org_nodes[organisation.id])
            else:
                authority = responsible or organisation.id
                if authority == organisation.id:  # no government organisation at all: CPSV-AP still needs one
                    self.public(org_nodes[organisation.id])
                self.add(node, self.CV.hasCompetentAuthority, org_nodes[authority])
                participation = self.typed(self.iri(f"{node}/deelname"), self.CV.Participation)
                self.add(participation, self.DCT.identifier, self.literal(f"{step.id}-{vocab.ROLE_PROVIDER}"))
                self.texts(participation, self.DCT.description, Text(
                    nl=f"{organisation.name} voert deze stap uit.", en=f"{organisation.name} carries out this step."))
                self.add(participation, self.CV.role, self.concept("rol", vocab.ROLE_PROVIDER, vocab.ROLES[vocab.ROLE_PROVIDER]))
                self.add(participation, self.CV.hasParticipant, org_nodes[organisation.id])
                self.add(node, self.CV.hasParticipation, participation)
            if step.upl:
                self.add(node, self.CV.isClassifiedBy, self.upl_concept(step.upl))
            for channel in step.channels:
                channel_node = self.typed(self.iri(f"{node}/kanaal/{channel}"), self.CV.Channel)
                self.add(channel_node, self.DCT.identifier, self.literal(f"{step.id}-{channel}"))
                self.add(channel_node, self.DCT.type, self.concept("kanaal", channel, vocab.CHANNELS[channel]))
                self.add(node, self.CV.hasChannel, channel_node)
            ask_width = max(2, len(str(len(step.asks))))
            for a_index, ask in enumerate(step.asks):
                evidence = self.typed(self.iri(f"{node}/gegeven/{a_index + 1:0{ask_width}d}-{ask.data}"), self.CV.Evidence)
                self.add(evidence, self.DCT.identifier, self.literal(ask.data))
                term = self.vocabularies.data_item(ask.data)
                self.texts(evidence, self.DCT.title, term.name if term else Text(nl=vocab.humanise(ask.data)))
                if ask.already_known_by:
                    self.add(evidence, self.DCT.isPartOf,
                             self.register(root, ask.already_known_by, org_nodes, organisations, service))
                self.add(node, self.CPSV.hasInput, evidence)
            if step.decision is not None:
                kind = step.decision.kind  # besluit, or (format 2) an uitkomst that is no formal decision
                output = self.typed(self.iri(f"{node}/{kind}"), self.CV.Output)
                self.add(output, self.DCT.identifier, self.literal(f"{step.id}-{kind}"))
                word = vocab.OUTPUTS[kind]
                self.texts(output, self.DCT.title, Text(nl=f"{word.get('nl')}: {step.title.get('nl')}",
                                                       en=f"{word.get('en')}: {step.title.get('en')}"))
                self.add(output, self.DCT.type, self.concept("uitvoer", kind, word))
                self.add(node, self.CPSV.produces, output)
            if step.expected_days is not None:
                self.add(node, self.CV.processingTime,
                         self.literal(vocab.days_to_duration(step.expected_days), datatype=self.XSD.duration))

    def organisation(self, root: str, organisation: Any) -> Any:
        node = self.typed(self.iri(f"{root}/organisatie/{organisation.id}"), self.ORG.Organization, self.FOAF.Agent)
        self.add(node, self.DCT.identifier, self.literal(organisation.id))
        self.add(node, self.DCT.title, self.literal(organisation.name, lang="nl"))
        self.add(node, self.SKOS.prefLabel, self.literal(organisation.name, lang="nl"))
        self.add(node, self.ORG.classification, self.concept("organisatiesoort", organisation.kind, vocab.KINDS[organisation.kind]))
        if organisation.kind in vocab.PUBLIC_KINDS:
            self.public(node)
        return node

    def public(self, node: Any) -> None:
        """Make an organisation a cv:PublicOrganisation, with the spatial coverage the shapes require."""
        self.typed(node, self.CV.PublicOrganisation)
        location = self.typed(self.iri(vocab.NETHERLANDS), self.DCT.Location)
        self.add(node, self.DCT.spatial, location)

    def register(self, root: str, holder: str, org_nodes: dict[str, Any], organisations: dict[str, Any],
                 service: ServiceConcept | None = None) -> Any:
        """The dataset (register) that already holds a data item, published by its holder: the
        organisation of that id, the organisation that keeps that register (format 2 `registers`),
        or an agent named by the id."""
        dataset = self.typed(self.iri(f"{root}/register/{holder}"), self.DCAT.Dataset)
        self.add(dataset, self.DCT.identifier, self.literal(holder))
        declared = next((r for r in service.registers if r.id == holder), None) if service is not None else None
        if declared is not None and declared.kept_by in org_nodes:
            publisher = org_nodes[declared.kept_by]
            name = declared.name or holder
            self.texts(dataset, self.DCT.title, Text(nl=name, en=name))
        elif holder in organisations:
            name = organisations[holder].name
            publisher = org_nodes[holder]
            self.texts(dataset, self.DCT.title, Text(nl=f"Gegevens bij {name}", en=f"Data held by {name}"))
        else:
            publisher = self.typed(self.iri(f"{root}/houder/{holder}"), self.FOAF.Agent)
            self.add(publisher, self.DCT.identifier, self.literal(holder))
            self.add(publisher, self.DCT.title, self.literal(holder, lang="nl"))
            self.texts(dataset, self.DCT.title, Text(nl=f"Register {holder}", en=f"Register {holder}"))
        self.texts(dataset, self.DCT.description, Text(
            nl=f"Register of organisatie die dit gegeven al heeft: {holder}.",
            en=f"Register or organisation that already holds this data item: {holder}."))
        self.add(dataset, self.DCT.publisher, publisher)
        return dataset

    @staticmethod
    def _responsible(service: ServiceConcept) -> str | None:
        """The government organisation responsible for the journey: the owner, the single point of
        contact, the coordinator, or else the first one with a step, or the first one listed."""
        kinds = {organisation.id: organisation.kind for organisation in service.organisations}
        candidates = [
            service.owner.organisation if service.owner else None,
            service.contact.single_point if service.contact else None,
            service.coordination.coordinator if service.coordination else None,
            *(step.organisation for step in service.steps),
            *(organisation.id for organisation in service.organisations),
        ]
        return next((c for c in candidates if c is not None and kinds.get(c) in vocab.PUBLIC_KINDS), None)


def services_graph(services: list[ServiceConcept], *, base: str | None = None, upl: UplList | None = None,
                   vocabularies: Vocabularies | None = None) -> Graph:
    """The CPSV-AP graph of one or more service concepts."""
    from rdflib import Graph

    if vocabularies is None:
        from dienstvisie import load_plugins

        vocabularies = load_plugins(entry_points=False).vocabularies()
    graph = Graph()
    builder = _Builder(graph, base or base_iri(), upl or shipped_upl(), vocabularies)
    for service in services:
        builder.service(service)
    return graph


def _run_services(run: CheckRun) -> list[ServiceConcept]:
    return [report.concept for report in run.reports if report.concept is not None]


def render_jsonld(run: CheckRun, lang: Language) -> str:
    """Every service of the run as CPSV-AP 3.2.0 JSON-LD."""
    from .rdfio import to_jsonld

    return to_jsonld(services_graph(_run_services(run)), first=base_iri())


def render_turtle(run: CheckRun, lang: Language) -> str:
    """Every service of the run as CPSV-AP 3.2.0 Turtle."""
    from .rdfio import to_turtle

    return to_turtle(services_graph(_run_services(run)))


JSONLD = Exporter(name="cpsv-ap", title=Text(nl="CPSV-AP 3.2.0 (JSON-LD)", en="CPSV-AP 3.2.0 (JSON-LD)"),
                  suffix=".jsonld", media_type="application/ld+json", render=render_jsonld)
TURTLE = Exporter(name="cpsv-ap-turtle", title=Text(nl="CPSV-AP 3.2.0 (Turtle)", en="CPSV-AP 3.2.0 (Turtle)"),
                  suffix=".ttl", media_type="text/turtle", render=render_turtle)
