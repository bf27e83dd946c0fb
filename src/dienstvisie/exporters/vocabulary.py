"""The vocabularies as a list a designer can read: every data item with the registers that hold
it, every life event and situation with the register through which government learns of it.

The once-only checks (DV3…) rest on the data items' registers: an item asked for that a register
holds is asked for what government already knows. This list is how a designer finds the ids
without opening the package (`dienstvisie vocabulary`).
"""

from __future__ import annotations

import json

from ..i18n import Section
from ..model.text import Language
from ..model.vocabulary import Term, Vocabularies
from ._common import terminal_safe as _t
from .markdown import md

KINDS = ("data-items", "life-events", "situations")
"""The vocabularies by the names the command line uses."""

_WORDS = Section("vocabulary")
"""`_WORDS[key][lang]`, a text: section "vocabulary" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def _terms(vocabularies: Vocabularies, kind: str) -> tuple[Term, ...]:
    terms: tuple[Term, ...] = getattr(vocabularies, kind.replace("-", "_"))
    return terms


def _source(term: Term, kind: str) -> list[str]:
    if kind == "data-items":
        return list(term.registers)
    return [term.known_via] if term.known_via else []


def vocabulary_json(vocabularies: Vocabularies, kinds: tuple[str, ...]) -> str:
    """Per kind, every term with its id, its name in both languages and its registers (or known_via)."""
    data: dict[str, list[dict[str, object]]] = {}
    for kind in kinds:
        rows = []
        for term in _terms(vocabularies, kind):
            row: dict[str, object] = {"id": term.id, "name": {"nl": term.name.get("nl"), "en": term.name.get("en")}}
            if kind == "data-items":
                row["registers"] = list(term.registers)
            else:
                row["known_via"] = term.known_via
            rows.append(row)
        data[kind.replace("-", "_")] = rows
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def vocabulary_text(vocabularies: Vocabularies, kinds: tuple[str, ...], lang: Language) -> str:
    """A column of ids, the name, and the registers; one block per kind."""
    blocks = []
    for kind in kinds:
        terms = _terms(vocabularies, kind)
        width = max((len(term.id) for term in terms), default=2)
        name_width = max((len(term.name.get(lang)) for term in terms), default=4)
        source = _WORDS["registers" if kind == "data-items" else "known_via"][lang]
        lines = [f"{_WORDS[kind][lang]} ({len(terms)})",
                 f"  {_WORDS['id'][lang]:<{width}}  {_WORDS['name'][lang]:<{name_width}}  {source}"]
        for term in terms:
            where = ", ".join(_source(term, kind)) or "–"
            lines.append(_t(f"  {term.id:<{width}}  {term.name.get(lang):<{name_width}}  {where}"))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def vocabulary_markdown(vocabularies: Vocabularies, kinds: tuple[str, ...], lang: Language) -> str:
    """One table per kind: id, name, registers."""
    blocks = []
    for kind in kinds:
        source = _WORDS["registers" if kind == "data-items" else "known_via"][lang]
        lines = [f"## {_WORDS[kind][lang]}", "", f"| {_WORDS['id'][lang]} | {_WORDS['name'][lang]} | {source} |",
                 "|---|---|---|"]
        for term in _terms(vocabularies, kind):
            where = ", ".join(f"`{item}`" for item in _source(term, kind)) or "–"  # slugs: safe in code spans
            lines.append(f"| `{term.id}` | {md(term.name.get(lang))} | {where} |")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
