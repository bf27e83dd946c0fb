"""A house style for the HTML reports: CSS that sets the reports' custom properties (for example
from a municipality's NL Design System design tokens), a logo, and a class on the page for themes
whose tokens are scoped to one (`.utrecht-theme`, `.denhaag-theme` …).

Everything is embedded, so a themed report stays one self-contained file: the CSS in a `<style>`
element after the default style, the logo as a `data:` URL. The Content-Security-Policy is not
loosened: a theme that points at a font, an image or another style sheet on the web gets nothing
from there (`default-src 'none'`), and `external_references()` names what would be refused so
the command line can say so. Pure: the command line reads the files (cli/theme_options.py).
"""

from __future__ import annotations

import base64
import re

import attrs
from markupsafe import Markup

from ..i18n import Section, TranslatedError

LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
              ".webp": "image/webp", ".svg": "image/svg+xml"}
"""The logo formats a browser shows in an `<img>` (an SVG logo runs no script there)."""

MAX_LOGO_BYTES = 512 * 1024
MAX_CSS_CHARS = 1024 * 1024

_CLASS = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_EXTERNAL = re.compile(r"@import\b|url\(\s*['\"]?(?!data:|#)([^'\")\s]+)", re.IGNORECASE)


class ThemeError(TranslatedError, ValueError):
    """A theme that cannot be used: a class name, logo type or size out of bounds; its text is a
    message of the catalogue's section "theme"."""

    section = Section("theme")


@attrs.frozen
class Theme:
    """A house style: CSS text, a logo as a data URL (or None), its alternative text, a page class."""

    css: str = ""
    logo: str | None = None
    logo_alt: str = ""
    page_class: str | None = None

    @property
    def style(self) -> Markup:
        """The CSS, safe inside `<style>`: nothing in it can end the element."""
        return Markup(re.sub(r"</(?=style)", r"<\\/", self.css, flags=re.IGNORECASE))


def logo_data_url(data: bytes, suffix: str) -> str:
    """The logo file's bytes as a `data:` URL; ThemeError for an unknown type or a file too large."""
    media_type = LOGO_TYPES.get(suffix.lower())
    if media_type is None:
        raise ThemeError("logo_type", suffix=suffix or ThemeError.section.text("no_suffix"), allowed=", ".join(sorted(LOGO_TYPES)))
    if len(data) > MAX_LOGO_BYTES:
        raise ThemeError("logo_size", size=len(data), limit=MAX_LOGO_BYTES)
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def make_theme(css: str = "", logo: str | None = None, logo_alt: str = "", page_class: str | None = None) -> Theme:
    """A checked theme; ThemeError when the class is no CSS class name or the CSS is too large."""
    if page_class is not None and not _CLASS.match(page_class):
        raise ThemeError("class", name=repr(page_class))
    if len(css) > MAX_CSS_CHARS:
        raise ThemeError("css_size", size=len(css), limit=MAX_CSS_CHARS)
    return Theme(css=css, logo=logo, logo_alt=logo_alt, page_class=page_class)


def external_references(css: str) -> tuple[str, ...]:
    """What the CSS would fetch from elsewhere (`@import`, `url(…)` other than `data:`): the
    report's policy refuses it, so a theme should embed it or do without."""
    return tuple(match.group(1) or "@import" for match in _EXTERNAL.finditer(css))
