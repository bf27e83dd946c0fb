"""`dienstvisie import cpsv-ap FILE`: a CPSV-AP description (JSON-LD or Turtle) as a service-concept draft.

- each `cpsv:PublicService` becomes a step, in the order of the exporter's IRIs (`…/stap/01-…`)
  or, for other catalogues, the natural order of the IRIs, after what a service `dct:requires`;
- competent authorities and participants become organisations (the kind from dienstvisie's own
  classification, else guessed from the name: a gap);
- channels become the step's channels, contact points the service's contact (telephone, email,
  contact page);
- evidence, evidence types and requirements become the data a step asks; evidence that is part of
  a dataset is `already_known_by` that register;
- life and business events become life events (and, for one event that groups everything, the
  service's id, title and summary);
- a UPL product the service is classified by becomes `upl`.

What CPSV-AP cannot express (who takes the initiative, hand-overs, decisions and appeal, owner,
single point of contact, signals) gets a default that validates, marked `# TODO` in the YAML and
listed at its top; `Draft.gaps` says it again for stderr.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dienstvisie import DocumentError, Draft, Importer, Language, Location, Problem, Text

from . import vocab
from .rdfio import parse_graph, read_source, syntax_of
from .yamltext import Comments, write_yaml

if TYPE_CHECKING:
    from rdflib import Graph

UPL_PREFIXES = ("http://standaarden.overheid.nl/owms/terms/", "https://standaarden.overheid.nl/owms/terms/")

_AUDIENCE_WORDS = (
    ("burger", ("burger", "citizen", "person", "individual", "particulier", "citoyen", "bürger")),
    ("ondernemer", ("ondernemer", "business", "company", "enterprise", "bedrijf", "entreprise", "unternehmen")),
)


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isascii() and part.isdigit() else part for part in re.split(r"([0-9]+)", text))


def _t(nl: str, en: str) -> Text:
    return Text(nl=nl, en=en)


class _Graph:
    """Read-only helpers over an rdflib graph, every list in a stable (natural IRI) order."""

    def __init__(self, graph: Graph) -> None:
        from rdflib import Namespace, URIRef

        self.graph = graph
        self.URIRef = URIRef
        self.CPSV, self.CV, self.DCT = Namespace(vocab.CPSV), Namespace(vocab.CV), Namespace(vocab.DCT)
        self.SKOS, self.ORG, self.FOAF = Namespace(vocab.SKOS), Namespace(vocab.ORG), Namespace(vocab.FOAF)
        self.RDF, self.DCAT = Namespace(vocab.RDF), Namespace(vocab.DCAT)

    def sort(self, nodes: Iterable[Any]) -> list[Any]:
        return sorted(set(nodes), key=lambda node: _natural(str(node)))

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        return self.sort(self.graph.objects(subject, predicate))

    def nodes(self, subject: Any, predicate: Any) -> list[Any]:
        """Objects that are resources (IRIs or blank nodes), not literals."""
        from rdflib import Literal

        return [node for node in self.objects(subject, predicate) if not isinstance(node, Literal)]

    def instances(self, *classes: Any) -> list[Any]:
        return self.sort(s for cls in classes for s in self.graph.subjects(self.RDF.type, cls))

    def types(self, subject: Any) -> set[Any]:
        return set(self.graph.objects(subject, self.RDF.type))

    def literal(self, subject: Any, predicate: Any) -> str | None:
        """The first plain value of a property (a literal), stripped; None when there is none."""
        from rdflib import Literal

        for value in self.objects(subject, predicate):
            if isinstance(value, Literal) and str(value).strip():
                return str(value).strip()
        return None

    def text(self, subject: Any, *predicates: Any) -> tuple[Text | None, str | None]:
        """A Text from language-tagged values of the first predicate that has any: Dutch and English
        as they are; else the first other language, as Dutch, with its language code returned."""
        from rdflib import Literal

        for predicate in predicates:
            values: dict[str, str] = {}
            for value in self.objects(subject, predicate):
                if isinstance(value, Literal) and str(value).strip():
                    values.setdefault((value.language or "").lower(), str(value))
            if not values:
                continue
            nl = values.get("nl") or values.get("nl-nl") or values.get("")
            en = values.get("en") or values.get("en-gb") or values.get("en-us")
            if nl or en:
                return Text(nl=nl, en=en), None
            language = sorted(values)[0]
            return Text(nl=values[language]), language
        return None, None

    def label(self, subject: Any) -> str | None:
        text, _ = self.text(subject, self.SKOS.prefLabel, self.DCT.title, self.FOAF.name, self.SKOS.altLabel)
        return text.get("nl") if text else None

    def local_name(self, node: Any) -> str:
        text = str(node).rstrip("/#")
        return re.split(r"[/#:]", text)[-1] or text


class _Unique:
    """Unique slugs: a second `x` becomes `x-2`."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, slug: str) -> str:
        candidate, number = slug, 2
        while candidate in self.taken:
            suffix = f"-{number}"
            candidate = slug[: 120 - len(suffix)] + suffix
            number += 1
        self.taken.add(candidate)
        return candidate


def _slug_of(g: _Graph, node: Any, fallback: str) -> str:
    identifier = g.literal(node, g.DCT.identifier)
    if identifier:
        slug = identifier if vocab.is_slug(identifier) else vocab.slugify(identifier)
        if slug:
            return slug
    label = g.label(node)
    return vocab.slugify(label or "") or vocab.slugify(g.local_name(node)) or fallback


def _is_upl(iri: str) -> bool:
    return iri.startswith(UPL_PREFIXES)


def _order_services(g: _Graph, services: list[Any]) -> list[Any]:
    """Natural IRI order, moved so that a service comes after the services it `dct:requires`
    (depth first, without recursion; a cycle is broken where it is found)."""
    ordered: list[Any] = []
    placed: set[Any] = set()
    known = set(services)
    for start in services:
        if start in placed:
            continue
        stack: list[tuple[Any, list[Any]]] = [(start, [r for r in g.nodes(start, g.DCT.requires) if r in known])]
        on_stack = {start}
        while stack:
            service, pending = stack[-1]
            while pending and (pending[0] in placed or pending[0] in on_stack):
                pending.pop(0)
            if pending:
                required = pending.pop(0)
                on_stack.add(required)
                stack.append((required, [r for r in g.nodes(required, g.DCT.requires) if r in known]))
                continue
            stack.pop()
            on_stack.discard(service)
            placed.add(service)
            ordered.append(service)
    return ordered


class _Importer:
    def __init__(self, graph: Graph, source: str, lang: Language, notes: list[Text]) -> None:
        self.g = _Graph(graph)
        self.source = source
        self.lang = lang
        self.comments = Comments()
        self.gaps: list[Text] = list(notes)
        self.own = any(str(node).startswith(vocab.DEF) for node in graph.all_nodes())
        self._org_comments: dict[str, str] = {}
        self._steps = _Unique()

    def say(self, text: Text) -> str:
        return text.get(self.lang)

    def todo(self, pointer: str, text: Text, *, gap: Text | None = None) -> None:
        self.comments.after[pointer] = "TODO: " + self.say(text)
        if gap is not None:
            self.gaps.append(gap)

    # -- the whole service ---------------------------------------------------------------------
    def build(self) -> dict[str, Any]:
        g = self.g
        services = _order_services(g, g.instances(g.CPSV.PublicService))
        if not services:
            raise DocumentError(self.source, [Problem(
                "cpsv.no_service",
                _t("er staat geen publieke dienst (cpsv:PublicService) in dit bestand",
                   "this file has no public service (cpsv:PublicService)"),
                Location(file=self.source),
                _t("Een CPSV-AP-beschrijving heeft minstens één cpsv:PublicService; elke dienst wordt een stap.",
                   "A CPSV-AP description has at least one cpsv:PublicService; each service becomes a step."),
            )])
        events = g.sort([*g.instances(g.CV.Event, g.CV.LifeEvent, g.CV.BusinessEvent),
                         *(e for s in services for e in g.nodes(s, g.CV.isGroupedBy))])
        concept_event = events[0] if len(events) == 1 else None
        if len(events) > 1:
            self.gaps.append(_t(
                f"het bestand heeft {len(events)} gebeurtenissen (cv:Event) met eigen diensten; alle {len(services)} diensten "
                "staan als stappen in één concept: splits het zo nodig",
                f"the file has {len(events)} events (cv:Event) with services of their own; all {len(services)} services "
                "are steps of one draft: split it where needed"))
        single = services[0] if len(services) == 1 else None

        data: dict[str, Any] = {"dienstvisie": "2"}  # a new document: the current format
        stem = vocab.slugify(Path(self.source).stem, "dienst")
        data["id"] = (_slug_of(g, concept_event, stem) if concept_event is not None
                      else _slug_of(g, single, stem) if single is not None else stem)
        title, other = (g.text(concept_event, g.DCT.title) if concept_event is not None else (None, None))
        if title is None and single is not None:
            title, other = g.text(single, g.DCT.title)
        if title is None:
            title = Text(nl=vocab.humanise(data["id"]))
            self.todo("/title", _t("titel gemaakt van het id; de bron noemt geen titel voor het geheel",
                                   "title made from the id; the source names no title for the whole"))
        elif other:
            self.todo("/title", _t(f"in de bron alleen in het '{other}'; vertaal", f"only in '{other}' in the source; translate"),
                      gap=_t(f"titel alleen in een andere taal ({other})", f"title only in another language ({other})"))
        data["title"] = self._text_value(title)
        summary, other = (g.text(concept_event, g.DCT.description) if concept_event is not None else (None, None))
        if summary is None and single is not None and not self.own:  # dienstvisie's own descriptions are generated
            summary, other = g.text(single, g.DCT.description)
        if summary is not None:
            data["summary"] = self._text_value(summary)
            if other:
                self.todo("/summary", _t(f"in de bron alleen in het '{other}'; vertaal", f"only in '{other}' in the source; translate"))

        data["audience"] = self.audience(services, events)
        life_events, situations, upl = self.events(events, concept_event)
        if life_events:
            data["life_events"] = life_events
        if situations:
            data["situations"] = situations
        if upl:
            data["upl"] = upl

        organisations, by_node = self.organisations(services)
        steps = [self.step(index, service, by_node, organisations) for index, service in enumerate(services)]
        first_use: dict[str, int] = {}
        for index, step in enumerate(steps):
            first_use.setdefault(step["organisation"], index)
        organisations.sort(key=lambda org: first_use.get(org["id"], len(steps)))
        data["organisations"] = organisations
        self._reindex_organisation_comments(organisations)
        contact = self.contact(services)
        if contact is not None:
            data["contact"] = contact
        data["steps"] = steps
        self.general_gaps(data)
        return data

    def _text_value(self, text: Text) -> Any:
        if text.en is None and text.nl is not None:
            return text.nl
        return {lang: value for lang, value in (("nl", text.nl), ("en", text.en)) if value}

    def audience(self, services: list[Any], events: list[Any]) -> list[str]:
        g = self.g
        found: set[str] = set()
        for service in services:
            for node in g.nodes(service, g.DCT.audience):
                own = vocab.own_concept(str(node))
                if own and own[0] == "doelgroep" and own[1] in vocab.AUDIENCES:
                    found.add(own[1])
                    continue
                words = " ".join(filter(None, [g.label(node), g.literal(node, g.SKOS.notation), str(node)])).lower()
                for audience, keywords in _AUDIENCE_WORDS:
                    if any(word in words for word in keywords):
                        found.add(audience)
        if not found:
            for event in events:
                types = g.types(event)
                if g.CV.LifeEvent in types:
                    found.add("burger")
                if g.CV.BusinessEvent in types:
                    found.add("ondernemer")
        if not found:
            self.todo("/audience", _t("aangenomen: de bron noemt geen doelgroep (burger of ondernemer)",
                                      "assumed: the source names no audience (burger or ondernemer)"),
                      gap=_t("doelgroep (audience): niet in de bron, 'burger' aangenomen",
                             "audience: not in the source, 'burger' assumed"))
            found.add("burger")
        return [audience for audience in vocab.AUDIENCES if audience in found]

    def events(self, events: list[Any], concept_event: Any) -> tuple[list[str], list[str], str | None]:
        g = self.g
        life_events: list[str] = []
        situations: list[str] = []
        upl: str | None = None
        sources: list[str] = []
        for event in events:
            is_life = bool(g.types(event) & {g.CV.LifeEvent, g.CV.BusinessEvent})
            own_life = False
            for node in g.nodes(event, g.DCT.type):
                own = vocab.own_concept(str(node))
                if own and own[0] == "levensgebeurtenis":
                    life_events.append(own[1])
                    own_life = True
                elif own and own[0] == "situatie":
                    situations.append(own[1])
                elif (_is_upl(str(node)) or (self.own and own is None)) and event == concept_event and upl is None:
                    upl = str(node)
            if is_life and not own_life:
                named = [vocab.slugify(g.literal(node, g.SKOS.notation) or g.label(node) or "")
                         for node in g.nodes(event, g.DCT.type)]
                named = [slug for slug in named if slug] or [_slug_of(g, event, "levensgebeurtenis")]
                life_events.extend(named)
                sources.append(g.label(event) or str(event))
        if sources:
            self.comments.after["/life_events"] = self.say(_t(
                f"uit de bron: {'; '.join(sources)}; controleer of dit ids uit de vocabulaire zijn (dienstvisie vision)",
                f"from the source: {'; '.join(sources)}; check that these are ids of the vocabulary"))
        return list(dict.fromkeys(life_events)), list(dict.fromkeys(situations)), upl

    # -- organisations -----------------------------------------------------------------------------
    def organisations(self, services: list[Any]) -> tuple[list[dict[str, Any]], dict[Any, str]]:
        g = self.g
        public = set(g.instances(g.CV.PublicOrganisation))
        nodes = set(public) | set(g.instances(g.ORG.Organization))
        authorities: set[Any] = set()
        for service in services:
            authorities.update(g.nodes(service, g.CV.hasCompetentAuthority))
        nodes.update(authorities)
        for service in services:
            for participation in g.nodes(service, g.CV.hasParticipation):
                nodes.update(g.nodes(participation, g.CV.hasParticipant))
        unique = _Unique()
        result: list[dict[str, Any]] = []
        by_node: dict[Any, str] = {}
        guessed: list[str] = []
        for node in g.sort(nodes):
            org_id = unique(_slug_of(g, node, f"organisatie-{len(result) + 1}"))
            name = g.label(node) or g.literal(node, g.DCT.identifier) or g.local_name(node) or org_id
            kind = None
            for classification in g.nodes(node, g.ORG.classification):
                own = vocab.own_concept(str(classification))
                if own and own[0] == "organisatiesoort" and own[1] in vocab.KINDS:
                    kind = own[1]
                    break
            if kind is None:
                kind = vocab.kind_from_words(name, node in public or node in authorities)
                guessed.append(f"{org_id} ({kind})")
                self._org_comments[org_id] = self.say(_t("geraden uit de naam; controleer", "guessed from the name; check"))
            result.append({"id": org_id, "name": name, "kind": kind})
            by_node[node] = org_id
        if guessed:
            self.gaps.append(_t(f"soort organisatie (kind) geraden uit de naam: {', '.join(guessed)}",
                                f"kind of organisation guessed from the name: {', '.join(guessed)}"))
        return result, by_node

    def _reindex_organisation_comments(self, organisations: list[dict[str, Any]]) -> None:
        for index, organisation in enumerate(organisations):
            comment = self._org_comments.get(organisation["id"])
            if comment:
                self.comments.after[f"/organisations/{index}/kind"] = "TODO: " + comment

    # -- steps ---------------------------------------------------------------------------------
    def step(self, index: int, service: Any, by_node: dict[Any, str], organisations: list[dict[str, Any]]) -> dict[str, Any]:
        g = self.g
        pointer = f"/steps/{index}"
        step: dict[str, Any] = {"id": self._steps(_slug_of(g, service, f"stap-{index + 1}"))}
        before: list[str] = []
        title, other = g.text(service, g.DCT.title)
        if title is None:
            title = Text(nl=g.literal(service, g.DCT.identifier) or vocab.humanise(step["id"]))
            self.todo(f"{pointer}/title", _t("de bron noemt geen titel", "the source names no title"))
        elif other:
            self.todo(f"{pointer}/title", _t(f"in de bron alleen in het '{other}'; vertaal",
                                             f"only in '{other}' in the source; translate"))
        step["title"] = self._text_value(title)
        description, _ = g.text(service, g.DCT.description)
        if description is not None and not self.own:
            before.append(self.say(_t("Beschrijving in de bron: ", "Description in the source: ")) + description.get(self.lang)[:300])

        step["organisation"] = self._step_organisation(service, by_node, organisations, pointer)
        # dienstvisie itself writes only UPL products there, whatever their URI
        upls = [str(node) for node in g.nodes(service, g.CV.isClassifiedBy) if _is_upl(str(node)) or self.own]
        if upls:
            step["upl"] = upls[0]
        step["initiative"] = "burger"
        self.todo(f"{pointer}/initiative", _t("burger, overheid of automatisch? CPSV-AP zegt niet wie het initiatief neemt",
                                              "burger, overheid or automatisch? CPSV-AP does not say who takes the initiative"))

        channels = self._channels(service, step["id"])
        if channels:
            step["channels"] = channels
        asks = self._asks(service, pointer)
        if asks:
            step["asks"] = asks
        decision = outcome = False
        foreign_outputs: list[str] = []
        for output in g.nodes(service, g.CPSV.produces):
            kinds = [vocab.own_concept(str(node)) for node in g.nodes(output, g.DCT.type)]
            if ("uitvoer", vocab.OUTPUT_DECISION) in kinds:
                decision = True
            elif ("uitvoer", vocab.OUTPUT_OUTCOME) in kinds:  # format 2: no formal decision
                decision = outcome = True
            else:
                foreign_outputs.append(g.label(output) or g.literal(output, g.DCT.identifier) or str(output))
        if decision:
            step["decision"] = {"kind": vocab.OUTPUT_OUTCOME} if outcome else {}
            self.comments.inside[f"{pointer}/decision"] = [self.say(_t(
                "TODO: explained, appeal, informal_contact_first, discretion (uitleg, bezwaar, eerst informeel contact, "
                "maatwerk): CPSV-AP kent ze niet",
                "TODO: explained, appeal, informal_contact_first, discretion: CPSV-AP has none of them"))]
        if foreign_outputs:
            before.append(self.say(_t(f"Levert op: {'; '.join(foreign_outputs)}",
                                      f"Produces: {'; '.join(foreign_outputs)}")))
        processing = g.literal(service, g.CV.processingTime)
        if processing:
            parsed = vocab.duration_to_days(processing)
            if parsed is None:
                before.append(self.say(_t(f"Doorlooptijd in de bron niet te lezen: {processing}",
                                          f"Processing time in the source cannot be read: {processing}")))
            else:
                days, approximate = parsed
                step["expected_days"] = int(days) if days == int(days) else round(days, 4)
                if approximate:
                    self.comments.after[f"{pointer}/expected_days"] = self.say(_t(
                        f"{processing}: maanden als 30 en jaren als 365 dagen geteld", f"{processing}: months counted as 30 and years as 365 days"))
        dropped = []
        if g.nodes(service, g.CV.hasCost):
            dropped.append(self.say(_t("kosten", "costs")))
        if g.nodes(service, g.CV.hasLegalResource) or g.nodes(service, g.CPSV.follows):
            dropped.append(self.say(_t("wettelijke grondslag en regels", "legal basis and rules")))
        if dropped:
            before.append(self.say(_t("Niet overgenomen: ", "Not kept: ")) + ", ".join(dropped))
        others = [str(node) for node in g.nodes(service, g.CV.isClassifiedBy) if not (_is_upl(str(node)) or self.own)]
        if others:
            before.append(self.say(_t("Ook geclassificeerd als: ", "Also classified as: ")) + ", ".join(others))
        if len(upls) > 1:
            before.append(self.say(_t("Meer UPL-producten: ", "More UPL products: ")) + ", ".join(upls[1:]))
        if before:
            self.comments.before[pointer] = before
        inside = [self.say(_t("TODO handover: gaat de reis hierna naar een andere organisatie? (to, kind: warm|data|cold, shares)",
                              "TODO handover: does the journey go on at another organisation? (to, kind: warm|data|cold, shares)"))]
        if not decision:
            inside.append(self.say(_t(
                "TODO decision: besluit deze stap iets over de persoon? (explained, appeal, informal_contact_first, discretion)",
                "TODO decision: does this step decide about the person? (explained, appeal, informal_contact_first, discretion)")))
        self.comments.inside[pointer] = inside
        return step

    def _step_organisation(self, service: Any, by_node: dict[Any, str], organisations: list[dict[str, Any]],
                           pointer: str) -> str:
        g = self.g
        participants: list[Any] = []
        providers: list[Any] = []
        for participation in g.nodes(service, g.CV.hasParticipation):
            found = g.nodes(participation, g.CV.hasParticipant)
            participants.extend(found)
            roles = [vocab.own_concept(str(node)) for node in g.nodes(participation, g.CV.role)]
            if ("rol", vocab.ROLE_PROVIDER) in roles:
                providers.extend(found)
        authorities = g.nodes(service, g.CV.hasCompetentAuthority)
        for candidates in (providers, authorities, participants):
            for node in candidates:
                if node in by_node:
                    return by_node[node]
        placeholder = "onbekende-organisatie"
        if not any(org["id"] == placeholder for org in organisations):
            organisations.append({"id": placeholder, "name": self.say(_t("Onbekende organisatie", "Unknown organisation")),
                                  "kind": "rijk"})
            self._org_comments[placeholder] = self.say(_t("de bron noemt geen bevoegde organisatie; vul in",
                                                          "the source names no competent authority; fill in"))
            self.gaps.append(_t("organisatie: minstens één dienst noemt geen bevoegde organisatie (cv:hasCompetentAuthority)",
                                "organisation: at least one service names no competent authority (cv:hasCompetentAuthority)"))
        self.todo(f"{pointer}/organisation", _t("onbekend in de bron", "unknown in the source"))
        return placeholder

    def _channels(self, service: Any, step_id: str) -> list[str]:
        g = self.g
        result: list[str] = []
        for node in g.nodes(service, g.CV.hasChannel):
            channel = None
            for kind in g.nodes(node, g.DCT.type):
                own = vocab.own_concept(str(kind))
                if own and own[0] == "kanaal" and own[1] in vocab.CHANNELS:
                    channel = own[1]
                    break
                channel = vocab.channel_from_words(g.label(kind) or "", g.literal(kind, g.SKOS.notation) or "", str(kind))
                if channel:
                    break
            if channel is None:
                description, _ = g.text(node, g.DCT.description, g.DCT.title)
                channel = vocab.channel_from_words(description.get("en") if description else "",
                                                   description.get("nl") if description else "")
            if channel is None:
                kinds = ", ".join(str(kind) for kind in g.nodes(node, g.DCT.type)) or "-"
                name = g.literal(node, g.DCT.identifier) or str(node)
                self.gaps.append(_t(f"kanaal '{name}' van stap '{step_id}': soort {kinds} onbekend, niet overgenomen",
                                    f"channel '{name}' of step '{step_id}': type {kinds} unknown, left out"))
                continue
            if channel not in result:
                result.append(channel)
        return [channel for channel in vocab.CHANNELS if channel in result]  # in the format's own order

    def _asks(self, service: Any, pointer: str) -> list[dict[str, Any]]:
        g = self.g
        asks: list[dict[str, Any]] = []
        inputs = g.nodes(service, g.CPSV.hasInput)
        covered_types: set[Any] = set()
        for evidence in inputs:
            ask: dict[str, Any] = {"data": _slug_of(g, evidence, f"gegeven-{len(asks) + 1}")}
            for dataset in g.nodes(evidence, g.DCT.isPartOf):
                holder = (g.literal(dataset, g.DCT.identifier)
                          or next((g.literal(p, g.DCT.identifier) for p in g.nodes(dataset, g.DCT.publisher)), None)
                          or g.label(dataset) or g.local_name(dataset))
                slug = holder if holder and vocab.is_slug(holder) else vocab.slugify(holder or "")
                if slug:
                    ask["already_known_by"] = slug
                    break
            covered_types.update(g.nodes(evidence, g.DCT.conformsTo))
            self._describe(f"{pointer}/asks/{len(asks)}/data", evidence, "Evidence")
            asks.append(ask)
        known = {ask["data"] for ask in asks}
        for requirement in g.nodes(service, g.CV.holdsRequirement):
            supporting = set(g.nodes(requirement, g.CV.hasSupportingEvidence))
            if supporting and supporting <= set(inputs):
                continue
            slug = _slug_of(g, requirement, f"gegeven-{len(asks) + 1}")
            if slug not in known:
                self._describe(f"{pointer}/asks/{len(asks)}/data", requirement, "Requirement")
                asks.append({"data": slug})
                known.add(slug)
        for evidence_type in g.nodes(service, g.CV.hasInputType):
            if evidence_type in covered_types:
                continue
            slug = _slug_of(g, evidence_type, f"gegeven-{len(asks) + 1}")
            if slug not in known:
                self._describe(f"{pointer}/asks/{len(asks)}/data", evidence_type, "EvidenceType")
                asks.append({"data": slug})
                known.add(slug)
        return asks

    def _describe(self, pointer: str, node: Any, kind: str) -> None:
        if self.own:
            return
        label = self.g.label(node)
        self.comments.after[pointer] = f"{label} ({kind})" if label else f"({kind} {node})"

    def contact(self, services: list[Any]) -> dict[str, Any] | None:
        g = self.g
        points = g.sort(p for s in services for p in g.nodes(s, g.CV.contactPoint))
        if not points:
            return None
        channels: list[str] = []
        for point in points:
            if g.objects(point, g.CV.telephone):
                channels.append("telefoon")
            if g.objects(point, g.CV.email):
                channels.append("email")
            if g.objects(point, g.CV.contactPage):
                channels.append("web")
        contact: dict[str, Any] = {}
        if channels:
            contact["channels"] = [c for c in vocab.CHANNELS if c in channels]
        self.comments.inside["/contact"] = [self.say(_t(
            "TODO: single_point (de organisatie waar iemand altijd terechtkan) en human_contact (is een mens bereikbaar?): "
            "CPSV-AP zegt het niet. Telefoonnummers, e-mailadressen en openingstijden uit de bron zijn niet overgenomen.",
            "TODO: single_point (the organisation a person can always turn to) and human_contact (can a human be "
            "reached?): CPSV-AP does not say. Telephone numbers, email addresses and opening hours from the source "
            "were not kept."))]
        return contact

    def general_gaps(self, data: dict[str, Any]) -> None:
        has_decisions = any("decision" in step for step in data["steps"])
        general = [
            _t("initiatief (initiative) van elke stap: CPSV-AP zegt niet wie het initiatief neemt; ingevuld als 'burger'",
               "initiative of every step: CPSV-AP does not say who takes the initiative; set to 'burger'"),
            _t("overdrachten tussen organisaties (handover): CPSV-AP kent geen overdracht",
               "hand-overs between organisations (handover): CPSV-AP has no hand-over"),
            _t("besluiten en bezwaar (decision: explained, appeal, informal_contact_first, discretion): CPSV-AP kent ze niet"
               + ("; bij stappen met een besluit (cv:Output) staat een lege decision" if has_decisions else ""),
               "decisions and appeal (decision: explained, appeal, informal_contact_first, discretion): CPSV-AP has none"
               + ("; steps with a decision (cv:Output) have an empty decision" if has_decisions else "")),
            _t("eigenaar en mandaat (owner), één aanspreekpunt en menselijk contact (contact.single_point, human_contact)",
               "owner and mandate (owner), single point of contact and human contact (contact.single_point, human_contact)"),
            _t("samen leren (signals), taalniveau en toegankelijkheid per stap (language_level, accessibility)",
               "learning together (signals), language level and accessibility per step (language_level, accessibility)"),
        ]
        self.gaps[:0] = general


def draft_from_graph(graph: Graph, source: str, lang: Language = "nl", notes: list[Text] | None = None) -> Draft:
    """A service-concept draft from a CPSV-AP graph; `source` names the file in comments and errors."""
    importer = _Importer(graph, source, lang, list(notes or []))
    data = importer.build()
    header = [
        importer.say(_t(f"Concept-dienstconcept uit {Path(source).name} (CPSV-AP), gemaakt met `dienstvisie import cpsv-ap`.",
                        f"Service-concept draft from {Path(source).name} (CPSV-AP), made by `dienstvisie import cpsv-ap`.")),
        importer.say(_t("CPSV-AP beschrijft diensten, niet de reis van de persoon: wie het initiatief neemt, overdrachten,",
                        "CPSV-AP describes services, not the person's journey: who takes the initiative, hand-overs,")),
        importer.say(_t("besluiten en bezwaar staan er niet in. Waar het formaat een waarde eist, staat een standaardwaarde",
                        "decisions and appeal are not in it. Where the format needs a value, a default is filled in")),
        importer.say(_t("met TODO erachter. Vul aan, haal de TODO's weg en draai `dienstvisie check`.",
                        "with TODO beside it. Complete it, remove the TODOs and run `dienstvisie check`.")),
        "",
        "TODO:",
        *(f"  - {gap.get(lang)}" for gap in importer.gaps),
    ]
    importer.comments.header = header
    return Draft(text=write_yaml(data, importer.comments), gaps=tuple(importer.gaps))


def read_cpsv_ap(path: str, lang: Language = "nl") -> Draft:
    """Read a CPSV-AP file (JSON-LD or Turtle) into a service-concept draft. Never uses the network."""
    text = read_source(path)
    graph, notes = parse_graph(text, path, syntax_of(path, text))
    return draft_from_graph(graph, path, lang, notes)


IMPORTER = Importer(name="cpsv-ap", title=Text(nl="CPSV-AP 3.2.0 (JSON-LD of Turtle)", en="CPSV-AP 3.2.0 (JSON-LD or Turtle)"),
                    suffixes=(".jsonld", ".json", ".ttl"), read=read_cpsv_ap)
