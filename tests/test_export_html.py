"""The HTML report and the vision handout: valid HTML, self-contained, escaped, the journey drawn."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import html5lib  # type: ignore[import-untyped]
import pytest
from test_export_common import (
    HOSTILE_ORG,
    HOSTILE_REASON,
    HOSTILE_STEP,
    HOSTILE_TITLE,
    ROOT,
    example_run,
    hostile_run,
    render,
)

from dienstvisie.exporters._common import clean
from dienstvisie.exporters.html_report import render_html, render_vision_html
from dienstvisie.documents.load import load_vision
from dienstvisie.model.check import Status
from dienstvisie.model.report import Report
from dienstvisie.model.run import CheckRun

FORBIDDEN_ELEMENTS = {"script", "link", "iframe", "img", "object", "embed", "base", "frame", "audio", "video",
                      "source", "image", "use", "foreignObject", "form", "input"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(html: str) -> ET.Element:
    """Parse strictly, as a browser's HTML parser would, failing on any parse error."""
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    root: ET.Element = parser.parse(html)
    return root


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def _assert_self_contained(html: str, root: ET.Element) -> None:
    for element in root.iter():
        name = _local(element.tag) if isinstance(element.tag, str) else ""
        assert name not in FORBIDDEN_ELEMENTS, name
        assert element.get("src") is None and element.get("srcset") is None and element.get("style") is None
        assert element.get("{http://www.w3.org/1999/xlink}href") is None
        href = element.get("href")
        assert href is None or href.startswith("#"), href
        for key, value in element.attrib.items():
            assert not key.startswith("on"), key
            assert not re.search(r"(?i)\b(https?:|javascript:|//)", value) or key == "content" and "http" not in value, (key, value)
            assert "url(" not in value or re.fullmatch(r"url\(#[A-Za-z0-9_-]+\)", value), (key, value)
    styles = [_text(element) for element in root.iter() if isinstance(element.tag, str) and _local(element.tag) == "style"]
    assert len(styles) == 1
    assert "@import" not in styles[0] and "url(" not in styles[0] and "http" not in styles[0]
    assert "@media print" in styles[0]
    policy = [m for m in root.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert len(policy) == 1 and "default-src 'none'" in (policy[0].get("content") or "")
    assert not re.search(r"""(?i)(src|href)\s*=\s*["']?\s*(https?:)?//""", html)


def _assert_accessible_structure(root: ET.Element, lang: str) -> None:
    assert root.get("lang") == lang
    assert (root.findtext("head/title") or "").strip()
    levels = [int(_local(e.tag)[1]) for e in root.iter() if isinstance(e.tag, str) and re.fullmatch(r"h[1-6]", _local(e.tag))]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels  # headings never skip a level
    body = root.find("body")
    assert body is not None
    assert [_local(e.tag) for e in body if _local(e.tag) in ("header", "main", "footer")] == ["header", "main", "footer"]
    for svg in root.iter("{http://www.w3.org/2000/svg}svg"):
        if svg.get("aria-hidden") == "true":
            continue
        assert svg.get("role") == "img"
        ids = (svg.get("aria-labelledby") or "").split()
        assert ids and svg.find("{http://www.w3.org/2000/svg}title") is not None
        titles = {t.get("id") for t in svg.iter("{http://www.w3.org/2000/svg}title")} | \
                 {d.get("id") for d in svg.iter("{http://www.w3.org/2000/svg}desc")}
        assert set(ids) <= titles
    for table in root.iter("table"):
        assert table.find("thead/tr/th[@scope='col']") is not None
    ids = [e.get("id", "") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_of_the_examples_is_valid_self_contained_and_structured(lang: str) -> None:
    html = render("html", example_run(), lang)  # type: ignore[arg-type]
    root = _parse(html)
    _assert_self_contained(html, root)
    _assert_accessible_structure(root, lang)
    sections = [s for s in root.iter("section") if s.get("data-service")]
    assert [s.get("data-service") for s in sections] == [r.service for r in example_run().reports]


def test_swimlane_has_a_lane_per_organisation_and_an_arrow_per_handover() -> None:
    run = example_run()
    root = _parse(render("html", run, "en"))
    svg_ns = "{http://www.w3.org/2000/svg}"
    checked_handovers = 0
    for report in run.reports:
        concept = report.concept
        assert concept is not None
        section = next(s for s in root.iter("section") if s.get("data-service") == report.service)
        swimlanes = [svg for svg in section.iter(f"{svg_ns}svg") if "swimlane" in _classes(svg)]
        assert len(swimlanes) == 1
        svg = swimlanes[0]
        lanes = [g for g in svg.iter(f"{svg_ns}g") if "lane" in _classes(g)]
        assert [g.get("data-organisation") for g in lanes] == [o.id for o in concept.organisations]
        for lane, organisation in zip(lanes, concept.organisations):
            assert (lane.findtext(f"{svg_ns}title") or "").endswith(": " + organisation.name)
        steps = [g for g in svg.iter(f"{svg_ns}g") if "step" in _classes(g)]
        assert [g.get("data-step") for g in steps] == [s.id for s in concept.steps]
        xs = [float(g.find(f"{svg_ns}rect").get("x", "0")) for g in steps]  # type: ignore[union-attr]
        assert xs == sorted(xs) and len(set(xs)) == len(xs), "steps go left to right, one column each"
        arrows = [g for g in svg.iter(f"{svg_ns}g") if "handover" in _classes(g)]
        handovers = [(i, s) for i, s in enumerate(concept.steps) if s.handover is not None]
        assert len(arrows) == len(handovers)
        for arrow, (index, step) in zip(arrows, handovers):
            assert step.handover is not None
            kind = step.handover.kind
            assert arrow.get("data-kind") == kind and arrow.get("data-from") == str(index + 1)
            path = arrow.find(f"{svg_ns}path")
            assert path is not None and path.get("class") == f"line-{kind}"
            assert path.get("marker-end") == f"url(#{svg.get('aria-labelledby', '').split()[0][:-2]}-head-{kind})"
            label = _text(arrow).strip()
            assert label == {"warm": "warm", "data": "data", "cold": "cold"}[kind], "the kind is said in words too"
            target = next((j for j in range(index + 1, len(concept.steps))
                           if concept.steps[j].organisation == concept.organisation_id(step.handover.to)), None)
            assert arrow.get("data-to") == ("" if target is None else str(target + 1))
            checked_handovers += 1
        failed_steps = {f.step for f in report.findings if f.status in (Status.FAILED, Status.ERROR) and f.step}
        for g in steps:
            marked = "has-failed" in _classes(g)
            assert marked == (g.get("data-step") in failed_steps)
            if marked:
                assert "✗ " in _text(g)
    assert checked_handovers >= 5


def test_line_patterns_differ_by_kind_and_the_legend_explains_marks() -> None:
    css = resources.files("dienstvisie.exporters").joinpath("templates/style.css").read_text(encoding="utf-8")

    def dash(kind: str) -> str | None:
        rules = re.findall(rf"\.line-{kind} \{{([^}}]*)\}}", css)
        assert rules, kind
        found = [m.strip() for rule in rules for m in re.findall(r"stroke-dasharray:\s*([^;]+);", rule)]
        return found[-1] if found else None

    assert len({dash("warm"), dash("data"), dash("cold")}) == 3
    root = _parse(render("html", example_run(), "en"))
    legend = next(root.iter("ul"))
    legends = [u for u in root.iter("ul") if "legend" in _classes(u)]
    assert legends and legend is not None
    words = _text(legends[0])
    for phrase in ("solid line", "dashed line", "dotted line", "failed", "explained"):
        assert phrase in words


def test_hostile_text_is_escaped_and_nothing_from_the_document_becomes_markup() -> None:
    html = render("html", hostile_run(), "nl")
    root = _parse(html)
    _assert_self_contained(html, root)
    _assert_accessible_structure(root, "nl")
    text = _text(root)
    for hostile in (HOSTILE_STEP, HOSTILE_TITLE, HOSTILE_ORG, clean(HOSTILE_REASON)):
        assert hostile in text, hostile
    assert "<script>" not in html and "<img" not in html and "<b>vet" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x01" not in html
    assert "{{ 7*7 }}" in text and "49" not in text  # the document is data, never a template


def test_a_text_only_in_dutch_is_marked_as_dutch_in_an_english_report() -> None:
    root = _parse(render("html", hostile_run(), "en"))
    dutch = [e for e in root.iter("span") if e.get("lang") == "nl"]
    assert any(HOSTILE_TITLE in _text(e) for e in dutch)


def test_report_without_the_document_still_renders() -> None:
    run = example_run(with_broken=False)
    bare = CheckRun(reports=tuple(Report(service=r.service, title=r.title, vision=r.vision, vision_version=r.vision_version,
                                         findings=r.findings, scores=r.scores, file=r.file) for r in run.reports),
                    vision=run.vision, checks=run.checks, version=run.version)
    html = render_html(bare, "en")
    root = _parse(html)
    assert "class=\"swimlane\"" not in html
    assert "cannot be drawn" in _text(root)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vision_handout(lang: str) -> None:
    vision = load_vision()
    html = render_vision_html(vision, lang, version="1.2.3")  # type: ignore[arg-type]
    assert html == render_vision_html(vision, lang, version="1.2.3")  # type: ignore[arg-type]
    root = _parse(html)
    _assert_self_contained(html, root)
    _assert_accessible_structure(root, lang)
    text = _text(root)
    for point in vision.starting_points:
        assert root.find(f".//article[@id='u-{point.id}']") is not None
        assert point.description.get(lang)[:40] in " ".join(text.split())  # type: ignore[arg-type]
    for principle in vision.principles:
        article = root.find(f".//article[@id='p-{principle.id}']")
        assert article is not None
        items = article.findall(".//ol[@class='questions']/li")
        assert len(items) == len(principle.questions)
        for item, question in zip(items, principle.questions):
            assert question.id in _text(item)
    for source in vision.provenance.sources:
        if source.url:
            assert source.url in text  # shown for the reader, never a link that loads or leaves
    assert len(list(root.iter("h3"))) >= len(vision.starting_points) + len(vision.principles)


def test_the_command_line_writes_the_html_report_and_the_handout(tmp_path: Path) -> None:
    report = tmp_path / "rapport.html"
    result = subprocess.run([sys.executable, "-m", "dienstvisie", "check", "examples", "--format", "html", "-o", str(report)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    _parse(report.read_text(encoding="utf-8"))
    for lang in ("nl", "en"):
        handout = subprocess.run([sys.executable, "-m", "dienstvisie", "vision", "--lang", lang, "--format", "html"],
                                 cwd=ROOT, capture_output=True, text=True, check=False)
        assert handout.returncode == 0, handout.stderr
        root = _parse(handout.stdout)
        assert root.get("lang") == lang
