"""`dienstvisie import cpsv-ap FILE`: the specification's own example imports into a valid draft that
`dienstvisie check` reports on; export → import keeps everything CPSV-AP can hold, for every shipped
example; malformed RDF is a clear error (exit 1 or 2), never a traceback."""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import pytest
import yaml

import dienstvisie
from dienstvisie.cli.main import main
from dienstvisie_cpsv_ap.export import services_graph
from dienstvisie_cpsv_ap.importer import draft_from_graph, read_cpsv_ap
from dienstvisie_cpsv_ap.rdfio import parse_graph, to_jsonld, to_turtle
from dienstvisie_cpsv_ap.roundtrip import kept

HERE = Path(__file__).parent
REPO = HERE.parents[2]
SHARED = REPO.parent / "shared" / "data" / "cpsv-ap-3.2.0"
EXAMPLES = REPO / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml")) if EXAMPLES.is_dir() else []
SPEC_EXAMPLES = ["example-rdf_public_service.jsonld", "example-rdf_public_service.ttl"]


def _spec(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must provide ../shared/data beside the repository")
        pytest.skip(f"{path} is not available here")
    return path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


# -- the specification's own example -----------------------------------------------------------------

@pytest.mark.parametrize("name", SPEC_EXAMPLES)
def test_the_specification_example_imports_into_a_valid_draft(name: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "concept.yaml"
    code, out, err = _run(["import", "cpsv-ap", str(_spec(name)), "-o", str(target), "--lang", "en"], capsys)
    assert code == 0 and out == ""
    text = target.read_text(encoding="utf-8")
    service = dienstvisie.load_service(text)  # valid: schema and references
    assert service.id == "tax-on-web" and service.title.get("en") == "Tax-on-web"
    assert [(o.id, o.name, o.kind) for o in service.organisations] == [
        ("federale-overheidsdiesnt-financien", "Federale Overheidsdiesnt FINANCIEN", "rijk")]
    (step,) = service.steps
    assert step.organisation == "federale-overheidsdiesnt-financien"
    assert [ask.data for ask in step.asks] == ["evi-123"]  # the evidence; the requirement and type it covers add nothing
    assert service.contact is not None and service.contact.channels == ("telefoon",)
    assert service.summary is not None and "déclaration" in service.summary.get("nl")
    # what CPSV-AP cannot say is marked in the draft and reported on stderr
    assert "# TODO:" in text and "initiative: burger  # TODO" in text and "TODO handover" in text
    assert "Not filled in (8)" in err
    for words in ("initiative", "hand-overs", "decisions and appeal", "audience", "guessed from the name",
                  "b37115f83e"):
        assert words in err, words
    assert "Traceback" not in err


@pytest.mark.parametrize("name", SPEC_EXAMPLES)
def test_check_reports_on_the_imported_specification_example(name: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "concept.yaml"
    assert main(["import", "cpsv-ap", str(_spec(name)), "-o", str(target)]) == 0
    capsys.readouterr()
    code, out, _ = _run(["check", str(target), "--isolated", "--format", "json"], capsys)
    assert code in (0, 1)
    report = json.loads(out)
    (service,) = report["services"]
    assert service["id"] == "tax-on-web" and report["errors"] == []
    checks = {finding["check"] for finding in service["findings"]}
    assert {"DV101", "DV002"} <= checks  # e.g. no single point of contact yet; 'evi-123' is an own data id


def test_json_ld_and_turtle_of_the_specification_give_the_same_draft() -> None:
    drafts = [read_cpsv_ap(str(_spec(name)), "nl") for name in SPEC_EXAMPLES]
    first, second = (yaml.safe_load(draft.text) for draft in drafts)
    assert first == second
    assert drafts[0].gaps == drafts[1].gaps


def test_the_importer_is_reachable_from_python() -> None:
    importer = dienstvisie.load_plugins().importers()["cpsv-ap"]
    assert isinstance(importer, dienstvisie.Importer)
    draft = importer.read(str(_spec(SPEC_EXAMPLES[0])), "en")
    assert isinstance(draft, dienstvisie.Draft)
    assert all(isinstance(gap, dienstvisie.Text) and gap.nl and gap.en for gap in draft.gaps)


# -- round trip ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("syntax", ["json-ld", "turtle"])
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_export_then_import_keeps_what_cpsv_ap_can_hold(example: Path, syntax: str) -> None:
    service = dienstvisie.load_service(example)
    graph = services_graph([service])
    text = to_jsonld(graph) if syntax == "json-ld" else to_turtle(graph)
    parsed, _ = parse_graph(text, f"{example.stem}.x", syntax)
    draft = draft_from_graph(parsed, f"{example.stem}.x")
    back = dienstvisie.load_service(draft.text)
    assert kept(back) == kept(service)
    assert [step.id for step in back.steps] == [step.id for step in service.steps]  # the journey's order


def test_round_trip_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = EXAMPLES / "werkloos-uwv.yaml"
    if not example.is_file():
        pytest.skip("only inside the dienstvisie repository")
    exported = tmp_path / "werkloos.ttl"
    assert main(["check", str(example), "--isolated", "--format", "cpsv-ap-turtle", "-o", str(exported)]) in (0, 1)
    code, out, err = _run(["import", "cpsv-ap", str(exported)], capsys)
    assert code == 0
    back = dienstvisie.load_service(out)
    assert kept(back) == kept(dienstvisie.load_service(example))
    assert "Niet ingevuld (5)" in err  # only what CPSV-AP cannot hold at all
    # the ww-besluit step decides: its decision is there, empty, with what to fill in
    assert "decision: {}" in out and "appeal" in out


# -- other catalogues ---------------------------------------------------------------------------------

FOREIGN = textwrap.dedent("""\
    @prefix cpsv: <http://purl.org/vocab/cpsv#> .
    @prefix cv: <http://data.europa.eu/m8g/> .
    @prefix dct: <http://purl.org/dc/terms/> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix ex: <http://example.org/> .

    ex:event a cv:LifeEvent ; dct:identifier "EV-1" ; dct:title "Geboorte van een kind"@nl ;
        dct:type ex:birth ; cv:hasRelatedService ex:b, ex:a .
    ex:birth a skos:Concept ; skos:prefLabel "Geboorte"@nl .
    ex:a a cpsv:PublicService ; dct:identifier "Aangifte Geboorte" ; dct:title "Aangifte van geboorte"@nl ;
        dct:description "Binnen drie dagen."@nl ;
        cv:hasCompetentAuthority ex:gemeente ; cv:isGroupedBy ex:event ;
        cv:isClassifiedBy <http://standaarden.overheid.nl/owms/terms/geboorteaangifte>, ex:other ;
        cv:hasChannel ex:desk, ex:weird ; cv:processingTime "P3D" ;
        cv:holdsRequirement ex:req .
    ex:b a cpsv:PublicService ; dct:identifier "KB" ; dct:title "Kinderbijslag"@nl, "Child benefit"@en ;
        dct:requires ex:a ; cv:hasCompetentAuthority ex:svb ; cv:processingTime "P1M" ;
        cpsv:produces ex:beschikking ; cv:hasCost ex:cost ;
        cpsv:hasInput ex:bsn .
    ex:gemeente a cv:PublicOrganisation ; skos:prefLabel "Gemeente Voorbeeldstad"@nl .
    ex:svb a cv:PublicOrganisation ; skos:prefLabel "Sociale Verzekeringsbank"@nl .
    ex:desk a cv:Channel ; dct:identifier "c1" ; dct:type ex:counter .
    ex:counter a skos:Concept ; skos:prefLabel "Service desk"@en .
    ex:weird a cv:Channel ; dct:identifier "c2" ; dct:type ex:code-77 .
    ex:req a cv:Requirement ; dct:identifier "Identiteitsbewijs" ; dct:title "Geldig identiteitsbewijs"@nl .
    ex:bsn a cv:Evidence ; dct:identifier "bsn" ; dct:title "BSN"@nl ; dct:isPartOf ex:brp .
    ex:brp dct:identifier "BRP" ; dct:title "Basisregistratie Personen"@nl .
    ex:beschikking a cv:Output ; dct:title "Beschikking kinderbijslag"@nl .
    """)


def test_a_catalogue_from_elsewhere(tmp_path: Path) -> None:
    source = tmp_path / "catalogus.ttl"
    source.write_text(FOREIGN, encoding="utf-8")
    draft = read_cpsv_ap(str(source), "nl")
    service = dienstvisie.load_service(draft.text)
    assert service.id == "ev-1" and service.title.get("nl") == "Geboorte van een kind"
    assert service.life_events == ("geboorte",)
    assert service.audience == ("burger",)  # a life event: citizens
    assert [step.id for step in service.steps] == ["aangifte-geboorte", "kb"]  # kb requires the other one
    first, second = service.steps
    assert first.upl == "http://standaarden.overheid.nl/owms/terms/geboorteaangifte"
    assert first.channels == ("balie",) and first.expected_days == 3
    assert [ask.data for ask in first.asks] == ["identiteitsbewijs"]  # a requirement without evidence
    assert second.title.get("en") == "Child benefit" and second.expected_days == 30
    assert [(ask.data, ask.already_known_by) for ask in second.asks] == [("bsn", "brp")]
    assert second.decision is None  # an output is not necessarily a decision: the team says
    assert {o.id: o.kind for o in service.organisations} == {"gemeente-voorbeeldstad": "gemeente",
                                                             "sociale-verzekeringsbank": "uitvoeringsorganisatie"}
    text = draft.text
    assert "Levert op: Beschikking kinderbijslag" in text and "Niet overgenomen: kosten" in text
    assert "Ook geclassificeerd als: http://example.org/other" in text
    assert "P1M: maanden als 30" in text
    assert any("code-77" in gap.get("nl") for gap in draft.gaps)


# -- errors -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "expected"), [
    ("kapot.jsonld", '{"@graph": [ {"@id": "x", }', ":1: error: not valid JSON"),
    ("kapot.ttl", "@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c ;\n   ex:d .. \n", ":4: error: not valid Turtle"),
    ("kapot.ttl", "ex:a ex:b ex:c .\n", "not valid Turtle"),
    ("leeg.jsonld", "[]", "no public service"),
    ("getal.jsonld", "42", "must be an object or a list"),
    ("geen-dienst.ttl", "<http://example.org/a> <http://example.org/b> \"c\" .\n", "no public service"),
    ("context.jsonld", '{"@context": 5, "@id": "http://example.org/a"}', "not valid JSON-LD"),
    ("ver-weg.jsonld", '{"@context": "https://example.org/context.jsonld", "@id": "x"}', "never fetches"),
    ("import.jsonld", '{"@context": {"@import": "https://example.org/c.jsonld"}, "@id": "x"}', "never fetches"),
    ("binair.ttl", "\x00\x01\x02", "binary"),
])
def test_malformed_input_is_a_clear_error_without_traceback(name: str, content: str, expected: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    target = tmp_path / "concept.yaml"
    code, out, err = _run(["import", "cpsv-ap", str(source), "-o", str(target), "--lang", "en"], capsys)
    assert code in (1, 2)
    assert code == 1
    assert expected in err, err
    assert str(source) in err and "Traceback" not in err and out == ""
    assert not target.exists()


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["import", "cpsv-ap", str(tmp_path / "er-niet.ttl"), "--lang", "en"], capsys)
    assert code == 2 and "does not exist" in err
    code, _, err = _run(["import", "cpsv-ap", str(tmp_path), "--lang", "en"], capsys)
    assert code == 2 and "folder" in err
    code, _, err = _run(["import", "cpsf-ap", str(tmp_path)], capsys)
    assert code == 2 and "cpsv-ap" in err


def test_not_utf8_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "latin.ttl"
    source.write_bytes("# caf\xe9\n".encode("latin-1"))
    code, _, err = _run(["import", "cpsv-ap", str(source), "--lang", "en"], capsys)
    assert code == 1 and "UTF-8" in err


# -- hostile text ---------------------------------------------------------------------------------------

CONTROL = "\x1b[2J\x1b]0;pwned\x07 beep\r over \x00 nul \x9b31m \x08"
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_control_characters_survive_the_round_trip_as_text_and_never_raw(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    data = {
        "dienstvisie": "1", "id": "vijandig", "title": {"nl": f"Titel {CONTROL}", "en": "a\nb \u2028 c"},
        "audience": ["burger"],
        "organisations": [{"id": "gemeente", "name": f"Gemeente {CONTROL}", "kind": "gemeente"}],
        "steps": [{"id": "stap", "title": f"--- # {CONTROL} ]]> \"'", "organisation": "gemeente", "initiative": "burger"}],
    }
    service = dienstvisie.load_service(data)
    graph = services_graph([service])
    for syntax, text in (("json-ld", to_jsonld(graph)), ("turtle", to_turtle(graph))):
        assert RAW.search(text) is None, syntax
        parsed, _ = parse_graph(text, "x", syntax)
        draft = draft_from_graph(parsed, "x")
        assert RAW.search(draft.text) is None, syntax
        assert kept(dienstvisie.load_service(draft.text)) == kept(service), syntax


def test_a_hostile_catalogue_gives_a_safe_draft_and_safe_messages(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "vijandig.ttl"
    source.write_text(textwrap.dedent("""\
        @prefix cpsv: <http://purl.org/vocab/cpsv#> .
        @prefix cv: <http://data.europa.eu/m8g/> .
        @prefix dct: <http://purl.org/dc/terms/> .
        <http://example.org/s> a cpsv:PublicService ; dct:identifier "\\u001B[2J" ;
            dct:title "Dienst \\u001B]0;pwned\\u0007"@nl ; dct:description "# comment\\n---\\nkey: value"@nl ;
            cv:hasChannel <http://example.org/c> ; cpsv:hasInput <http://example.org/e> .
        <http://example.org/c> a cv:Channel ; dct:identifier "kanaal \\u009B31m" ; dct:type <http://example.org/t\\u0007> .
        <http://example.org/e> a cv:Evidence ; dct:title "Bewijs \\u001B[31m"@nl .
        """), encoding="utf-8")
    target = tmp_path / "concept.yaml"
    code, _, err = _run(["import", "cpsv-ap", str(source), "-o", str(target)], capsys)
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert RAW.search(text) is None and RAW.search(err) is None
    service = dienstvisie.load_service(text)
    assert service.steps[0].title.get("nl") == "Dienst \x1b]0;pwned\x07"  # the text itself is kept, escaped
    assert "\nkey: value" not in text  # a description cannot add keys to the draft


# -- bounded by triples and JSON values, not only by bytes -------------------------------------------

def _turtle(triples: int) -> str:
    return "@prefix : <http://example.org/> .\n:s :p " + ", ".join(str(i) for i in range(triples)) + " .\n"


def test_a_million_triples_in_seven_megabytes_are_refused_at_the_limit(tmp_path: Path) -> None:
    """Under the byte limit, but a million triples: the parse stops at 100,000 (seconds, not half a minute)."""
    import subprocess
    import sys

    source = tmp_path / "groot.ttl"
    source.write_text(_turtle(1_000_000), encoding="utf-8")
    assert 7_000_000 < source.stat().st_size < 10 * 1024 * 1024
    target = tmp_path / "concept.yaml"
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "import", "cpsv-ap", str(source), "-o", str(target),
                             "--lang", "en"], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert f"{source}: error: more than 100000 triples: too large to read as a service description" in result.stderr
    assert "DIENSTVISIE_MAX_TRIPLES" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists() and result.stdout == ""


@pytest.mark.parametrize("syntax", ["turtle", "json-ld"])
def test_the_parser_stops_at_the_triple_limit(syntax: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from dienstvisie_cpsv_ap import bounded

    monkeypatch.setenv("DIENSTVISIE_MAX_TRIPLES", "50")
    added: list[int] = []
    real = bounded.counting_store

    def watched(maximum: int) -> object:
        store = real(maximum)
        added.append(0)
        original = store.add

        def add(*args: object, **kwargs: object) -> None:
            added[-1] += 1
            original(*args, **kwargs)

        store.add = add
        return store

    monkeypatch.setattr("dienstvisie_cpsv_ap.rdfio.counting_store", watched)
    text = _turtle(5000) if syntax == "turtle" else json.dumps(
        {"@id": "http://example.org/s", "http://example.org/p": list(range(5000))})
    with pytest.raises(dienstvisie.DocumentError) as caught:
        parse_graph(text, "veel." + ("ttl" if syntax == "turtle" else "jsonld"), syntax)
    assert caught.value.problems[0].code == "cpsv.too_large"
    assert "more than 50 triples" in caught.value.problems[0].message.get("en")
    assert added == [51]  # not one triple more is read
    graph, _ = parse_graph(_turtle(50), "genoeg.ttl", "turtle")
    assert len(graph) == 50


def test_json_ld_with_too_many_values_is_refused_before_rdflib_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIENSTVISIE_MAX_JSON_NODES", "1000")
    text = json.dumps({"@graph": [{"@id": f"http://example.org/{i}"} for i in range(400)]})
    with pytest.raises(dienstvisie.DocumentError) as caught:
        parse_graph(text, "veel.jsonld", "json-ld")
    assert "more than 1000 JSON values" in caught.value.problems[0].message.get("en")
    assert "meer dan 1000 JSON-waarden" in caught.value.problems[0].message.get("nl")
    monkeypatch.setenv("DIENSTVISIE_MAX_JSON_NODES", "0")  # not a limit: the default holds
    parse_graph(text, "veel.jsonld", "json-ld")


def test_any_number_of_triples_is_read_whole_or_refused_at_the_limit() -> None:
    """Fuzzed: statements spread over subjects and objects in Turtle and JSON-LD, with any limit;
    at or under it the graph is whole, past it the import is refused, never anything else."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=300),
           st.integers(min_value=1, max_value=20), st.sampled_from(["turtle", "json-ld"]))
    def property(triples: int, limit: int, subjects: int, syntax: str) -> None:
        statements = [(f"http://example.org/s{i % subjects}", f"http://example.org/p{i % 3}", i) for i in range(triples)]
        if syntax == "turtle":
            text = "".join(f"<{s}> <{p}> {o} .\n" for s, p, o in statements)
        else:
            text = json.dumps([{"@id": s, p: o} for s, p, o in statements])
        os.environ["DIENSTVISIE_MAX_TRIPLES"] = str(limit)
        try:
            graph, _ = parse_graph(text, "f." + ("ttl" if syntax == "turtle" else "jsonld"), syntax)
        except dienstvisie.DocumentError as error:
            assert triples > limit, error
            assert error.problems[0].code == "cpsv.too_large"
        else:
            assert triples <= limit and len(graph) == triples
        finally:
            del os.environ["DIENSTVISIE_MAX_TRIPLES"]

    property()


@pytest.mark.parametrize("value", ["0-...", "0...", "Meer lezen...", "...", "abc", None, 3, "0", "ja", [1, "a..."]])
def test_a_scalar_in_the_draft_reads_back_as_itself(value: object) -> None:
    """The draft's YAML writer drops PyYAML's document end marker, never dots that end the value
    (a service id `0-...` once came back as `0-`, and `0...` as the number 0)."""
    from dienstvisie_cpsv_ap.yamltext import scalar

    assert yaml.safe_load(f"key: {scalar(value)}\n") == {"key": value}
