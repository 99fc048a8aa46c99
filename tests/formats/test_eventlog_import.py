"""Event-log import: every problem named with its row and column, nothing kept when any is
found, and the three formats carrying the same log."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from samverkan.errors import EventLogError, IdentityNumberError, Place
from samverkan.followup.synth import synthetic_log
from samverkan.formats.eventlog import read_event_log, write_event_log
from tests.conftest import EVENTLOGS


def _problems(path: Path) -> dict[tuple[int | None, str | None], str]:
    with pytest.raises(EventLogError) as caught:
        read_event_log(path)
    assert not isinstance(caught.value, IdentityNumberError)
    return {(p.place.row, p.place.column): p.en for p in caught.value.problems}


def test_a_valid_log_is_read_with_its_cases_units_and_days():
    log = read_event_log(EVENTLOGS / "hand.csv")
    assert log.count() == 35
    assert log.count("cases") == 9
    assert log.count("units") == 2
    first, last = log.span()
    assert (first.isoformat(), last.isoformat()) == ("2022-10-20", "2024-06-15")


def test_every_problem_is_named_with_its_row_and_column():
    problems = _problems(EVENTLOGS / "errors.csv")
    assert "unknown event 'report_recieved'" in problems[(2, "event")]
    assert "'2024-02-30' is not a valid date" in problems[(3, "timestamp")]
    assert "outcome missing" in problems[(3, "outcome")]
    assert "more than one unit (rows 4, 5)" in problems[(4, "unit")]
    assert "closed before it was opened" in problems[(4, "timestamp")]
    assert problems[(6, "unit")] == "value missing"
    assert "unknown reporter type 'teacher'" in problems[(6, "reporter")]
    assert "must be empty" in problems[(6, "outcome")]
    assert "appears more than once (rows 7, 8)" in problems[(7, "event")]
    assert "closed but never opened" in problems[(9, "event")]


def test_messages_are_in_swedish_and_english():
    with pytest.raises(EventLogError) as caught:
        read_event_log(EVENTLOGS / "errors.csv")
    sv, en = caught.value.message("sv"), caught.value.message("en")
    assert "rad 2, kolumn event: okänd händelse" in sv
    assert "row 2, column event: unknown event" in en


def test_missing_and_unknown_columns_are_named(tmp_path: Path):
    path = tmp_path / "log.csv"
    path.write_text("case_id,unit,event,personnummer\nc1,Norr,report_received,x\n")
    problems = _problems(path)
    assert "column 'timestamp' is missing" in problems[(1, "timestamp")]
    # Named by its position: a header is never repeated, as it could hold a number.
    assert "unknown column" in problems[(1, "4")]


def test_rows_with_the_wrong_number_of_fields_are_listed(tmp_path: Path):
    path = tmp_path / "log.csv"
    path.write_text(
        "case_id,unit,event,timestamp\n"
        "c1,Norr,report_received,2024-01-01\n"
        "c2,Norr,report_received\n"
        "c3,Norr,report_received,2024-01-01,extra\n"
    )
    problems = _problems(path)
    assert problems[(3, None)] == "the row has 3 fields but the header 4"
    assert problems[(4, None)] == "the row has 5 fields but the header 4"


def test_an_empty_log_and_an_unknown_file_type_are_refused(tmp_path: Path):
    empty = tmp_path / "empty.csv"
    empty.write_text("case_id,unit,event,timestamp\n")
    assert "holds no events" in next(iter(_problems(empty).values()))
    other = tmp_path / "log.txt"
    other.write_text("x")
    assert "unknown file type" in next(iter(_problems(other).values()))


def test_a_swedish_excel_csv_with_semicolons_and_windows_letters_is_read(tmp_path: Path):
    path = tmp_path / "log.csv"
    text = "case_id;unit;event;timestamp\r\nc1;Östra Söder;report_received;2024-01-01\r\n"
    path.write_bytes(text.encode("cp1252"))
    log = read_event_log(path)
    assert [row[1] for row in log.rows()] == ["Östra Söder"]


def test_excel_problems_name_the_sheet_row_and_column(tmp_path: Path):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Logg"
    sheet.append(["case_id", "unit", "event", "timestamp"])
    sheet.append(["c1", "Norr", "report_received", "2024-01-01"])
    sheet.append(["c2", "Norr", "report_received", "1 januari"])
    path = tmp_path / "log.xlsx"
    workbook.save(path)
    with pytest.raises(EventLogError) as caught:
        read_event_log(path)
    (problem,) = caught.value.problems
    # The sheet by its position: a sheet's name is never repeated, as it could hold a number.
    assert problem.place == Place(file="log.xlsx", sheet="1", row=3, column="timestamp")


def test_nothing_of_a_refused_log_is_kept(tmp_path: Path):
    with pytest.raises(EventLogError):
        read_event_log(EVENTLOGS / "errors.csv")
    # The reader holds no state between calls: a good log after a bad one is read whole.
    assert read_event_log(EVENTLOGS / "hand.csv").count() == 35


@pytest.mark.parametrize("middle", [".xes", ".xlsx"])
def test_csv_to_another_format_and_back_gives_the_same_file(tmp_path: Path, middle: str):
    original = tmp_path / "original.csv"
    write_event_log(read_event_log(EVENTLOGS / "hand.csv"), original)
    converted = tmp_path / f"log{middle}"
    write_event_log(read_event_log(original), converted)
    back = tmp_path / "back.csv"
    write_event_log(read_event_log(converted), back)
    assert back.read_bytes() == original.read_bytes()


def test_a_synthetic_log_round_trips_through_xes(tmp_path: Path):
    csv_path, xes_path, back = tmp_path / "s.csv", tmp_path / "s.xes", tmp_path / "b.csv"
    write_event_log(synthetic_log(cases=300, units=3, seed=4), csv_path)
    write_event_log(read_event_log(csv_path), xes_path)
    write_event_log(read_event_log(xes_path), back)
    assert back.read_bytes() == csv_path.read_bytes()


def test_xes_from_other_tools_with_trace_attributes_and_offsets_is_read(tmp_path: Path):
    path = tmp_path / "other.xes"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">'
        '<trace><string key="concept:name" value="c1"/><string key="unit" value="Norr"/>'
        '<event><string key="concept:name" value="report_received"/>'
        '<date key="time:timestamp" value="2024-01-01T08:00:00.000+01:00"/>'
        '<string key="lifecycle:transition" value="complete"/></event>'
        "</trace></log>"
    )
    (row,) = read_event_log(path).rows()
    assert row[:4] == ("c1", "Norr", "report_received", "2024-01-01T08:00:00")


def test_broken_xml_is_reported_with_its_line(tmp_path: Path):
    path = tmp_path / "broken.xes"
    path.write_text("<log>\n<trace>\n</log>\n")
    problems = _problems(path)
    assert "not valid XML (line 3" in next(iter(problems.values()))


def test_the_excel_export_holds_the_contract_columns(tmp_path: Path):
    path = tmp_path / "log.xlsx"
    write_event_log(read_event_log(EVENTLOGS / "hand.csv"), path)
    sheet = load_workbook(path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == ["case_id", "unit", "event", "timestamp", "reporter", "school", "outcome"]
    assert sheet.max_row == 36


def test_a_log_built_from_columns_is_checked_with_no_way_around_the_guard() -> None:
    """The one way in: rows given as columns meet the identity-number guard like a file."""
    import inspect

    import numpy as np

    from samverkan.errors import IdentityNumberError
    from samverkan.formats.eventlog import event_log_from_rows

    assert list(inspect.signature(event_log_from_rows).parameters) == ["columns", "source"]
    columns = {"case_id": ["19121212-1212"], "unit": ["Norr"], "event": ["report_received"],
               "timestamp": ["2024-01-05"]}
    with pytest.raises(IdentityNumberError):
        event_log_from_rows({k: np.array(v, dtype=object) for k, v in columns.items()})
