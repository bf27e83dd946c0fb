"""The journey as a swimlane diagram: a lane per organisation, the steps in order from left to right,
hand-overs as arrows whose line pattern *and* label say warm / data / cold, steps with failed findings
marked. `journey()` computes the geometry; the `journey`, `legend` and `steps_table` macros in
`templates/macros.html.j2` draw it (as SVG, with a table of the steps as its text alternative).

Shared by the HTML check report and the HTML diff (which shows two journeys side by side).
"""

from __future__ import annotations

import attrs
from markupsafe import Markup

from ..model.check import Status
from ..model.finding import Finding
from ..model.service import ServiceConcept
from ..model.text import Language
from ._common import ATTENTION, label, party_name, step_index
from ._html import text_markup, wrap

LANE_LABEL_W = 156
BOX_W = 128
GAP = 64
COL_W = BOX_W + GAP
LANE_H = 112
BOX_H = 80
MARGIN = 10


def _lane_y(lane: int) -> int:
    return MARGIN + lane * LANE_H


def _mid_y(lane: int) -> int:
    return _lane_y(lane) + LANE_H // 2


def _box_x(column: int) -> int:
    return LANE_LABEL_W + GAP // 2 + column * COL_W


def _box_y(lane: int) -> int:
    return _lane_y(lane) + (LANE_H - BOX_H) // 2


def _gap_x(column: int) -> int:
    """The middle of the gap after the box in `column`."""
    return _box_x(column) + BOX_W + GAP // 2


@attrs.frozen
class Lane:
    """A lane of the swimlane: one organisation."""

    id: str
    name: str
    lines: tuple[str, ...]
    y: int
    height: int
    text_y: int
    shaded: bool


@attrs.frozen
class StepBox:
    """A step of the journey in its lane."""

    number: int
    id: str
    title: Markup
    title_text: str
    lines: tuple[str, ...]
    organisation: str
    initiative: str
    initiative_short: str
    x: int
    y: int
    failed: int
    explained: int
    handover: str


@attrs.frozen
class Arrow:
    """A hand-over from a step to another organisation."""

    kind: str
    word: str
    path: str
    label_x: int
    label_y: int
    label_w: int
    source: int
    target: int | None
    to: str


@attrs.frozen
class Journey:
    """The swimlane diagram of one service, with its text alternative."""

    id: str
    title: str
    service_title: str
    desc: str
    width: int
    height: int
    lane_label_w: int
    box_w: int
    box_h: int
    lanes: tuple[Lane, ...]
    boxes: tuple[StepBox, ...]
    arrows: tuple[Arrow, ...]
    kinds: tuple[tuple[str, str, str], ...]


def journey(journey_id: str, concept: ServiceConcept, findings: tuple[Finding, ...], lang: Language) -> Journey:
    lane_ids = [organisation.id for organisation in concept.organisations]
    for step in concept.steps:  # a dangling reference cannot pass validation, but never lose a step
        if step.organisation not in lane_ids:
            lane_ids.append(step.organisation)
    names = {organisation.id: organisation.name for organisation in concept.organisations}
    lane_of = {org_id: index for index, org_id in enumerate(lane_ids)}
    lanes = []
    for index, org_id in enumerate(lane_ids):
        name = names.get(org_id, org_id)
        lines = wrap(name, 17, 3)
        lanes.append(Lane(id=org_id, name=name, lines=lines, y=_lane_y(index), height=LANE_H,
                          text_y=_mid_y(index) - 8 * (len(lines) - 1) + 5, shaded=index % 2 == 0))
    marks: dict[int, dict[Status, int]] = {}
    for finding in findings:
        if finding.status in ATTENTION:
            at = step_index(finding, concept)
            if at is not None:
                tally = marks.setdefault(at, {})
                key = Status.EXPLAINED if finding.status is Status.EXPLAINED else Status.FAILED
                tally[key] = tally.get(key, 0) + 1
    boxes = []
    arrows = []
    for index, step in enumerate(concept.steps):
        lane = lane_of[step.organisation]
        title = step.title.get(lang)
        handover_text = ""
        if step.handover is not None:
            handover = step.handover  # the journey is drawn as a line: the first hand-over has the arrow
            to_name = party_name(concept, handover.to)
            to_organisation = concept.organisation_id(handover.to)  # a team lives in its organisation's lane
            word = label(f"kind.{handover.kind}", lang)
            target = next((j for j in range(index + 1, len(concept.steps)) if concept.steps[j].organisation == to_organisation), None)
            handover_text = label("handover_to", lang).format(to=to_name, kind=word)
            if target is None:
                handover_text += f"; {label('no_target_step', lang).format(to=to_name)}"
            for other in step.handovers[1:]:
                handover_text += "; " + label("handover_to", lang).format(to=party_name(concept, other.to),
                                                                         kind=label(f"kind.{other.kind}", lang))
            arrows.append(_arrow(handover.kind, word, index, lane, target, lane_of.get(to_organisation, lane), to_name))
        boxes.append(StepBox(
            number=index + 1, id=step.id, title=text_markup(step.title, lang), title_text=title,
            lines=wrap(f"{index + 1}. {title}", 16, 3), organisation=names.get(step.organisation, step.organisation),
            initiative=label(f"initiative.{step.initiative}", lang),
            initiative_short=label(f"initiative_short.{step.initiative}", lang), x=_box_x(index), y=_box_y(lane),
            failed=marks.get(index, {}).get(Status.FAILED, 0), explained=marks.get(index, {}).get(Status.EXPLAINED, 0),
            handover=handover_text,
        ))
    marked = sum(1 for box in boxes if box.failed)
    desc = label("journey_desc", lang).format(steps=len(boxes), organisations=len(lanes), handovers=len(arrows), marked=marked)
    return Journey(
        id=journey_id, title=f"{label('journey', lang)}: {concept.title.get(lang)}", service_title=concept.title.get(lang),
        desc=f"{label('lane', lang)} {desc}",
        width=_box_x(len(concept.steps)) + MARGIN, height=2 * MARGIN + len(lanes) * LANE_H,
        lane_label_w=LANE_LABEL_W - 8, box_w=BOX_W, box_h=BOX_H, lanes=tuple(lanes), boxes=tuple(boxes), arrows=tuple(arrows),
        kinds=tuple((kind, label(f"kind.{kind}", lang), label(f"kind.{kind}.long", lang)) for kind in ("warm", "data", "cold")),
    )


def _arrow(kind: str, word: str, source: int, lane: int, target: int | None, target_lane: int, to_name: str) -> Arrow:
    x1, y1 = _box_x(source) + BOX_W, _mid_y(lane)
    y2 = _mid_y(target_lane)
    end_x = _box_x(target if target is not None else source + 1) - 2
    gap_x = _gap_x(source)
    if target is None or target == source + 1:
        if lane == target_lane:
            path = f"M{x1},{y1} H{end_x}"
            label_x, label_y = (x1 + end_x) // 2, y1 - 12
        else:
            path = f"M{x1},{y1} H{gap_x} V{y2} H{end_x}"
            label_x, label_y = gap_x, (y1 + y2) // 2
    else:
        gutter = _lane_y(target_lane) + 8
        path = f"M{x1},{y1} H{gap_x} V{gutter} H{_gap_x(target - 1)} V{y2} H{end_x}"
        label_x, label_y = gap_x, (y1 + gutter) // 2
    return Arrow(kind=kind, word=word, path=path, label_x=label_x, label_y=label_y, label_w=round(len(word) * 6.5) + 10,
                 source=source, target=target, to=to_name)
