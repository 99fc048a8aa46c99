"""The timeline (seed 000, figure 3.2 and appendix 3; exchange occasions as in figure 5.1), as SVG.

One lane per organisation, the steps as columns as wide as their weeks, one circle per task, all
the same size whatever its time (the seed weights none of them). School A is green, School B
yellow, social services blue, as in the seed; every lane also has its own fill pattern and a
label, and every circle a letter, so that colour is never the only cue. Tasks of the same
exchange occasion get a ring and are joined across lanes by a dashed line.

A pure function of the computed result: the web page makes the circles links and the PDF report
draws the same picture without them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from math import ceil

from samverkan.model import SCHOOL, CaseResult, Organisation, Task
from samverkan.reports.labels import kronor, minutes_as_hours, number

__all__ = ["LaneStyle", "lane_styles", "organisation_styles", "task_summary", "timeline_svg"]

# Wide enough for a week to read as time, narrow enough for Lucas's 20 weeks on a page.
_WEEK = 34.0
_LABEL_WIDTH = 150.0
_HEADER = 58.0
_RADIUS = 10.0
_PITCH = 26.0  # distance between circle centres
_LANE_PADDING = 12.0


@dataclass(frozen=True)
class LaneStyle:
    fill: str  # the circle colour
    background: str  # the lane's tint
    pattern: str  # id of the lane's fill pattern
    letter: str  # drawn in every circle of the lane


# Colours from the seed; dark circle outlines keep 3:1 contrast against the light lanes.
_SCHOOL_STYLES = (
    LaneStyle("#4c9a2a", "#eef6ea", "dots", "A"),
    LaneStyle("#f2c500", "#fdf8e1", "stripes", "B"),
    LaneStyle("#d4731b", "#fbefe4", "cross", "C"),
    LaneStyle("#8e5fa8", "#f3edf6", "grid", "D"),
)
_SOCIAL_STYLE = LaneStyle("#5b9bd5", "#e8f0f8", "waves", "S")
_OTHER_STYLES = (
    LaneStyle("#6b6b6b", "#f1f1f1", "plain", "Ö"),
    LaneStyle("#a83262", "#f8ebf0", "plain", "X"),
)


def lane_styles(result: CaseResult) -> dict[str, LaneStyle]:
    """The colour, pattern and letter of each organisation's lane."""
    return organisation_styles(result.case.organisations)


def organisation_styles(organisations: Iterable[Organisation]) -> dict[str, LaneStyle]:
    """The colour, pattern and letter of each organisation, in the order given: the first
    school is A, the second B, social services S (a comparison passes both cases' lists)."""
    styles: dict[str, LaneStyle] = {}
    schools = others = 0
    for org in organisations:
        if org.id in styles:
            continue
        if org.group == SCHOOL:
            base = _SCHOOL_STYLES[schools % len(_SCHOOL_STYLES)]
            schools += 1
        elif org.group == "social_services":
            base = _SOCIAL_STYLE
        else:
            base = _OTHER_STYLES[others % len(_OTHER_STYLES)]
            others += 1
        styles[org.id] = base
    return styles


_PATTERNS = """<defs>
<pattern id="tl-dots" width="10" height="10" patternUnits="userSpaceOnUse">\
<circle cx="5" cy="5" r="1.3" fill="#4c9a2a" fill-opacity="0.35"/></pattern>
<pattern id="tl-stripes" width="10" height="10" patternUnits="userSpaceOnUse" \
patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="10" stroke="#b89500" \
stroke-opacity="0.3" stroke-width="3"/></pattern>
<pattern id="tl-cross" width="12" height="12" patternUnits="userSpaceOnUse">\
<path d="M0 0L12 12M12 0L0 12" stroke="#d4731b" stroke-opacity="0.25"/></pattern>
<pattern id="tl-grid" width="12" height="12" patternUnits="userSpaceOnUse">\
<path d="M0 0H12M0 0V12" stroke="#8e5fa8" stroke-opacity="0.25"/></pattern>
<pattern id="tl-waves" width="20" height="10" patternUnits="userSpaceOnUse">\
<path d="M0 5Q5 0 10 5T20 5" fill="none" stroke="#2b6cb0" stroke-opacity="0.3"/></pattern>
<pattern id="tl-plain" width="10" height="10" patternUnits="userSpaceOnUse"></pattern>
</defs>"""

_TEXT = {
    "sv": {
        "weeks": "veckor", "week": "vecka", "exchange": "informationsutbyte",
        "title": "Tidslinje", "legend_exchange": "Ring och streckad linje: informationsutbyte "
        "mellan skola och socialtjänst",
    },
    "en": {
        "weeks": "weeks", "week": "week", "exchange": "exchange of information",
        "title": "Timeline", "legend_exchange": "Ring and dashed line: exchange of information "
        "between school and social services",
    },
}


def _attrs(values: Mapping[str, str]) -> str:
    return "".join(f' {k}="{escape(v)}"' for k, v in values.items())


def task_summary(result: CaseResult, task: Task, lang: str = "sv") -> str:
    """One line naming a task with its organisation, time and cost: the circle's text."""
    figures = result.task(task.id).figures
    org = result.case.organisation(task.org).name
    # A collaboration task says which occasion it belongs to, by the occasion's name.
    occasion = ""
    if task.exchange is not None:
        said = "informationsutbyte" if lang == "sv" else "exchange occasion"
        occasion = f"; {said}: {result.case.exchange_name(task.exchange)}"
    return (
        f"{task.name} ({org}{occasion}): {minutes_as_hours(figures.minutes, lang)}, "
        f"{kronor(figures.cost, lang)}"
    )


def timeline_svg(
    result: CaseResult,
    *,
    lang: str = "sv",
    task_link: Callable[[Task], Mapping[str, str]] | None = None,
    element_id: str = "timeline",
) -> str:
    """The timeline as an inline `<svg>` element.

    `task_link(task)` gives the attributes of a link around each circle (at least `href`);
    without it the circles are plain shapes with a text title, for print and PDF.
    """
    text = _TEXT["sv" if lang == "sv" else "en"]
    case = result.case
    styles = lane_styles(result)
    orgs = case.organisations
    # Circles per lane and step, laid out in rows that fit the step's column.
    widths: list[float] = []
    for step in case.steps:
        # At least three circles abreast so a short step with many tasks stays readable.
        widths.append(max(step.weeks * _WEEK, 3 * _PITCH + 2 * _LANE_PADDING, 90.0))
    per_row = [max(1, int((w - 2 * _LANE_PADDING) // _PITCH)) for w in widths]
    # Each step's tasks by organisation, sorted once rather than searched lane by lane.
    cell_tasks: dict[tuple[str, str], list[Task]] = {}
    for step in case.steps:
        for t in step.tasks:
            cell_tasks.setdefault((step.id, t.org), []).append(t)
    lane_rows = []
    for org in orgs:
        rows = 1
        for step, fit in zip(case.steps, per_row, strict=True):
            count = len(cell_tasks.get((step.id, org.id), ()))
            rows = max(rows, ceil(count / fit) if count else 1)
        lane_rows.append(rows)
    lane_heights = [rows * _PITCH + 2 * _LANE_PADDING for rows in lane_rows]
    width = _LABEL_WIDTH + sum(widths) + 10
    height = _HEADER + sum(lane_heights) + 40

    title_id = f"{element_id}-title"
    desc_id = f"{element_id}-desc"
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(element_id)}" class="timeline" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'role="group" aria-labelledby="{title_id}" aria-describedby="{desc_id}">',
        f'<title id="{title_id}">{escape(text["title"])}: {escape(case.name)}</title>',
        f'<desc id="{desc_id}">{escape(text["legend_exchange"])}</desc>',
        _PATTERNS,
    ]

    # Step columns with their names and weeks.
    x = _LABEL_WIDTH
    column_x: list[float] = []
    for step, w in zip(case.steps, widths, strict=True):
        column_x.append(x)
        weeks = number(step.weeks, lang, 0 if step.weeks == int(step.weeks) else 1)
        unit = text["week"] if step.weeks == 1 else text["weeks"]
        parts.append(
            f'<g class="tl-step" aria-hidden="true"><rect x="{x:.1f}" y="0" width="{w:.1f}" '
            f'height="{height - 30:.1f}" fill="none" stroke="#b1b4b6"/>'
            f'<text x="{x + 6:.1f}" y="18" font-size="12" class="tl-step-name">'
            f"{escape(shortened(step.name, w))}</text>"
            f'<text x="{x + 6:.1f}" y="36" font-size="12" class="tl-step-weeks">'
            f"{weeks} {unit}</text></g>"
        )
        x += w

    # Lanes with label, tint and pattern; then the circles.
    centres: dict[str, tuple[float, float]] = {}
    y = _HEADER
    circles: list[str] = []
    for org, lane_h in zip(orgs, lane_heights, strict=True):
        style = styles[org.id]
        parts.append(
            f'<g class="tl-lane" aria-hidden="true">'
            f'<rect x="0" y="{y:.1f}" width="{width - 10:.1f}" height="{lane_h:.1f}" '
            f'fill="{style.background}"/>'
            f'<rect x="{_LABEL_WIDTH:.1f}" y="{y:.1f}" width="{width - 10 - _LABEL_WIDTH:.1f}" '
            f'height="{lane_h:.1f}" fill="url(#tl-{style.pattern})"/>'
            f'<text x="8" y="{y + lane_h / 2 + 5:.1f}" class="tl-lane-name">'
            f"{escape(style.letter)}: {escape(shortened(org.name, _LABEL_WIDTH))}</text></g>"
        )
        for step, cx0, fit in zip(case.steps, column_x, per_row, strict=True):
            tasks = cell_tasks.get((step.id, org.id), [])
            for i, task in enumerate(tasks):
                cx = cx0 + _LANE_PADDING + _RADIUS + (i % fit) * _PITCH
                cy = y + _LANE_PADDING + _RADIUS + 3 + (i // fit) * _PITCH
                centres[task.id] = (cx, cy)
                circles.append(_circle(result, task, style, cx, cy, lang, task_link))
        y += lane_h

    # Exchange occasions joined across lanes, drawn under the circles; the tasks are grouped by
    # occasion in one pass, as a scan per occasion would grow with the square of the case.
    by_exchange: dict[str, list[tuple[float, float]]] = {}
    for t in case.tasks:
        if t.exchange is not None and t.id in centres:
            by_exchange.setdefault(t.exchange, []).append(centres[t.id])
    for exchange in case.exchange_occasions:
        points = sorted(by_exchange.get(exchange, []), key=lambda p: p[1])
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            parts.append(
                f'<line class="tl-exchange" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
                f'y2="{y2:.1f}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="5 3" '
                f'aria-hidden="true"/>'
            )
    parts.extend(circles)
    parts.append(
        f'<g aria-hidden="true"><circle cx="16" cy="{height - 16:.1f}" r="{_RADIUS - 2}" '
        f'fill="#ffffff" stroke="#0b0c0c" stroke-width="2"/>'
        f'<circle cx="16" cy="{height - 16:.1f}" r="{_RADIUS + 2}" fill="none" '
        f'stroke="#0b0c0c" stroke-width="2"/>'
        f'<text x="34" y="{height - 11:.1f}" class="tl-legend">'
        f"{escape(text['legend_exchange'])}</text></g>"
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _circle(
    result: CaseResult,
    task: Task,
    style: LaneStyle,
    cx: float,
    cy: float,
    lang: str,
    task_link: Callable[[Task], Mapping[str, str]] | None,
) -> str:
    summary = task_summary(result, task, lang)
    ring = ""
    if task.exchange is not None:
        ring = (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{_RADIUS + 3:.1f}" fill="none" '
            f'stroke="#0b0c0c" stroke-width="2"/>'
        )
    shape = (
        f'{ring}<circle class="tl-dot" cx="{cx:.1f}" cy="{cy:.1f}" r="{_RADIUS:.1f}" '
        f'fill="{style.fill}" stroke="#0b0c0c" stroke-width="1.5"/>'
        f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle" class="tl-letter" '
        f'aria-hidden="true">{escape(style.letter)}</text>'
    )
    exchange = " tl-task-exchange" if task.exchange else ""
    if task_link is None:
        return (
            f'<g class="tl-task{exchange}" data-task="{escape(task.id)}">'
            f"<title>{escape(summary)}</title>{shape}</g>"
        )
    attrs = dict(task_link(task))
    attrs.setdefault("aria-label", summary)
    return (
        f'<a class="tl-task{exchange}" data-task="{escape(task.id)}"{_attrs(attrs)}>'
        f"<title>{escape(summary)}</title>{shape}</a>"
    )


def shortened(name: str, width: float) -> str:
    # Bold 12 px text is about 8 px per character in the fonts used (DejaVu Sans, Liberation
    # Sans, Arial); the size is set on the text so the page's font size cannot widen it. The
    # full name is in the table view.
    room = max(4, int((width - 12) // 8))
    return name if len(name) <= room else name[: room - 1] + "…"
