"""The journey reads on screen and on paper, proven in a real Chromium (Debian's, driven by
Playwright, as tests/test_accessibility.py does): at 1,280 px nothing scrolls sideways and the
smallest text of the drawing is at least 11 px; step titles and lane names wrap between words;
printed, the journey lands on a landscape page with text of at least 8 pt (measured in the PDF
Chromium prints, read back with pdfminer.six); fan-out and branches of format 2 are drawn.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_accessibility import _axe, _describe, browser  # noqa: F401  (the shared Chromium fixture)

from dienstvisie.cli.main import main

EXAMPLES = Path(__file__).parents[1] / "examples"
LONG_TITLE = "Gesprek met de schuldhulpverlening over de beschikking toelating schuldhulp en het budgetplan"


def _long_journey(folder: Path) -> Path:
    """The debts example with a journey of 14 steps, long titles and a long lane name."""
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / "schulden-multiproblematiek-rotterdam.yaml").read_text(encoding="utf-8"))
    data["organisations"][0]["name"] = "Uitvaartverzorging en Schuldhulpverleningsorganisatie Rijnmond"
    steps = data["steps"]
    extra = []
    for n in range(14 - len(steps)):
        step = copy.deepcopy(steps[n % len(steps)])
        step["id"] = f"extra-{n}"
        step["title"] = LONG_TITLE
        step.pop("after", None)
        extra.append(step)
    data["steps"] = steps + extra
    path = folder / "lang.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _html(source: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    target = folder / f"{source.stem}.html"
    main(["check", "--isolated", "--no-progress", str(source), "--format", "html", "-o", str(target), "--lang", "en"])
    capsys.readouterr()
    return target


def _sources(tmp_path: Path) -> list[Path]:
    return [*sorted(EXAMPLES.glob("*.yaml")), _long_journey(tmp_path)]


MEASURE = """() => {
  const result = {scrollWidth: document.documentElement.scrollWidth, regions: [], smallest: 1e9, lines: []};
  for (const region of document.querySelectorAll('.scroll')) {
    result.regions.push([region.scrollWidth, region.clientWidth]);
  }
  for (const svg of document.querySelectorAll('svg.swimlane')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const node of svg.querySelectorAll('text, tspan')) {
      if (!node.textContent.trim()) continue;
      const size = parseFloat(getComputedStyle(node).fontSize) * scale;
      result.smallest = Math.min(result.smallest, size);
    }
    for (const step of svg.querySelectorAll('g.step')) {
      result.lines.push([step.querySelector('title').textContent,
                         [...step.querySelectorAll('.step-text tspan')].map(t => t.textContent)]);
    }
    for (const lane of svg.querySelectorAll('g.lane')) {
      result.lines.push([lane.querySelector('title').textContent,
                         [...lane.querySelectorAll('.lane-label tspan')].map(t => t.textContent)]);
    }
  }
  return result;
}"""


def test_the_journey_fits_1280_px_with_text_of_11_px_and_no_word_broken(browser: Any, tmp_path: Path,  # noqa: F811
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        for source in _sources(tmp_path):
            page.goto(_html(source, tmp_path, capsys).as_uri())
            found = page.evaluate(MEASURE)
            assert found["scrollWidth"] <= 1280, (source.name, found["scrollWidth"])
            for scroll_width, client_width in found["regions"]:
                assert scroll_width <= client_width, (source.name, "a region scrolls sideways")
            assert found["smallest"] >= 11, (source.name, found["smallest"])
            for whole, lines in found["lines"]:
                words = set(re.split(r"[\s]+", whole.split(": ", 1)[1]))
                for line in lines:
                    for piece in line.rstrip("…").split(" "):
                        if not piece or piece.endswith("…"):
                            continue
                        # a whole word, or the part of a compound up to and including a hyphen
                        assert piece in words or any(w.startswith(piece) and piece.endswith("-") or
                                                     (w.endswith(piece) and w[len(w) - len(piece) - 1] == "-")
                                                     for w in words) or re.fullmatch(r"\d+\.", piece), (whole, line)
    finally:
        page.close()


def test_the_printed_journey_is_landscape_with_text_of_8_pt(browser: Any, tmp_path: Path,  # noqa: F811
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTPage, LTTextContainer

    page = browser.new_page()
    try:
        page.goto(_html(_long_journey(tmp_path), tmp_path, capsys).as_uri())
        names = page.evaluate("() => [...document.querySelectorAll('svg.swimlane text, svg.swimlane tspan')]"
                              ".map(n => n.textContent.trim()).filter(t => t.length > 3)")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    journey_sizes: list[float] = []
    landscape_pages = 0
    for layout in extract_pages(io.BytesIO(pdf)):
        assert isinstance(layout, LTPage)
        page_text = []
        sizes = []

        def walk(item: Any) -> None:
            if isinstance(item, LTChar):
                sizes.append(item.size)
            for child in getattr(item, "_objs", []) if not isinstance(item, LTChar) else []:
                walk(child)

        for element in layout:
            if isinstance(element, LTTextContainer):
                text = element.get_text()
                if any(name in text for name in names):
                    page_text.append(text)
                    walk(element)
        if page_text:
            landscape_pages += layout.width > layout.height
            journey_sizes += sizes
    assert journey_sizes, "the journey's text is in the PDF"
    assert min(journey_sizes) >= 8, min(journey_sizes)
    assert landscape_pages >= 1


def test_fan_out_and_branches_of_format_2_are_drawn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = _html(EXAMPLES / "overlijden-utrecht.yaml", tmp_path, capsys).read_text(encoding="utf-8")
    # the registration of the death reaches four parties at once: four arrows from step 2
    assert len(re.findall(r'<g class="handover" data-kind="\w+" data-from="2"', html)) == 4
    # the Anw follows two steps: the drawing and the table say which
    assert "↳ after 3, 4" in html and "after step 3 and 4" in html
    assert "Steps 1–4 (row 1 of 2)" in html


def test_the_long_journey_report_is_still_axe_clean(browser: Any, tmp_path: Path,  # noqa: F811
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    html = _html(_long_journey(tmp_path), tmp_path, capsys).read_text(encoding="utf-8")
    violations, requests = _axe(browser, html, tmp_path, "long.html")
    assert not violations, _describe(violations)
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
