"""Excel workbooks read within bounds: only the cells a sheet holds, never the sheet's claimed size.

An .xlsx file is a zip archive of XML. A 20 KB file with one cell at XFD1048576 claims a sheet of
17 billion cells, and openpyxl fills every row up to that size (in full mode, or in read-only
mode when it trusts the sheet's stated dimension). Here the archive is checked before it is
opened (a zip at all, and what it unpacks to), and a sheet is read from its XML row by row: a row
the file does not hold is never made, and a cell beyond the limits refuses the file at once,
so the time taken is bounded by the file's own size.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.read_only import EMPTY_CELL, ReadOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from samverkan.errors import Place, SamverkanError
from samverkan.formats.limits import MAX_UNPACKED_BYTES, MAX_WORKBOOK_CELLS, thousands

__all__ = ["open_workbook", "sheet_rows", "SheetCells"]

SheetCells = tuple[Any, ...]  # ReadOnlyCell, or EMPTY_CELL where the row has no cell
_MAX_PARTS = 10_000  # files in the archive; a workbook has a few dozen
_CELLS_LEFT = "_samverkan_cells_left"  # on the workbook: cells that may still be read


def _refuse(error: type[SamverkanError], sv: str, en: str, place: Place) -> SamverkanError:
    return error.single(sv, en, place)


def open_workbook(path: Path, *, place: Place, error: type[SamverkanError]) -> Workbook:
    """The workbook in read-only mode, after checking that the archive is sane; the caller
    closes it. Raise `error` naming what is wrong."""
    not_excel = ("filen går inte att öppna som en Excelfil (.xlsx)",
                 "the file cannot be opened as an Excel workbook (.xlsx)")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(error, *not_excel, place) from None
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > _MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        # zipfile stops every part at its stated size, so the stated sizes are a true bound.
        megabytes = MAX_UNPACKED_BYTES // (1024 * 1024)
        raise _refuse(
            error,
            f"Excelfilen packas upp till mer än {megabytes} MB, gränsen för en fil",
            f"the Excel file unpacks to more than {megabytes} MB, the limit for a file",
            place)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, XML errors…) for a damaged file
        raise _refuse(error, *not_excel, place) from None
    # One budget for every sheet read: a workbook of many sheets is no way around it.
    setattr(book, _CELLS_LEFT, MAX_WORKBOOK_CELLS)
    return book


def sheet_rows(
    sheet: Any, *, max_rows: int, max_columns: int, place: Callable[[int | None], Place],
    error: type[SamverkanError], min_row: int = 1, hint: tuple[str, str] = ("", ""),
) -> Iterator[tuple[int, SheetCells]]:
    """(row number, cells) for each row from `min_row` the sheet's XML holds with at least one
    cell, each row as wide as its last cell. A cell below the header row and `max_rows` rows
    under it, or right of `max_columns`, raises
    `error`; so does a damaged sheet, and a workbook with more than MAX_WORKBOOK_CELLS cells
    in the sheets read (`hint` then says what to do instead). `place(row)` says where, in the
    caller's words."""
    if not isinstance(sheet, ReadOnlyWorksheet):
        raise TypeError("sheet_rows reads sheets of a workbook opened by open_workbook")
    workbook = sheet.parent
    parsed = _parsed_rows(sheet, workbook, place, error)
    for number, cells in parsed:
        if number < min_row or not cells:
            continue
        if number > max_rows + 1:
            raise _refuse(
                error,
                f"bladet har innehåll i rad {thousands(number)}; gränsen är "
                f"{thousands(max_rows)} rader under rubrikraden. Ta bort raderna under "
                "tabellen",
                f"the sheet has content in row {thousands(number)}; the limit is "
                f"{thousands(max_rows)} rows below the header. Delete the rows below the table",
                place(None))
        width = max(cell["column"] for cell in cells)
        if width > max_columns:
            raise _refuse(
                error,
                f"raden har innehåll i kolumn {get_column_letter(width)}; gränsen är "
                f"{max_columns} kolumner. Ta bort kolumnerna till höger om tabellen",
                f"the row has content in column {get_column_letter(width)}; the limit is "
                f"{max_columns} columns. Delete the columns right of the table",
                place(number))
        left = getattr(workbook, _CELLS_LEFT) - len(cells)
        setattr(workbook, _CELLS_LEFT, left)
        if left < 0:
            limit = thousands(MAX_WORKBOOK_CELLS)
            raise _refuse(
                error,
                f"Excelfilen har fler än {limit} ifyllda celler, gränsen för en Excelfil{hint[0]}",
                f"the Excel file has more than {limit} cells filled in, the limit for an Excel "
                f"file{hint[1]}", place(number))
        row: list[Any] = [EMPTY_CELL] * width
        for cell in cells:
            row[cell["column"] - 1] = ReadOnlyCell(sheet, **cell)
        yield number, tuple(row)


def _parsed_rows(
    sheet: Any, workbook: Any, place: Callable[[int | None], Place],
    error: type[SamverkanError],
) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The sheet's rows as openpyxl's parser finds them: only the rows the XML holds (the
    public iterators fill every missing row and cell up to the sheet's stated size)."""
    damaged = ("filen är skadad och kan inte läsas som en Excelfil",
               "the file is damaged and cannot be read as an Excel workbook")
    try:
        source = sheet._get_source()
    except Exception:
        raise _refuse(error, *damaged, place(None)) from None
    with source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True,
                                 epoch=workbook.epoch, date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        rows = parser.parse()
        while True:
            try:
                item = next(rows, None)
            except Exception:  # broken XML, a bad deflate stream, a wrong checksum, bad values
                raise _refuse(error, *damaged, place(None)) from None
            if item is None:
                return
            yield item
