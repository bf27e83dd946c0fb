"""`--theme-css FILE`, `--logo FILE`, `--logo-alt TEXT`, `--theme-class NAME` (or the configuration's
`theme-css`, `logo`, `logo-alt`, `theme-class`): the house style of the HTML reports, read here and
embedded by the exporters (exporters/theme.py). The other formats ignore it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_USAGE
from ..i18n import os_reason
from ..model.text import Language
from .help import help_text

if TYPE_CHECKING:
    from ..exporters.theme import Theme
    from .config import Config


def add_theme_options(parser: argparse.ArgumentParser, lang: Language) -> None:
    parser.add_argument("--theme-css", action="append", default=[], metavar="FILE", help=help_text("theme.css", lang))
    parser.add_argument("--logo", metavar="FILE", help=help_text("theme.logo", lang))
    parser.add_argument("--logo-alt", metavar="TEXT", help=help_text("theme.logo_alt", lang))
    parser.add_argument("--theme-class", metavar="NAME", help=help_text("theme.class", lang))


def theme_of(args: argparse.Namespace, config: Config | None, lang: Language) -> Theme | None | int:
    """The theme the options and the configuration ask for, None for the default look, or an exit
    code (the reason printed) when a file cannot be read or is not usable."""
    from ..exporters.safe_text import terminal_safe
    from ..exporters.theme import ThemeError, external_references, logo_data_url, make_theme

    css_files = [*(config.theme_css if config else ()), *args.theme_css]
    logo = args.logo or (config.logo if config else None)
    page_class = args.theme_class or (config.theme_class if config else None)
    if not css_files and not logo and not page_class:
        return None
    try:
        css = "\n".join(Path(file).read_text(encoding="utf-8") for file in css_files)
        data = Path(logo).read_bytes() if logo else None
    except (OSError, UnicodeDecodeError) as error:
        name = getattr(error, "filename", None) or (css_files[-1] if css_files else logo)
        print(help_text("theme.unreadable", lang).format(file=name, error=os_reason(error).get(lang) if isinstance(error, OSError) else error),
              file=sys.stderr)
        return EXIT_USAGE
    try:
        url = logo_data_url(data, Path(logo).suffix) if logo and data is not None else None
        alt = args.logo_alt or (config.logo_alt if config else None) or help_text("theme.logo_default_alt", lang)
        theme = make_theme(css, url, alt, page_class)
    except ThemeError as error:
        print(help_text("theme.unusable", lang).format(error=terminal_safe(error.message(lang))), file=sys.stderr)
        return EXIT_USAGE
    for reference in external_references(css):
        print(help_text("theme.external", lang).format(reference=reference), file=sys.stderr)
    return theme
