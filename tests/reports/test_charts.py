"""The SVG charts: accessible, well-formed, and drawn from the model's figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pytest import approx

from samverkan.formats.case_io import load_case
from samverkan.model import Case, compare, compute, tornado
from samverkan.reports.charts import comparison_chart, step_cost_chart, tornado_chart
from samverkan.reports.labels import kronor

SVG = "{http://www.w3.org/2000/svg}"


def test_step_cost_chart_has_a_bar_per_organisation_and_step(small: Case) -> None:
    result = compute(small)
    svg = step_cost_chart(result, lang="sv")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Kostnad per steg och organisation"
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    # Every organisation with a cost in a step has a bar; sa, sb and soc in both steps.
    assert len(bars) == 6
    labels = [b.find(f"{SVG}title").text for b in bars]
    assert f"Anmälan, Socialtjänsten: {kronor(400)}" in labels
    # The widest step is drawn at full plot width; widths are proportional to cost.
    widths = {b.find(f"{SVG}title").text: float(b.get("width")) for b in bars}
    assert widths[f"Utredning, Skola A: {kronor(9150)}"] / widths[
        f"Utredning, Socialtjänsten: {kronor(200)}"] == approx(9150 / 200, rel=0.02)


def test_comparison_chart_shows_the_gain_in_english(small: Case, small_alt: Case) -> None:
    comparison = compare(compute(small), compute(small_alt))
    svg = comparison_chart(comparison, lang="en")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Change in cost per step and organisation"
    assert f"Collaboration gain: {kronor(125, 'en')}" in svg
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert f"Anmälan, Socialtjänsten: {kronor(-200, 'en')}" in titles


def test_tornado_chart_draws_each_bar_from_its_low_to_its_high_total() -> None:
    from tests.conftest import CASES

    case = load_case(CASES / "tornado.yaml")
    bars = tornado(case)
    base = compute(case).total.cost
    root = ET.fromstring(tornado_chart(bars, base, lang="sv"))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Det som påverkar totalkostnaden mest"
    drawn = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(drawn) == len(bars)
    # The planted dominant task comes first, with the widest bar.
    assert drawn[0].find(f"{SVG}title").text.startswith("Utredningssamtal (Socialtjänsten)")
    widths = [float(r.get("width")) for r in drawn]
    assert widths[0] == max(widths)
    # Widths are proportional to each bar's swing; the base line sits inside every bar.
    assert widths[0] / widths[2] == approx(bars[0].swing / bars[2].swing, rel=0.02)
    (line,) = root.iter(f"{SVG}line")
    for rect in drawn:
        assert float(rect.get("x")) <= float(line.get("x1")) <= float(rect.get("x")) + float(
            rect.get("width")) + 0.01
    assert f"Typfallet: {kronor(base)}" in "".join(root.itertext())


def test_text_is_escaped(small: Case) -> None:
    from dataclasses import replace

    odd = replace(small, steps=(replace(small.steps[0], name="<b>&</b>"), *small.steps[1:]))
    ET.fromstring(step_cost_chart(compute(odd)))
