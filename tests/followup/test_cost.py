"""The cost of the real flow: N Lucas-shaped cases cost N times Lucas, a longer investigation
costs the resource teacher's extra weeks, and no cost is shown where its count is hidden."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samverkan.followup.cost import ALL_PATHS, PATH_INDICATORS, flow_cost
from samverkan.followup.family import suppressed_views
from samverkan.followup.indicators import TOTAL, By, Period
from samverkan.followup.suppression import Status
from samverkan.followup.synth import synthetic_log
from samverkan.formats.case_io import load_case
from samverkan.formats.eventlog import EventLog, read_event_log
from samverkan.formats.flow_mapping import default_mapping_for
from samverkan.model.case import full_time_hours_per_week
from samverkan.model.costing import compute, minute_cost
from samverkan.model.flow import PATHS
from samverkan.reports.flow_cost_tables import cost_to_data
from tests.conftest import EXAMPLES

LUCAS = load_case(EXAMPLES / "lucas.yaml")
MAPPING = default_mapping_for(LUCAS)
START = dt.date(2024, 3, 4)


def _lucas_log(tmp_path: Path, n: int, *, investigation_days: int = 105, extended: bool = False,
               closing: str = "no_intervention", unit: str = "Norr") -> EventLog:
    """`n` cases as Lucas's: a report, a pre-assessment a week later that opens an
    investigation the same day, closed after `investigation_days`."""
    rows = ["case_id,unit,event,timestamp,reporter,outcome"]
    for i in range(n):
        case_id = f"{unit}-{i}"
        opened = START + dt.timedelta(days=7)
        rows += [f"{case_id},{unit},report_received,{START},school,",
                 f"{case_id},{unit},preassessment_decided,{opened},school,opened",
                 f"{case_id},{unit},investigation_opened,{opened},school,"]
        if extended:
            rows.append(f"{case_id},{unit},investigation_extended,"
                        f"{opened + dt.timedelta(days=100)},school,")
        rows.append(f"{case_id},{unit},investigation_closed,"
                    f"{opened + dt.timedelta(days=investigation_days)},school,{closing}")
    path = tmp_path / f"lucas-{n}-{investigation_days}-{extended}.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return read_event_log(path)


def _cost(log: EventLog, period: Period = Period.year):
    return flow_cost(log, LUCAS, MAPPING, period=period, views=suppressed_views(log))


def test_n_lucas_shaped_cases_cost_n_times_lucas(tmp_path: Path):
    n = 12
    found = _cost(_lucas_log(tmp_path, n))
    total = compute(LUCAS).total
    cell = found.cell("2024", "closed_no_intervention", TOTAL)
    assert cell.cases.value == n
    assert cell.kronor == pytest.approx(n * total.cost)
    assert cell.hours == pytest.approx(n * total.minutes / 60)
    # A year's full-time equivalents: the hours over a post's 12 × 165 hours.
    assert cell.fte == pytest.approx(n * total.minutes / 60 / (12 * LUCAS.hours_per_month))
    assert found.cell("2024", "closed_no_intervention", "Norr").kronor == cell.kronor
    assert found.cell("2024", ALL_PATHS, TOTAL).kronor == pytest.approx(cell.kronor)
    for path in ("not_opened", "closed_intervention", "extended", "open"):
        assert found.cell("2024", path, TOTAL).kronor == 0


def test_an_extended_investigation_costs_the_resource_teachers_extra_weeks(tmp_path: Path):
    n = 6
    # 140 days, 20 weeks: five more than Lucas's 15.
    found = _cost(_lucas_log(tmp_path, n, investigation_days=140, extended=True))
    cell = found.cell("2024", "extended", TOTAL)
    assert cell.cases.value == n
    extra_minutes = 0.75 * 5 * full_time_hours_per_week(LUCAS.hours_per_month) * 60 / 2
    extra = extra_minutes * minute_cost(LUCAS.role("resurspedagog"), LUCAS)
    assert cell.kronor == pytest.approx(n * (compute(LUCAS).total.cost + extra))
    assert extra == pytest.approx(0.75 * 5 * (165 * 12 / 52) * (32400 / 165) / 2)


def test_a_report_not_opened_costs_the_first_two_steps(tmp_path: Path):
    rows = ["case_id,unit,event,timestamp,reporter,outcome"]
    for i in range(7):
        rows += [f"c{i},Norr,report_received,2024-03-04,school,",
                 f"c{i},Norr,preassessment_decided,2024-03-20,school,not_opened"]
    path = tmp_path / "ej-inledd.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = _cost(read_event_log(path), Period.month)
    steps = compute(LUCAS).total_by_step
    assert found.cell("2024-03", "not_opened", TOTAL).kronor == pytest.approx(
        7 * (steps["s1"].cost + steps["s2"].cost))


def test_an_investigation_still_open_counts_the_mapped_weeks(tmp_path: Path):
    log = _lucas_log(tmp_path, 5, investigation_days=200, extended=True)
    # The log taken out before the closings: open for 150 days, extended.
    as_of = START + dt.timedelta(days=157)
    found = flow_cost(log, LUCAS, MAPPING, period=Period.year,
                      views=suppressed_views(log, as_of=as_of))
    cell = found.cell("2024", "extended", TOTAL)
    assert cell.cases.value == 5
    assert cell.kronor == pytest.approx(5 * compute(LUCAS).total.cost)


@pytest.mark.parametrize(("seed", "cases", "units"), [(3, 400, 3), (5, 2500, 6)])
def test_no_cost_is_shown_where_its_count_is_hidden(seed: int, cases: int, units: int):
    log = synthetic_log(cases=cases, units=units, seed=seed, years=1.0)
    views = suppressed_views(log)
    hidden = 0
    for length in Period:
        found = flow_cost(log, LUCAS, MAPPING, period=length, views=views)
        table = views[(By.unit, length)]
        data = cost_to_data(found)
        assert [p["period"] for p in data["periods"]] == list(table.source.periods)
        for period in found.periods:
            for group in (*found.groups, TOTAL):
                for path in PATHS:
                    shown = table.cell(period, PATH_INDICATORS[path], group)
                    cell = found.cell(period, path, group)
                    # The count beside a cost is the indicator table's own cell.
                    assert cell.cases == shown
                    assert cell.visible == shown.visible
                    hidden += not shown.visible
                every = found.cell(period, ALL_PATHS, group)
                assert every.visible == all(found.cell(period, p, group).visible for p in PATHS)
        for period in data["periods"]:
            for path in period["paths"]:
                for cell in [*path["groups"].values(), path["total"]]:
                    if cell["status"] != "value":
                        assert set(cell) == {"cases", "status"}
                    if cell["cases"]["status"] != Status.VALUE.value:
                        assert cell["status"] == "hidden" and "value" not in cell["cases"]
    assert hidden > 0  # the logs are small enough that some counts are hidden
