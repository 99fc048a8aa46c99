"""SVG charts of the follow-up: one indicator across units (bars, the municipality as a line),
and one indicator over time (the municipality, and the range between units).

Only figures that may be shown are drawn: a hidden unit keeps its row with the symbol and no
bar, a hidden period leaves a gap, so that a chart never shows more than its table.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from samverkan.followup.comparison import UnitComparison
from samverkan.followup.indicators import TOTAL, Indicator, Kind
from samverkan.reports.charts import shortened, svg_open
from samverkan.reports.followup_tables import TOTAL_LABEL, group_name, shown_text, spread_text
from samverkan.reports.labels import number, percent

__all__ = ["KEY_INDICATORS", "Chart", "key_charts", "key_trends", "trend_chart", "unit_chart"]

# The figures charted: the legal time limits, and the feedback the schools ask for (seeds 001
# and 003).
KEY_INDICATORS = (
    "preassessment_within_14_days",
    "investigation_within_4_months",
    "feedback_share",
)

_LABEL, _PLOT, _BAR, _GAP, _TOP = 150.0, 380.0, 18.0, 8.0, 16.0


def unit_chart(comparison: UnitComparison, period: str, indicator_id: str,
               lang: str = "sv") -> str:
    """Horizontal bars, one per unit, for one indicator and period."""
    table = comparison.table.source
    indicator = next(i for i in table.indicators if i.id == indicator_id)
    cells = {g: comparison.table.cell(period, indicator_id, g) for g in (*table.groups, TOTAL)}
    values = [c.value for c in cells.values() if c.visible and c.value is not None]
    top = 1.0 if indicator.kind is Kind.SHARE else max(values, default=1.0) or 1.0
    scale = _PLOT / top
    height = _TOP + len(table.groups) * (_BAR + _GAP) + 30
    title = _unit_title(indicator, period, lang)
    desc = (
        "En stapel per enhet; den streckade linjen är hela kommunen. Dolda uppgifter ritas "
        "inte. Samma siffror finns i tabellen."
        if lang == "sv" else
        "One bar per unit; the dashed line is the whole municipality. Hidden figures are not "
        "drawn. The same figures are in the table."
    )
    chart_id = f"chart-{indicator_id}"
    out = svg_open(_LABEL + _PLOT + 70, height, title, desc, chart_id)
    for index, group in enumerate(table.groups):
        y = _TOP + index * (_BAR + _GAP)
        cell = cells[group]
        name = group_name(group, table.by.value, lang)
        text = shown_text(cell, indicator.kind, lang)
        out.append(f'<text x="{_LABEL - 8:.0f}" y="{y + 13:.1f}" text-anchor="end">'
                   f"{escape(shortened(name, 22))}</text>")
        width = (cell.value or 0.0) * scale if cell.visible else 0.0
        if width > 0:
            out.append(f'<rect x="{_LABEL:.0f}" y="{y:.1f}" width="{width:.1f}" '
                       f'height="{_BAR}" fill="#1d70b8"><title>{escape(f"{name}: {text}")}'
                       "</title></rect>")
        out.append(f'<text x="{_LABEL + width + 6:.1f}" y="{y + 13:.1f}">{escape(text)}</text>')
    total = cells[TOTAL]
    if total.visible and total.value is not None:
        x = _LABEL + total.value * scale
        bottom = _TOP + len(table.groups) * (_BAR + _GAP)
        label = f"{TOTAL_LABEL[lang]}: {shown_text(total, indicator.kind, lang)}"
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{_TOP - 6:.0f}" y2="{bottom:.1f}" '
                   'stroke="#0b0c0c" stroke-width="2" stroke-dasharray="5 3"/>'
                   f'<text x="{x:.1f}" y="{bottom + 16:.1f}" text-anchor="middle">'
                   f"{escape(label)}</text>")
    out.append("</svg>")
    return "".join(out)


_TREND_LEFT, _TREND_PLOT, _TREND_HEIGHT, _TREND_TOP = 56.0, 520.0, 170.0, 14.0


def trend_chart(comparison: UnitComparison, indicator_id: str, lang: str = "sv") -> str:
    """The whole municipality period by period as a line, the lowest to highest unit as a bar
    behind each point. A period whose cases are not all past their limit has a hollow point."""
    table = comparison.table.source
    indicator = next(i for i in table.indicators if i.id == indicator_id)
    periods = table.periods
    totals = {p: comparison.table.cell(p, indicator_id, TOTAL) for p in periods}
    spreads = {p: comparison.spread(p, indicator_id) for p in periods}
    values = [c.value for c in totals.values() if c.visible and c.value is not None]
    values += [s.maximum for s in spreads.values() if s is not None]
    top = 1.0 if indicator.kind is Kind.SHARE else max(values, default=1.0) or 1.0
    step = _TREND_PLOT / max(len(periods), 1)
    label_every = max(1, round(len(periods) / 12))  # months: every other or third label

    def x_of(index: int) -> float:
        return _TREND_LEFT + step * (index + 0.5)

    def y_of(value: float) -> float:
        return _TREND_TOP + _TREND_HEIGHT * (1 - value / top)

    sv = lang == "sv"
    title = _trend_title(indicator, lang)
    desc = (
        "Linjen är hela kommunen; den ljusa stapeln bakom varje punkt går från den lägsta till "
        "den högsta enheten. En ihålig punkt: ärenden i perioden pågår ännu inom sin tidsgräns. "
        "Dolda uppgifter ritas inte. Samma siffror finns i tabellen."
        if sv else
        "The line is the whole municipality; the light bar behind each point runs from the "
        "lowest to the highest unit. A hollow point: cases of the period are still within their "
        "limit. Hidden figures are not drawn. The same figures are in the table."
    )
    height = _TREND_TOP + _TREND_HEIGHT + 44
    out = svg_open(_TREND_LEFT + _TREND_PLOT + 10, height, title, desc,
                f"trend-{indicator_id}")
    for fraction in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = y_of(top * fraction)
        text = (percent(fraction, lang) if indicator.kind is Kind.SHARE
                else number(top * fraction, lang))
        out.append(f'<line x1="{_TREND_LEFT:.0f}" x2="{_TREND_LEFT + _TREND_PLOT:.0f}" '
                   f'y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" stroke-width="0.5"/>'
                   f'<text x="{_TREND_LEFT - 6:.0f}" y="{y + 4:.1f}" text-anchor="end" '
                   f'font-size="10">{escape(text)}</text>')
    points: list[tuple[float, float] | None] = []
    for index, period in enumerate(periods):
        x = x_of(index)
        found = spreads[period]
        if found is not None:
            y0, y1 = y_of(found.maximum), y_of(found.minimum)
            span = f"{period}: {spread_text(found, indicator.kind, lang)}"
            out.append(f'<rect x="{x - step * 0.3:.1f}" y="{y0:.1f}" width="{step * 0.6:.1f}" '
                       f'height="{max(y1 - y0, 1.0):.1f}" fill="#c8dcef" stroke="#5694ca">'
                       "<title>"
                       f"{escape(span)}</title></rect>")
        if index % label_every == 0:
            out.append(f'<text x="{x:.1f}" y="{_TREND_TOP + _TREND_HEIGHT + 16:.1f}" '
                       f'text-anchor="middle" font-size="10">{escape(period)}</text>')
        cell = totals[period]
        points.append((x, y_of(cell.value)) if cell.visible and cell.value is not None
                      else None)
    # The municipality's line, broken where a period is hidden.
    run: list[tuple[float, float]] = []
    for point in [*points, None]:
        if point is not None:
            run.append(point)
            continue
        if len(run) > 1:
            coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            out.append(f'<polyline points="{coordinates}" fill="none" stroke="#1d70b8" '
                       'stroke-width="2.5"/>')
        run = []
    for period, point in zip(periods, points, strict=True):
        if point is None:
            continue
        settled = table.is_settled(period)
        label = (f"{TOTAL_LABEL[lang]} {period}: "
                 f"{shown_text(totals[period], indicator.kind, lang)}")
        out.append(f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="4.5" '
                   f'fill="{"#1d70b8" if settled else "#ffffff"}" stroke="#1d70b8" '
                   f'stroke-width="2"><title>{escape(label)}</title></circle>')
    out.append("</svg>")
    return "".join(out)


def _unit_title(indicator: Indicator, period: str, lang: str) -> str:
    return f"{indicator.label(lang)}, {period}"


def _trend_title(indicator: Indicator, lang: str) -> str:
    return f"{indicator.label(lang)}, " + ("period för period" if lang == "sv"
                                            else "period by period")


@dataclass(frozen=True)
class Chart:
    """A chart and the caption shown above it (the SVG's own title is read only by tools)."""

    caption: str
    svg: str


def key_charts(comparison: UnitComparison, period: str, lang: str = "sv") -> list[Chart]:
    """The key indicators across units in one period."""
    indicators = {i.id: i for i in comparison.table.source.indicators}
    return [Chart(_unit_title(indicators[i], period, lang), unit_chart(comparison, period, i, lang))
            for i in KEY_INDICATORS]


def key_trends(comparison: UnitComparison, lang: str = "sv") -> list[Chart]:
    """The key indicators period by period."""
    indicators = {i.id: i for i in comparison.table.source.indicators}
    return [Chart(_trend_title(indicators[i], lang), trend_chart(comparison, i, lang))
            for i in KEY_INDICATORS]
