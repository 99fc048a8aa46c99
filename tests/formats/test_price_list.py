"""Price lists of interventions: read from CSV and Excel, moved by the index, and refused with
every problem at its place — identity numbers anywhere, without showing them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from samverkan.errors import PriceListError
from samverkan.formats.limits import MAX_TEMPLATE_ROWS
from samverkan.formats.price_list import DEFAULT_PRICES, default_price_list, read_price_list

# A test number Skatteverket publishes for testing, never a real person's.
TEST_NUMBER = "19121212-1212"

GOOD = """\
# Prislista för test
Id;Insats;Enhet;Kronor;Prisår;Källa
hvb;HVB-placering;dygn;5 000,50;2024;Kommunens redovisning
utredning;Barnavårdsutredning;utredning;60000;2023;
"""


def _write(tmp_path: Path, text: str, name: str = "priser.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def _problems(path: Path) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(PriceListError) as info:
        read_price_list(path)
    message = info.value.message("sv") + info.value.message("en")
    assert "1212" not in message
    return [(p.place.row, p.place.column, p.en) for p in info.value.problems]


def test_a_swedish_csv_with_decimal_comma_is_read(tmp_path):
    prices = read_price_list(_write(tmp_path, GOOD))
    hvb, investigation = prices.prices
    assert (hvb.id, hvb.name, hvb.unit, hvb.kronor, hvb.price_year) == (
        "hvb", "HVB-placering", "dygn", 5000.5, 2024)
    assert hvb.source == "Kommunens redovisning" and investigation.source == ""
    assert not prices.illustrative
    # A CSV carries no index: the shipped one is used, and it says it is an illustration.
    assert prices.index_illustrative and prices.index_name == "prisindex-exempel.csv"
    assert prices.latest_year == 2024


def test_english_headers_commas_and_windows_1252_are_read(tmp_path):
    text = "id,name,unit,kronor,price_year,source\nfh,Familjehem åt barn,dygn,900,2024,x\n"
    prices = read_price_list(_write(tmp_path, text, encoding="cp1252"))
    assert prices.prices[0].name == "Familjehem åt barn"


def test_an_excel_list_carries_its_own_index(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Id", "Insats", "Enhet", "Kronor", "Prisår"])
    sheet.append(["hvb", "HVB", "dygn", 4000, 2022])
    index = book.create_sheet("Index")
    index.append(["År", "Index"])
    index.append([2022, 100])
    index.append([2024, 125])
    path = tmp_path / "priser.xlsx"
    book.save(path)
    prices = read_price_list(path)
    assert prices.index == {2022: 100, 2024: 125} and not prices.index_illustrative
    assert prices.kronor_in(prices.prices[0], 2024) == pytest.approx(5000)


def test_the_shipped_list_is_marked_illustrative_and_reads():
    prices = default_price_list()
    assert prices.illustrative and prices.index_illustrative
    assert "ILLUSTRATIV" in DEFAULT_PRICES.read_text(encoding="utf-8")
    assert {"hvb", "familjehem", "oppenvard-timme", "sarskilt-stod", "utredning"} <= {
        p.id for p in prices.prices}
    # Every price year can be moved to the latest.
    assert all(p.price_year in prices.index for p in prices.prices)


def test_a_note_saying_illustrative_marks_the_list(tmp_path):
    assert read_price_list(_write(tmp_path, "# Illustrative only\n" + GOOD)).illustrative


def test_every_problem_is_listed_with_its_row_and_column(tmp_path):
    text = """\
Id;Insats;Enhet;Kronor;Prisår
hvb;HVB;dygn;mycket;2024
hvb;HVB igen;dygn;10;1800
;Utan id;timme;-5;2024
a/b;Snedstreck;;10;2024
x;Utan index;dygn;10;2030
"""
    found = _problems(_write(tmp_path, text))
    assert (2, "4", "must be an amount from 0 to 10 000 000 000 kronor") in found
    assert (3, "1", "id 'hvb' is already on row 2") in found
    assert (3, "5", "must be a year from 1900 to 2100") in found
    assert (4, "1", "value is missing") in found
    assert (4, "4", "must be an amount from 0 to 10 000 000 000 kronor") in found
    assert (5, "3", "value is missing") in found
    assert any(row == 5 and column == "1" and "id may not contain" in en
               for row, column, en in found)
    assert any(row == 6 and column == "5" and "not in the price index" in en
               for row, column, en in found)


def test_unknown_and_missing_columns_are_named(tmp_path):
    found = _problems(_write(tmp_path, "Id;Insats;Pris per styck;Prisår\nx;X;10;2024\n"))
    assert any("unknown column header 'Pris per styck'" in en for _, _, en in found)
    assert any("column missing: unit, kronor" in en for _, _, en in found)


@pytest.mark.parametrize("text", [
    f"Id;Insats;Enhet;Kronor;Prisår\nhvb;HVB {TEST_NUMBER};dygn;10;2024\n",
    f"Id;Insats;Enhet;Kronor;Prisår;{TEST_NUMBER}\nhvb;HVB;dygn;10;2024\n",
    f"# Uppgift från {TEST_NUMBER}\nId;Insats;Enhet;Kronor;Prisår\nhvb;HVB;dygn;10;2024\n",
    "Id;Insats;Enhet;Kronor;Prisår\nhvb;HVB;dygn;10;2024;1212121212\n",
])
def test_an_identity_number_anywhere_refuses_the_list_unshown(tmp_path, text):
    found = _problems(_write(tmp_path, text))
    assert all("identity" in en for _, _, en in found)
    assert all(row is not None and column is not None for row, column, _ in found)


def test_identity_numbers_in_any_sheet_its_name_or_a_formatted_number(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Id", "Insats", "Enhet", "Kronor", "Prisår"])
    sheet.append(["hvb", "HVB", "dygn", 10, 2024])
    other = book.create_sheet("Anteckningar")
    other["B3"] = 501012389  # a number shown with its leading zero
    other["B3"].number_format = "0000000000"
    path = tmp_path / "priser.xlsx"
    book.save(path)
    with pytest.raises(PriceListError) as info:
        read_price_list(path)
    assert [(p.place.sheet, p.place.row, p.place.column) for p in info.value.problems] == [
        ("2", 3, "2")]
    book.create_sheet(f"Blad {TEST_NUMBER}")
    book.save(path)
    with pytest.raises(PriceListError) as info:
        read_price_list(path)
    assert [(p.place.sheet, p.place.row) for p in info.value.problems] == [("3", None)]
    assert "1212" not in info.value.message("en")


def test_a_number_in_the_file_name_is_refused(tmp_path):
    with pytest.raises(PriceListError) as info:
        read_price_list(_write(tmp_path, GOOD, name=f"{TEST_NUMBER}.csv"))
    assert "1212" not in info.value.message("en")


def test_limits_and_unreadable_files(tmp_path):
    rows = "".join(f"p{i};P;dygn;1;2024\n" for i in range(MAX_TEMPLATE_ROWS + 1))
    found = _problems(_write(tmp_path, "Id;Insats;Enhet;Kronor;Prisår\n" + rows))
    assert "more than 10 000 rows" in found[0][2]
    (tmp_path / "trasig.xlsx").write_bytes(b"not a zip")
    assert "cannot be opened as an Excel" in _problems(tmp_path / "trasig.xlsx")[0][2]
    with pytest.raises(PriceListError):
        read_price_list(_write(tmp_path, GOOD, name="priser.txt"))
    assert "header row is missing" in _problems(_write(tmp_path, "# bara en anteckning\n"))[0][2]


def test_hostile_workbooks_are_refused_at_once(tmp_path):
    import time

    from tests.hostile_files import damaged_workbook, far_cell_event_log, wide_event_log

    for path, expected in ((far_cell_event_log(tmp_path / "far.xlsx"), "row 1 048 576"),
                           (wide_event_log(tmp_path / "wide.xlsx"), "the limit is 100 columns"),
                           (damaged_workbook(tmp_path / "damaged.xlsx"), "damaged")):
        started = time.perf_counter()
        with pytest.raises(PriceListError) as info:
            read_price_list(path)
        assert time.perf_counter() - started < 5
        assert expected in info.value.message("en")
