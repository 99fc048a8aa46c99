"""Text that looks like a formula stays text in every workbook the product writes, and reads back
unchanged: the case template, the report workbook, the follow-up workbook and a converted log.

Each workbook is checked three ways: openpyxl sees a string cell holding the very text; the
sheet's XML holds it as an inline string and has no `<f>` element with it; and LibreOffice, which
recalculates every formula on opening as Excel does, still shows the text rather than 5 or a link.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from samverkan.followup.comparison import compare_units
from samverkan.followup.indicators import By, Period, compute_indicators
from samverkan.formats.case_file import case_from_data
from samverkan.formats.eventlog import read_event_log, write_event_log
from samverkan.formats.excel_cells import Formula, append_row, set_cell
from samverkan.formats.excel_template import read_template, write_template
from samverkan.model import compute
from samverkan.reports.analysis import analyse
from samverkan.reports.files import write_followup
from samverkan.reports.report import Report
from samverkan.reports.report_xlsx import write_report_xlsx
from tests.conftest import EVENTLOGS
from tests.spreadsheets import recalculated

LINK = '=HYPERLINK("http://x","y")'
SUM = "=2+3"
# Every way a text can start that a spreadsheet program may take for a formula, and an error.
HOSTILE = [LINK, SUM, "+2+3", "-2+3", "@SUM(1)", "#N/A"]


def _case():
    return case_from_data({
        "format": "samverkan/case@1",
        "name": SUM,
        "description": "-1 + 1",
        "organisations": [
            {"id": "a", "name": "@SUM(1)", "group": "school"},
            {"id": "soc", "name": "+2+3", "group": "social_services"},
        ],
        "roles": [{"id": "r", "name": "-2+3", "monthly_cost": 49_500}],
        "steps": [{"id": "s1", "name": LINK, "weeks": 2, "tasks": [
            {"id": "t1", "org": "a", "name": SUM, "note": "#N/A",
             "participants": [{"role": "r", "minutes": 60}]},
            {"id": "t2", "org": "soc", "name": LINK,
             "participants": [{"role": "r", "minutes": {"low": 30, "likely": 45, "high": 90}}]},
        ]}],
    })


def _text_cells(path: Path, wanted: list[str]) -> dict[str, list[tuple[str, str]]]:
    """For each wanted text, the (sheet, data type) of every cell holding exactly it."""
    book = load_workbook(path)
    found: dict[str, list[tuple[str, str]]] = {text: [] for text in wanted}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in found:
                    found[cell.value].append((sheet.title, cell.data_type))
    return found


def _formulas_in_xml(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [formula for name in archive.namelist() if name.startswith("xl/worksheets/")
                for formula in re.findall(r"<f>(.*?)</f>", archive.read(name).decode())]


def _assert_written_as_text(path: Path, wanted: list[str]) -> None:
    found = _text_cells(path, wanted)
    for text, cells in found.items():
        assert cells, f"{text!r} is not in the workbook as it was written"
        assert all(kind == "s" for _sheet, kind in cells), (text, cells)
    for formula in _formulas_in_xml(path):
        assert "HYPERLINK" not in formula and formula not in {"2+3", "+2+3", "-2+3", "SUM(1)"}


def _assert_still_text_after_recalculation(path: Path, tmp_path: Path,
                                           wanted: list[str]) -> None:
    again = recalculated(path, tmp_path)
    values = {cell.value for sheet in load_workbook(again, data_only=True).worksheets
              for row in sheet.iter_rows() for cell in row}
    for text in wanted:
        assert text in values, f"{text!r} did not survive recalculation"
    assert 5 not in values and "y" not in values  # neither the sum nor the link's caption


# --- the helper itself ----------------------------------------------------------------------

@pytest.mark.parametrize("write_only", [False, True])
def test_the_helper_writes_text_as_text_and_formulas_only_when_asked(tmp_path, write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("S") if write_only else book.active
    append_row(sheet, [*HOSTILE, "plain", 3.5, None, Formula("=1+1")])
    if not write_only:
        set_cell(sheet, 2, 1, "\tindented")
    book.save(tmp_path / "t.xlsx")
    row = next(load_workbook(tmp_path / "t.xlsx").worksheets[0].iter_rows())
    assert [c.value for c in row] == [*HOSTILE, "plain", 3.5, None, "=1+1"]
    assert [c.data_type for c in row[:7]] == ["s"] * 7
    assert row[9].data_type == "f"  # the product's own formula is a formula
    # The quote prefix keeps the text text when someone edits the cell in Excel.
    assert [c.quotePrefix for c in row[:5]] == [True] * 5
    assert _formulas_in_xml(tmp_path / "t.xlsx") == ["1+1"]


# --- the case template -------------------------------------------------------------------------

def test_the_template_writes_formula_like_names_as_text_and_reads_them_back(tmp_path):
    case = _case()
    path = tmp_path / "case.xlsx"
    write_template(path, case)
    _assert_written_as_text(path, [LINK, SUM, "+2+3", "-2+3", "@SUM(1)", "#N/A", "-1 + 1"])
    again = read_template(path)
    assert again == case
    assert (again.name, again.steps[0].name, again.tasks[0].name) == (SUM, LINK, SUM)
    assert again.tasks[0].note == "#N/A"


def test_the_template_stays_text_when_a_spreadsheet_program_recalculates_it(tmp_path):
    path = tmp_path / "case.xlsx"
    write_template(path, _case())
    _assert_still_text_after_recalculation(path, tmp_path, [LINK, SUM, "+2+3", "@SUM(1)"])


# --- the report workbook -------------------------------------------------------------------

def test_the_report_workbook_writes_names_as_text_beside_its_own_formulas(tmp_path):
    case = _case()
    path = tmp_path / "report.xlsx"
    write_report_xlsx(Report(analyse(case, draws=100, cases_per_year=10)), path)
    _assert_written_as_text(path, [SUM, "+2+3", "@SUM(1)"])
    book = load_workbook(path)
    tasks = {row[0].value: row[0].data_type for row in book["Uppgifter"].iter_rows(min_row=2)}
    assert tasks == {SUM: "s", LINK: "s"}
    # The product's formulas are still formulas.
    assert book["Deltagare"]["L2"].data_type == "f"


def test_the_report_workbook_recalculates_to_the_model_with_formula_like_names(tmp_path):
    """Organisations named "@SUM(1)" and "+2+3" stay text, and the formula that sums each
    organisation's participants by name still finds exactly its own rows."""
    case = _case()
    path = tmp_path / "report.xlsx"
    write_report_xlsx(Report(analyse(case, draws=100)), path)
    again = recalculated(path, tmp_path)
    book = load_workbook(again, data_only=True)
    orgs = {row[0]: row for row in book["Organisationer"].iter_rows(min_row=2, values_only=True)}
    result = compute(case)
    # 60 minutes and 45 minutes at 49 500 / 165 / 60 = 5 kr a minute.
    assert result.organisations["a"].figures.cost == pytest.approx(300)
    assert orgs["@SUM(1)"][4] == pytest.approx(300)
    assert orgs["+2+3"][4] == pytest.approx(225)
    tasks = [row[0] for row in book["Uppgifter"].iter_rows(min_row=2, values_only=True)]
    assert tasks == [SUM, LINK]


# --- the follow-up workbook and a converted log ------------------------------------------------

def _hostile_log(tmp_path: Path) -> Path:
    text = (EVENTLOGS / "hand.csv").read_text(encoding="utf-8")
    path = tmp_path / "log.csv"
    # Quoted as CSV so that the comma in the link stays inside the unit's name.
    path.write_text(text.replace("Norr", '"=2+3"').replace("Söder", "@SUM(1)"),
                    encoding="utf-8")
    return path


def test_the_follow_up_workbook_writes_unit_names_as_text(tmp_path):
    log = read_event_log(_hostile_log(tmp_path))
    try:
        table = compute_indicators(log, by=By.unit, period=Period.year)
        path = tmp_path / "indicators.xlsx"
        write_followup(compare_units(table), "log.csv", path, "xlsx")
    finally:
        log.close()
    _assert_written_as_text(path, [SUM, "@SUM(1)"])
    header = [c.value for c in next(load_workbook(path).worksheets[0].iter_rows())]
    assert SUM in header and "@SUM(1)" in header


def test_a_log_converted_to_excel_keeps_formula_like_text_and_reads_back_unchanged(tmp_path):
    source = read_event_log(_hostile_log(tmp_path))
    path = tmp_path / "log.xlsx"
    try:
        write_event_log(source, path)
        rows = sorted(source.rows())
    finally:
        source.close()
    _assert_written_as_text(path, [SUM, "@SUM(1)"])
    again = read_event_log(path)
    try:
        assert sorted(again.rows()) == rows
    finally:
        again.close()
    _assert_still_text_after_recalculation(path, tmp_path, [SUM, "@SUM(1)"])


def test_a_log_converted_to_csv_guards_formula_like_text_and_reads_back_unchanged(tmp_path):
    # OWASP's advice for CSV: a field a spreadsheet program would run as a formula begins with
    # an apostrophe; so does one that already began with one, so that reading takes exactly
    # one off.
    source_path = tmp_path / "hostile.csv"
    source_path.write_text(
        "case_id,unit,event,timestamp\n"
        '"=2+3",@SUM(1),report_received,2024-01-01\n'
        "'x,'=A1,report_received,2024-01-02\n"
        "-c,''b,report_received,2024-01-03\n"
        "\"\tt\",+2+3,report_received,2024-01-04\n",
        encoding="utf-8")
    source = read_event_log(source_path)
    path = tmp_path / "converted.csv"
    try:
        rows = sorted(source.rows())
        write_event_log(source, path)
    finally:
        source.close()
    # An apostrophe and then a formula-like text from elsewhere is read as the text.
    assert [r[:2] for r in rows] == [("\tt", "+2+3"), ("'x", "=A1"), ("-c", "'b"),
                                     ("=2+3", "@SUM(1)")]
    with path.open(encoding="utf-8", newline="") as stream:
        fields = [field for record in csv.reader(stream) for field in record[:2]]
    assert not [f for f in fields[2:] if f.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert {"'=2+3", "'@SUM(1)", "''x", "'=A1", "'-c", "''b", "'\tt", "'+2+3"} <= set(fields)
    again = read_event_log(path)
    try:
        assert sorted(again.rows()) == rows
    finally:
        again.close()
