"""The journey as a swimlane diagram that fits the page: a lane per organisation, the steps in order
from left to right, at most `STEPS_PER_ROW` to a row — a longer journey wraps onto the next row,
which repeats the lane names — so it reads at 1,280 px without scrolling sideways and prints on a
landscape A4 page without shrinking its text below 8 pt.

Hand-overs are arrows whose line pattern *and* label say warm / data / cold; a step that hands over
to several parties at once (format 2 fan-out) sends one arrow to each, side by side; an arrow whose
step is on a later row ends at the row's edge with the number of the step it goes to. A step that
does not simply follow the one before it (format 2 `after`: a branch, or a step joining two) says
which steps it follows ("na 2, 4"), and the table of steps says it too. Step titles and lane names
wrap at spaces (or after a hyphen), never inside a word; a word too long for its box is set
narrower rather than cut. Steps with failed findings are marked.

`journey()` computes the geometry; the `journey`, `legend` and `steps_table` macros in
`templates/macros.html.j2` draw it (as SVG, with a table of the steps as its text alternative).
Shared by the HTML check report and the HTML diff (which shows two journeys side by side).
"""

from __future__ import annotations

import attrs
from markupsafe import Markup

from ..model.check import Status
from ..model.finding import Finding
from ..model.journey import Journey as Graph
from ..model.service import ServiceConcept, Step
from ..model.text import Language
from ._common import ATTENTION, label, party_name, step_index
from ._html import text_markup

STEPS_PER_ROW = 4
LANE_LABEL_W = 172
BOX_W = 150
GAP = 56
COL_W = BOX_W + GAP
MARGIN = 10
ROW_GAP = 30  # between rows: room for the row's caption
TITLE_CHARS = 20  # characters of a step title per line (12 px text in a 150 px box)
LANE_CHARS = 19  # characters of a lane name per line (12.5 px bold in a 172 px label)
LINE_H = 15
CHAR_W = 6.6  # the average width of a character of 12 px text, to tell when a line must be set narrower


def wrap_words(text: str, width: int, max_lines: int) -> tuple[tuple[str, bool], ...]:
    """`text` in lines of at most about `width` characters, broken at spaces or after a hyphen,
    never inside a word: (line, too_wide) pairs, `too_wide` when one word alone is longer than
    `width` (the drawing sets it narrower). At most `max_lines`; when there is more, the last line
    ends in … after a whole word (the full text is in the step's tooltip and the table of steps)."""
    pieces: list[str] = []
    for word in " ".join(text.split()).split(" "):
        while len(word) > width and "-" in word[1:width]:  # a long compound breaks after a hyphen
            cut = word.rindex("-", 1, width) + 1
            pieces.append(word[:cut])
            word = word[cut:]
        pieces.append(word)
    lines: list[str] = []
    current = ""
    for piece in pieces:
        glue = "" if current.endswith("-") else " "
        candidate = f"{current}{glue}{piece}" if current else piece
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = piece
    if current:
        lines.append(current)
    if len(lines) > max_lines:  # cut after a whole word: the last line kept whole, with …
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" -") + "…"
    return tuple((line, len(line) > width) for line in lines)


@attrs.frozen
class Line:
    """One line of text in the drawing; `fit` is the width it is squeezed into, or 0."""

    text: str
    fit: int = 0


def _lines(text: str, width: int, max_lines: int, pixels: int) -> tuple[Line, ...]:
    return tuple(Line(line, pixels if too_wide or len(line) * CHAR_W > pixels else 0)
                 for line, too_wide in wrap_words(text, width, max_lines))


@attrs.frozen
class Lane:
    """A lane of one row of the swimlane: one organisation."""

    id: str
    name: str
    lines: tuple[Line, ...]
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
    lines: tuple[Line, ...]
    organisation: str
    initiative: str
    initiative_short: str
    x: int
    y: int
    failed: int
    explained: int
    handover: str
    after: str  # "na 2, 4" when the step does not simply follow the one before it; else ""
    after_long: str  # the same for the table of steps


@attrs.frozen
class Arrow:
    """A hand-over from a step to another organisation (or team)."""

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
class Row:
    """One row of a wrapped journey: its steps' numbers and where it starts."""

    y: int
    height: int
    caption: str
    caption_y: int


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
    rows: tuple[Row, ...] = ()
    branched: bool = False  # some step follows another than the one before it


@attrs.frozen
class _Geometry:
    """Where rows, lanes and boxes go: every row has the lanes it needs, in the document's order."""

    box_h: int
    lane_h: int
    row_lanes: tuple[tuple[str, ...], ...]
    row_y: tuple[int, ...]
    occupied: frozenset[tuple[str, int]] = frozenset()  # (lane, step number) of every box

    def row(self, step: int) -> int:
        return step // STEPS_PER_ROW

    def lane_y(self, row: int, lane_id: str) -> int:
        return self.row_y[row] + self.row_lanes[row].index(lane_id) * self.lane_h

    def mid_y(self, row: int, lane_id: str) -> int:
        return self.lane_y(row, lane_id) + self.lane_h // 2

    def box_x(self, step: int) -> int:
        return LANE_LABEL_W + GAP // 2 + (step % STEPS_PER_ROW) * COL_W

    def box_y(self, step: int, lane_id: str) -> int:
        return self.lane_y(self.row(step), lane_id) + (self.lane_h - self.box_h) // 2

    def gap_x(self, step: int) -> int:
        """The middle of the gap after the box of `step`."""
        return self.box_x(step) + BOX_W + GAP // 2

    def right(self) -> int:
        return LANE_LABEL_W + STEPS_PER_ROW * COL_W


def _target(graph: Graph, steps: tuple[Step, ...], index: int, organisation: str) -> int | None:
    """The step a hand-over from step `index` arrives at: the first later step of `organisation`
    the journey reaches from it, else the first later one in the document."""
    reachable = {step.id for step in graph.after(steps[index].id)}
    later = [j for j in range(index + 1, len(steps)) if steps[j].organisation == organisation]
    return next((j for j in later if steps[j].id in reachable), later[0] if later else None)


def _after_text(graph: Graph, steps: tuple[Step, ...], index: int, lang: Language) -> tuple[str, str]:
    """("na 2, 4", "na stap 2 en 4") when the step does not follow the one before it."""
    before = graph.predecessors(steps[index].id)
    expected = (steps[index - 1],) if index else ()
    if tuple(step.id for step in before) == tuple(step.id for step in expected):
        return "", ""
    if not before:
        return label("journey_after_start", lang), label("journey_after_start_long", lang)
    numbers = [str(graph.index(step.id) + 1) for step in before]
    short = label("journey_after", lang).format(steps=", ".join(numbers))
    joined = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} {label('and', lang)} {numbers[-1]}"
    return short, label("journey_after_long", lang).format(steps=joined)


def journey(journey_id: str, concept: ServiceConcept, findings: tuple[Finding, ...], lang: Language) -> Journey:
    steps = concept.steps
    graph = Graph.of(concept)
    lane_ids = [organisation.id for organisation in concept.organisations]
    for step in steps:  # a dangling reference cannot pass validation, but never lose a step
        if step.organisation not in lane_ids:
            lane_ids.append(step.organisation)
    names = {organisation.id: organisation.name for organisation in concept.organisations}

    def organisation_of(party: str) -> str:
        try:
            return concept.organisation_id(party)
        except KeyError:
            return party

    # which lanes each row needs: its steps' organisations and where their hand-overs go
    rows_count = max(1, -(-len(steps) // STEPS_PER_ROW))
    needed: list[set[str]] = [set() for _ in range(rows_count)]
    for index, step in enumerate(steps):
        needed[index // STEPS_PER_ROW].add(step.organisation)
        for handover in step.handovers:
            target_org = organisation_of(handover.to)
            needed[index // STEPS_PER_ROW].add(target_org if target_org in lane_ids else step.organisation)
    row_lanes = tuple(tuple(lane for lane in lane_ids if lane in row) for row in needed)

    titles = [_lines(f"{index + 1}. {step.title.get(lang)}", TITLE_CHARS, 5, BOX_W - 16) for index, step in enumerate(steps)]
    afters = [_after_text(graph, steps, index, lang) for index in range(len(steps))]
    extra = max((1 for short, _ in afters if short), default=0)
    text_lines = max((len(lines) for lines in titles), default=1)
    box_h = 14 + LINE_H * text_lines + 20 + LINE_H * extra
    lane_h = box_h + 32
    row_y = []
    y = MARGIN + (ROW_GAP if rows_count > 1 else 0)
    for lanes_of_row in row_lanes:
        row_y.append(y)
        y += len(lanes_of_row) * lane_h + ROW_GAP
    geometry = _Geometry(box_h=box_h, lane_h=lane_h, row_lanes=row_lanes, row_y=tuple(row_y),
                         occupied=frozenset((step.organisation, index) for index, step in enumerate(steps)))

    lanes = []
    rows = []
    for row, lanes_of_row in enumerate(row_lanes):
        for position, org_id in enumerate(lanes_of_row):
            name = names.get(org_id, org_id)
            lines = _lines(name, LANE_CHARS, 4, LANE_LABEL_W - 20)
            lane_y = geometry.lane_y(row, org_id)
            lanes.append(Lane(id=org_id, name=name, lines=lines, y=lane_y, height=lane_h,
                              text_y=lane_y + lane_h // 2 - 8 * (len(lines) - 1) + 5, shaded=position % 2 == 0))
        first, last = row * STEPS_PER_ROW + 1, min(len(steps), (row + 1) * STEPS_PER_ROW)
        if rows_count > 1:
            caption = label("journey_row", lang).format(first=first, last=last, rows=rows_count, row=row + 1)
            rows.append(Row(y=geometry.row_y[row], height=len(lanes_of_row) * lane_h, caption=caption,
                            caption_y=geometry.row_y[row] - 10))

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
    for index, step in enumerate(steps):
        handover_texts = []
        fan = len(step.handovers)
        for k, handover in enumerate(step.handovers):
            to_name = party_name(concept, handover.to)
            to_organisation = organisation_of(handover.to)
            word = label(f"kind.{handover.kind}", lang)
            target = _target(graph, steps, index, to_organisation)
            text = label("handover_to", lang).format(to=to_name, kind=word)
            if target is None:
                text += f"; {label('no_target_step', lang).format(to=to_name)}"
            else:
                text += f" → {label('step', lang).lower()} {target + 1}"
            handover_texts.append(text)
            target_lane = to_organisation if to_organisation in geometry.row_lanes[geometry.row(index)] else step.organisation
            arrows.append(_arrow(geometry, handover.kind, word, index, step.organisation, target, target_lane, to_name,
                                 k, fan))
        team = concept.team(step.team) if step.team else None
        initiative_short = label(f"initiative_short.{step.initiative}", lang)
        short, long = afters[index]
        boxes.append(StepBox(
            number=index + 1, id=step.id, title=text_markup(step.title, lang), title_text=step.title.get(lang),
            lines=titles[index], organisation=names.get(step.organisation, step.organisation)
            + (f" ({team.name})" if team is not None else ""),
            initiative=label(f"initiative.{step.initiative}", lang), initiative_short=initiative_short,
            x=geometry.box_x(index), y=geometry.box_y(index, step.organisation),
            failed=marks.get(index, {}).get(Status.FAILED, 0), explained=marks.get(index, {}).get(Status.EXPLAINED, 0),
            handover="; ".join(handover_texts), after=short, after_long=long,
        ))
    marked = sum(1 for box in boxes if box.failed)
    desc = label("journey_desc", lang).format(steps=len(boxes), organisations=len(lane_ids), handovers=len(arrows),
                                              marked=marked)
    wrapped = label("journey_wrapped", lang).format(rows=rows_count, per_row=STEPS_PER_ROW) if rows_count > 1 else ""
    branched = any(short for short, _ in afters)
    return Journey(
        id=journey_id, title=f"{label('journey', lang)}: {concept.title.get(lang)}", service_title=concept.title.get(lang),
        desc=" ".join(part for part in (label("lane", lang), wrapped, desc) if part),
        width=geometry.right() + MARGIN, height=(row_y[-1] + len(row_lanes[-1]) * lane_h + MARGIN) if row_y else 2 * MARGIN,
        lane_label_w=LANE_LABEL_W - 8, box_w=BOX_W, box_h=box_h, lanes=tuple(lanes), boxes=tuple(boxes),
        arrows=tuple(arrows),
        kinds=tuple((kind, label(f"kind.{kind}", lang), label(f"kind.{kind}.long", lang)) for kind in ("warm", "data", "cold")),
        rows=tuple(rows), branched=branched,
    )


def _arrow(g: _Geometry, kind: str, word: str, source: int, lane: str, target: int | None, target_lane: str,
           to_name: str, k: int, fan: int) -> Arrow:
    """An arrow from the box of `source`; the `k`th of `fan` hand-overs of that step leaves at its
    own height and turns at its own place in the gap, so arrows that fan out do not overlap."""
    row = g.row(source)
    spread = k - (fan - 1) / 2
    x1 = g.box_x(source) + BOX_W
    y1 = round(g.mid_y(row, lane) + spread * min(12, (g.box_h - 20) / max(fan, 1)))
    y2 = g.mid_y(row, target_lane)
    blocked = (target_lane, source + 1) in g.occupied and g.row(source + 1) == row
    if target is not None and g.row(target) != row and blocked:  # pass below the box that stands there
        y2 = g.lane_y(row, target_lane) + g.lane_h - 8
    label_w = round(len(word) * 6.5) + 10
    same_row = target is not None and g.row(target) == row
    last_in_row = source % STEPS_PER_ROW == STEPS_PER_ROW - 1
    middle = g.right() - 14 if last_in_row else g.gap_x(source)  # the last column turns inside the drawing
    turn = round(middle + spread * min(10, GAP / (fan + 1)))
    if target is not None and not same_row:
        word = f"{word} → {target + 1}"  # the step it goes to, on a later row
        label_w = round(len(word) * 6.5) + 10
    if same_row and target is not None and target != source + 1:
        end_x = g.box_x(target) - 2
        gutter = g.lane_y(row, target_lane) + 8 + 6 * k
        down = g.gap_x(target - 1) - 8 * (k + 1) if fan > 1 else g.gap_x(target - 1)  # not on another arrow's turn
        path = f"M{x1},{y1} H{turn} V{gutter} H{down} V{y2} H{end_x}"
        label_x, label_y = (turn, (y1 + gutter) // 2) if fan == 1 else (end_x - label_w // 2 - 8, y2 - 12)
    else:
        # the next column, a step on a later row, or no later step: the arrow ends where the next
        # box would stand (at the row's edge for the last column)
        end_x = g.right() + MARGIN - 2 if last_in_row else g.box_x(source + 1) - 2
        if lane == target_lane and fan == 1:
            path = f"M{x1},{y1} H{end_x}"
            label_x, label_y = (x1 + end_x) // 2, y1 - 12
        else:
            path = f"M{x1},{y1} H{turn} V{y2} H{end_x}"
            label_x, label_y = (turn, (y1 + y2) // 2) if fan == 1 else (end_x - label_w // 2 - 8, y2 - 12)
        if not same_row and not last_in_row and lane != target_lane:  # the label after the head, beside the line
            label_x, label_y = end_x + 8 + label_w // 2, y2
        if last_in_row:  # keep the label inside the drawing, left of the line
            label_x = min(label_x, g.right() - 22 - label_w // 2)
    return Arrow(kind=kind, word=word, path=path, label_x=label_x, label_y=label_y, label_w=label_w,
                 source=source, target=target, to=to_name)
