"""Follow-up charts draw exactly what the tables show: hidden figures leave no bar and no point."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pytest import approx

from samverkan.followup.comparison import compare_units
from samverkan.followup.indicators import TOTAL, By, Period, compute_indicators
from samverkan.followup.synth import synthetic_log
from samverkan.reports.followup_charts import KEY_INDICATORS, key_trends, trend_chart, unit_chart

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def comparison():
    log = synthetic_log(cases=500, units=6, seed=4)
    return compare_units(compute_indicators(log, by=By.unit, period=Period.quarter))


def _titled(root: ET.Element, tag: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}{tag}") if e.find(f"{SVG}title") is not None]


def test_unit_chart_has_a_bar_for_each_visible_unit_only(comparison):
    table = comparison.table
    units = table.source.groups
    for period in table.source.periods:
        for indicator in KEY_INDICATORS:
            root = ET.fromstring(unit_chart(comparison, period, indicator))
            bars = _titled(root, "rect")
            visible = [g for g in units if table.cell(period, indicator, g).visible
                       and table.cell(period, indicator, g).value]
            assert len(bars) == len(visible), (period, indicator)
            for bar, group in zip(bars, visible, strict=True):
                value = table.cell(period, indicator, group).value
                # Shares run from 0 to 100 % across the plot's 380 units.
                assert float(bar.get("width")) == approx(value * 380, abs=0.1)


def test_trend_chart_has_a_point_per_visible_period_hollow_while_cases_are_open(comparison):
    table = comparison.table
    periods = table.source.periods
    for indicator in KEY_INDICATORS:
        root = ET.fromstring(trend_chart(comparison, indicator))
        points = _titled(root, "circle")
        visible = [p for p in periods if table.cell(p, indicator, TOTAL).visible]
        assert [c.find(f"{SVG}title").text.split(": ")[0].split()[-1] for c in points] == visible
        for circle, period in zip(points, visible, strict=True):
            hollow = circle.get("fill") == "#ffffff"
            assert hollow == (not table.source.is_settled(period))
        # A band for every period with a spread between at least two visible units.
        bands = _titled(root, "rect")
        assert len(bands) == sum(comparison.spread(p, indicator) is not None for p in periods)
    assert any(not table.source.is_settled(p) for p in periods)
    captions = [chart.caption for chart in key_trends(comparison)]
    assert captions[0] == "Förhandsbedömning inom 14 dagar, period för period"
