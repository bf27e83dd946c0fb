"""Help and status texts of the command line, in Dutch and English."""

from __future__ import annotations

from ..i18n import Section
from ..model.text import Language

HELP = Section("help")
"""`HELP[key][lang]`, a text: section "help" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def help_text(key: str, lang: Language) -> str:
    """A help or status text in `lang`."""
    return HELP[key][lang]
