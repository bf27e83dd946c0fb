"""Every user-facing message exists in Dutch and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from dienstvisie.cli.help import HELP
from dienstvisie.i18n import CATALOGUE, language_from_environment, message, translate


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("catalogue", [CATALOGUE, HELP], ids=["messages", "cli"])
def test_every_message_has_both_languages_and_the_same_placeholders(catalogue: dict[str, dict[str, str]]) -> None:
    for key, entry in catalogue.items():
        assert set(entry) == {"nl", "en"}, key
        assert entry["nl"].strip() and entry["en"].strip(), key
        assert _fields(entry["nl"]) == _fields(entry["en"]), key


def test_message_fills_text_parameters_per_language() -> None:
    what = message("what.step")
    text = message("ref.duplicate_id.hint", what=what)
    assert text.get("nl") == "Geef elke stap een eigen id."
    assert text.get("en") == "Give each step its own id."
    assert translate("schema.required", "en", name="x") == "'x' is missing"


def test_language_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIENSTVISIE_LANG", raising=False)
    assert language_from_environment() == "nl"
    monkeypatch.setenv("DIENSTVISIE_LANG", "en_GB.UTF-8")
    assert language_from_environment() == "en"
    monkeypatch.setenv("DIENSTVISIE_LANG", "fr")
    assert language_from_environment() == "nl"
