"""Hypothesis strategies that generate valid service concepts (as plain data), in format 1 or 2.

Closed vocabularies (enums) are read from the shipped schema, never copied here: a value added to
the schema is generated at once, and a value marked `x-values-since` only in documents of that format.
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from dienstvisie.schemas import load_schema

_SCHEMA = load_schema("service")


def _enum(node: dict[str, Any], version: str = "2") -> list[Any]:
    """The values of an enum the schema allows in a document of format `version`."""
    since = node.get("x-values-since", {})
    return [value for value in node["enum"] if int(since.get(value, "1")) <= int(version)]


def enum(version: str, *path: str) -> st.SearchStrategy[Any]:
    """A value of the enum at `path` (property names; `$defs/NAME` to start in a definition)."""
    node: dict[str, Any] = _SCHEMA
    for token in path:
        if token.startswith("$defs/"):
            node = _SCHEMA["$defs"][token[len("$defs/"):]]
            continue
        node = node["properties"][token] if "properties" in node else node[token]
        while "$ref" in node:
            node = _SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        if "items" in node and "enum" not in node:
            node = node["items"]
    return st.sampled_from(_enum(node, version))


SLUG = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,12}", fullmatch=True)
PLAIN = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(lambda s: s.strip() == s and s != "")
TEXT = st.one_of(
    PLAIN,
    st.fixed_dictionaries({"nl": PLAIN}),
    st.fixed_dictionaries({"en": PLAIN}),
    st.fixed_dictionaries({"nl": PLAIN, "en": PLAIN}),
)
CHANNELS = st.lists(st.sampled_from(_SCHEMA["$defs"]["channels"]["items"]["enum"]), unique=True, max_size=4)
# UPL references: real products of the Uniforme Productnamenlijst, and URIs it does not know
UPL = st.one_of(
    st.sampled_from(["http://standaarden.overheid.nl/owms/terms/overlijdensaangifte",
                     "http://standaarden.overheid.nl/owms/terms/kinderbijslag",
                     "http://standaarden.overheid.nl/owms/terms/bijstand"]),
    st.from_regex(r"https?://[a-z0-9.]{1,12}/[A-Za-z0-9_/-]{0,20}", fullmatch=True),
)


def _optional(draw: st.DrawFn, target: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        target[key] = draw(strategy)


@st.composite
def service_concepts(draw: st.DrawFn, formats: tuple[str, ...] = ("1", "2")) -> dict[str, Any]:
    """A schema-valid service concept whose cross-references all resolve, in one of `formats`."""
    version = draw(st.sampled_from(formats))
    two = version == "2"
    org_ids = draw(st.lists(SLUG, min_size=1, max_size=4, unique=True))
    orgs: list[dict[str, Any]] = [{"id": oid, "name": draw(PLAIN), "kind": draw(enum(version, "organisations", "kind"))}
                                  for oid in org_ids]
    teams_of: dict[str, list[str]] = {}
    if two:
        team_ids = draw(st.lists(SLUG.filter(lambda s: s not in org_ids), max_size=3, unique=True))
        for team_id in team_ids:
            owner = draw(st.sampled_from(orgs))
            owner.setdefault("teams", []).append({"id": team_id, "name": draw(PLAIN)})
            teams_of.setdefault(owner["id"], []).append(team_id)
    all_teams = [team for teams in teams_of.values() for team in teams]
    people = draw(st.lists(SLUG, max_size=2, unique=True)) if two else []
    registers = draw(st.lists(SLUG, max_size=2, unique=True)) if two else []
    situations = draw(st.lists(SLUG, unique=True, max_size=2))
    step_ids = draw(st.lists(SLUG, min_size=1, max_size=5, unique=True))
    data_ids = st.lists(SLUG, max_size=3)
    steps = []
    for index, sid in enumerate(step_ids):
        organisation = draw(st.sampled_from(org_ids))
        step: dict[str, Any] = {
            "id": sid,
            "title": draw(TEXT),
            "organisation": organisation,
            "initiative": draw(enum(version, "$defs/step", "initiative")),
        }
        _optional(draw, step, "upl", UPL)
        _optional(draw, step, "legal_duty", st.booleans())
        _optional(draw, step, "channels", CHANNELS)
        if draw(st.booleans()):
            asks = []
            for d in draw(data_ids):
                ask: dict[str, Any] = {"data": d}
                _optional(draw, ask, "already_known_by", SLUG)
                if two:
                    _optional(draw, ask, "mode", enum(version, "$defs/step", "asks", "mode"))
                    _optional(draw, ask, "periodic", st.booleans())
                asks.append(ask)
            step["asks"] = asks
        handover_to = st.sampled_from(org_ids + all_teams)

        def handover() -> dict[str, Any]:
            item: dict[str, Any] = {"to": draw(handover_to), "kind": draw(enum(version, "$defs/handover", "kind")),
                                    "shares": draw(st.lists(SLUG, unique=True, max_size=3))}
            if two:
                _optional(draw, item, "legal_basis", PLAIN)
            return item

        if draw(st.booleans()):
            if two and draw(st.booleans()):
                step["handovers"] = [handover() for _ in range(draw(st.integers(1, 3)))]
            else:
                step["handover"] = handover()
        if draw(st.booleans()):
            step["decision"] = {key: draw(st.booleans()) for key in
                                draw(st.lists(st.sampled_from(["explained", "appeal", "informal_contact_first", "discretion"]),
                                              unique=True))}
            if two:
                _optional(draw, step["decision"], "kind", enum(version, "$defs/step", "decision", "kind"))
                _optional(draw, step["decision"], "complaint", st.booleans())
                if draw(st.booleans()):
                    step["decision"]["deadline_days"] = draw(st.integers(0, 400))
                    step["decision"]["deadline_source"] = draw(PLAIN)
        _optional(draw, step, "language_level", enum(version, "$defs/step", "language_level"))
        _optional(draw, step, "accessibility", enum(version, "$defs/step", "accessibility"))
        _optional(draw, step, "expected_days", st.integers(min_value=0, max_value=400))
        if two:
            if teams_of.get(organisation):
                _optional(draw, step, "team", st.sampled_from(teams_of[organisation]))
            _optional(draw, step, "after", st.lists(st.sampled_from(step_ids[:index]), unique=True) if index else st.just([]))
            applies = st.one_of(TEXT, st.fixed_dictionaries({"situations": st.lists(st.sampled_from(situations), min_size=1,
                                                                                      unique=True)})) if situations else TEXT
            _optional(draw, step, "applies_to", applies)
            if people:
                _optional(draw, step, "acted_by", st.sampled_from(people))
            if draw(st.booleans()):
                sources = st.sampled_from(registers + org_ids)
                step["fetches"] = [{"data": draw(SLUG), "from": draw(sources),
                                    **({"legal_basis": draw(PLAIN)} if draw(st.booleans()) else {})}
                                   for _ in range(draw(st.integers(0, 2)))]
            _optional(draw, step, "offer", st.fixed_dictionaries({}, optional={"can_decline": st.booleans()}))
        steps.append(step)
    doc: dict[str, Any] = {
        "dienstvisie": version,
        "id": draw(SLUG),
        "title": draw(TEXT),
        "audience": draw(st.lists(enum(version, "audience"), min_size=1, unique=True)),
        "organisations": orgs,
        "steps": steps,
    }
    _optional(draw, doc, "summary", TEXT)
    _optional(draw, doc, "life_events", st.lists(SLUG, unique=True, max_size=3))
    if situations or draw(st.booleans()):
        doc["situations"] = situations
    _optional(draw, doc, "upl", UPL)
    if people:
        doc["people"] = [{"id": pid, "role": draw(enum(version, "people", "role")),
                          **({"name": draw(TEXT)} if draw(st.booleans()) else {})} for pid in people]
    if registers:
        doc["registers"] = [{"id": rid, **({"kept_by": draw(st.sampled_from(org_ids))} if draw(st.booleans()) else {}),
                             **({"name": draw(PLAIN)} if draw(st.booleans()) else {})} for rid in registers]
    if draw(st.booleans()):
        doc["owner"] = {"organisation": draw(st.sampled_from(org_ids))}
        _optional(draw, doc["owner"], "mandate", enum(version, "owner", "mandate"))
        _optional(draw, doc["owner"], "contact", PLAIN)
    if draw(st.booleans()):
        doc["contact"] = {}
        _optional(draw, doc["contact"], "single_point", st.one_of(st.none(), st.sampled_from(org_ids)))
        _optional(draw, doc["contact"], "human_contact", st.booleans())
        _optional(draw, doc["contact"], "channels", CHANNELS)
    if draw(st.booleans()):
        doc["coordination"] = {}
        _optional(draw, doc["coordination"], "single_plan", st.booleans())
        _optional(draw, doc["coordination"], "coordinator", st.sampled_from(org_ids))
        if two:
            _optional(draw, doc["coordination"], "organisations", st.lists(st.sampled_from(org_ids), unique=True))
    if draw(st.booleans()):
        doc["signals"] = {}
        _optional(draw, doc["signals"], "feedback_channel", st.booleans())
        _optional(draw, doc["signals"], "reviewed_with", st.lists(st.sampled_from(org_ids), unique=True))
        _optional(draw, doc["signals"], "measures", st.lists(SLUG, unique=True, max_size=3))
    if draw(st.booleans()):
        doc["assessment"] = [
            {"question": f"P{draw(st.integers(1, 6))}.Q{draw(st.integers(1, 4))}",
             "answer": draw(enum(version, "assessment", "answer")),
             **({"evidence": draw(PLAIN)} if draw(st.booleans()) else {})}
            for _ in range(draw(st.integers(0, 4)))
        ]
    if draw(st.booleans()):
        explanations = []
        for _ in range(draw(st.integers(0, 3))):
            item: dict[str, Any] = {"check": draw(st.from_regex(r"DV[1-6]0[1-5]", fullmatch=True)), "reason": draw(PLAIN)}
            _optional(draw, item, "step", st.sampled_from(step_ids))
            _optional(draw, item, "decided_by", PLAIN)
            _optional(draw, item, "until", st.dates(datetime.date(2020, 1, 1), datetime.date(2035, 12, 31)).map(str))
            explanations.append(item)
        doc["explanations"] = explanations
    return doc
