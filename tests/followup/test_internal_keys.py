"""Names in the data never reach the product's own keys: a unit called `__total__` is a unit,
not the municipality's total, and a column called `row` is a column, not the row number."""

from __future__ import annotations

from pathlib import Path

from samverkan.followup.indicators import TOTAL, compute_indicators
from samverkan.formats.eventlog import read_event_log


def _log(tmp_path: Path, units: dict[str, int]) -> Path:
    lines = ["case_id,unit,event,timestamp"]
    for unit, cases in units.items():
        lines += [f"{unit}-{i},{unit},report_received,2024-01-0{1 + i % 9}" for i in range(cases)]
    path = tmp_path / "log.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_unit_named_like_the_total_is_a_unit_of_its_own(tmp_path: Path):
    # Counted by hand: 7 reports in Norr, 2 in the unit called __total__, 9 in the municipality.
    table = compute_indicators(read_event_log(_log(tmp_path, {"Norr": 7, "__total__": 2})))
    (period,) = table.periods
    assert table.groups == ("Norr", "__total__")
    assert table.cell(period, "reports_received", "Norr").value == 7
    assert table.cell(period, "reports_received", "__total__").value == 2
    assert table.cell(period, "reports_received", TOTAL).value == 9


def test_no_unit_can_take_the_total_s_key(tmp_path: Path):
    # Spaces around a unit are trimmed on import, so the key (which begins with one) is out of
    # reach of any file.
    path = tmp_path / "log.csv"
    path.write_text(f'case_id,unit,event,timestamp\nc1,"{TOTAL}",report_received,2024-01-01\n',
                    encoding="utf-8")
    table = compute_indicators(read_event_log(path))
    assert TOTAL not in table.groups


def test_a_column_named_row_in_any_case_is_an_unknown_column_not_a_crash(tmp_path: Path):
    from samverkan.errors import EventLogError

    for header in ("row", "ROW", "Row"):
        path = tmp_path / "log.csv"
        path.write_text(f"case_id,unit,event,timestamp,{header}\n"
                        "c1,Norr,report_received,2024-01-01,abc\n", encoding="utf-8")
        try:
            read_event_log(path)
        except EventLogError as error:
            assert [(p.place.row, p.place.column) for p in error.problems] == [(1, "5")]
        else:
            raise AssertionError("an unknown column was accepted")
