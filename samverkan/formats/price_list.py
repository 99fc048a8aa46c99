"""Price lists of interventions (CSV or Excel) ⇄ `samverkan.model.PriceList`.

The shape is that of SKR's *Insatskostnader*: one row per intervention with its id, name, unit,
kronor per unit, price year and source. Headers may be Swedish or English (`Id`, `Insats`,
`Enhet`, `Kronor`, `Prisår`, `Källa`, or `id`, `name`, `unit`, `kronor`, `price_year`,
`source`). A CSV may use `,`, `;` or tab and a decimal comma, as Swedish spreadsheets save it,
in UTF-8 or Windows-1252.

Prices of different years are moved to one price year by an index (year, index). An Excel
price list may carry its own on a sheet named `Index` (or `Prisindex`); otherwise the shipped
default index is used (`samverkan/examples/prisindex-exempel.csv`), which is an illustration,
not an official series, and every output that uses it says so.

Lines whose first cell begins with `#` are notes: a note that says *illustrativ* (or
*illustrative*) marks the whole list as an example, so that every output using it says so.

The same rigour as every importer: the whole file is checked for identity numbers first (every
cell, header, note, sheet and sheet name; the file name), every problem is listed with its
place (file, sheet by position, row and column by number), limits bound the work, and a list
with any problem is refused whole.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import samverkan
from samverkan.errors import FileAccessError, Place, PriceListError, Problem, ProblemCollector
from samverkan.formats.case_bounds import MAX_NAME_CHARS, MAX_NOTE_CHARS, id_problem, text_problem
from samverkan.formats.excel_display import displayed_text
from samverkan.formats.identity_numbers import PROBLEM_EN, PROBLEM_SV, holds_identity_number
from samverkan.formats.limits import (
    MAX_TEMPLATE_COLUMNS,
    MAX_TEMPLATE_ROWS,
    MAX_UPLOAD_BYTES,
    quote,
    thousands,
)
from samverkan.formats.workbook_reading import open_workbook, sheet_rows
from samverkan.model import Price, PriceList

__all__ = [
    "DEFAULT_INDEX",
    "DEFAULT_PRICES",
    "MAX_PRICE_KRONOR",
    "default_price_list",
    "read_price_list",
]

EXAMPLES = Path(samverkan.__file__).parent / "examples"
DEFAULT_PRICES = EXAMPLES / "insatskostnader-exempel.csv"
DEFAULT_INDEX = EXAMPLES / "prisindex-exempel.csv"

MAX_PRICE_KRONOR = 10_000_000_000
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_LISTED = 50  # problems listed; a file with more has the first fifty shown

# What each column may be called, in lower case; the first is the Swedish name shown, the key
# the English one.
PRICE_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "insats-id", "aktivitet-id", "activity id", "activity_id"),
    "name": ("insats", "aktivitet", "namn", "name", "activity", "intervention"),
    "unit": ("enhet", "unit"),
    "kronor": ("kronor", "pris", "kostnad", "price", "cost"),
    "price_year": ("prisår", "price year", "price_year", "år", "year"),
    "source": ("källa", "source"),
}
INDEX_HEADERS: dict[str, tuple[str, ...]] = {
    "year": ("år", "year"),
    "index": ("index", "prisindex", "price index", "price_index"),
}
INDEX_SHEETS = frozenset({"index", "prisindex", "price index"})
_ILLUSTRATIVE = "illustrativ"  # also the start of "illustrative"

Row = tuple[int, list[str | None]]  # row number, cells as text
Locate = Callable[[int | None, int | None], Place]  # (row, column number) → place


@dataclass(frozen=True)
class _Table:
    """A sheet or CSV file: its note lines and its rows (header first), as text."""

    notes: tuple[str, ...]
    rows: tuple[Row, ...]
    locate: Locate


def read_price_list(path: Path | str, *, name: str | None = None) -> PriceList:
    """Read a price list from a CSV or Excel file; raise PriceListError listing every problem."""
    path = Path(path)
    file = path.name
    if holds_identity_number(file):
        raise PriceListError.single(f"filnamnet {PROBLEM_SV}", f"the file name {PROBLEM_EN}")
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise PriceListError.unknown_file_type(path, [".csv", ".xlsx"])
    try:
        size = path.stat().st_size
    except OSError as error:
        raise FileAccessError.from_os_error(error) from None
    if size > MAX_UPLOAD_BYTES:
        megabytes = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise PriceListError.single(f"filen är större än {megabytes} MB",
                                    f"the file is larger than {megabytes} MB", Place(file=file))
    if suffix == ".csv":
        prices_table, index_table = _csv_table(path, file), None
    else:
        prices_table, index_table = _excel_tables(path, file)
    index_illustrative = False
    index_name = file
    if index_table is None:
        index_table = _csv_table(DEFAULT_INDEX, DEFAULT_INDEX.name)
        index_name, index_illustrative = DEFAULT_INDEX.name, _says_illustrative(index_table)
    problems = ProblemCollector()
    prices = _prices(prices_table, problems)
    index = _index(index_table, problems)
    _check_years_indexed(prices, index, prices_table, problems)
    problems.raise_if_any(PriceListError)
    return PriceList(
        prices=tuple(p for p, _ in prices),
        index=index,
        name=name or file,
        illustrative=_says_illustrative(prices_table),
        index_name=index_name,
        index_illustrative=index_illustrative,
    )


def default_price_list() -> PriceList:
    """The shipped illustrative price list (`samverkan/examples/insatskostnader-exempel.csv`)."""
    return read_price_list(DEFAULT_PRICES)


def _says_illustrative(table: _Table) -> bool:
    return any(_ILLUSTRATIVE in note.casefold() for note in table.notes)


# ---- reading the cells -------------------------------------------------------------------


def _decoded(raw: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, as Excel saves CSV."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return ";" if ";" in line else "\t" if "\t" in line else ","
    return ","


def _csv_table(path: Path, file: str) -> _Table:
    def locate(row: int | None, column: int | None) -> Place:
        return Place(file=file, row=row, column=str(column) if column else None)

    try:
        text = _decoded(path.read_bytes())
    except OSError as error:
        raise FileAccessError.from_os_error(error) from None
    if "\x00" in text:
        raise PriceListError.single("filen är inte en textfil (CSV)",
                                    "the file is not a text (CSV) file", Place(file=file))
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for cells in reader:
            number = reader.line_num
            rows.append((number, [c if c.strip() else None for c in cells]))
            if len(rows) > MAX_TEMPLATE_ROWS + 1:
                raise _too_many_rows(locate(number, None))
    except csv.Error:
        raise PriceListError.single("raden går inte att läsa som CSV",
                                    "the row cannot be read as CSV",
                                    locate(reader.line_num, None)) from None
    return _split_notes(rows, locate)


def _too_many_rows(place: Place) -> PriceListError:
    limit = thousands(MAX_TEMPLATE_ROWS)
    return PriceListError.single(f"prislistan har fler än {limit} rader, gränsen för en prislista",
                                 f"the price list has more than {limit} rows, the limit", place)


def _excel_tables(path: Path, file: str) -> tuple[_Table, _Table | None]:
    """The first sheet's prices and the index sheet, if any; every sheet checked for numbers."""
    workbook = open_workbook(path, place=Place(file=file), error=PriceListError)
    try:
        problems = [Problem(Place(file=file, sheet=str(position)), f"bladets namn {PROBLEM_SV}",
                            f"the sheet's name {PROBLEM_EN}")
                    for position, sheet in enumerate(workbook.worksheets, start=1)
                    if holds_identity_number(sheet.title)]
        if problems:
            raise PriceListError(problems)
        # Every sheet is read, and so checked for identity numbers, even those not used.
        tables = [(str(sheet.title).strip().casefold(), _sheet_table(sheet, file, position))
                  for position, sheet in enumerate(workbook.worksheets, start=1)]
    finally:
        workbook.close()
    if not tables:
        raise PriceListError.single("arbetsboken har inga blad", "the workbook has no sheets",
                                    Place(file=file))
    index = next((t for title, t in tables[1:] if title in INDEX_SHEETS), None)
    return tables[0][1], index


def _sheet_table(sheet: Any, file: str, position: int) -> _Table:
    def locate(row: int | None, column: int | None) -> Place:
        # The sheet by its position and the column by its number: never the file's own words.
        return Place(file=file, sheet=str(position), row=row,
                     column=str(column) if column else None)

    rows: list[Row] = []
    for number, cells in sheet_rows(sheet, max_rows=MAX_TEMPLATE_ROWS,
                                    max_columns=MAX_TEMPLATE_COLUMNS,
                                    place=lambda row: locate(row, None), error=PriceListError):
        texts = [displayed_text(c) for c in cells]
        rows.append((number, [t if t is not None and t.strip() else None for t in texts]))
    return _split_notes(rows, locate)


def _split_notes(rows: list[Row], locate: Locate) -> _Table:
    """Notes (a first cell beginning with #) apart from the table; empty rows dropped."""
    _refuse_identity_numbers(_Table((), tuple(rows), locate))
    notes: list[str] = []
    table: list[Row] = []
    for number, cells in rows:
        if len(cells) > MAX_TEMPLATE_COLUMNS:
            raise PriceListError.single(
                f"raden har fler än {MAX_TEMPLATE_COLUMNS} kolumner",
                f"the row has more than {MAX_TEMPLATE_COLUMNS} columns", locate(number, None))
        filled = [c for c in cells if c is not None]
        if not filled:
            continue
        if filled[0].lstrip().startswith("#"):
            notes.append(" ".join(filled))
            continue
        table.append((number, cells))
    return _Table(tuple(notes), tuple(table), locate)


def _refuse_identity_numbers(table: _Table) -> None:
    problems = [Problem(table.locate(number, column), PROBLEM_SV, PROBLEM_EN)
                for number, cells in table.rows
                for column, cell in enumerate(cells, start=1)
                if holds_identity_number(cell)]
    if problems:
        raise PriceListError(problems[:MAX_LISTED])


# ---- reading the values ------------------------------------------------------------------


def _columns(
    table: _Table, headers: dict[str, tuple[str, ...]], required: Sequence[str],
    problems: ProblemCollector,
) -> dict[str, int] | None:
    """Each known column's index, from the header row; None when the table cannot be read."""
    if not table.rows:
        problems.add(table.locate(None, None), "tabellen är tom: rubrikraden saknas",
                     "the table is empty: the header row is missing")
        return None
    number, header = table.rows[0]
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        if cell is None:
            continue
        text = " ".join(cell.split()).casefold()
        key = next((k for k, names in headers.items() if text in names), None)
        if key is None:
            known = ", ".join(names[0] for names in headers.values())
            problems.add(table.locate(number, index + 1),
                         f"okänd kolumnrubrik '{quote(cell)}'; kolumnerna är: {known}",
                         f"unknown column header '{quote(cell)}'; the columns are: "
                         f"{', '.join(headers)}")
        elif key in found:
            problems.add(table.locate(number, index + 1),
                         "kolumnen finns redan till vänster", "the column occurs twice")
        else:
            found[key] = index
    missing = [headers[k][0] for k in required if k not in found]
    if missing:
        missing_en = [k for k in required if k not in found]
        problems.add(table.locate(number, None),
                     f"kolumn saknas: {', '.join(missing)}",
                     f"column missing: {', '.join(missing_en)}")
        return None
    return found


def _number(text: str) -> float | None:
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    cleaned = cleaned.replace(",", ".")
    if cleaned.lower().endswith("kr"):
        cleaned = cleaned[:-2]
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _cell(cells: list[str | None], column: int | None) -> str | None:
    if column is None or column >= len(cells):
        return None
    value = cells[column]
    return value.strip() if value is not None else None


def _prices(table: _Table, problems: ProblemCollector) -> list[tuple[Price, int]]:
    columns = _columns(table, PRICE_HEADERS, ("id", "name", "unit", "kronor", "price_year"),
                       problems)
    if columns is None:
        return []
    out: list[tuple[Price, int]] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows[1:]:
        values = {key: _cell(cells, index) for key, index in columns.items()}

        def at(key: str, row: int = number) -> Place:
            return table.locate(row, columns[key] + 1)

        ok = True
        for key in ("id", "name", "unit", "kronor", "price_year"):
            if not values[key]:
                problems.add(at(key), "värde saknas", "value is missing")
                ok = False
        price_id = values["id"] or ""
        if price_id:
            problem = id_problem(price_id)
            if problem is not None:
                problems.add(at("id"), *problem)
                ok = False
            elif price_id in seen:
                first = seen[price_id]
                problems.add(at("id"), f"id '{quote(price_id)}' finns redan på rad {first}",
                             f"id '{quote(price_id)}' is already on row {first}")
                ok = False
            else:
                seen[price_id] = number
        for key, limit in (("name", MAX_NAME_CHARS), ("unit", MAX_NAME_CHARS),
                           ("source", MAX_NOTE_CHARS)):
            text = values.get(key)
            problem = text_problem(text, limit) if text else None
            if problem is not None:
                problems.add(at(key), *problem)
                ok = False
        kronor = _number(values["kronor"]) if values["kronor"] else None
        if values["kronor"] and (kronor is None or not 0 <= kronor <= MAX_PRICE_KRONOR):
            problems.add(at("kronor"),
                         f"ska vara ett belopp mellan 0 och {thousands(MAX_PRICE_KRONOR)} kronor",
                         f"must be an amount from 0 to {thousands(MAX_PRICE_KRONOR)} kronor")
            ok = False
        year = _year(values["price_year"], at("price_year"), problems)
        if ok and kronor is not None and year is not None:
            out.append((Price(price_id, values["name"] or "", values["unit"] or "", kronor,
                              year, values.get("source") or ""), number))
    if columns and len(table.rows) == 1:
        problems.add(table.locate(table.rows[0][0], None), "prislistan har inga priser",
                     "the price list has no prices")
    return out


def _year(text: str | None, place: Place, problems: ProblemCollector) -> int | None:
    if not text:
        return None
    value = _number(text)
    if value is None or not value.is_integer() or not FIRST_YEAR <= value <= LAST_YEAR:
        problems.add(place, f"ska vara ett år mellan {FIRST_YEAR} och {LAST_YEAR}",
                     f"must be a year from {FIRST_YEAR} to {LAST_YEAR}")
        return None
    return int(value)


def _index(table: _Table, problems: ProblemCollector) -> dict[int, float]:
    columns = _columns(table, INDEX_HEADERS, ("year", "index"), problems)
    if columns is None:
        return {}
    index: dict[int, float] = {}
    for number, cells in table.rows[1:]:
        year_text, value_text = _cell(cells, columns["year"]), _cell(cells, columns["index"])
        year = _year(year_text, table.locate(number, columns["year"] + 1), problems)
        if not year_text:
            problems.add(table.locate(number, columns["year"] + 1), "värde saknas",
                         "value is missing")
        value = _number(value_text) if value_text else None
        if value is None or not 0 < value <= 1e9:
            problems.add(table.locate(number, columns["index"] + 1),
                         "indexet ska vara ett tal större än 0",
                         "the index must be a number above 0")
        elif year is not None:
            if year in index:
                problems.add(table.locate(number, columns["year"] + 1),
                             "året finns redan i indexet", "the year is already in the index")
            index[year] = value
    return index


def _check_years_indexed(
    prices: list[tuple[Price, int]], index: dict[int, float], table: _Table,
    problems: ProblemCollector,
) -> None:
    """Every price year must be in the index once prices of different years are moved."""
    if not index:
        return
    columns = _columns(table, PRICE_HEADERS, (), ProblemCollector())
    column = columns.get("price_year") if columns else None
    for price, number in prices:
        if price.price_year not in index:
            problems.add(table.locate(number, column + 1 if column is not None else None),
                         f"prisåret {price.price_year} finns inte i prisindexet",
                         f"the price year {price.price_year} is not in the price index")
