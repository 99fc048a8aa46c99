"""Files made to stall or crash an importer are refused at once, with a message that says why."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from samverkan.errors import CaseFileError
from samverkan.formats import limits
from samverkan.formats.case_file import case_from_data, case_to_data, parse_case_text
from samverkan.formats.case_io import load_case
from samverkan.formats.excel_template import read_template, write_template
from samverkan.formats.limits import quote
from tests.hostile_files import (
    LUCAS,
    alias_bomb,
    damaged_workbook,
    far_cell_template,
    nested,
    not_a_zip,
)


def refusal(read: Any) -> tuple[str, str, float]:
    """The Swedish and English text of the one refusal, and how long it took."""
    started = time.perf_counter()
    with pytest.raises(CaseFileError) as info:
        read()
    took = time.perf_counter() - started
    return info.value.message("sv"), info.value.message("en"), took


def test_an_alias_bomb_is_refused_without_unfolding_it() -> None:
    text = alias_bomb()
    assert len(text.encode()) < 600  # the reported file was 579 bytes
    sv, en, _ = refusal(lambda: parse_case_text(text, source="bomb.yaml"))
    assert "200 000 värden" in sv and "alias" in sv
    assert "200 000 values" in en
    # The message is about the file, not a copy of what it unfolds into.
    assert len(sv) < 300 and "lol" not in sv + en


def test_a_yaml_alias_that_contains_itself_is_refused() -> None:
    sv, _, _ = refusal(lambda: parse_case_text("a: &x [1, *x]\n", source="loop.yaml"))
    assert "alias" in sv


def test_a_few_aliases_are_still_read() -> None:
    data = case_to_data(load_case(LUCAS))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    # The same participant list written once and referred to twice, as YAML allows.
    shared = data["steps"][0]["tasks"][0]["participants"]
    data["steps"][0]["tasks"][1]["participants"] = shared
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert "*id" in text
    case = parse_case_text(text, source="aliases.yaml")
    assert case.steps[0].tasks[1].participants == case.steps[0].tasks[0].participants


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("depth", [41, 900, 100_000])
def test_deep_nesting_is_a_message_not_a_recursion_error(fmt: str, depth: int) -> None:
    sv, en, _ = refusal(lambda: parse_case_text(nested(depth), fmt=fmt, source=f"f.{fmt}"))
    assert "fler än 40 nivåer" in sv and "more than 40 levels" in en


def test_forty_levels_are_within_the_limit() -> None:
    # Refused for what it is (not a case), not for its depth.
    sv, _, _ = refusal(lambda: parse_case_text(nested(40), fmt="json", source="f.json"))
    assert "nivåer" not in sv


def test_a_long_value_is_cut_in_the_message() -> None:
    data = case_to_data(load_case(LUCAS))
    long_role = "vaktmästare" * 10_000
    data["steps"][0]["tasks"][0]["participants"][0]["role"] = long_role
    with pytest.raises(CaseFileError) as info:
        case_from_data(data, source="lucas.yaml")
    (problem,) = [p for p in info.value.problems if "yrkesgrupp" in p.sv]
    # 39 characters of the value and an ellipsis: 40 in all.
    assert problem.sv == f"okänd yrkesgrupp '{('vaktmästare' * 4)[:39]}…'"
    assert len(problem.en) < 80


def test_quote_keeps_a_short_value_and_cuts_a_long_one() -> None:
    assert quote("rektor") == "rektor"
    assert quote("a" * 40) == "a" * 40
    assert quote("a" * 41) == "a" * 39 + "…"
    assert quote("rad ett\nrad två") == "rad ett rad två"
    assert len(quote(list(range(10**6)))) <= 40


def test_too_many_tasks_are_refused_with_the_limit() -> None:
    data = case_to_data(load_case(LUCAS))
    task = data["steps"][0]["tasks"][0]
    others = sum(len(step["tasks"]) for step in data["steps"][1:])
    data["steps"][0]["tasks"] = [{**task, "id": f"t{i}"} for i in range(2_001 - others)]
    with pytest.raises(CaseFileError) as info:
        case_from_data(data, source="stor.yaml")
    assert [p.sv for p in info.value.problems] == [
        "typfallet har 2 001 arbetsuppgifter; gränsen är 2 000"]
    assert info.value.problems[0].en == "the case has 2 001 tasks; the limit is 2 000"
    data["steps"][0]["tasks"].pop()
    assert sum(len(step.tasks) for step in case_from_data(data).steps) == 2_000


def test_a_case_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "stor.yaml"
    path.write_text("# " + "x" * limits.MAX_CASE_FILE_BYTES + "\n", encoding="utf-8")
    sv, en, _ = refusal(lambda: load_case(path))
    assert "större än 2 MB" in sv and "larger than 2 MB" in en


def test_a_template_with_a_far_cell_is_refused_at_once(tmp_path: Path) -> None:
    path = far_cell_template(tmp_path / "fall.xlsx")
    assert path.stat().st_size < 40_000
    sv, en, took = refusal(lambda: read_template(path))
    assert "blad 'Kartläggning'" in sv
    assert "rad 1 048 576; gränsen är 10 000 rader under rubrikraden" in sv
    assert "row 1 048 576; the limit is 10 000 rows below the header" in en
    # Seconds at most where it once took minutes; generous for a shared machine.
    assert took < 10


def test_a_template_with_a_far_column_is_refused(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "fall.xlsx"
    write_template(path, load_case(LUCAS))
    book = load_workbook(path)
    book["Steg"]["XFD3"] = "x"
    book.save(path)
    sv, en, _ = refusal(lambda: read_template(path))
    assert "blad 'Steg', rad 3: raden har innehåll i kolumn XFD; gränsen är 100 kolumner" in sv
    assert "column XFD; the limit is 100 columns" in en


def test_the_template_still_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "fall.xlsx"
    case = load_case(LUCAS)
    write_template(path, case)
    assert read_template(path) == case


def _damaged_template(path: Path) -> Path:
    write_template(path, load_case(LUCAS))
    return damaged_workbook(path, source=path)


@pytest.mark.parametrize("make", [not_a_zip, _damaged_template])
def test_a_template_that_is_no_workbook_is_a_message(make: Any, tmp_path: Path) -> None:
    path = make(tmp_path / "fall.xlsx")
    sv, en, _ = refusal(lambda: read_template(path))
    assert "Excelfil" in sv and "Excel workbook" in en


# --- event logs ---------------------------------------------------------------------------


def log_refusal(path: Path) -> tuple[str, str, float]:
    from samverkan.errors import EventLogError
    from samverkan.formats.eventlog import read_event_log

    started = time.perf_counter()
    with pytest.raises(EventLogError) as info:
        read_event_log(path)
    return info.value.message("sv"), info.value.message("en"), time.perf_counter() - started


def test_an_event_log_with_a_far_cell_is_refused_at_once(tmp_path: Path) -> None:
    from tests.hostile_files import far_cell_event_log

    sv, en, took = log_refusal(far_cell_event_log(tmp_path / "logg.xlsx"))
    assert "rad 1 048 576; gränsen är 1 000 000 rader under rubrikraden" in sv
    assert "row 1 048 576; the limit is 1 000 000 rows below the header" in en
    assert took < 10


def test_an_event_log_wider_than_the_limit_is_refused(tmp_path: Path) -> None:
    from tests.hostile_files import wide_event_log

    sv, en, _ = log_refusal(wide_event_log(tmp_path / "logg.xlsx"))
    assert "rad 1: raden har innehåll i kolumn" in sv and "gränsen är 100 kolumner" in sv
    assert "the limit is 100 columns" in en


def test_a_csv_header_wider_than_the_limit_is_refused(tmp_path: Path) -> None:
    from tests.hostile_files import EVENT_HEADER, EVENT_ROW

    path = tmp_path / "logg.csv"
    extra = [f"x{i}" for i in range(94)]  # 7 + 94 = 101 columns
    path.write_text(",".join(EVENT_HEADER + extra) + "\n" + ",".join(EVENT_ROW) + "\n",
                    encoding="utf-8")
    sv, en, _ = log_refusal(path)
    assert "rubrikraden har 101 kolumner; gränsen är 100" in sv
    assert "the header row has 101 columns; the limit is 100" in en


def test_an_event_log_over_the_row_limit_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import samverkan.formats.eventlog as eventlog
    from tests.hostile_files import EVENT_HEADER

    monkeypatch.setattr(eventlog, "MAX_EVENT_ROWS", 3)
    path = tmp_path / "logg.csv"
    rows = [f"p{i},Nord,report_received,2026-01-0{i},school,s1," for i in range(1, 5)]
    path.write_text("\n".join([",".join(EVENT_HEADER), *rows]) + "\n", encoding="utf-8")
    sv, en, _ = log_refusal(path)
    assert "loggen har 4 rader; gränsen är 3 händelser i en logg" in sv
    assert "the log has 4 rows; the limit is 3 events in one log" in en
    path.write_text("\n".join([",".join(EVENT_HEADER), *rows[:3]]) + "\n", encoding="utf-8")
    assert eventlog.read_event_log(path).source == "logg.csv"


@pytest.mark.parametrize("make", [not_a_zip, damaged_workbook])
def test_an_event_log_that_is_no_workbook_is_a_message(make: Any, tmp_path: Path) -> None:
    sv, en, _ = log_refusal(make(tmp_path / "logg.xlsx"))
    assert "Excelfil" in sv and "Excel workbook" in en


def test_an_event_log_workbook_is_still_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from samverkan.formats.eventlog import read_event_log
    from tests.hostile_files import EVENT_HEADER, EVENT_ROW

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(EVENT_HEADER)
    sheet.append(EVENT_ROW)
    sheet.append([None] * 7)
    sheet.append(["p2", "Syd", "report_received", "2026-01-06", "police", None, None])
    path = tmp_path / "logg.xlsx"
    book.save(path)
    log = read_event_log(path)
    assert log.connection.execute("SELECT case_id, unit FROM events ORDER BY row").fetchall() \
        == [("p1", "Nord"), ("p2", "Syd")]


def test_every_limit_is_in_the_readme_in_both_languages() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    swedish, english = readme.split("# Samverkan (English)")
    mb = 1024 * 1024
    figures = [f"{limits.MAX_UPLOAD_BYTES // mb} MB", f"{limits.MAX_CASE_FILE_BYTES // mb} MB",
               f"{limits.MAX_UNPACKED_BYTES // mb} MB", str(limits.MAX_NESTING),
               limits.thousands(limits.MAX_WORKBOOK_CELLS),
               limits.thousands(limits.MAX_EXPANDED_NODES), limits.thousands(limits.MAX_TASKS),
               limits.thousands(limits.MAX_LIST_ITEMS),
               limits.thousands(limits.MAX_TEMPLATE_ROWS), str(limits.MAX_TEMPLATE_COLUMNS),
               limits.thousands(limits.MAX_EVENT_ROWS), str(limits.MAX_EVENT_COLUMNS),
               f"{limits.MAX_FILE_NAME_BYTES} b", f"{limits.MAX_QUOTED_CHARS}"]
    for figure in figures:
        assert f"| {figure}" in swedish or f" {figure} " in swedish, figure
        assert f"| {figure}" in english or f" {figure} " in english, figure


def test_a_workbook_beyond_the_cell_limit_is_refused_with_a_hint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    from samverkan.formats import workbook_reading
    from samverkan.formats.eventlog import read_event_log
    from tests.hostile_files import EVENT_HEADER, EVENT_ROW

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(EVENT_HEADER)
    for case in ("p1", "p2", "p3"):
        sheet.append([case, *EVENT_ROW[1:]])
    path = tmp_path / "logg.xlsx"
    book.save(path)
    # The header and three events: 4 rows of 7 cells (the empty outcome is written as a cell
    # too), 28 in all.
    monkeypatch.setattr(workbook_reading, "MAX_WORKBOOK_CELLS", 27)
    sv, en, _ = log_refusal(path)
    assert "rad 4: Excelfilen har fler än 27 ifyllda celler, gränsen för en Excelfil; spara en " \
        "större logg som CSV" in sv
    assert "more than 27 cells filled in, the limit for an Excel file; save a larger log as " \
        "CSV" in en
    monkeypatch.setattr(workbook_reading, "MAX_WORKBOOK_CELLS", 28)
    read_event_log(path).close()


def test_a_csv_header_line_longer_than_64_kb_is_refused(tmp_path: Path) -> None:
    from tests.hostile_files import EVENT_ROW

    path = tmp_path / "logg.csv"
    path.write_text("case_id," + "x" * 70_000 + "\n" + ",".join(EVENT_ROW) + "\n",
                    encoding="utf-8")
    sv, en, _ = log_refusal(path)
    assert "rad 1: rubrikraden är längre än 64 kB" in sv
    assert "row 1: the header row is longer than 64 kB" in en
