"""Helpers for tests: a strong service concept to start from, and running one check on it."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any

import pytest

from dienstvisie.documents.structure import structure_service
from dienstvisie.documents.load import load_vision, parse, read_text, shipped_vocabularies
from dienstvisie.model.check import Check, CheckContext, Outcome
from dienstvisie.model.report import Report
from dienstvisie.model.text import Text
from dienstvisie.documents.validate import schema_problems, service_reference_problems

TODAY = datetime.date(2026, 11, 29)

_STRONG: dict[str, Any] = {
    "dienstvisie": "1",
    "id": "sterk",
    "title": {"nl": "Regelen na een overlijden", "en": "Arranging matters after a death"},
    "audience": ["burger"],
    "life_events": ["overlijden"],
    "owner": {"organisation": "gemeente", "mandate": "bestuurlijk", "contact": "team levensgebeurtenissen"},
    "organisations": [
        {"id": "gemeente", "name": "Gemeente Utrecht", "kind": "gemeente"},
        {"id": "svb", "name": "Sociale Verzekeringsbank", "kind": "uitvoeringsorganisatie"},
    ],
    "contact": {"single_point": "gemeente", "human_contact": True, "channels": ["balie", "telefoon", "web"]},
    "steps": [
        {
            "id": "aangifte",
            "title": "Aangifte van overlijden",
            "organisation": "gemeente",
            "initiative": "burger",
            "legal_duty": True,
            "channels": ["balie", "web"],
            "asks": [{"data": "akte-van-overlijden"}],
            "handover": {"to": "svb", "kind": "data", "shares": ["bsn", "datum-overlijden"]},
            "language_level": "B1",
            "accessibility": "WCAG-2.1-AA",
            "expected_days": 1,
        },
        {
            "id": "anw",
            "title": "Nabestaandenuitkering (Anw)",
            "organisation": "svb",
            "initiative": "overheid",
            "channels": ["telefoon", "post", "web"],
            "asks": [{"data": "iban"}],
            "decision": {"explained": True, "appeal": True, "informal_contact_first": True, "discretion": True},
            "language_level": "B1",
            "accessibility": "WCAG-2.1-AA",
            "expected_days": 20,
        },
    ],
    "signals": {"feedback_channel": True, "reviewed_with": ["gemeente", "svb"], "measures": ["tevredenheid"]},
}


def strong_service() -> dict[str, Any]:
    """A fresh copy of a schema-valid service concept that honours every design principle."""
    return copy.deepcopy(_STRONG)


def strong_format2_service() -> dict[str, Any]:
    """The strong fixture, declared as format 2."""
    data = strong_service()
    data["dienstvisie"] = "2"
    return data


def checked(data: dict[str, Any], select: list[str]) -> Report:
    """`data` (valid, or the test fails here) checked by the selected checks, on TODAY."""
    import dienstvisie

    assert_valid(data)
    return dienstvisie.check(data, today=TODAY, select=select)


def assert_valid(data: dict[str, Any]) -> None:
    """Fail the test when `data` is not a valid service concept (so a test cannot pass on a broken fixture)."""
    problems = schema_problems(data, "service") + service_reference_problems(data)
    assert not problems, [(p.location.pointer, p.message.en) for p in problems]


def outcomes(check: Check, data: dict[str, Any]) -> list[Outcome]:
    """Run one check's function on a (validated) service concept and return its outcomes."""
    assert_valid(data)
    context = CheckContext(
        service=structure_service(data), vision=load_vision(), vocabularies=shipped_vocabularies(), today=TODAY
    )
    return list(check.function(context))


def failed(check: Check, data: dict[str, Any]) -> list[Outcome]:
    """Only the failed outcomes of one check."""
    return [outcome for outcome in outcomes(check, data) if outcome.kind == "failed"]


# --- helpers for the tests of the built-in checks ---------------------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STRONG_EXAMPLES = ("geboorte-den-haag.yaml", "overlijden-utrecht.yaml")


# --- shared helpers (imported by test_checks_p5 and test_checks_p6) ------------------------------


def with_snippet(snippet: str) -> dict[str, Any]:
    """The strong fixture with a check's example snippet laid over it.

    Top-level keys of the snippet replace the fixture's; `steps` are laid over the fixture's steps
    one by one, by position, so a snippet need only name the fields that matter.
    """
    data = strong_service()
    patch = parse(snippet).data
    assert isinstance(patch, dict), snippet
    for key, value in patch.items():
        if key != "steps":
            data[key] = value
            continue
        for index, step in enumerate(value):
            data["steps"][index].update(step)
    return data


def assert_described(check: Check, principle: str) -> None:
    """Every field a reader or `dienstvisie rules` relies on is there, in both languages."""
    digit = principle[1:]
    assert check.id.startswith(f"DV{digit}") and len(check.id) == 5, check.id
    assert int(check.id[2:]) > int(digit) * 100, f"{check.id}: DV{digit}00 is reserved"
    assert principle in check.principles
    for text in (check.title, check.rationale, check.suggestion):
        assert isinstance(text, Text)
        assert text.nl and text.nl.strip() and text.en and text.en.strip(), check.id
        assert text.nl != text.en, check.id
    for snippet in (check.example_fail, check.example_pass):
        assert snippet and isinstance(parse(snippet).data, dict), check.id
    assert check.example_fail != check.example_pass


def assert_in_id_order(checks: tuple[Check, ...]) -> None:
    ids = [check.id for check in checks]
    assert ids == sorted(ids) and len(set(ids)) == len(ids), ids


def strong_example(name: str) -> dict[str, Any]:
    """A shipped example that its authors call strong; skipped when it is not there (yet)."""
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is not there")
    data = parse(read_text(path), str(path)).data
    assert isinstance(data, dict)
    return data



def unexplained(check: Check, data: dict[str, Any]) -> list[Outcome]:
    """Failures that no explanation in the document covers (same match rule as the engine)."""
    explained = [(e["check"], e.get("step")) for e in data.get("explanations", [])]
    return [f for f in failed(check, data)
            if not any(c == check.id and s in (None, f.step) for c, s in explained)]


def example_data(check: Check, snippet: str) -> dict[str, Any]:
    """The strong fixture with an example snippet laid over it.

    DV104's examples show a step without a hand-over; an overlay cannot delete a key, so the
    fixture's hand-over of the first step is removed here, as the snippet's comment says.
    """
    data = with_snippet(snippet)
    if check.id == "DV104":
        del data["steps"][0]["handover"]
    return data


def text_of(outcome: Outcome) -> tuple[str, str]:
    assert outcome.message is not None and outcome.message.nl and outcome.message.en
    return outcome.message.nl, outcome.message.en


def kinds(check: Check, data: dict[str, Any]) -> list[str]:
    return [outcome.kind for outcome in outcomes(check, data)]
