"""An attacker who holds every view of a log at once: by unit and by reporter type, month,
quarter and year, as the JSON and Excel downloads give them.

From the downloads alone (parsed back from the files), the attacker writes every figure as a
linear equation on the counts behind it — a shown count is itself, a shown share gives its base
`n` and its part (value × n), a days figure its base `n`, "<5" is a count from 1 to 4, ".." any
count — adds every sum between the views (groups to totals, months to quarters to years, the
parts of a whole within a cell), and asks a linear program for the smallest and largest value
of every count that is hidden. The promise: no count hidden for being 1–4 — shown as "<5", or
the base of a share or number of days hidden for resting on fewer than five cases — is ever
pinned to one value.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverkan.followup.comparison import compare_units
from samverkan.followup.family import all_views
from samverkan.followup.indicators import TOTAL, By, IndicatorTable, Period
from samverkan.followup.intervals import Constraint, feasible_intervals
from samverkan.followup.quantities import CELL_QUANTITIES, CountKey, count_key, family_counts
from samverkan.followup.suppression import SuppressedTable, View, suppress_family
from samverkan.followup.synth import synthetic_log
from samverkan.formats.eventlog import EventLog, read_event_log
from samverkan.reports.followup_tables import comparison_to_data
from samverkan.reports.followup_xlsx import write_comparison_xlsx

# What the attacker learns from one figure: exact counts, or bounds.
Known = dict[CountKey, float]
Bounds = dict[CountKey, tuple[float, float | None]]


def _downloads(views: dict[View, SuppressedTable], folder: Path) -> dict[View, dict]:
    """Every view's JSON as the download writes it, checked against its Excel workbook."""
    found = {}
    for view, suppressed in views.items():
        comparison = compare_units(suppressed.source, suppressed=suppressed)
        data = json.loads(json.dumps(comparison_to_data(comparison), ensure_ascii=False))
        path = folder / f"{view[0].value}-{view[1].value}.xlsx"
        write_comparison_xlsx(comparison, path)
        rows = list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))
        width = len(data["groups"]) + 1
        shown = [cell for period in data["periods"] for indicator in period["indicators"]
                 for cell in [*indicator["groups"].values(), indicator["total"]]]
        in_excel = [value for row in rows for value in row[2:2 + width]]
        # The workbook shows exactly the values and symbols the JSON does.
        for cell, value in zip(shown, in_excel, strict=True):
            if cell["status"] == "value":
                assert value == pytest.approx(cell["value"])
            else:
                assert value == {"small": "<5", "empty": "–"}.get(cell["status"], "..")
        found[view] = data
    return found


def _read_figures(downloads: dict[View, dict]) -> tuple[Known, Bounds]:
    known: Known = {}
    bounds: Bounds = {}
    for (by, length), data in downloads.items():
        for period in data["periods"]:
            for indicator in period["indicators"]:
                roles = CELL_QUANTITIES[indicator["id"]]
                cells = {**indicator["groups"], TOTAL: indicator["total"]}
                for group, cell in cells.items():
                    keys = [(role, count_key(by, length, period["period"], group, q))
                            for role, q in roles]
                    for role, key in keys:
                        if cell["status"] == "value":
                            n = cell["n"]
                            known[key] = (round(cell["value"] * n) if role == "part" else n)
                        elif cell["status"] == "empty":
                            known[key] = 0
                        elif cell["status"] == "small":
                            bounds[key] = (1.0, 4.0)
    return known, bounds


def attack(views: dict[View, SuppressedTable], tables: dict[View, IndicatorTable],
           folder: Path, asked: set[CountKey] | None = None
           ) -> dict[CountKey, tuple[float, float]]:
    """Every hidden count's feasible interval (or those `asked`), from what the downloads
    show."""
    known, small = _read_figures(_downloads(views, folder))
    relations = family_counts(tables).relations
    everything = {k for r in relations for k, _ in r.terms}
    listed = set(family_counts(tables).values)
    unknown = sorted((everything & listed) - set(known), key=repr)
    constraints = []
    for relation in relations:
        terms = []
        rhs = 0.0
        for key, coefficient in relation.terms:
            if key in known:
                rhs -= coefficient * known[key]
            elif key in listed:
                terms.append((key, float(coefficient)))
        if terms:
            constraints.append(Constraint(tuple(terms), rhs, relation.equal))
        else:
            # Shown figures never contradict a sum.
            assert (abs(rhs) < 1e-6) if relation.equal else rhs >= -1e-6
    bounds = {k: small.get(k, (0.0, None)) for k in unknown}
    wanted = [k for k in unknown if asked is None or k in asked]
    return feasible_intervals(unknown, bounds, constraints, wanted)


def _protected_counts(tables: dict[View, IndicatorTable], *, parts: bool = False
                      ) -> set[CountKey]:
    """Counts the promise is about: 1–4 of them, shown as a count or as a base; with `parts`,
    the part of each share whose base is 1–4 instead."""
    counts = family_counts(tables).values
    found = set()
    for (by, length), table in tables.items():
        for period in table.periods:
            for indicator in table.indicators:
                for group in (*table.groups, TOTAL):
                    cell = table.cell(period, indicator.id, group)
                    for role, q in CELL_QUANTITIES[indicator.id]:
                        key = count_key(by, length, period, group, q)
                        if not parts and role != "part" and 0 < counts[key] < 5:
                            found.add(key)
                        if parts and role == "part" and 0 < cell.base < 5:
                            found.add(key)
    return found


def _assert_promise(log: EventLog, folder: Path) -> int:
    tables = all_views(log)
    views = suppress_family(tables)
    protected = _protected_counts(tables)
    intervals = attack(views, tables, folder, protected)
    values = family_counts(tables).values
    checked = 0
    for key in protected:
        assert key in intervals, f"{key} = {values[key]} is shown"
        low, high = intervals[key]
        assert low - 1e-6 <= values[key] <= high + 1e-6
        assert high - low >= 1 - 1e-6, f"{key} = {values[key]} pinned to [{low}, {high}]"
        checked += 1
    return checked


def _log(tmp_path: Path, rows: list[tuple[str, str, str, str, str]]) -> EventLog:
    path = tmp_path / "logg.csv"
    lines = ["case_id,unit,event,timestamp,reporter,outcome"] + [
        ",".join(r) + (",not_opened" if r[2] == "preassessment_decided" else ",")
        for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_event_log(path)


def _reports(unit: str, month: int, count: int, start: int, reporter: str = "police",
             day: int = 3) -> list[tuple[str, str, str, str, str]]:
    return [(f"{unit}{month}-{start + i}", unit, "report_received",
             dt.date(2024, month, day).isoformat(), reporter) for i in range(count)]


def test_month_and_quarter_views_together_do_not_give_january_back(tmp_path: Path):
    # A = 1/6/7, B = 6/6/6, C = 7/8/9, D = 9/9/9 reports in January, February and March.
    rows = []
    for unit, counts in {"A": (1, 6, 7), "B": (6, 6, 6), "C": (7, 8, 9),
                         "D": (9, 9, 9)}.items():
        for month, count in zip((1, 2, 3), counts, strict=True):
            rows += _reports(unit, month, count, 0)
    log = _log(tmp_path, rows)
    tables = all_views(log, as_of=dt.date(2024, 6, 30))
    views = suppress_family(tables)
    intervals = attack(views, tables, tmp_path)
    january = count_key(By.unit, Period.month, "2024-01", "A", "received")
    assert not views[(By.unit, Period.month)].cell("2024-01", "reports_received", "A").visible
    low, high = intervals[january]
    assert high - low >= 1  # 1 before: the quarter's 14 less February's 6 and March's 7
    assert _assert_promise(log, tmp_path) > 0


def test_unit_and_reporter_views_together_do_not_split_a_small_total(tmp_path: Path):
    # Eight reports, four in each unit: by unit both are "<5"; by reporter type the total 8
    # was shown, so that A = B = 4.
    rows = _reports("A", 1, 4, 0, "police") + _reports("B", 1, 4, 0, "health")
    log = _log(tmp_path, rows)
    tables = all_views(log, as_of=dt.date(2024, 6, 30))
    views = suppress_family(tables)
    intervals = attack(views, tables, tmp_path)
    for unit in ("A", "B"):
        low, high = intervals[count_key(By.unit, Period.year, "2024", unit, "received")]
        assert high - low >= 1
    assert _assert_promise(log, tmp_path) > 0


def test_the_json_base_does_not_reveal_pending_pre_assessments(tmp_path: Path):
    # Seven reports: five decided (their base n is 5), two still within their 14 days.
    rows = _reports("A", 3, 5, 0, day=1) + _reports("A", 3, 2, 10, day=28)
    rows += [(f"A3-{i}", "A", "preassessment_decided", "2024-03-10", "police")
             for i in range(5)]
    rows += _reports("B", 3, 9, 0, day=2)
    rows += [(f"B3-{i}", "B", "preassessment_decided", "2024-03-12", "police")
             for i in range(9)]
    log = _log(tmp_path, rows)
    tables = all_views(log, as_of=dt.date(2024, 3, 30))
    pending = count_key(By.unit, Period.month, "2024-03", "A", "pre_pending")
    assert family_counts(tables).values[pending] == 2
    intervals = attack(suppress_family(tables), tables, tmp_path)
    low, high = intervals[pending]
    assert high - low >= 1  # 7 received less a base of 5 gave 2 before
    assert _assert_promise(log, tmp_path) > 0


@pytest.mark.parametrize("seed", [1, 2])
def test_no_hidden_count_can_be_worked_out_from_every_view_together(tmp_path: Path, seed: int):
    # Small logs with many small counts: three units, five reporter types, eight months, so
    # that investigations run past their four months and every indicator has something.
    log = synthetic_log(cases=70, units=3, seed=seed, years=0.7)
    assert _assert_promise(log, tmp_path) > 20
