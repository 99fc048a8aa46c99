"""The unit comparison as an Excel workbook: numbers as numbers, hidden cells as their symbol."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from samverkan.followup.comparison import UnitComparison
from samverkan.followup.indicators import TOTAL, Kind
from samverkan.formats.excel_cells import append_row
from samverkan.reports.followup_tables import LEGEND, group_name, shown_text

__all__ = ["write_comparison_xlsx"]

_FORMATS = {Kind.SHARE: "0.0%", Kind.DAYS: "0.0", Kind.COUNT: "# ##0"}


def write_comparison_xlsx(comparison: UnitComparison, path: Path, lang: str = "sv") -> None:
    """One row per period and indicator; a second sheet says how to read it."""
    table = comparison.table.source
    sv = lang == "sv"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Indikatorer" if sv else "Indicators"
    targets = (*table.groups, TOTAL)
    header = ["Period", "Indikator" if sv else "Indicator"]
    header += [group_name(g, table.by.value, lang) for g in targets]
    header += ["Lägst" if sv else "Lowest", "Högst" if sv else "Highest", "CV"]
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for period in table.periods:
        for indicator in table.indicators:
            row: list[object] = [period, indicator.label(lang)]
            for group in targets:
                shown = comparison.table.cell(period, indicator.id, group)
                row.append(shown.value if shown.visible else shown_text(shown, indicator.kind))
            found = comparison.spread(period, indicator.id)
            row += [None, None, None] if found is None else [found.minimum, found.maximum,
                                                             found.cv]
            append_row(sheet, row)
            for cell in sheet[sheet.max_row][2: 2 + len(targets) + 2]:
                if isinstance(cell.value, float):
                    cell.number_format = _FORMATS[indicator.kind]
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 48
    about = workbook.create_sheet("Om tabellen" if sv else "About")
    append_row(about, ["Uppgifter per" if sv else "Figures by", table.by.value])
    append_row(about, ["Period", table.period.value])
    append_row(about, ["Loggen till och med" if sv else "Log up to", table.as_of.isoformat()])
    append_row(about, ["Gräns för små tal" if sv else "Small-count threshold",
                  comparison.table.threshold])
    append_row(about, [LEGEND[lang]])
    workbook.save(path)
