"""The SVG charts: accessible, well-formed, and drawn from the model's figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pytest import approx

from samverkan.formats.case_io import load_case
from samverkan.model import Case, compare, compute, tornado
from samverkan.reports.charts import comparison_chart, step_cost_chart, tornado_chart
from samverkan.reports.labels import kronor

SVG = "{http://www.w3.org/2000/svg}"


def _bar_titles(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [r.find(f"{SVG}title").text for r in root.iter(f"{SVG}rect")
            if r.find(f"{SVG}title") is not None]


def test_step_cost_chart_labels_each_step_with_its_cost_in_the_case(small: Case) -> None:
    # By hand, at 5, 10 and 4 kr a minute: step 1 costs Skola A 60 × 5 + 30 × 10 = 600,
    # Skola B 2 × 120 × 5 = 1 200, social services 100 × 4 = 400; the case's step is the
    # schools' mean plus social services: 900 + 400 = 1 300. Step 2: Skola A 30 × 5 + half
    # time for 2 weeks of 30 hours (1 800 min) × 5 = 9 150, Skola B 30 × 10 = 300, social
    # services 50 × 4 = 200: (9 150 + 300) / 2 + 200 = 4 925.
    svg = step_cost_chart(compute(small), lang="sv")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Kostnad per steg"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert kronor(1300) in texts and kronor(4925) in texts
    # Never the sum over both schools (600 + 1 200 + 400 = 2 200).
    assert kronor(2200) not in texts
    titles = _bar_titles(svg)
    assert titles == [f"Anmälan, Skolorna (genomsnitt): {kronor(900)}",
                      f"Anmälan, Socialtjänsten: {kronor(400)}",
                      f"Utredning, Skolorna (genomsnitt): {kronor(4725)}",
                      f"Utredning, Socialtjänsten: {kronor(200)}"]
    # Bars are to scale: the longer step is the full plot width, the shorter in proportion.
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")
              if r.find(f"{SVG}title") is not None]
    assert (widths[0] + widths[1]) / (widths[2] + widths[3]) == approx(1300 / 4925, rel=0.01)
    # The mean of two schools carries both their letters.
    assert "A/B" in texts


def test_lucas_step_labels_are_the_step_totals_and_add_up_to_the_case() -> None:
    from tests.conftest import EXAMPLES

    result = compute(load_case(EXAMPLES / "lucas.yaml"))
    root = ET.fromstring(step_cost_chart(result, lang="sv"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for step in result.case.steps:
        # The step's total worked out from the organisations: the schools' mean plus the rest.
        schools = [o for o in result.organisations.values() if o.group == "school"]
        others = [o for o in result.organisations.values() if o.group != "school"]
        by_hand = (sum(o.by_step[step.id].cost for o in schools) / len(schools)
                   + sum(o.by_step[step.id].cost for o in others))
        assert kronor(by_hand) in texts, step.name
    labels = [result.total_by_step[s.id].cost for s in result.case.steps]
    assert sum(labels) == approx(result.total.cost)


def test_comparison_chart_keeps_an_organisation_only_the_alternative_has(
        small: Case, small_alt: Case) -> None:
    from dataclasses import replace

    from samverkan.model import Organisation, Task
    from samverkan.model.case import Participant

    police = Organisation("pol", "Polisen", "other")
    visit = Task(id="p1", org="pol", name="Samråd",
                 participants=(Participant(role="c", minutes=25),))
    steps = (replace(small_alt.steps[0], tasks=(*small_alt.steps[0].tasks, visit)),
             *small_alt.steps[1:])
    alternative = replace(small_alt, organisations=(*small_alt.organisations, police),
                          steps=steps)
    svg = comparison_chart(compare(compute(small), compute(alternative)), lang="sv")
    # 25 minutes at 4 kr a minute, which the alternative adds in the first step.
    assert f"Anmälan, Polisen: {kronor(100)}" in _bar_titles(svg)
    assert ">Polisen</text>" in svg


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


def test_alternatives_chart_has_a_bar_per_step_and_alternative_labelled_with_its_change(
) -> None:
    from samverkan.reports.analysis import analyse
    from samverkan.reports.charts import alternatives_chart
    from samverkan.reports.side_by_side import side_by_side
    from tests.conftest import EXAMPLES

    lucas = load_case(EXAMPLES / "lucas.yaml")
    alternatives = [load_case(EXAMPLES / n) for n in ("lucas-skolsocionom.yaml",
                                                       "lucas-samverkan.yaml")]
    svg = alternatives_chart(side_by_side(analyse(lucas, alternatives), "en"), lang="en")
    assert 'role="img"' in svg and "<title id=\"alternatives-chart-t\">" in svg
    base = compute(lucas)
    for number, alternative in enumerate(alternatives, start=1):
        alt = compute(alternative)
        for step in lucas.steps:
            change = alt.total_by_step[step.id].cost - base.total_by_step[step.id].cost
            assert f"{step.name}, {alternative.name}: {kronor(change, 'en')}" in \
                svg.replace("&#x27;", "'")
        gain = base.total.cost - alt.total.cost
        assert f"Collaboration gain {number}: {kronor(gain, 'en')}" in svg
