"""The identity-number repros, run as a person runs them: a real process, files on disk.

Whatever the file or the argument, the command refuses with exit code 1 and a message in
Swedish and English, never a traceback, and nothing on stdout or stderr holds the number in
any form. The numbers are Skatteverket's published test numbers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from samverkan.formats.identity_numbers import holds_identity_number

CLASSIC = "19121212-1212"
_HEAD = "case_id,unit,event,timestamp"
_ROW = "c1,Norr,report_received,2024-01-01"


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "samverkan", *map(str, args)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def assert_refused_without_the_number(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "Error:" not in output
    assert "personnummer" in output and "identity" in output
    assert not holds_identity_number(output), output
    assert "1212121212" not in output and "121212" not in output


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _xlsx(path: Path, rows: list[list[object]], fmt: str | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if fmt:
        sheet["E2"].number_format = fmt
    workbook.save(path)
    return path


def _cases(tmp: Path) -> dict[str, Path]:
    xes = ('<log xmlns="http://www.xes-standard.org/"><trace>'
           '<string key="concept:name" value="c1"/>'
           '<event><string key="concept:name" value="report_received"/>'
           '<string key="unit" value="Norr"/>{extra}'
           '<date key="time:timestamp" value="2024-01-01T00:00:00"/></event></trace></log>')
    return {
        "header": _write(tmp / "header.csv", f"{_HEAD},{CLASSIC}\n{_ROW},x\n"),
        "file name": _write(tmp / f"Lucas {CLASSIC}.csv", f"{_HEAD}\n{_ROW}\n"),
        "space": _write(tmp / "space.csv", f"{_HEAD},school\n{_ROW},121212 1212\n"),
        "no-break space": _write(tmp / "nbsp.csv", f"{_HEAD},school\n{_ROW},121212\u00a01212\n"),
        "en dash": _write(tmp / "dash.csv", f"{_HEAD},school\n{_ROW},121212\u20131212\n"),
        "soft hyphen": _write(tmp / "shy.csv", f"{_HEAD},school\n{_ROW},1212\u00ad12-1212\n"),
        "full width": _write(tmp / "wide.csv", f"{_HEAD},school\n{_ROW},"
                             "\uff11\uff12\uff11\uff12\uff11\uff12\uff0d\uff11\uff12\uff11\uff12\n"),
        # The repro: a column `row` made DuckDB quote the cell in a traceback.
        "column row": _write(tmp / "row.csv", f"{_HEAD},row\n{_ROW},{CLASSIC}\n"),
        "column ROW": _write(tmp / "ROW.csv", f"{_HEAD},ROW\n{_ROW},{CLASSIC}\n"),
        "xes key": _write(tmp / "key.xes", xes.format(
            extra=f'<string key="{CLASSIC}" value="x"/>')),
        "xes row": _write(tmp / "row.xes", xes.format(
            extra=f'<string key="row" value="{CLASSIC}"/>')),
        "xes empty key": _write(tmp / "empty.xes", xes.format(
            extra=f'<string key="" value="{CLASSIC}"/>')),
        "xes nested": _write(tmp / "nested.xes", xes.format(
            extra=f'<string key="a" value="b"><string key="c" value="{CLASSIC}"/></string>')),
        "excel header": _xlsx(tmp / "header.xlsx", [[*_HEAD.split(","), CLASSIC],
                                                     [*_ROW.split(","), "x"]]),
        # The repro: 501012389 formatted 0000000000 shows as a valid number.
        "excel padded": _xlsx(tmp / "padded.xlsx", [[*_HEAD.split(","), "school"],
                                                     [*_ROW.split(","), 501012389]],
                              "0000000000"),
    }


@pytest.mark.parametrize("name", [
    "header", "file name", "space", "no-break space", "en dash", "soft hyphen", "full width",
    "column row", "column ROW", "xes key", "xes row", "xes empty key", "xes nested",
    "excel header", "excel padded",
])
def test_followup_validate_refuses_without_repeating_the_number(tmp_path: Path, name: str):
    path = _cases(tmp_path)[name]
    assert_refused_without_the_number(run("followup", "validate", path))


def test_followup_indicators_refuses_the_same_way(tmp_path: Path):
    path = _cases(tmp_path)["column row"]
    assert_refused_without_the_number(run("followup", "indicators", path))


def test_a_column_row_without_a_number_is_an_unknown_column_not_a_traceback(tmp_path: Path):
    result = run("followup", "validate", _write(tmp_path / "row.csv", f"{_HEAD},row\n{_ROW},x\n"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "kolumn 5" in result.stderr
    assert "INT64" not in result.stderr and "Conversion" not in result.stderr


def test_xes_with_row_and_empty_keys_is_read(tmp_path: Path):
    path = _write(tmp_path / "ok.xes", (
        '<log xmlns="http://www.xes-standard.org/"><trace><string key="concept:name" value="c1"/>'
        '<event><string key="concept:name" value="report_received"/>'
        '<string key="unit" value="Norr"/><string key="row" value="abc"/>'
        '<string key="" value="x"/><date key="time:timestamp" value="2024-01-01T00:00:00"/>'
        "</event></trace></log>"))
    result = run("followup", "validate", path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_a_case_file_holding_a_number_is_refused(tmp_path: Path):
    case = Path(__file__).parents[2] / "samverkan" / "examples" / "lucas.yaml"
    text = case.read_text(encoding="utf-8").replace(
        "name: Lucas 10 år", "name: Lucas 121212\u00a01212", 1)
    assert text != case.read_text(encoding="utf-8")
    path = _write(tmp_path / "lucas.yaml", text)
    assert_refused_without_the_number(run("validate", path))


@pytest.mark.parametrize("args", [
    ["admin", "create-org", "Barn 121212-1212 Väster"],
    ["admin", "create-user", "anna 19121212 1212", "--org", "Skola A"],
    ["admin", "create-user", "anna", "--org", "Skola 121212-1212"],
])
def test_admin_commands_refuse_names_with_a_number(tmp_path: Path, args: list[str]):
    env = {"SAMVERKAN_DATA_DIR": str(tmp_path), "SAMVERKAN_PASSWORD": "Kanelbulle-och-kaffe-42",
           "DATABASE_URL": ""}
    assert_refused_without_the_number(run(*args, env=env))
    # Refused before the database was even opened: nothing can have been written.
    assert not (tmp_path / "samverkan.sqlite3").exists()
