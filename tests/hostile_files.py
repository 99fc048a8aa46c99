"""Small files made to take a server down, shared by the format, command-line and web tests.

Each is the repro of a reported failure: a few hundred bytes or kilobytes that once made an
importer run for minutes, fill gigabytes or overflow the stack.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from samverkan.formats.case_io import load_case
from samverkan.formats.excel_template import write_template

ROOT = Path(__file__).parent.parent
LUCAS = ROOT / "samverkan" / "examples" / "lucas.yaml"
EVENT_HEADER = ["case_id", "unit", "event", "timestamp", "reporter", "school", "outcome"]
EVENT_ROW = ["p1", "Nord", "report_received", "2026-01-05", "school", "s1", ""]


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Nested YAML aliases: a few hundred bytes that unfold into width**levels values."""
    lines = ["format: samverkan/case@1",
             "name: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def nested(depth: int = 900) -> str:
    """Brackets inside brackets: valid YAML and JSON that recursion cannot walk."""
    return "[" * depth + "]" * depth


def far_cell_template(path: Path) -> Path:
    """The case template with one more cell, at the sheet's last row and column."""
    write_template(path, load_case(LUCAS))
    book = load_workbook(path)
    book["Kartläggning"]["XFD1048576"] = "x"
    book.save(path)
    return path


def far_cell_event_log(path: Path) -> Path:
    """A one-event log with one more cell at the sheet's last row and column."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(EVENT_HEADER)
    sheet.append(EVENT_ROW)
    sheet["XFD1048576"] = "x"
    book.save(path)
    return path


def wide_event_log(path: Path, columns: int = 5_000) -> Path:
    """A log whose header row runs far to the right."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(EVENT_HEADER + [f"extra{i}" for i in range(columns)])
    sheet.append(EVENT_ROW)
    book.save(path)
    return path


def not_a_zip(path: Path) -> Path:
    path.write_bytes(b"case_id,unit\np1,Nord\n")
    return path


def damaged_workbook(path: Path, source: Path | None = None) -> Path:
    """A real workbook (an event log, or the file `source`) whose sheets' XML has been cut in
    half: the archive opens, the sheets do not parse."""
    if source is None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(EVENT_HEADER)
        for day in range(1, 28):
            sheet.append(["p1", "Nord", "report_received", f"2026-01-{day:02d}", "", "", ""])
        buffer = io.BytesIO()
        book.save(buffer)
        original = buffer.getvalue()
    else:
        original = source.read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(original))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in archive.infolist():
            data = archive.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return path


def long_name(suffix: str) -> str:
    """A file name of 300 bytes, longer than file systems allow."""
    return "å" * 150 + suffix
