"""Cells the product writes into Excel: text stays text, formulas are only the product's own.

openpyxl makes every string that begins with `=` a live formula and every string spelled like
an error code (`#N/A`) an error, so a step named `=HYPERLINK("http://…","…")` would become a
link and `=2+3` would show 5. Spreadsheet programs also turn text beginning with `+`, `-`, `@`,
a tab or a carriage return into a formula once someone edits the cell. Every writer therefore
puts values through `text_cell`/`append_row`/`set_cell`: a string is written as a string
(`t="inlineStr"` in the sheet's XML, never `<f>`), and one that begins with any of those
characters also gets Excel's "quote prefix" style, the stored form of a typed apostrophe, so
that it stays text when edited. The value itself is unchanged and reads back as it was written.
A formula the product means to write is passed as `Formula`, so no text can become one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["FORMULA_TRIGGERS", "Formula", "append_row", "set_cell", "text_cell", "as_text"]

# What makes a spreadsheet program read text as a formula (OWASP's CSV-injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Formula:
    """A formula the product writes on purpose, such as `=SUM(E2:E4)`."""

    text: str


def as_text(cell: Any) -> Any:
    """Make a cell holding a string hold it as text, whatever the string begins with."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    return cell


def text_cell(sheet: Any, value: Any) -> Any:
    """What to give `sheet.append` (normal or write-only sheet) for `value`: text as text, a
    `Formula` as a formula, anything else as it is."""
    # A place is given as openpyxl's own write-only cells have one; `append` sets the real one.
    if isinstance(value, Formula):
        return Cell(sheet, row=1, column=1, value=value.text)
    if isinstance(value, str) and (value.startswith(FORMULA_TRIGGERS) or value in ERROR_CODES):
        return as_text(Cell(sheet, row=1, column=1, value=value))
    # Other text and numbers are written as they are: no cell is made for them, which keeps a
    # million-row event log as fast to write as before.
    return value


def append_row(sheet: Worksheet | Any, values: Iterable[Any]) -> None:
    """`sheet.append(values)`, with every text kept as text (see the module's docstring)."""
    sheet.append([text_cell(sheet, value) for value in values])


def set_cell(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    """`sheet.cell(row, column, value)`, with text kept as text and a `Formula` a formula."""
    if isinstance(value, Formula):
        return sheet.cell(row=row, column=column, value=value.text)
    return as_text(sheet.cell(row=row, column=column, value=value))
