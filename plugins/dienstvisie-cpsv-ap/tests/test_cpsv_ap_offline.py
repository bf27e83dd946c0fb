"""Never a network request: with every way out of the process blocked (sockets, name lookups,
urllib), the specification's example — whose @context is a web address — still imports, and every
example still exports, parses back and validates against the SHACL shapes."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import dienstvisie
from dienstvisie.cli.main import main
from dienstvisie_cpsv_ap.export import services_graph
from dienstvisie_cpsv_ap.importer import read_cpsv_ap
from dienstvisie_cpsv_ap.rdfio import local_context, parse_graph, read_source, to_jsonld
from dienstvisie_cpsv_ap.shacl import shipped_shapes, validate

HERE = Path(__file__).parent
REPO = HERE.parents[2]
SPEC = REPO.parent / "shared" / "data" / "cpsv-ap-3.2.0" / "example-rdf_public_service.jsonld"
EXAMPLES = REPO / "examples"


class NetworkUsed(AssertionError):
    """Raised by every blocked way to the network."""


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args)[:200])
        raise NetworkUsed(f"network use: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    yield attempts
    assert attempts == []


def test_the_blockade_works(offline: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        urllib.request.urlopen("https://semiceu.github.io/")
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 443))
    offline.clear()


def test_the_specification_example_imports_offline(offline: list[str], tmp_path: Path) -> None:
    if not SPEC.is_file():
        pytest.skip("shared/data is not available here")
    assert "semiceu.github.io" in SPEC.read_text(encoding="utf-8")  # its context is a web address
    draft = read_cpsv_ap(str(SPEC), "en")
    assert dienstvisie.load_service(draft.text).id == "tax-on-web"
    target = tmp_path / "concept.yaml"
    assert main(["import", "cpsv-ap", str(SPEC), "-o", str(target)]) == 0


def test_export_parse_and_validate_offline(offline: list[str], tmp_path: Path) -> None:
    if not EXAMPLES.is_dir():
        pytest.skip("only inside the dienstvisie repository")
    target = tmp_path / "export.jsonld"
    assert main(["check", str(EXAMPLES), "--isolated", "--format", "cpsv-ap", "-o", str(target)]) in (0, 1)
    graph, _ = parse_graph(read_source(str(target)), str(target))
    conforms, _, report = validate(graph, shipped_shapes())
    assert conforms, report


def test_the_remote_context_is_read_from_the_package(offline: list[str]) -> None:
    service = dienstvisie.load_service(EXAMPLES / "geboorte-den-haag.yaml") if EXAMPLES.is_dir() else None
    if service is None:
        pytest.skip("only inside the dienstvisie repository")
    text = to_jsonld(services_graph([service]))
    graph, notes = parse_graph(text, "x.jsonld")
    assert notes == [] and len(graph) > 50
    assert local_context()["PublicService"] == "http://purl.org/vocab/cpsv#PublicService"


def test_another_remote_context_is_refused_not_fetched(offline: list[str]) -> None:
    text = '{"@context": ["https://example.org/other.jsonld"], "@id": "http://example.org/a"}'
    with pytest.raises(dienstvisie.DocumentError) as caught:
        parse_graph(text, "x.jsonld")
    assert "never fetches" in caught.value.problems[0].message.get("en")


def test_an_older_cpsv_ap_context_is_read_as_3_2_0_and_said_so(offline: list[str]) -> None:
    text = ('{"@context": ["https://semiceu.github.io/CPSV-AP/releases/3.1.0/context/cpsv-ap.jsonld"], '
            '"@id": "http://example.org/a", "@type": "PublicService"}')
    graph, notes = parse_graph(text, "x.jsonld")
    assert len(graph) == 1 and "3.1.0" in notes[0].get("en")


@pytest.mark.parametrize("document", [
    # a scoped context inside a term definition
    '{"@context": {"x": {"@id": "http://example.org/x", "@context": "https://example.org/scoped.jsonld"}}, '
    '"@id": "http://example.org/a", "x": {"@id": "http://example.org/b"}}',
    # a context inside a node
    '{"@graph": [{"@context": "https://example.org/inner.jsonld", "@id": "http://example.org/a"}]}',
    # a relative context, which would be fetched relative to the file
    '{"@context": "context.jsonld", "@id": "http://example.org/a"}',
])
def test_contexts_anywhere_are_never_fetched(offline: list[str], document: str) -> None:
    with pytest.raises(dienstvisie.DocumentError) as caught:
        parse_graph(document, "x.jsonld")
    assert "never fetches" in caught.value.problems[0].message.get("en")
