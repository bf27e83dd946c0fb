"""Hypothesis strategies that generate valid service concepts (as plain data)."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

SLUG = st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,12}", fullmatch=True)
PLAIN = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(lambda s: s.strip() == s and s != "")
TEXT = st.one_of(
    PLAIN,
    st.fixed_dictionaries({"nl": PLAIN}),
    st.fixed_dictionaries({"en": PLAIN}),
    st.fixed_dictionaries({"nl": PLAIN, "en": PLAIN}),
)
CHANNELS = st.lists(st.sampled_from(["balie", "telefoon", "web", "app", "chat", "email", "post", "huisbezoek"]),
                    unique=True, max_size=4)
KINDS = ["gemeente", "uitvoeringsorganisatie", "rijk", "provincie", "waterschap", "maatschappelijk", "private"]
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
def service_concepts(draw: st.DrawFn) -> dict[str, Any]:
    """A schema-valid service concept whose cross-references all resolve."""
    org_ids = draw(st.lists(SLUG, min_size=1, max_size=4, unique=True))
    orgs = [{"id": oid, "name": draw(PLAIN), "kind": draw(st.sampled_from(KINDS))} for oid in org_ids]
    step_ids = draw(st.lists(SLUG, min_size=1, max_size=5, unique=True))
    data_ids = st.lists(SLUG, max_size=3)
    steps = []
    for sid in step_ids:
        step: dict[str, Any] = {
            "id": sid,
            "title": draw(TEXT),
            "organisation": draw(st.sampled_from(org_ids)),
            "initiative": draw(st.sampled_from(["burger", "overheid", "automatisch"])),
        }
        _optional(draw, step, "upl", UPL)
        _optional(draw, step, "legal_duty", st.booleans())
        _optional(draw, step, "channels", CHANNELS)
        if draw(st.booleans()):
            step["asks"] = [
                {"data": d, **({"already_known_by": draw(SLUG)} if draw(st.booleans()) else {})} for d in draw(data_ids)
            ]
        if draw(st.booleans()):
            step["handover"] = {"to": draw(st.sampled_from(org_ids)), "kind": draw(st.sampled_from(["warm", "data", "cold"])),
                                "shares": draw(st.lists(SLUG, unique=True, max_size=3))}
        if draw(st.booleans()):
            step["decision"] = {key: draw(st.booleans()) for key in
                                draw(st.lists(st.sampled_from(["explained", "appeal", "informal_contact_first", "discretion"]),
                                              unique=True))}
        _optional(draw, step, "language_level", st.sampled_from(["A1", "A2", "B1", "B2", "C1", "C2"]))
        _optional(draw, step, "accessibility", st.sampled_from(["WCAG-2.1-AA", "WCAG-2.2-AA", "partial", "unknown"]))
        _optional(draw, step, "expected_days", st.integers(min_value=0, max_value=400))
        steps.append(step)
    doc: dict[str, Any] = {
        "dienstvisie": "1",
        "id": draw(SLUG),
        "title": draw(TEXT),
        "audience": draw(st.lists(st.sampled_from(["burger", "ondernemer"]), min_size=1, unique=True)),
        "organisations": orgs,
        "steps": steps,
    }
    _optional(draw, doc, "summary", TEXT)
    _optional(draw, doc, "life_events", st.lists(SLUG, unique=True, max_size=3))
    _optional(draw, doc, "situations", st.lists(SLUG, unique=True, max_size=2))
    _optional(draw, doc, "upl", UPL)
    if draw(st.booleans()):
        doc["owner"] = {"organisation": draw(st.sampled_from(org_ids))}
        _optional(draw, doc["owner"], "mandate", st.sampled_from(["geen", "ambtelijk", "bestuurlijk", "politiek"]))
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
    if draw(st.booleans()):
        doc["signals"] = {}
        _optional(draw, doc["signals"], "feedback_channel", st.booleans())
        _optional(draw, doc["signals"], "reviewed_with", st.lists(st.sampled_from(org_ids), unique=True))
        _optional(draw, doc["signals"], "measures", st.lists(SLUG, unique=True, max_size=3))
    if draw(st.booleans()):
        doc["assessment"] = [
            {"question": f"P{draw(st.integers(1, 6))}.Q{draw(st.integers(1, 4))}",
             "answer": draw(st.sampled_from(["ja", "deels", "nee", "onbekend"])),
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
