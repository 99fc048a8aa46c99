"""Several alternatives side by side: each column is that alternative's own comparison."""

from __future__ import annotations

import pytest

from samverkan.formats.case_io import load_case
from samverkan.model import compare, compute, with_assumed_ranges
from samverkan.reports.analysis import analyse
from samverkan.reports.side_by_side import distinct_names, side_by_side
from tests.conftest import CASES, EXAMPLES


@pytest.fixture(scope="module")
def cases():
    lucas = load_case(EXAMPLES / "lucas.yaml")
    alternatives = [load_case(EXAMPLES / "lucas-skolsocionom.yaml"),
                    load_case(CASES / "small.yaml"),
                    load_case(EXAMPLES / "lucas-samverkan.yaml")]
    return lucas, alternatives


def test_each_column_is_the_models_comparison_in_the_order_given(cases):
    lucas, alternatives = cases
    sides = side_by_side(analyse(lucas, alternatives, cases_per_year=12))
    base = compute(lucas)
    assert sides.alternatives == tuple(a.name for a in alternatives)
    for i, alternative in enumerate(alternatives):
        comparison = compare(base, compute(alternative))
        assert sides.gains[i] == pytest.approx(comparison.gain)
        assert sides.warnings[i] == comparison.warnings
        rows = {(r.kind, r.key): r for r in sides.rows}
        for org, diff in comparison.by_organisation.items():
            assert rows[("organisation", org)].changes[i].cost == pytest.approx(diff.cost)
        for group, diff in comparison.by_group.items():
            assert rows[("group", group)].changes[i].cost == pytest.approx(diff.cost)
        assert rows[("total", "total")].changes[i].cost == pytest.approx(-comparison.gain)
        steps = {r.key: r for r in sides.step_rows if r.kind == "step"}
        for step in lucas.steps:
            alt_step = compute(alternative).total_by_step.get(step.id)
            expected = (alt_step.cost if alt_step else 0.0) - base.total_by_step[step.id].cost
            assert steps[step.id].changes[i].cost == pytest.approx(expected)
        year = {(r.kind, r.key): r for r in sides.annual_rows}
        assert year[("total", "total")].changes[i].cost == pytest.approx(-12 * comparison.gain)
        assert sides.annual_gains[i] == pytest.approx(12 * comparison.gain)
    # Only the case with other steps is warned about.
    assert [bool(w) for w in sides.warnings] == [False, True, False]
    # The baseline's figures are the baseline's, whatever the alternative.
    rows = {(r.kind, r.key): r for r in sides.rows}
    assert rows[("organisation", "skola_a")].baseline == base.organisations["skola_a"].figures


def test_each_gain_band_comes_from_draws_the_alternatives_share(cases):
    lucas, alternatives = cases
    ranged = [with_assumed_ranges(c) for c in (lucas, *alternatives)]
    analysis = analyse(ranged[0], ranged[1:], draws=400)
    sides = side_by_side(analysis)
    own = analysis.simulation.total.cost
    assert all(c.gain.baseline_cost == own for c in sides.compared)
    for compared, band in zip(sides.compared, sides.gain_bands, strict=True):
        assert band == compared.gain.gain and band.p10 < band.p90


def test_a_name_given_twice_is_told_apart():
    assert distinct_names(["A", "B", "A"]) == ("A", "B", "A (2)")
