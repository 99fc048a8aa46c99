"""Server-side SVG charts for the pages and reports: cost per step, a comparison, a tornado.

Hand-written SVG so that pages and PDFs need no browser or extra dependency. Each chart is an
image with a title and a description, every bar carries its organisation's letter as well as
its colour (the same colours and letters as the timeline), and every figure is also in a table
beside it on the page.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from samverkan.model import CaseResult, Comparison, TornadoBar
from samverkan.reports.labels import group_label, kronor
from samverkan.reports.timeline import LaneStyle, lane_styles, organisation_styles

if TYPE_CHECKING:
    from samverkan.reports.side_by_side import SideBySide

__all__ = ["alternatives_chart", "comparison_chart", "group_styles", "step_cost_chart",
           "tornado_chart"]

_LABEL = 210.0  # room for step names on the left
_PLOT = 460.0
_BAR = 22.0
_GAP = 12.0
_TOP = 40.0

_TORNADO_FILL = "#1d70b8"  # 5.2:1 against white, as WCAG 1.4.11 asks of graphics

_TEXT: dict[str, dict[str, Any]] = {
    "sv": {
        "cost_title": "Kostnad per steg",
        "cost_desc": "Liggande staplar, en per steg, lika långa som stegets kostnad i typfallet: "
        "skolornas genomsnitt plus socialtjänsten, som i tabellens kolumn Totalt. Varje stapel "
        "är uppdelad på gruppernas kostnad i kronor.",
        "diff_title": "Skillnad i kostnad per steg och organisation",
        "diff_desc": "Staplar åt höger betyder att det alternativa arbetssättet kostar mer, åt "
        "vänster att det kostar mindre. Samma siffror finns i tabellen.",
        "gain": "Samverkansvinst",
        "alt_title": "Ändrad kostnad per steg för varje alternativ",
        "alt_desc": "Liggande staplar i grupper, en grupp per steg och en stapel per alternativt "
        "arbetssätt, numrerade som i förklaringen: stegets ändrade kostnad för hela ärendet "
        "(skolornas genomsnitt plus socialtjänsten), alternativet minus nuvarande. Staplar åt "
        "höger betyder att alternativet kostar mer, åt vänster mindre. Samma siffror finns i "
        "tabellen över ändringen per steg.",
        "tornado_title": "Det som påverkar totalkostnaden mest",
        "tornado_desc": "Liggande staplar, en per uppgift eller yrkesgrupp, från totalkostnaden "
        "när den sätts lågt till totalkostnaden när den sätts högt, medan allt annat står kvar. "
        "Den lodräta linjen är typfallets totalkostnad. Samma siffror finns i tabellen.",
        "base": "Typfallet",
        "kind": {"task": "tid", "role_minutes": "tid", "role_cost": "lön ±10 %"},
    },
    "en": {
        "cost_title": "Cost per step",
        "cost_desc": "Horizontal bars, one per step, as long as the step's cost in the case: the "
        "schools' average plus social services, as in the table's Total column. Each bar is "
        "split into the groups' cost in kronor.",
        "diff_title": "Change in cost per step and organisation",
        "diff_desc": "Bars to the right mean the alternative costs more, to the left that it costs "
        "less. The same figures are in the table.",
        "gain": "Collaboration gain",
        "alt_title": "Change in cost per step for each alternative",
        "alt_desc": "Horizontal bars in groups, one group per step and one bar per alternative "
        "way of working, numbered as in the legend: the step's change in cost for the whole case "
        "(the schools' average plus social services), alternative minus baseline. Bars to the "
        "right mean the alternative costs more, to the left less. The same figures are in the "
        "table of the change per step.",
        "tornado_title": "What moves the total cost most",
        "tornado_desc": "Horizontal bars, one per task or role, from the total cost with it set "
        "low to the total cost with it set high, all else unchanged. The vertical line is the "
        "case's total cost. The same figures are in the table.",
        "base": "The case",
        "kind": {"task": "time", "role_minutes": "time", "role_cost": "salary ±10 %"},
    },
}


def svg_open(width: float, height: float, title: str, desc: str, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart" '
        'font-family="sans-serif" font-size="12">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def shortened(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _legend(entries: list[tuple[str, LaneStyle]], y: float) -> list[str]:
    parts, x = [], _LABEL
    for name, style in entries:
        box = max(14.0, 7.0 * len(style.letter))
        parts.append(f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="{box:.0f}" height="14" '
                     f'fill="{style.fill}" stroke="#333"/>'
                     f'<text x="{x + box / 2:.1f}" y="{y:.1f}" text-anchor="middle" '
                     f'font-size="10" font-weight="bold">{escape(style.letter)}</text>'
                     f'<text x="{x + box + 5:.1f}" y="{y:.1f}">{escape(name)}</text>')
        x += box + 16 + 7 * len(name)
    return parts


# The mean of several schools is none of them: a colour of its own, and their letters.
_MEAN_FILL = "#a7c957"


def group_styles(result: CaseResult) -> dict[str, LaneStyle]:
    """A group's colour and letter: its one organisation's, or for a mean over several, its own
    colour with the members' letters ("A/B")."""
    styles = lane_styles(result)
    out: dict[str, LaneStyle] = {}
    for group, figures in result.groups.items():
        members = figures.counted
        if len(members) == 1:
            out[group] = styles[members[0]]
        else:
            letters = "/".join(styles[o].letter for o in members)
            out[group] = LaneStyle(_MEAN_FILL, "#f4f8ec", "plain", letters)
    return out


def step_cost_chart(result: CaseResult, lang: str = "sv") -> str:
    """Stacked bars: each step's cost in the case (the model's step total), split over the
    groups whose figures add up to it (the schools' mean and social services)."""
    text = _TEXT[lang]
    case = result.case
    styles = group_styles(result)
    totals = [result.total_by_step[s.id].cost for s in case.steps]
    scale = _PLOT / max(max(totals, default=0.0), 1.0)
    height = _TOP + len(case.steps) * (_BAR + _GAP) + 40
    width = _LABEL + _PLOT + 110
    out = svg_open(width, height, text["cost_title"], text["cost_desc"], "cost-chart")
    out += _legend([(group_label(g, lang), styles[g]) for g in result.groups], 20)
    for index, (step, total) in enumerate(zip(case.steps, totals, strict=True)):
        y = _TOP + index * (_BAR + _GAP)
        out.append(f'<text x="{_LABEL - 8:.0f}" y="{y + 15:.1f}" text-anchor="end">'
                   f'{escape(shortened(f"{index + 1}. {step.name}"))}</text>')
        x = _LABEL
        for group_id, group in result.groups.items():
            cost = group.by_step[step.id].cost
            w = cost * scale
            if w <= 0:
                continue
            style = styles[group_id]
            name = group_label(group_id, lang)
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{_BAR}" '
                       f'fill="{style.fill}" stroke="#333" stroke-width="0.5">'
                       f'<title>{escape(f"{step.name}, {name}: {kronor(cost, lang)}")}</title>'
                       '</rect>')
            if w >= max(14, 7 * len(style.letter)):
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + 15:.1f}" text-anchor="middle" '
                           f'font-size="10" font-weight="bold">{escape(style.letter)}</text>')
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15:.1f}">{escape(kronor(total, lang))}</text>')
    out.append("</svg>")
    return "".join(out)


def comparison_chart(comparison: Comparison, lang: str = "sv") -> str:
    """Bars around zero: the change in each organisation's cost in each step."""
    text = _TEXT[lang]
    base = comparison.baseline
    # Both cases' organisations: one that only the alternative has is part of the change.
    organisations = (*base.case.organisations, *comparison.alternative.case.organisations)
    styles = organisation_styles(organisations)
    org_names = {o.id: o.name for o in reversed(organisations)}
    names = {s.id: s.name for s in (*comparison.alternative.case.steps, *base.case.steps)}
    org_ids = list(comparison.by_organisation)
    rows = [(step_id, org_id, orgs[org_id].cost)
            for step_id, orgs in comparison.by_step.items() for org_id in org_ids]
    largest = max((abs(c) for _, _, c in rows), default=0.0) or 1.0
    half = _PLOT / 2
    scale = (half - 60) / largest
    zero = _LABEL + half
    bar = 12.0
    step_height = len(org_ids) * (bar + 2) + _GAP
    height = _TOP + len(comparison.by_step) * step_height + 50
    width = _LABEL + _PLOT + 20
    out = svg_open(width, height, text["diff_title"], text["diff_desc"], "diff-chart")
    out += _legend([(org_names[o], styles[o]) for o in org_ids], 20)
    out.append(f'<line x1="{zero:.1f}" y1="{_TOP - 6:.1f}" x2="{zero:.1f}" '
               f'y2="{height - 40:.1f}" stroke="#333"/>')
    for index, step_id in enumerate(comparison.by_step):
        y0 = _TOP + index * step_height
        out.append(f'<text x="{_LABEL - 8:.0f}" y="{y0 + 12:.1f}" text-anchor="end">'
                   f'{escape(shortened(f"{index + 1}. {names.get(step_id, step_id)}"))}</text>')
        for position, org_id in enumerate(org_ids):
            cost = comparison.by_step[step_id][org_id].cost
            y = y0 + position * (bar + 2)
            w = abs(cost) * scale
            x = zero if cost >= 0 else zero - w
            style = styles[org_id]
            label = f"{names.get(step_id, step_id)}, {org_names[org_id]}"
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.5):.1f}" '
                       f'height="{bar}" fill="{style.fill}" stroke="#333" stroke-width="0.5">'
                       f'<title>{escape(f"{label}: {kronor(cost, lang)}")}</title></rect>')
            if cost:
                anchor, tx = ("start", x + w + 4) if cost > 0 else ("end", x - 4)
                out.append(f'<text x="{tx:.1f}" y="{y + 10:.1f}" text-anchor="{anchor}" '
                           f'font-size="10">{escape(style.letter)} '
                           f'{escape(kronor(cost, lang))}</text>')
    out.append(f'<text x="{_LABEL:.0f}" y="{height - 14:.1f}" font-weight="bold">'
               f'{escape(text["gain"])}: {escape(kronor(comparison.gain, lang))}</text>')
    out.append("</svg>")
    return "".join(out)


# One colour per alternative, each at least 3:1 against white (WCAG 1.4.11), and a number on
# every bar, so that colour is never the only cue.
_ALTERNATIVE_FILLS = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#912b88", "#505a5f")


def alternatives_chart(sides: SideBySide, lang: str = "sv") -> str:
    """Grouped bars around zero: each step's change in cost, one bar per alternative."""
    text = _TEXT[lang]
    steps = [r for r in sides.step_rows if r.kind == "step"]
    count = len(sides.alternatives)
    styles = [LaneStyle(_ALTERNATIVE_FILLS[i % len(_ALTERNATIVE_FILLS)], "#fff", "plain",
                        str(i + 1)) for i in range(count)]
    largest = max((abs(d.cost) for r in steps for d in r.changes), default=0.0) or 1.0
    half = _PLOT / 2
    scale = (half - 60) / largest
    zero = _LABEL + half
    bar = 12.0
    step_height = count * (bar + 2) + _GAP
    legend_height = 18.0 * count
    top = _TOP + legend_height
    height = top + len(steps) * step_height + 24 + 16 * count
    width = _LABEL + _PLOT + 20
    out = svg_open(width, height, text["alt_title"], text["alt_desc"], "alternatives-chart")
    for i, (name, style) in enumerate(zip(sides.alternatives, styles, strict=True)):
        line = 20.0 + 18 * i
        out.append(f'<rect x="{_LABEL:.1f}" y="{line - 11:.1f}" width="14" height="14" '
                   f'fill="{style.fill}" stroke="#333"/>'
                   f'<text x="{_LABEL + 7:.1f}" y="{line:.1f}" text-anchor="middle" '
                   f'font-size="10" font-weight="bold" fill="#fff">{style.letter}</text>'
                   f'<text x="{_LABEL + 21:.1f}" y="{line:.1f}">'
                   f'{escape(shortened(name, 60))}</text>')
    out.append(f'<line x1="{zero:.1f}" y1="{top - 6:.1f}" x2="{zero:.1f}" '
               f'y2="{top + len(steps) * step_height:.1f}" stroke="#333"/>')
    for index, row in enumerate(steps):
        y0 = top + index * step_height
        out.append(f'<text x="{_LABEL - 8:.0f}" y="{y0 + 12:.1f}" text-anchor="end">'
                   f'{escape(shortened(f"{index + 1}. {row.name}"))}</text>')
        for position, (diff, style, name) in enumerate(
                zip(row.changes, styles, sides.alternatives, strict=True)):
            cost = diff.cost
            y = y0 + position * (bar + 2)
            w = abs(cost) * scale
            x = zero if cost >= 0 else zero - w
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.5):.1f}" '
                       f'height="{bar}" fill="{style.fill}" stroke="#333" stroke-width="0.5">'
                       f'<title>{escape(f"{row.name}, {name}: {kronor(cost, lang)}")}</title>'
                       '</rect>')
            anchor, tx = ("start", x + w + 4) if cost >= 0 else ("end", x - 4)
            out.append(f'<text x="{tx:.1f}" y="{y + 10:.1f}" text-anchor="{anchor}" '
                       f'font-size="10">{style.letter}: {escape(kronor(cost, lang))}</text>')
    y = top + len(steps) * step_height + 20
    for i, gain in enumerate(sides.gains):
        out.append(f'<text x="{_LABEL:.0f}" y="{y + 16 * i:.1f}" font-weight="bold">'
                   f'{escape(text["gain"])} {i + 1}: {escape(kronor(gain, lang))}</text>')
    out.append("</svg>")
    return "".join(out)


def tornado_chart(bars: list[TornadoBar], base_total: float, lang: str = "sv") -> str:
    """One bar per estimate, from the total with it low to the total with it high."""
    text = _TEXT[lang]
    ends = [base_total, *(b.low_total for b in bars), *(b.high_total for b in bars)]
    low, high = min(ends), max(ends)
    room = _PLOT - 150  # the end labels need room on both sides
    scale = room / max(high - low, 1.0)

    def x_of(total: float) -> float:
        return _LABEL + 75 + (total - low) * scale

    height = _TOP + len(bars) * (_BAR + _GAP) + 20
    out = svg_open(_LABEL + _PLOT + 20, height, text["tornado_title"], text["tornado_desc"],
                "tornado-chart")
    base_x = x_of(base_total)
    out.append(f'<text x="{base_x:.1f}" y="{_TOP - 16:.1f}" text-anchor="middle">'
               f'{escape(text["base"])}: {escape(kronor(base_total, lang))}</text>')
    for index, bar in enumerate(bars):
        y = _TOP + index * (_BAR + _GAP)
        label = f"{bar.label} ({text['kind'][bar.kind]})"
        left, right = sorted((bar.low_total, bar.high_total))
        x0, x1 = x_of(left), x_of(right)
        out.append(f'<text x="{_LABEL - 8:.0f}" y="{y + 15:.1f}" text-anchor="end">'
                   f"{escape(shortened(label, 34))}</text>")
        summary = f"{label}: {kronor(bar.low_total, lang)} – {kronor(bar.high_total, lang)}"
        out.append(f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 1.0):.1f}" '
                   f'height="{_BAR}" fill="{_TORNADO_FILL}"><title>{escape(summary)}</title>'
                   "</rect>")
        out.append(f'<text x="{x0 - 4:.1f}" y="{y + 15:.1f}" text-anchor="end" font-size="10">'
                   f"{escape(kronor(left, lang))}</text>"
                   f'<text x="{x1 + 4:.1f}" y="{y + 15:.1f}" font-size="10">'
                   f"{escape(kronor(right, lang))}</text>")
    out.append(f'<line x1="{base_x:.1f}" y1="{_TOP - 10:.1f}" x2="{base_x:.1f}" '
               f'y2="{height - 14:.1f}" stroke="#0b0c0c" stroke-width="1.5"/>')
    out.append("</svg>")
    return "".join(out)
