"""The identity-number guard: valid personal identity and coordination numbers, in every form
and in every column, refuse the whole log and are never repeated; look-alikes pass.

The numbers are Skatteverket's published test numbers (testpersonnummer and
testsamordningsnummer, open data), never invented real-looking ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from samverkan.errors import IdentityNumberError
from samverkan.formats.eventlog import read_event_log
from samverkan.formats.identity_numbers import is_identity_number

# Skatteverket test numbers: a personal identity number and two coordination numbers.
PERSONAL = "201701012393"
COORDINATION = "191401682396"
COORDINATION_2026 = "202601612381"

FORMS = [
    PERSONAL,  # 12 digits
    "20170101-2393",  # 12 digits with separator
    "1701012393",  # 10 digits
    "170101-2393",  # 10 digits with separator
    COORDINATION,
    "140168+2396",  # over 100 years old: plus sign
    "1401682396",
    COORDINATION_2026,
    "260161-2381",
]

LOOK_ALIKES = [
    "201701012394",  # check digit wrong
    "1701012394",
    "170101-2394",
    "171301-2393",  # month 13
    "9999999999",
    "123456789012",  # century 12 is no century
    "c17010123930",  # eleven digits: not a number of either length
]


@pytest.mark.parametrize("number", FORMS)
def test_every_form_of_a_valid_number_is_recognised(number: str):
    assert is_identity_number(number)


@pytest.mark.parametrize("number", LOOK_ALIKES)
def test_look_alikes_are_not_identity_numbers(number: str):
    assert not is_identity_number(number)


def _log(tmp_path: Path, column: str, value: str) -> Path:
    row = {"case_id": "c1", "unit": "Norr", "event": "report_received",
           "timestamp": "2024-01-01", "reporter": "school", "school": "skola-1", "outcome": ""}
    row[column] = value
    path = tmp_path / "log.csv"
    path.write_text(",".join(row) + "\n" + ",".join(row.values()) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("number", FORMS)
@pytest.mark.parametrize("column", ["case_id", "unit", "school"])
def test_a_number_in_any_column_refuses_the_log_without_showing_it(
    tmp_path: Path, number: str, column: str
):
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(_log(tmp_path, column, number))
    (problem,) = caught.value.problems
    assert (problem.place.row, problem.place.column) == (2, column)
    digits = number.replace("-", "").replace("+", "")
    for text in (str(caught.value), caught.value.message("sv"), caught.value.message("en")):
        assert number not in text and digits not in text and digits[-4:] not in text


def test_a_number_inside_a_longer_text_is_found(tmp_path: Path):
    with pytest.raises(IdentityNumberError):
        read_event_log(_log(tmp_path, "school", f"elev {PERSONAL[2:8]}-{PERSONAL[8:]} klass 4b"))


@pytest.mark.parametrize("pseudonym", [*LOOK_ALIKES, "4711", "000000-0000"])
def test_numeric_pseudonyms_that_fail_the_check_pass(tmp_path: Path, pseudonym: str):
    log = read_event_log(_log(tmp_path, "case_id", pseudonym))
    assert log.count("cases") == 1


def test_the_guard_runs_before_other_checks_so_no_message_can_quote_the_number(tmp_path: Path):
    # The number sits in the event column, where an unknown event would otherwise be quoted.
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(_log(tmp_path, "event", PERSONAL))
    assert PERSONAL not in str(caught.value)


def test_a_number_in_a_column_outside_the_contract_is_refused_too(tmp_path: Path):
    path = tmp_path / "log.csv"
    path.write_text(
        f"case_id,unit,event,timestamp,note\nc1,Norr,report_received,2024-01-01,{PERSONAL}\n"
    )
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert [(p.place.row, p.place.column) for p in caught.value.problems] == [(2, "note")]


def test_excel_cells_holding_the_number_as_a_number_are_refused(tmp_path: Path):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["case_id", "unit", "event", "timestamp"])
    sheet.append([int(PERSONAL[2:]), "Norr", "report_received", "2024-01-01"])
    path = tmp_path / "log.xlsx"
    workbook.save(path)
    with pytest.raises(IdentityNumberError):
        read_event_log(path)


def test_xes_attributes_are_guarded(tmp_path: Path):
    path = tmp_path / "log.xes"
    path.write_text(
        '<log xmlns="http://www.xes-standard.org/"><trace>'
        '<string key="concept:name" value="c1"/>'
        f'<string key="org:resource" value="{COORDINATION}"/>'
        '<event><string key="concept:name" value="report_received"/>'
        '<string key="unit" value="Norr"/>'
        '<date key="time:timestamp" value="2024-01-01T00:00:00"/></event>'
        "</trace></log>"
    )
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert COORDINATION not in str(caught.value)
