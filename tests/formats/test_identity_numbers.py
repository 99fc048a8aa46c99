"""The identity-number guard: valid personal identity and coordination numbers, in every form
and in every column, refuse the whole log and are never repeated; look-alikes pass.

The numbers are Skatteverket's published test numbers (testpersonnummer and
testsamordningsnummer, open data), never invented real-looking ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from samverkan.errors import EventLogError, IdentityNumberError
from samverkan.formats.eventlog import read_event_log
from samverkan.formats.identity_numbers import holds_identity_number, is_identity_number

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
    # The column is named by its position, never by its header.
    assert [(p.place.row, p.place.column) for p in caught.value.problems] == [(2, "5")]


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


# --- every written form, and every place in a file -----------------------------------------

# Skatteverket's best-known test number, written as people and systems write it.
CLASSIC = "19121212-1212"
WRITTEN_FORMS = [
    "19121212 1212",  # space
    "121212 1212",
    "121212\u00a01212",  # no-break space
    "121212\u20131212",  # en dash
    "121212.1212",  # dot
    "19121212 - 1212",  # spaced dash
    "1212\u00ad12-1212",  # soft hyphen inside the date
    "121212\u200b1212",  # zero-width space as the only separator
    "\uff11\uff19\uff11\uff12\uff11\uff12\uff11\uff12\uff0d\uff11\uff12\uff11\uff12",  # full width
    "\u0661\u0662\u0661\u0662\u0661\u0662\u0661\u0662\u0661\u0662",  # Arabic-Indic digits
    "elev 121212\u00a01212 klass 4b",  # inside a text
]
# The same forms around a number whose check digit fails: pseudonyms that must keep working.
WRITTEN_LOOK_ALIKES = [
    "19121212 1213",
    "121212\u00a01213",
    "121212\u20131213",
    "121212.1213",
    "1212\u00ad12-1213",
    "\uff11\uff12\uff11\uff12\uff11\uff12\uff0d\uff11\uff12\uff11\uff13",
    "\u0661\u0662\u0661\u0662\u0661\u0662\u0661\u0662\u0661\u0663",
    "2024-01-01 12:00",
    "070-123 45 67",
]


def _digits(text: str) -> str:
    return "".join(str(int(c)) for c in text if c.isdigit())


def assert_shows_no_number(text: str, *numbers: str) -> None:
    """Neither the number as written nor its digits, nor any identity number at all."""
    assert not holds_identity_number(text), text
    for number in (CLASSIC, *numbers):
        assert number not in text
        digits = _digits(number)
        assert digits not in text and digits[-10:] not in text, text


@pytest.mark.parametrize("written", WRITTEN_FORMS)
def test_every_written_form_is_recognised(written: str):
    assert holds_identity_number(written)


@pytest.mark.parametrize("written", WRITTEN_LOOK_ALIKES)
def test_look_alikes_in_the_same_forms_pass(written: str):
    assert not holds_identity_number(written)


@pytest.mark.parametrize("written", WRITTEN_FORMS)
def test_a_written_form_in_a_cell_refuses_the_log(tmp_path: Path, written: str):
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(_log(tmp_path, "school", written))
    assert [(p.place.row, p.place.column) for p in caught.value.problems] == [(2, "school")]
    assert_shows_no_number(str(caught.value), written)


@pytest.mark.parametrize("written", WRITTEN_LOOK_ALIKES)
def test_a_look_alike_in_a_cell_passes(tmp_path: Path, written: str):
    assert read_event_log(_log(tmp_path, "school", written)).count() == 1


def test_a_header_holding_a_number_is_refused_and_named_by_position(tmp_path: Path):
    path = tmp_path / "log.csv"
    path.write_text(f"case_id,unit,event,timestamp,{CLASSIC}\nc1,Norr,report_received,"
                    "2024-01-01,x\n", encoding="utf-8")
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert [(p.place.row, p.place.column) for p in caught.value.problems] == [(1, "5")]
    assert "kolumn 5" in caught.value.message("sv") and "column 5" in caught.value.message("en")
    assert_shows_no_number(str(caught.value))


def test_a_file_name_holding_a_number_is_refused_and_never_repeated(tmp_path: Path):
    good = _log(tmp_path, "school", "skola-1")
    path = good.rename(tmp_path / f"Lucas {CLASSIC}.csv")
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert "filnamnet" in caught.value.message("sv")
    assert "file name" in caught.value.message("en")
    assert_shows_no_number(str(caught.value))


def _workbook(rows: list[list[object]]) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Logg"
    for row in rows:
        sheet.append(row)
    return workbook


_HEADER = ["case_id", "unit", "event", "timestamp"]
_ROW = ["c1", "Norr", "report_received", "2024-01-01"]


def test_an_excel_header_holding_a_number_is_refused(tmp_path: Path):
    path = tmp_path / "log.xlsx"
    _workbook([[*_HEADER, CLASSIC], [*_ROW, "x"]]).save(path)
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert [(p.place.row, p.place.column) for p in caught.value.problems] == [(1, "5")]
    assert_shows_no_number(str(caught.value))


def test_a_sheet_name_holding_a_number_is_refused_and_never_shown(tmp_path: Path):
    path = tmp_path / "log.xlsx"
    workbook = _workbook([_HEADER, _ROW])
    workbook.worksheets[0].title = "121212-1212"
    workbook.save(path)
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert "blad 1" in caught.value.message("sv")
    assert_shows_no_number(str(caught.value), "121212-1212")


def test_a_sheet_is_named_by_its_position_in_every_message(tmp_path: Path):
    # The repro: a name that looks like a number (its check digit fails) was repeated
    # in the place of every problem.
    path = tmp_path / "log.xlsx"
    workbook = _workbook([_HEADER, ["c1", "Norr", "no_such_event", "2024-01-01"]])
    workbook.worksheets[0].title = "191212-1212"
    workbook.save(path)
    with pytest.raises(EventLogError) as caught:
        read_event_log(path)
    assert "blad 1, rad 2, kolumn event" in caught.value.message("sv")
    assert "191212" not in str(caught.value)


def test_a_number_on_another_sheet_refuses_the_workbook(tmp_path: Path):
    path = tmp_path / "log.xlsx"
    workbook = _workbook([_HEADER, _ROW])
    other = workbook.create_sheet("Anteckningar")
    other.append(["Barn", CLASSIC])
    workbook.save(path)
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert "blad 2" in caught.value.message("sv") and "sheet 2" in caught.value.message("en")
    assert_shows_no_number(str(caught.value))


def test_a_second_sheet_named_with_a_number_refuses_the_workbook(tmp_path: Path):
    path = tmp_path / "log.xlsx"
    workbook = _workbook([_HEADER, _ROW])
    workbook.create_sheet("121212 1212")
    workbook.save(path)
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert "blad 2" in caught.value.message("sv")
    assert_shows_no_number(str(caught.value), "121212 1212")


# The repro: 501012389 formatted `0000000000` shows as 0501012389, a valid number.
PADDED = 501012389


@pytest.mark.parametrize("number_format", ["0000000000", "000000-0000", '000000"-"0000'])
def test_an_excel_number_is_read_with_its_zero_padding(tmp_path: Path, number_format: str):
    path = tmp_path / "log.xlsx"
    workbook = _workbook([[*_HEADER, "school"], [*_ROW, PADDED]])
    workbook.worksheets[0]["E2"].number_format = number_format
    workbook.save(path)
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert [(p.place.row, p.place.column) for p in caught.value.problems] == [(2, "school")]
    assert_shows_no_number(str(caught.value), "0501012389")


def test_the_same_excel_number_without_padding_is_nine_digits_and_passes(tmp_path: Path):
    path = tmp_path / "log.xlsx"
    _workbook([[*_HEADER, "school"], [*_ROW, PADDED]]).save(path)
    assert read_event_log(path).count() == 1


def _xes(trace_extra: str = "", event_extra: str = "", log_extra: str = "") -> str:
    return (
        f'<log xmlns="http://www.xes-standard.org/">{log_extra}<trace>'
        f'<string key="concept:name" value="c1"/>{trace_extra}'
        '<event><string key="concept:name" value="report_received"/>'
        f'<string key="unit" value="Norr"/>{event_extra}'
        '<date key="time:timestamp" value="2024-01-01T00:00:00"/></event>'
        "</trace></log>"
    )


@pytest.mark.parametrize("where", [
    {"event_extra": f'<string key="{CLASSIC}" value="x"/>'},  # a key
    {"event_extra": f'<string key="note" value="x"><string key="n" value="{CLASSIC}"/>'
                    "</string>"},  # nested in an event attribute
    {"trace_extra": f'<list key="ids"><values><string key="i" value="{CLASSIC}"/></values>'
                    "</list>"},  # nested in a trace list
    {"log_extra": f'<string key="source" value="{CLASSIC}"/>'},  # the log's own attribute
    {"log_extra": f'<global scope="event"><string key="n" value="{CLASSIC}"/></global>'},
    {"log_extra": f'<classifier name="c" keys="{CLASSIC}"/>'},
    {"trace_extra": f'<string key="org:resource" value="{CLASSIC}"/>'},  # trace attribute
    {"event_extra": f'<string key="" value="{CLASSIC}"/>'},  # an empty key
    {"event_extra": f'<string key="row" value="{CLASSIC}"/>'},  # an internal-looking key
])
def test_xes_numbers_anywhere_are_refused(tmp_path: Path, where: dict[str, str]):
    path = tmp_path / "log.xes"
    path.write_text(_xes(**where), encoding="utf-8")
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    assert_shows_no_number(str(caught.value))


def test_an_xes_log_with_keys_named_row_event_or_empty_is_read(tmp_path: Path):
    path = tmp_path / "log.xes"
    path.write_text(_xes(
        trace_extra='<string key="" value="y"/><string key="case_id" value="other"/>',
        event_extra='<string key="row" value="abc"/><string key="ROW" value="d"/>'
                    '<string key="event" value="not an event"/>',
    ), encoding="utf-8")
    log = read_event_log(path)
    # The contract's columns come from the XES keys alone; look-alike keys change nothing.
    assert list(log.rows()) == [("c1", "Norr", "report_received", "2024-01-01", None, None,
                                 None)]


# --- every combination: a property test over the written forms --------------------------------

_SKATTEVERKET = ["191212121212", "201701012393", "191401682396", "202601612381"]
_SEPARATORS = ["", "-", "+", " ", "\u00a0", "\u2013", "\u2014", ".", " - ", "\u2212", "\u3000"]
_INVISIBLES = ["\u00ad", "\u200b", "\u200c", "\u2060", "\ufeff"]
# ASCII, full-width, Arabic-Indic, Persian and Devanagari digits.
_SCRIPTS = [0x30, 0xFF10, 0x0660, 0x06F0, 0x0966]


def _written(digits: str, script: int) -> str:
    return "".join(chr(script + int(d)) for d in digits)


@st.composite
def _written_numbers(draw: st.DrawFn, *, valid: bool) -> tuple[str, str]:
    number = draw(st.sampled_from(_SKATTEVERKET))
    if not valid:  # the same number with a wrong check digit
        number = number[:-1] + str((int(number[-1]) + draw(st.integers(1, 9))) % 10)
    digits = number if draw(st.booleans()) else number[2:]
    separator = draw(st.sampled_from(_SEPARATORS))
    if separator == "+" and len(digits) == 12:
        separator = "-"
    script = draw(st.sampled_from(_SCRIPTS))
    date, serial = _written(digits[:-4], script), _written(digits[-4:], script)
    text = list(date + separator + serial)
    for _ in range(draw(st.integers(0, 3))):  # invisible characters anywhere inside
        text.insert(draw(st.integers(1, len(text) - 1)), draw(st.sampled_from(_INVISIBLES)))
    around = st.text(alphabet="abcåäö XYZ,;:()", max_size=8)
    return draw(around) + "".join(text) + draw(around), number


@settings(max_examples=400, deadline=None)
@given(_written_numbers(valid=True))
def test_any_written_form_of_a_test_number_is_found(case: tuple[str, str]):
    written, _number = case
    assert holds_identity_number(written), ascii(written)


@settings(max_examples=400, deadline=None)
@given(_written_numbers(valid=False))
def test_the_same_forms_with_a_wrong_check_digit_pass(case: tuple[str, str]):
    written, _number = case
    assert not holds_identity_number(written), ascii(written)
