"""The portfolio view: the aggregation (a pure function over reports), its four formats, the command."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from markdown_it import MarkdownIt
from support import TODAY, assert_valid, strong_service
from test_export_common import HOSTILE_TITLE, hostile_service
from test_export_html import _assert_self_contained, _parse, _text
from test_parallel import generated_folder, run

import dienstvisie
from dienstvisie.pipeline.checker import all_checks, resolve_vision
from dienstvisie.exporters.portfolio_report import (
    number,
    portfolio_to_data,
    render_portfolio_html,
    render_portfolio_json,
    render_portfolio_markdown,
    render_portfolio_text,
    sparkline,
)
from dienstvisie.model.check import Severity
from dienstvisie.model.portfolio import Portfolio, ServiceSummary
from dienstvisie.model.report import Report
from dienstvisie.plugins.manager import load_plugins
from dienstvisie.analysis.portfolio import aggregate, portfolio, summarise
from dienstvisie.documents.validate import schema_problems

PLUGINS = load_plugins(entry_points=False)
VISION = resolve_vision(None, PLUGINS)
CHECKS = all_checks(VISION, PLUGINS)


def check(data: dict[str, Any], file: str | None = None) -> Report:
    assert_valid(data)
    if file is not None:
        return dienstvisie.check(dienstvisie.read_service(yaml.safe_dump(data, allow_unicode=True), filename=file),
                                 plugins=PLUGINS, today=TODAY)
    return dienstvisie.check(data, plugins=PLUGINS, today=TODAY)


def weak(service_id: str, cold_to: str = "svb") -> dict[str, Any]:
    """The strong service with a cold hand-over to `cold_to` and an ask for the BSN, which the BRP holds."""
    data = strong_service()
    data["id"] = service_id
    data["organisations"].append({"id": "uwv", "name": "UWV", "kind": "uitvoeringsorganisatie"})
    data["steps"][0]["handover"] = {"to": cold_to, "kind": "cold"}
    data["steps"][1]["asks"].append({"data": "bsn"})
    return data


def summary(**changes: Any) -> ServiceSummary:
    base = ServiceSummary(service="s", file=None, failing=False, life_events=(), scores=(), statuses=(), failed_checks=(),
                          explained_checks=(), organisations=(), steps_per_organisation=(), failed_at_organisation=(),
                          failed_handovers_to=(), cold_handovers_to=(), asks=(), asks_held=(), failed_at_data=())
    return attrs.evolve(base, **changes)


def make(summaries: list[ServiceSummary], **options: Any) -> Portfolio:
    return aggregate(summaries, vision=VISION, checks=CHECKS, vocabularies=PLUGINS.vocabularies(), **options)


# --------------------------------------------------------------------------------------- aggregation

def test_distribution_has_quartiles_mean_and_a_histogram_of_ten_bins() -> None:
    scores = [0.0, 25.0, 50.0, 75.0, 100.0]
    result = make([summary(service=f"s{i}", scores=(("P1", "principle", score, 1 if score < 100 else 0),))
                   for i, score in enumerate(scores)] + [summary(service="leeg", scores=(("P1", "principle", None, 0),))])
    p1 = next(d for d in result.distributions if d.id == "P1")
    assert (p1.minimum, p1.q1, p1.median, p1.q3, p1.maximum, p1.mean) == (0, 25, 50, 75, 100, 50)
    assert p1.histogram == (1, 0, 1, 0, 0, 1, 0, 1, 0, 1)  # 100 falls in the last bin
    assert (p1.scored, p1.not_scored, p1.failing_services) == (5, 1, 4)
    p2 = next(d for d in result.distributions if d.id == "P2")
    assert p2.median is None and p2.histogram == (0,) * 10
    assert [d.id for d in result.distributions] == ["P1", "P2", "P3", "P4", "P5", "P6", "U1", "U2", "U3"]


def test_one_service_is_its_own_quartiles() -> None:
    result = make([summary(scores=(("P3", "principle", 42.5, 0),))])
    p3 = next(d for d in result.distributions if d.id == "P3")
    assert (p3.minimum, p3.q1, p3.median, p3.q3, p3.maximum) == (42.5,) * 5


def test_where_failures_sit_per_organisation_data_item_life_event_and_check() -> None:
    reports = [check(weak("een")), check(weak("twee")), check(weak("drie", cold_to="uwv")), check(strong_service())]
    view = portfolio(reports, vision=VISION, checks=CHECKS, vocabularies=PLUGINS.vocabularies())
    assert (view.services, view.failing, view.passing) == (4, 3, 1)
    organisations = {o.id: o for o in view.organisations}
    assert organisations["svb"].cold_handovers_to == 2 and organisations["uwv"].cold_handovers_to == 1
    assert dict(organisations["svb"].handover_checks)["DV101"] == 2  # svb is at the far end of two cold hand-overs
    assert organisations["svb"].services == 4 and organisations["gemeente"].steps == 4
    bsn = next(d for d in view.data_items if d.id == "bsn")
    assert (bsn.asked, bsn.held, bsn.services) == (3, 3, 3)
    assert dict(bsn.checks)["DV301"] == 3  # asked although the BRP holds it
    assert bsn.name is not None and bsn.name.get("en") == "Citizen service number"
    assert view.data_items[0].id == "bsn"  # most often asked although held
    cold = next(c for c in view.checks if c.id == "DV101")
    assert (cold.services, cold.findings) == (3, 3)
    assert view.checks[0].services >= view.checks[-1].services
    death = next(e for e in view.life_events if e.id == "overlijden")
    assert (death.services, death.failing_services) == (4, 3) and dict(death.checks)["DV101"] == 3
    assert dict(death.medians)["P6"] == 100


def test_portfolio_is_the_aggregate_of_the_summaries() -> None:
    reports = [check(weak("een")), check(strong_service())]
    whole = portfolio(reports, vision=VISION, checks=CHECKS, fail_on=Severity.MAJOR, invalid_files=["stuk.yaml"])
    parts = make([summarise(r, vision=VISION, vocabularies=PLUGINS.vocabularies(), fail_on=Severity.MAJOR)
                  for r in reports], fail_on=Severity.MAJOR, invalid_files=["stuk.yaml"])
    assert portfolio_to_data(whole) | {"life_events": [], "data_items": []} == portfolio_to_data(parts) | {
        "life_events": [], "data_items": []}  # names come from the vocabularies given
    assert whole.invalid == 1 and not whole.passed


def test_explained_findings_are_counted_apart() -> None:
    data = weak("verklaard")
    data["explanations"] = [{"check": "DV101", "step": "aangifte", "reason": "Wettelijk zo geregeld."}]
    view = portfolio([check(data)], vision=VISION, checks=CHECKS)
    cold = next(c for c in view.checks if c.id == "DV101")
    assert (cold.services, cold.findings, cold.explained) == (0, 0, 1)


# ------------------------------------------------------------------------------------------- formats

def sample_portfolio() -> Portfolio:
    """Four services (one hostile, one strong) and an invalid file: every section has something to show."""
    hostile = hostile_service()
    hostile["steps"][0]["handover"] = {"to": hostile["organisations"][1]["id"], "kind": "cold"}
    reports = [check(weak("een")), check(weak("twee", cold_to="uwv")), check(hostile, file="=1+1 <b>.yaml"),
               check(strong_service())]
    return portfolio(reports, vision=VISION, checks=CHECKS, vocabularies=PLUGINS.vocabularies(),
                     invalid_files=["stuk/<kapot>.yaml"], version="test")


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    return sample_portfolio()


def test_json_is_valid_and_has_everything(sample: Portfolio) -> None:
    data = json.loads(render_portfolio_json(sample))
    assert schema_problems(data, "portfolio") == []
    assert data["services"] == {"total": 4, "passing": 1, "failing": 3, "invalid": 1} and data["result"] == "fail"
    assert {o["id"] for o in data["organisations"]} >= {"svb", "uwv", "gemeente"}
    assert render_portfolio_json(sample) == render_portfolio_json(sample)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_text_names_the_problem_spots(sample: Portfolio, lang: str) -> None:
    text = render_portfolio_text(sample, lang)  # type: ignore[arg-type]
    assert "DV101" in text and "svb" in text and "bsn" in text and "\x1b" not in text
    assert ("voldoen niet" if lang == "nl" else "fail") in text
    assert "stuk/<kapot>.yaml" in text  # text output shows names as they are (no markup to escape)
    coloured = render_portfolio_text(sample, lang, colour=True)  # type: ignore[arg-type]
    assert "\x1b[" in coloured


def test_numbers_and_sparklines() -> None:
    assert number(10000, "nl") == "10.000" and number(10000, "en") == "10,000"
    assert sparkline((0, 1, 2, 8)) == "·▁▂█"
    assert sparkline((0, 0)) == "··"


def test_markdown_escapes_document_text(sample: Portfolio) -> None:
    text = render_portfolio_markdown(sample, "en")
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<b>" not in html and "<script" not in html
    assert "| Data item |" in text and "DV101" in text


def test_markdown_shows_a_hostile_organisation_name_as_text() -> None:
    view = portfolio([check(hostile_service(), file="=1+1 <b>.yaml")], vision=VISION, checks=CHECKS)
    text = render_portfolio_markdown(view, "en")
    assert '\\=HYPERLINK("http://evil.example/x","klik")' in text  # shown as text; no formula, no link
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<a " not in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_is_valid_self_contained_with_charts_and_tables(sample: Portfolio, lang: str) -> None:
    html = render_portfolio_html(sample, lang)  # type: ignore[arg-type]
    root = _parse(html)
    _assert_self_contained(html, root)
    assert root.get("lang") == lang
    svgs = [e for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("svg") and e.get("role") == "img"]
    assert len(svgs) >= 2 + 6 + 3  # two box plots, six histograms, three bar charts
    for svg in svgs:
        labelled = (svg.get("aria-labelledby") or "").split()
        assert len(labelled) == 2 and all(root.find(f".//*[@id='{ident}']") is not None for ident in labelled)
    tables = [e for e in root.iter() if e.tag == "table"]
    assert all(t.find("caption") is not None for t in tables)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert "<b>" not in html and "&lt;kapot&gt;" in html
    body = _text(root)
    assert "svb" in body and "bsn" in body


def test_html_of_an_empty_portfolio() -> None:
    html = render_portfolio_html(make([]), "en")
    root = _parse(html)
    assert "Nothing to report." in _text(root)


# ------------------------------------------------------------------------------------------- command

@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_folder(tmp_path_factory.mktemp("portfolio"), 24, broken=False)


def test_portfolio_command_is_the_same_with_jobs_1_and_2(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["portfolio", str(folder), "--no-plugins", "--isolated", "--format", "json"]
    serial = run([*args, "--jobs", "1"], capsys)
    parallel = run([*args, "--jobs", "2"], capsys)
    assert serial == parallel
    data = json.loads(serial[1])
    assert serial[0] == 1 and data["services"]["total"] == 29 and schema_problems(data, "portfolio") == []


def test_portfolio_command_equals_the_pure_function(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["portfolio", str(folder / "examples"), "--no-plugins", "--isolated", "--format", "json"], capsys)
    reports = [dienstvisie.check(dienstvisie.read_service(path), plugins=PLUGINS, today=datetime.date.today())
               for path in sorted((folder / "examples").glob("*.yaml"))]
    expected = portfolio(reports, vision=VISION, checks=CHECKS, vocabularies=PLUGINS.vocabularies(),
                         version=dienstvisie.__version__)
    assert out == render_portfolio_json(expected)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_portfolio_formats_and_output_file(folder: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / f"portfolio.{fmt}"
    code, out, _ = run(["portfolio", str(folder), "--no-plugins", "--isolated", "--format", fmt, "-o", str(target),
                        "--lang", "en", "--top", "3"], capsys)
    assert code == 1 and out == ""
    text = target.read_text(encoding="utf-8")
    assert "the first 3 of" in text


def test_portfolio_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "goed"
    good.mkdir()
    (good / "sterk.yaml").write_text(yaml.safe_dump(strong_service()), encoding="utf-8")
    assert run(["portfolio", str(good), "--no-plugins", "--isolated"], capsys)[0] == 0
    broken = copy.deepcopy(strong_service())
    del broken["steps"]
    (good / "kapot.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    code, out, err = run(["portfolio", str(good), "--no-plugins", "--isolated", "--lang", "en"], capsys)
    assert code == 2 and "kapot.yaml" in err and "1 document(s) invalid" in out
    assert run(["portfolio", str(tmp_path / "nergens"), "--no-plugins"], capsys)[0] == 2


def test_hostile_title_never_becomes_markup_in_html(sample: Portfolio) -> None:
    html = render_portfolio_html(sample, "en")
    assert HOSTILE_TITLE not in html


def test_every_word_of_the_new_reports_exists_in_both_languages() -> None:
    import string

    from dienstvisie.exporters import _stream, diff_report, portfolio_report

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for catalogue in (portfolio_report.WORDS, diff_report.WORDS, _stream.WORDS):
        for key, entry in catalogue.items():
            assert set(entry) == {"nl", "en"} and entry["nl"].strip() and entry["en"].strip(), key
            assert fields(entry["nl"]) == fields(entry["en"]), key


def test_format_2_fan_out_counts_every_hand_over() -> None:
    """A format-2 step handing over cold to two organisations: both count, each finding at its target."""
    data = weak("fan-out")
    data["dienstvisie"] = "2"
    data["signals"]["reviewed_with"].append("uwv")
    data["steps"][0]["handovers"] = [data["steps"][0].pop("handover"), {"to": "uwv", "kind": "cold"}]
    result = summarise(check(data, file="fan-out.yaml"), vision=VISION, vocabularies=PLUGINS.vocabularies())
    assert dict(result.cold_handovers_to) == {"svb": 1, "uwv": 1}
    targets = {(org, check_id) for org, check_id, _ in result.failed_handovers_to}
    assert {("svb", "DV101"), ("uwv", "DV101")} <= targets
