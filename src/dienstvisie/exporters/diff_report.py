"""The comparison of two versions of a service concept as text, Markdown, JSON and HTML (`dienstvisie diff`).

Per design principle: the score before and after, the change, and the findings fixed and new, with
the principle's id; then the starting points' scores, the document's own findings, and the verdict.
The HTML form is one self-contained, accessible file (like the HTML check report) that also shows
both journeys side by side as swimlane diagrams, each with its table of steps.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..i18n import Section
from ..model.diff import FindingChange, ItemDiff, ServiceDiff
from ..model.text import Language, Text
from ._common import labels as report_labels
from ._common import terminal_safe
from ._html import CONTENT_SECURITY_POLICY, environment, text_markup
from ._json import dumps as json_text
from ._swimlane import journey
from .markdown import md
from .report_names import DIFF_FORMATS as FORMATS

DIFF_FORMAT = "1"

WORDS = Section("diff")
"""`WORDS[key][lang]`, a text: section "diff" of the interface's catalogues (locale/<lang>/LC_MESSAGES/dienstvisie.po)."""


def word(key: str, lang: Language) -> str:
    """A word of the diff report in `lang`."""
    return WORDS[key][lang]


def score_text(value: float | None, lang: Language) -> str:
    """'67' or '–' when not scored (a decimal comma in Dutch)."""
    if value is None:
        return "–"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if lang == "nl" else text


def delta_text(item: ItemDiff, lang: Language) -> str:
    """'+16', '−25', '0' or '' when either version has no score."""
    delta = item.delta
    if delta is None:
        return ""
    if delta == 0:
        return "0"
    text = score_text(abs(delta), lang)
    return f"+{text}" if delta > 0 else f"\u2212{text}"


def verdict(diff: ServiceDiff, lang: Language) -> str:
    """The one-line verdict, naming the principle ids."""
    state = diff.state
    ids = diff.regressed if state == "regressed" else diff.improved
    return word(f"verdict.{state}", lang).format(ids=", ".join(ids))


def _items(diff: ServiceDiff) -> list[ItemDiff]:
    return [*diff.principles, diff.document]


# -------------------------------------------------------------------------------------------- text

def _change_line(change: FindingChange, kind: str, lang: Language) -> str:
    t = terminal_safe
    mark = "✓" if kind == "fixed" else "✗"
    extra = f" ({word('now_explained', lang)})" if change.now_explained else ""
    return (f"    {mark} {word(kind, lang):<9} {t(change.check)} {change.severity.value:<8} {t(change.message.get(lang))}{extra}"
            f"  [{t(change.path or '/')}]")


def render_diff_text(diff: ServiceDiff, lang: Language, *, colour: bool = False) -> str:
    """The comparison for the terminal."""
    from .text import _Style

    style = _Style(colour)
    t = terminal_safe
    name = t(diff.new_id if diff.old_id == diff.new_id else f"{diff.old_id} → {diff.new_id}")
    lines = [style(f"{word('title', lang)}: {name} — {t(diff.new_title.get(lang))}", "bold"),
             f"  {word('old', lang)}:   {t(diff.old_file or '-')}", f"  {word('new', lang)}: {t(diff.new_file or '-')}", ""]
    colours = {"improved": "green", "regressed": "red", "unchanged": "dim"}
    for item in diff.principles:
        head = t(f"{item.id} {item.title.get(lang)}")
        scores = f"{score_text(item.old, lang):>5} → {score_text(item.new, lang):<5} {delta_text(item, lang):>6}"
        lines.append(f"  {head:<42} {scores}  " + style(word(f"state.{item.state}", lang), colours[item.state], "bold"))
        lines += [_change_line(change, "fixed", lang) for change in item.fixed]
        lines += [_change_line(change, "added", lang) for change in item.added]
    if diff.starting_points:
        parts = [f"{t(item.id)} {score_text(item.old, lang)} → {score_text(item.new, lang)}"
                 + (f" ({delta_text(item, lang)})" if delta_text(item, lang) not in ("", "0") else "")
                 for item in diff.starting_points]
        lines.append(f"  {word('starting_points', lang)}: " + "   ".join(parts))
    document = diff.document
    if document.fixed or document.added:
        lines.append(f"  {word('document', lang)}: " + style(word(f"state.{document.state}", lang), colours[document.state]))
        lines += [_change_line(change, "fixed", lang) for change in document.fixed]
        lines += [_change_line(change, "added", lang) for change in document.added]
    lines += ["", style(verdict(diff, lang), colours[diff.state], "bold")]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------- Markdown

def _md_change(change: FindingChange, kind: str, lang: Language) -> str:
    mark = "✓" if kind == "fixed" else "✗"
    extra = f" ({word('now_explained', lang)})" if change.now_explained else ""
    return (f"- {mark} *{word(kind, lang)}* **{md(change.check)}** {md(change.title.get(lang))} · "
            f"{md(change.message.get(lang))}{extra} · {word('place', lang)}: `{change.path or '/'}`")


def render_diff_markdown(diff: ServiceDiff, lang: Language) -> str:
    """The comparison as Markdown (GitHub/GitLab-flavoured), e.g. for a pull-request comment."""
    name = md(diff.new_id if diff.old_id == diff.new_id else f"{diff.old_id} → {diff.new_id}")
    lines = [f"# {word('title', lang)}: {name} — {md(diff.new_title.get(lang))}", "",
             f"{word('old', lang)}: {md(diff.old_file or '-')} · {word('new', lang)}: {md(diff.new_file or '-')}", "",
             f"**{md(verdict(diff, lang))}**", "", f"## {word('principles', lang)}", "",
             "| " + " | ".join([word("item", lang), word("score_old", lang), word("score_new", lang), word("change", lang),
                                 word("state", lang), word("findings_fixed", lang), word("findings_added", lang)]) + " |",
             "|---|--:|--:|--:|---|--:|--:|"]
    for item in [*diff.principles, *diff.starting_points]:
        lines.append("| " + " | ".join([
            md(f"{item.id} {item.title.get(lang)}"), score_text(item.old, lang), score_text(item.new, lang),
            delta_text(item, lang) or "–", word(f"state.{item.state}", lang),
            str(len(item.fixed)) if item.kind == "principle" else "–", str(len(item.added)) if item.kind == "principle" else "–",
        ]) + " |")
    lines.append("")
    for item in _items(diff):
        if not (item.fixed or item.added):
            continue
        title = word("document", lang) if item.kind == "document" else f"{item.id} {item.title.get(lang)}"
        lines += [f"### {md(title)}: {word(f'state.{item.state}', lang)}", ""]
        lines += [_md_change(change, "fixed", lang) for change in item.fixed]
        lines += [_md_change(change, "added", lang) for change in item.added]
        lines.append("")
    lines.append(f"*{report_labels(lang)['generated_by'].format(version=md(diff.version or '?'))}*")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------- JSON

def _text(text: Text) -> dict[str, str]:
    return {lang: value for lang, value in (("nl", text.nl), ("en", text.en)) if value is not None}


def _change_data(change: FindingChange) -> dict[str, Any]:
    data: dict[str, Any] = {"check": change.check, "title": _text(change.title), "severity": change.severity.value,
                            "message": _text(change.message), "path": change.path, "principles": list(change.principles)}
    if change.step is not None:
        data["step"] = change.step
    if change.now_explained:
        data["now_explained"] = True
    return data


def _item_data(item: ItemDiff) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "title": _text(item.title), "state": item.state}
    if item.kind != "document":
        data["score"] = {"old": item.old, "new": item.new, "delta": item.delta}
    if item.kind != "starting_point":
        data["fixed"] = [_change_data(change) for change in item.fixed]
        data["new"] = [_change_data(change) for change in item.added]
    return data


def diff_to_data(diff: ServiceDiff) -> dict[str, Any]:
    """The comparison as plain JSON-ready data (both languages)."""

    def side(service: str, title: Text, file: str | None) -> dict[str, Any]:
        data: dict[str, Any] = {"id": service, "title": _text(title)}
        if file is not None:
            data["file"] = file
        return data

    return {
        "dienstvisie_diff": DIFF_FORMAT,
        "tool": {"name": "dienstvisie", "version": diff.version},
        "vision": {"id": diff.vision, "version": diff.vision_version},
        "old": side(diff.old_id, diff.old_title, diff.old_file),
        "new": side(diff.new_id, diff.new_title, diff.new_file),
        "result": diff.state,
        "regressed": list(diff.regressed),
        "improved": list(diff.improved),
        "principles": [_item_data(item) for item in diff.principles],
        "starting_points": [_item_data(item) for item in diff.starting_points],
        "document": _item_data(diff.document),
    }


def render_diff_json(diff: ServiceDiff, lang: Language = "nl") -> str:
    """The comparison as JSON (both languages are always included; `lang` is not needed)."""
    return json_text(diff_to_data(diff)) + "\n"


# --------------------------------------------------------------------------------------------- HTML

def render_diff_html(diff: ServiceDiff, lang: Language, theme: Any = None) -> str:
    """The comparison as one self-contained, accessible HTML page; both journeys side by side.
    `theme`: a `Theme` (house style and logo) or None."""
    L = report_labels(lang)
    W = {key: value[lang] for key, value in WORDS.items()}
    sides = []
    for which, concept, findings, title, file in (
        ("old", diff.old_concept, diff.old_findings, diff.old_title, diff.old_file),
        ("new", diff.new_concept, diff.new_findings, diff.new_title, diff.new_file),
    ):
        drawn = journey(f"{which}-journey", concept, findings, lang) if concept is not None and concept.steps else None
        if drawn is not None:  # two diagrams on one page: their labels must differ
            drawn = attrs.evolve(drawn, service_title=f"{drawn.service_title} ({W[which]})")
        sides.append({"which": which, "heading": W[f"{which}_version"], "journey": drawn,
                      "title": text_markup(title, lang), "file": file,
                      "steps_heading": W["steps_of"].format(which=W[which])})
    template = environment().get_template("diff.html.j2")
    name = diff.new_id if diff.old_id == diff.new_id else f"{diff.old_id} → {diff.new_id}"
    return template.render(
        lang=lang, L=L, W=W, csp=CONTENT_SECURITY_POLICY, version=diff.version, diff=diff, name=name,
        title=text_markup(diff.new_title, lang), verdict=verdict(diff, lang),
        rows=[(item, score_text(item.old, lang), score_text(item.new, lang), delta_text(item, lang))
              for item in [*diff.principles, *diff.starting_points]],
        changed=[item for item in _items(diff) if item.fixed or item.added], sides=sides,
        legend=next((side["journey"] for side in sides if side["journey"] is not None), None),
        page_title=f"{W['title']} — {name}", reconstructed=diff.vision_status == "reconstructed", theme=theme,
    )
