"""Text in Dutch and English: every user-facing string in a document can carry both."""

from __future__ import annotations

from typing import Literal

import attrs

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
DEFAULT_LANGUAGE: Language = "nl"


@attrs.frozen
class Text:
    """A short text with a Dutch and/or English version.

    A plain string in a document is taken as Dutch, the language the vision is written in.
    Asking for a missing language falls back to the other one, so a reader always gets text.
    """

    nl: str | None = None
    en: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.nl is None and self.en is None:
            raise ValueError("Text needs at least one language")

    def get(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """The text in `lang`, or in the other language when that one is missing."""
        first, second = (self.nl, self.en) if lang == "nl" else (self.en, self.nl)
        return first if first is not None else second  # type: ignore[return-value]

    def __str__(self) -> str:
        return self.get(DEFAULT_LANGUAGE)
