"""WCAG 2.1 AA: the HTML report and the vision handout pass axe-core in a real headless Chromium.

Chromium is Debian's package (`.ci/run` installs it); Playwright drives it (never downloading a
browser of its own) and axe-core comes from the axe-playwright-python package, so nothing is fetched
at test time. Without a browser these tests skip locally but FAIL in CI (env var CI set).
While the page is open, every request it makes is recorded: only the page itself may be loaded.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_export_common import example_run, hostile_run, render

from dienstvisie.exporters.html_report import render_vision_html
from dienstvisie.documents.load import load_vision
from dienstvisie.model.text import Language

CHROMIUM = os.environ.get("DIENSTVISIE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's best practices too (unique landmarks, heading order, content in landmarks…): cheap to keep clean.
TAGS = [*WCAG_TAGS, "best-practice"]


def _unavailable(reason: str) -> None:
    """Fail in CI, skip on a developer's machine."""
    if os.environ.get("CI"):
        pytest.fail(f"accessibility test cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e .[test])")
    with tempfile.TemporaryDirectory(prefix="dienstvisie-chromium-") as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, offline=True,
        )
        try:
            yield context
        finally:
            context.close()


def _axe(context: Any, html: str, folder: Path, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Open `html` as a file in Chromium and run axe-core on it: (violations, URLs requested)."""
    try:
        from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
    except ImportError:
        _unavailable("axe-playwright-python is not installed (pip install -e .[test])")
    path = folder / name
    path.write_text(html, encoding="utf-8")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(path.as_uri())
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    finally:
        page.close()
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations, requests


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:3]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_report_of_the_examples_has_no_axe_violations(browser: Any, tmp_path: Path, lang: Language) -> None:
    html = render("html", example_run(), lang)
    violations, requests = _axe(browser, html, tmp_path, f"report-{lang}.html")
    assert not violations, _describe(violations)
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests


def test_html_report_of_a_hostile_document_has_no_axe_violations_and_runs_nothing(browser: Any, tmp_path: Path) -> None:
    html = render("html", hostile_run(), "en")
    violations, requests = _axe(browser, html, tmp_path, "hostile.html")
    assert not violations, _describe(violations)
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_vision_handout_has_no_axe_violations(browser: Any, tmp_path: Path, lang: Language) -> None:
    html = render_vision_html(load_vision(), lang, version="test")
    violations, requests = _axe(browser, html, tmp_path, f"vision-{lang}.html")
    assert not violations, _describe(violations)
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests


def test_axe_does_find_violations_so_the_tests_above_can_fail(browser: Any, tmp_path: Path) -> None:
    broken = "<!DOCTYPE html><html><head></head><body><img src='data:,'><p style='color:#bbb'>low contrast</p></body></html>"
    violations, _ = _axe(browser, broken, tmp_path, "broken.html")
    found = {violation["id"] for violation in violations}
    assert {"image-alt", "html-has-lang", "document-title", "color-contrast"} <= found, found


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_portfolio_html_has_no_axe_violations(browser: Any, tmp_path: Path, lang: Language) -> None:
    from test_portfolio import sample_portfolio

    from dienstvisie.exporters.portfolio_report import render_portfolio_html

    html = render_portfolio_html(sample_portfolio(), lang)
    violations, requests = _axe(browser, html, tmp_path, f"portfolio-{lang}.html")
    assert not violations, _describe(violations)
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_diff_html_has_no_axe_violations(browser: Any, tmp_path: Path, lang: Language) -> None:
    from test_diff import sample_diff

    from dienstvisie.exporters.diff_report import render_diff_html

    html = render_diff_html(sample_diff(), lang)
    violations, requests = _axe(browser, html, tmp_path, f"diff-{lang}.html")
    assert not violations, _describe(violations)
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
