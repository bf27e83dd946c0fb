"""House style for the HTML reports: CSS custom properties set by a theme (NL Design System tokens
through the shipped mapping), a logo, a page class — all embedded, the policy unchanged, nothing
fetched; the default look stays as it was. Checked as the command writes it, and in Chromium."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import html5lib
import pytest
from test_accessibility import _axe, _describe, browser  # noqa: F401  (the shared Chromium fixture)

from dienstvisie.exporters._html import CONTENT_SECURITY_POLICY

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "geboorte-den-haag.yaml"
MAPPING = ROOT / "docs" / "examples" / "thema-nl-design-system.css"
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30"><rect width="80" height="30" fill="#c00"/></svg>'


def _dienstvisie(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dienstvisie", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


@pytest.fixture
def theme(tmp_path: Path) -> Path:
    (tmp_path / "tokens.css").write_text(".utrecht-theme { --utrecht-document-color: #123456;"
                                         " --utrecht-document-font-family: Georgia, serif; }\n", encoding="utf-8")
    (tmp_path / "logo.svg").write_bytes(LOGO)
    return tmp_path


def _themed_report(folder: Path, *extra: str) -> tuple[str, subprocess.CompletedProcess[str]]:
    result = _dienstvisie(["check", "--isolated", str(EXAMPLE), "--format", "html", "-o", "rapport.html",
                           "--theme-css", "tokens.css", "--theme-css", str(MAPPING), "--theme-class", "utrecht-theme",
                           "--logo", "logo.svg", "--logo-alt", "Gemeente Utrecht", *extra], folder)
    return (folder / "rapport.html").read_text(encoding="utf-8"), result


def _elements(html: str, name: str) -> list[Any]:
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return list(tree.iter(name))


def test_theme_is_embedded_and_the_policy_is_unchanged(theme: Path) -> None:
    html, result = _themed_report(theme)
    assert result.returncode == 0, result.stderr
    styles = [element.text or "" for element in _elements(html, "style")]
    assert len(styles) == 2 and "--utrecht-document-color: #123456" in styles[1]
    assert _elements(html, "body")[0].get("class") == "utrecht-theme"
    logo = _elements(html, "img")[0]
    assert logo.get("src").startswith("data:image/svg+xml;base64,") and logo.get("alt") == "Gemeente Utrecht"
    assert f'content="{CONTENT_SECURITY_POLICY}"' in html
    default = _dienstvisie(["check", "--isolated", str(EXAMPLE), "--format", "html"], theme).stdout
    assert len(_elements(default, "style")) == 1 and not _elements(default, "img") and "<body>" in default


def test_a_theme_cannot_end_its_style_element_and_fetches_nothing(theme: Path) -> None:
    (theme / "tokens.css").write_text("body { background: url(https://example.org/x.png) }\n"
                                      "</STYLE><script>alert(1)</script>\n", encoding="utf-8")
    html, result = _themed_report(theme)
    assert result.returncode == 0
    assert not _elements(html, "script")
    assert "https://example.org/x.png" in result.stderr  # said: it will not be loaded


def test_the_themed_report_uses_the_tokens_in_chromium_and_stays_axe_clean(browser: Any, theme: Path) -> None:  # noqa: F811
    html, _ = _themed_report(theme)
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto((theme / "rapport.html").as_uri())
        colour, font = page.evaluate("() => [getComputedStyle(document.body).color, "
                                     "getComputedStyle(document.body).fontFamily]")
        logo_width = page.evaluate("() => document.querySelector('header img.logo').naturalWidth")
    finally:
        page.close()
    assert colour == "rgb(18, 52, 86)" and "Georgia" in font
    assert logo_width == 80
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
    violations, _ = _axe(browser, html, theme, "themed.html")
    assert not violations, _describe(violations)


def test_theme_from_the_configuration_and_in_the_portfolio(theme: Path) -> None:
    (theme / "dienstvisie.toml").write_text('theme-css = ["tokens.css"]\nlogo = "logo.svg"\nlogo-alt = "Utrecht"\n'
                                           'theme-class = "utrecht-theme"\n', encoding="utf-8")
    result = _dienstvisie(["portfolio", str(EXAMPLE), "--format", "html", "-o", "p.html"], theme)
    html = (theme / "p.html").read_text(encoding="utf-8")
    assert result.returncode in (0, 1), result.stderr
    assert "--utrecht-document-color" in html and 'alt="Utrecht"' in html and 'class="utrecht-theme"' in html


def test_theme_in_the_diff_and_the_vision_handout(theme: Path) -> None:
    old = ROOT / "tests" / "corpus" / "format1" / "geboorte-den-haag.yaml"
    for args in (["diff", "--isolated", str(old), str(EXAMPLE), "--format", "html", "-o", "out.html"],
                 ["vision", "--format", "html", "-o", "out.html"]):
        result = _dienstvisie([*args, "--theme-css", "tokens.css", "--logo", "logo.svg", "--logo-alt", "Utrecht"], theme)
        assert result.returncode in (0, 1), result.stderr
        html = (theme / "out.html").read_text(encoding="utf-8")
        assert "--utrecht-document-color" in html and 'alt="Utrecht"' in html, args[0]


@pytest.mark.parametrize("args, said", [
    (["--logo", "logo.bmp"], ".bmp"),
    (["--logo", "missing.png"], "missing.png"),
    (["--theme-css", "missing.css"], "missing.css"),
    (["--theme-class", "a b"], "a b"),
])
def test_an_unusable_theme_is_a_usage_error_and_writes_nothing(theme: Path, args: list[str], said: str) -> None:
    (theme / "logo.bmp").write_bytes(b"BM")
    result = _dienstvisie(["check", "--isolated", str(EXAMPLE), "--format", "html", "-o", "r.html", *args], theme)
    assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr
    assert not (theme / "r.html").exists()
