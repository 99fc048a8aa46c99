"""The investment case's chart: each organisation's cumulative net, year by year.

A line per organisation over the horizon, above zero where it has got back more than it has put
in, drawn as the other charts are (`samverkan.reports.charts`): server-side SVG with a title and
a description, every organisation's colour, letter and dash pattern, a title on every point
with its figure, and every figure also in a table beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from samverkan.model import InvestmentCase, Organisation
from samverkan.reports.charts import svg_open
from samverkan.reports.labels import kronor
from samverkan.reports.timeline import organisation_styles

__all__ = ["cumulative_net_chart"]

_LEFT, _RIGHT, _TOP, _BOTTOM = 110.0, 20.0, 50.0, 40.0
_WIDTH, _HEIGHT = 640.0, 320.0
# Lines told apart without colour, as WCAG 1.4.1 asks: solid, dashed, dotted, dash-dot.
_DASHES = ("", "8 4", "2 3", "8 3 2 3")

_TEXT = {
    "sv": {
        "title": "Kumulativt netto per organisation: {alternative}",
        "desc": "En linje per organisation, år 1 till {years}: summan av nettot (undvikt kostnad "
                "minus investering och ändrad ärendekostnad) hittills, odiskonterat. Över noll "
                "har organisationen fått tillbaka mer än den lagt ut. Samma siffror finns i "
                "tabellerna.",
        "year": "År",
        "point": "{name}, år {year}: {value}",
    },
    "en": {
        "title": "Cumulative net per organisation: {alternative}",
        "desc": "One line per organisation, year 1 to {years}: the sum of the net (avoided cost "
                "less investment and case cost change) so far, undiscounted. Above zero the "
                "organisation has got back more than it has paid. The same figures are in the "
                "tables.",
        "year": "Year",
        "point": "{name}, year {year}: {value}",
    },
}


def _ticks(low: float, high: float) -> list[float]:
    """About five round values from `low` to `high` for the vertical axis."""
    span = high - low or 1.0
    raw = span / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1.0
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = step * (low // step)
    out = []
    value = first
    while value <= high + step / 2:
        out.append(value)
        value += step
    return out


def cumulative_net_chart(case: InvestmentCase, names: Mapping[str, str],
                         organisations: Iterable[Organisation], lang: str = "sv",
                         chart_id: str = "net-chart") -> str:
    """The cumulative net of each of `case`'s organisations, as an accessible SVG line chart."""
    text = _TEXT[lang]
    styles = organisation_styles(organisations)
    values = [y.cumulative_net for led in case.organisations.values() for y in led.years]
    ticks = _ticks(min([0.0, *values]), max([0.0, *values]))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    years = case.years

    def x_of(year: int) -> float:
        return _LEFT + (plot_w * (year - 1) / (years - 1) if years > 1 else plot_w / 2)

    def y_of(value: float) -> float:
        return _TOP + plot_h * (high - value) / ((high - low) or 1.0)

    out = svg_open(_WIDTH, _HEIGHT, text["title"].format(alternative=case.alternative),
                   text["desc"].format(years=years), chart_id)
    for tick in ticks:
        y_tick = y_of(tick)
        weight = ' stroke="#0b0c0c" stroke-width="1.5"' if tick == 0 else ' stroke="#b1b4b6"'
        out.append(f'<line x1="{_LEFT:.1f}" y1="{y_tick:.1f}" x2="{_WIDTH - _RIGHT:.1f}" '
                   f'y2="{y_tick:.1f}"{weight}/>')
        out.append(f'<text x="{_LEFT - 6:.1f}" y="{y_tick + 4:.1f}" text-anchor="end" '
                   f'font-size="10">{escape(kronor(tick, lang))}</text>')
    for year in range(1, years + 1):
        if years <= 15 or year % 5 == 0 or year == 1:
            out.append(f'<text x="{x_of(year):.1f}" y="{_HEIGHT - _BOTTOM + 16:.1f}" '
                       f'text-anchor="middle" font-size="10">{year}</text>')
    out.append(f'<text x="{_LEFT + plot_w / 2:.1f}" y="{_HEIGHT - 6:.1f}" '
               f'text-anchor="middle">{escape(text["year"])}</text>')
    legend_x, legend_y = _LEFT, 16.0
    for index, (org_id, led) in enumerate(case.organisations.items()):
        style = styles.get(org_id)
        fill = style.fill if style else "#505a5f"
        letter = style.letter if style else "?"
        name = names.get(org_id, org_id)
        dash = _DASHES[index % len(_DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        points = " ".join(f"{x_of(y.year):.1f},{y_of(y.cumulative_net):.1f}" for y in led.years)
        out.append(f'<g><title>{escape(name)}</title>'
                   f'<polyline points="{points}" fill="none" stroke="{fill}" '
                   f'stroke-width="2.5"{dash_attr}/>')
        # A darker outline under each point keeps it visible (3:1) on white.
        for y in led.years:
            label = text["point"].format(name=name, year=y.year,
                                         value=kronor(y.cumulative_net, lang))
            out.append(f'<circle cx="{x_of(y.year):.1f}" cy="{y_of(y.cumulative_net):.1f}" '
                       f'r="3.5" fill="{fill}" stroke="#333"><title>{escape(label)}</title>'
                       '</circle>')
        last = led.years[-1]
        out.append(f'<text x="{x_of(last.year) - 6:.1f}" y="{y_of(last.cumulative_net) - 7:.1f}" '
                   f'text-anchor="end" font-size="11" font-weight="bold">{escape(letter)}</text>'
                   '</g>')
        entry = 40 + 7 * (len(name) + len(letter))
        if legend_x + entry > _WIDTH and legend_x > _LEFT:  # the next line of the legend
            legend_x, legend_y = _LEFT, legend_y + 16
        out.append(f'<line x1="{legend_x:.1f}" y1="{legend_y:.1f}" x2="{legend_x + 24:.1f}" '
                   f'y2="{legend_y:.1f}" stroke="{fill}" stroke-width="2.5"{dash_attr}/>'
                   f'<text x="{legend_x + 28:.1f}" y="{legend_y + 4:.1f}" font-size="11">'
                   f'{escape(letter)} {escape(name)}</text>')
        legend_x += entry
    out.append("</svg>")
    return "".join(out)
