"""The investment case's workbook: its inputs on sheets of their own, and every yearly figure,
NPV, ratio and payback year a live formula that a spreadsheet program recomputes to the model's
figure — also after an input is changed in the workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from samverkan.model import InvestmentCase, Ledger
from samverkan.reports.investment_xlsx import (
    LEDGER_COLUMNS,
    MODEL_COLUMNS,
    SUMMARY_ROWS,
    write_investment_xlsx,
)
from tests.reports.investment_cases import (
    CASES_PER_YEAR,
    RATE,
    YEARS,
    analysis,
    expected_cases,
)
from tests.spreadsheets import recalculated


def _ledgers(sheet: Any, case: InvestmentCase) -> list[tuple[int, Ledger]]:
    """Each ledger's title row in the sheet, with the model's ledger it stands for."""
    found = []
    for row in sheet.iter_rows(min_col=1, max_col=3):
        kind = row[2].value
        if kind == "organisation":
            found.append((row[0].row, case.organisations[row[1].value]))
        elif kind == "grupp":
            found.append((row[0].row, case.groups[row[1].value]))
        elif kind == "totalt":
            found.append((row[0].row, case.total))
    return found


def _column(letter: str) -> int:
    return ord(letter) - ord("A") + 1


def _assert_ledgers_match(book: Any, expected: list[InvestmentCase], *, formulas: bool) -> None:
    """Every yearly figure and sum of every ledger equals the model's: the formula columns when
    `formulas` (a recalculated book), else the model's own columns."""
    for number, case in enumerate(expected, start=1):
        sheet = book[f"Alt {number}"]
        ledgers = _ledgers(sheet, case)
        assert len(ledgers) == len(case.organisations) + len(case.groups) + 1
        for title, led in ledgers:
            columns = LEDGER_COLUMNS if formulas else MODEL_COLUMNS
            for index, year in enumerate(led.years):
                r = title + 2 + index
                for figure, letter in columns.items():
                    got = sheet.cell(row=r, column=_column(letter)).value
                    assert got == pytest.approx(getattr(year, figure), rel=1e-9, abs=1e-6), (
                        number, title, year.year, figure)
            top = title + 2 + len(led.years) + 1
            for offset, (_name, attribute) in enumerate(SUMMARY_ROWS):
                got = sheet.cell(row=top + offset, column=2 if formulas else 3).value
                want = getattr(led, attribute)
                if want is None:
                    assert got in ("ingen", "–"), (number, title, attribute)
                else:
                    assert got == pytest.approx(want, rel=1e-9, abs=1e-6), (
                        number, title, attribute)


def test_the_inputs_stand_on_their_own_sheets_with_formulas_beside_the_models_figures(
        tmp_path: Path) -> None:
    path = tmp_path / "kalkyl.xlsx"
    write_investment_xlsx(analysis(), path)
    book = load_workbook(path)
    assert book.sheetnames[:5] == ["Om", "Antaganden", "Prisindex", "Priser", "Sammanfattning"]
    inputs = {r[0]: r[1] for r in book["Antaganden"].iter_rows(min_row=2, values_only=True)}
    assert inputs["Diskonteringsränta (real, andel)"] == RATE
    assert inputs["Horisont, år"] == YEARS and inputs["Ärenden per år"] == CASES_PER_YEAR
    assert inputs["Prisår"] == 2024
    prices = list(book["Priser"].iter_rows(min_row=2, max_row=3, values_only=True))
    assert prices[0][:5] == ("hvb", "HVB-placering", "dygn", 1_000.0, 2023)
    assert str(prices[0][5]).startswith("=IF(")
    assert prices[0][6] == pytest.approx(1_000.0 * 104 / 100)
    about = [r[1] for r in book["Om"].iter_rows(values_only=True)]
    assert "Barnet har det minst lika bra som i dag" in about
    assert any(str(v).startswith("ILLUSTRATIV PRISLISTA") for v in about)
    _assert_ledgers_match(book, expected_cases(), formulas=False)
    # An investment in a share of full time says so with the role's name, not its id.
    rows = {r[0]: r for r in book["Alt 1"].iter_rows(values_only=True) if r[0]}
    assert rows["Halvtid socialsekreterare"][6] == "1 × 0.5 heltid Socialsekreterare"
    npv = book["Alt 1"]
    assert any(str(c.value).startswith("=E") and "+NPV('Antaganden'!$B$2," in str(c.value)
               for row in npv.iter_rows() for c in row)


def test_a_spreadsheet_program_recomputes_every_figure_to_the_models(tmp_path: Path) -> None:
    path = tmp_path / "kalkyl.xlsx"
    write_investment_xlsx(analysis(), path)
    written = load_workbook(path)
    book = load_workbook(recalculated(path, tmp_path), data_only=True)
    # Every formula gives a number (or the words for "none"), never an error.
    for sheet in written.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    value = book[sheet.title].cell(row=cell.row, column=cell.column).value
                    assert isinstance(value, int | float) or value in ("ingen", "–"), (
                        sheet.title, cell.coordinate, cell.value, value)
    _assert_ledgers_match(book, expected_cases(), formulas=True)
    summary = list(book["Sammanfattning"].iter_rows(min_row=2, values_only=True))
    expected = expected_cases()
    assert summary[0][1] == pytest.approx(expected[0].npv, rel=1e-9)
    assert expected[1].payback_year is None and summary[1][4] == "ingen"


def test_an_input_changed_in_the_workbook_changes_every_figure(tmp_path: Path) -> None:
    """The economist sets a 7 % rate in the workbook: the recomputed figures are the model's
    at 7 %."""
    path = tmp_path / "kalkyl.xlsx"
    write_investment_xlsx(analysis(), path)
    book = load_workbook(path)
    book["Antaganden"]["B2"] = 0.07
    book.save(path)
    again = load_workbook(recalculated(path, tmp_path), data_only=True)
    _assert_ledgers_match(again, expected_cases(0.07), formulas=True)


def test_the_workbook_speaks_english_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "case.xlsx"
    write_investment_xlsx(analysis(), path, lang="en")
    book = load_workbook(path)
    assert book.sheetnames[:5] == ["About", "Inputs", "Price index", "Prices", "Summary"]
    assert book["Inputs"]["A2"].value == "Discount rate (real, share)"
