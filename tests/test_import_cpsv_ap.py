"""Property-based: any valid service concept exports to CPSV-AP that conforms to the CPSV-AP SHACL
shapes, and importing that export gives back everything CPSV-AP can hold (`kept`), through JSON-LD
and Turtle alike. Needs the plugin dienstvisie-cpsv-ap (installed by requirements-dev.txt)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import service_concepts

import dienstvisie

cpsv_ap = pytest.importorskip("dienstvisie_cpsv_ap")

from dienstvisie_cpsv_ap.export import services_graph  # noqa: E402
from dienstvisie_cpsv_ap.importer import draft_from_graph  # noqa: E402
from dienstvisie_cpsv_ap.rdfio import parse_graph, to_jsonld, to_turtle  # noqa: E402
from dienstvisie_cpsv_ap.roundtrip import kept  # noqa: E402
from dienstvisie_cpsv_ap.shacl import shipped_shapes, validate  # noqa: E402

SHAPES = shipped_shapes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(service_concepts())
def test_every_generated_service_exports_to_conforming_cpsv_ap_and_back(data: dict[str, Any]) -> None:
    service = dienstvisie.load_service(data)
    graph = services_graph([service])
    conforms, results, report = validate(graph, SHAPES)
    assert conforms and results == 0, report
    for syntax, text in (("json-ld", to_jsonld(graph)), ("turtle", to_turtle(graph))):
        parsed, notes = parse_graph(text, "generated", syntax)
        assert notes == []
        draft = draft_from_graph(parsed, "generated")
        back = dienstvisie.load_service(draft.text)  # the draft validates
        assert kept(back) == kept(service), syntax
        assert back.steps[0].initiative == "burger"  # the default CPSV-AP cannot fill
