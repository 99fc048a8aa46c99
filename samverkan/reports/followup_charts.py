"""SVG bar charts of one indicator across units, with the municipality's figure as a line.

Only figures that may be shown are drawn: a hidden unit keeps its row with the symbol and no
bar, so that a chart never shows more than its table.
"""

from __future__ import annotations

from html import escape

from samverkan.followup.comparison import UnitComparison
from samverkan.followup.indicators import TOTAL, Kind
from samverkan.reports.charts import _open, _short
from samverkan.reports.followup_tables import TOTAL_LABEL, group_name, shown_text

__all__ = ["unit_chart"]

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
    title = f"{indicator.label(lang)}, {period}"
    desc = (
        "En stapel per enhet; den streckade linjen är hela kommunen. Dolda uppgifter ritas "
        "inte. Samma siffror finns i tabellen."
        if lang == "sv" else
        "One bar per unit; the dashed line is the whole municipality. Hidden figures are not "
        "drawn. The same figures are in the table."
    )
    chart_id = f"chart-{indicator_id}"
    out = _open(_LABEL + _PLOT + 70, height, title, desc, chart_id)
    for index, group in enumerate(table.groups):
        y = _TOP + index * (_BAR + _GAP)
        cell = cells[group]
        name = group_name(group, table.by.value, lang)
        text = shown_text(cell, indicator.kind, lang)
        out.append(f'<text x="{_LABEL - 8:.0f}" y="{y + 13:.1f}" text-anchor="end">'
                   f"{escape(_short(name, 22))}</text>")
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
