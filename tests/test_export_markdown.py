"""The Markdown report: renders as CommonMark + GFM tables, and text from a document stays text."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from test_export_common import (
    EXAMPLES,
    HOSTILE_DECIDER,
    HOSTILE_ORG,
    HOSTILE_REASON,
    HOSTILE_STEP,
    HOSTILE_TITLE,
    example_run,
    hostile_run,
    render,
)

from dienstvisie.exporters._common import clean
from dienstvisie.exporters.markdown import md


def _html(markdown: str) -> str:
    html: str = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    return html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_examples_render_as_markdown_with_headings_and_tables(lang: str) -> None:
    text = render("markdown", example_run(), lang)  # type: ignore[arg-type]
    html = _html(text)
    assert html.count("<h1>") == 1
    for example in EXAMPLES.glob("*.yaml"):
        assert re.search(rf"<h2>{re.escape(example.stem)} — ", html), example.stem
    assert html.count("<table>") >= 3 * len(list(EXAMPLES.glob("*.yaml")))
    assert "Not checked" in text or "Niet gecontroleerd" in text


def test_hostile_text_stays_text() -> None:
    text = render("markdown", hostile_run(), "en")
    html = _html(text)
    # nothing from the document became an element
    for tag in ("<script", "<img", "<b>", "<i>", "<style", "href=", "<code>code", "<s>", "<del>", "<h1>Kop"):
        assert tag not in html, tag
    # … and it is all still there, readable
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "| * _ [x](y) `code` &lt;b&gt;vet&lt;/b&gt; &amp; ~~weg~~" in html
    assert "# Kop ]]&gt; &lt;/svg&gt;&lt;img src=x onerror=alert(2)&gt; \ufffd --" in html
    # a mention cannot notify anyone
    assert "@iedereen" not in text and "@\u2060iedereen" in text
    # text with | stays in its own table cell (a GFM table silently drops cells beyond the header's)
    assert f"<td>{HOSTILE_DECIDER}</td>" in html
    organisation = HOSTILE_ORG.replace('"', "&quot;")
    assert f"<td>{organisation}</td>" in html


@pytest.mark.parametrize("hostile", [HOSTILE_STEP, HOSTILE_TITLE, HOSTILE_REASON, "1. lijst", "- lijst", "+ lijst", "= kop",
                                     "> citaat", "    code", "***", "[a]: http://x", "\\*niet schuin\\*", "<!-- x -->"])
def test_md_escapes_a_line_so_that_it_renders_as_the_same_plain_text(hostile: str) -> None:
    html = _html(md(hostile)).strip()
    assert html.startswith("<p>") and html.endswith("</p>"), html
    inner = html[3:-4].replace("@\u2060", "@")  # the word joiner that stops a mention is invisible
    expected = " ".join(clean(hostile).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert inner == expected


@pytest.mark.parametrize("hostile", [HOSTILE_TITLE, "+cmd|' /C calc'!A0", "a \\| b", "|", "x |y| z"])
def test_md_text_stays_inside_its_table_cell(hostile: str) -> None:
    table = f"| a | b |\n|---|---|\n| {md(hostile)} | z |\n"
    html = _html(table)
    cells = re.findall(r"<td>(.*?)</td>", html)
    expected = " ".join(hostile.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert cells == [expected, "z"], html
