"""What the HTML reports share: the Jinja2 environment (autoescape on) and the Content-Security-Policy,
a document text as escaped markup, and wrapping text into lines for SVG.

Used by the check report and the vision handout (`html_report`), the portfolio view and the diff.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from ..model.text import Language, Text
from ._common import clean

CONTENT_SECURITY_POLICY = Markup(
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)

_environment: jinja2.Environment | None = None


def _finalize(value: Any) -> Any:
    """Every value printed by a template loses characters HTML cannot carry (Markup stays Markup)."""
    if isinstance(value, Markup):
        return Markup(clean(str(value)))
    if isinstance(value, str):
        return clean(value)
    return value


def environment() -> jinja2.Environment:
    """The Jinja2 environment for the HTML templates: autoescape on, undefined names are errors."""
    global _environment
    if _environment is None:
        _environment = jinja2.Environment(
            loader=jinja2.PackageLoader("dienstvisie.exporters", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=_finalize,
        )
        _environment.globals["theme"] = None  # a report without a house style (exporters/theme.py)
    return _environment


def text_markup(text: Text | None, lang: Language) -> Markup:
    """A document text, escaped; wrapped in `<span lang=..>` when only the other language exists."""
    if text is None:
        return Markup("")
    value = clean(text.get(lang))
    available = text.nl if lang == "nl" else text.en
    if available is not None:
        return Markup.escape(value)
    other = "en" if lang == "nl" else "nl"
    return Markup('<span lang="{}">{}</span>').format(other, value)


def wrap(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    """`text` in lines of about `width` characters, at most `max_lines` (the last ends in … when cut)."""
    words = " ".join(text.split()).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: width - 1] + "-")
            word = word[width - 1:]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip(" -") + "…"
    return tuple(lines)
