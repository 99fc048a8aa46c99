"""The Excel mapping template (seed 000, figure 3.1) ⇄ `samverkan.model.Case`.

The sheet "Kartläggning" is the seed's form — what is done, who is involved, estimated time per
person — with one row per participant. A task's own columns are filled on its first row; the
rows below it that leave "Uppgift-id" and "Vad görs?" empty add more people to the same task,
as in the paper form. The other sheets hold what the form took for granted: the case itself,
the organisations, the roles with their monthly cost, and the steps with their weeks.

Reading builds a document in the case-file format and hands it to `case_from_data`, with a
locator that turns each key path back into the sheet, row and column it came from; so Excel
and YAML share one set of rules and every problem is reported at its cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from samverkan.errors import CaseFileError, Place, ProblemCollector
from samverkan.formats.case_file import (
    FORMAT,
    KeyPath,
    case_from_data,
    case_to_data,
    refuse_identity_numbers_in_case,
)
from samverkan.formats.excel_cells import set_cell
from samverkan.formats.excel_display import displayed_whole_number
from samverkan.formats.identity_numbers import PROBLEM_EN, PROBLEM_SV, holds_identity_number
from samverkan.formats.limits import MAX_TEMPLATE_COLUMNS, MAX_TEMPLATE_ROWS, quote
from samverkan.formats.workbook_reading import open_workbook, sheet_rows
from samverkan.model import Case, Category, readable_id
from samverkan.model.vocabulary import (
    CATEGORY_LABELS,
    DEFAULT_HOURS_PER_MONTH,
    GROUP_LABELS,
    SCHOOL,
    SOCIAL_SERVICES,
    category_named,
    group_named,
)

__all__ = ["read_template", "write_template", "SHEETS", "OPTIONAL_SHEETS"]


@dataclass(frozen=True)
class Column:
    key: str
    sv: str
    en: str
    width: int = 14
    # Earlier headers of the same column, still read so that filled-in templates keep working.
    aliases: tuple[str, ...] = ()

    @property
    def header(self) -> str:
        return f"{self.sv} / {self.en}"


CASE_SHEET = "Typfall"
ORGS_SHEET = "Organisationer"
ROLES_SHEET = "Yrkesgrupper"
STEPS_SHEET = "Steg"
MAPPING_SHEET = "Kartläggning"
GUIDE_SHEET = "Instruktioner"
EXCHANGES_SHEET = "Samverkanstillfällen"
SHEETS = (GUIDE_SHEET, CASE_SHEET, ORGS_SHEET, ROLES_SHEET, STEPS_SHEET, MAPPING_SHEET)
# Sheets a template may lack: templates written before they existed are still read.
OPTIONAL_SHEETS = (EXCHANGES_SHEET,)

# Rows of the case sheet: key in the file format, Swedish and English label.
CASE_FIELDS = (
    Column("name", "Typfallets namn", "Name of the case"),
    Column("description", "Beskrivning och källor till tiderna",
           "Description and where the times come from"),
    Column("currency", "Valuta", "Currency"),
    Column("hours_per_month", "Arbetstimmar per månad", "Working hours per month"),
    Column("cases_per_year", "Ärenden per år (valfritt)", "Cases per year (optional)"),
    Column("overhead_share", "Påslag för overhead, andel (valfritt)",
           "Overhead on salary cost, share (optional)"),
    Column("productive_share", "Produktiv andel av arbetstiden (valfritt)",
           "Productive share of paid hours (optional)"),
)

ORG_COLUMNS = (
    Column("id", "Id", "Id", 14),
    Column("name", "Namn", "Name", 28),
    Column("group", "Grupp", "Group", 18),
)
ROLE_COLUMNS = (
    Column("id", "Id", "Id", 20),
    Column("name", "Yrkesgrupp", "Role", 28),
    Column("monthly_cost", "Månadskostnad inkl. PO (kr)", "Monthly cost incl. employer contr.",
           22),
)
STEP_COLUMNS = (
    Column("id", "Id", "Id", 10),
    Column("name", "Steg", "Step", 40),
    Column("weeks", "Veckor", "Weeks", 10),
)
EXCHANGE_COLUMNS = (
    Column("id", "Id (som i Kartläggning)", "Id (as in Kartläggning)", 22),
    Column("name", "Samverkanstillfällets namn", "Name of the exchange occasion", 50),
)
TASK_COLUMNS = (
    Column("step", "Steg", "Step", 10),
    Column("org", "Organisation", "Organisation", 14),
    Column("id", "Uppgift-id", "Task id", 14),
    Column("name", "Vad görs?", "What is done?", 40),
    Column("category", "Kategori", "Category", 22),
    Column("child_present", "Barnet närvarande", "Child present", 12),
    Column("exchange", "Samverkanstillfälle", "Exchange occasion", 18),
    Column("occasions", "Antal tillfällen", "Number of occasions", 10,
           aliases=("Antal tillfällen / Occasions", "Occasions")),
    Column("note", "Anteckning", "Note", 24),
)
PARTICIPANT_COLUMNS = (
    Column("role", "Vem är involverad?", "Who is involved?", 22),
    Column("people", "Antal personer", "Number of people", 10),
    Column("minutes", "Uppskattad tid per person och tillfälle (min)",
           "Estimated time per person and occasion (min)", 16,
           aliases=("Uppskattad tid per person (min) / Estimated time per person (min)",
                    "Uppskattad tid per person (min)", "Estimated time per person (min)")),
    Column("minutes_low", "Lägsta tid (min)", "Lowest time (min)", 12),
    Column("minutes_high", "Högsta tid (min)", "Highest time (min)", 12),
    Column("fte", "Andel av heltid", "Share of full time", 12),
    Column("weeks", "Veckor på andel av heltid", "Weeks at that share", 12),
)
MAPPING_COLUMNS = TASK_COLUMNS + PARTICIPANT_COLUMNS

# Categories and groups are written in Swedish as the pages show them; every word of the
# vocabulary (Swedish, English, the file format's ids, an earlier template's) is read back.
CATEGORY_NAMES = {category: words.sv for category, words in CATEGORY_LABELS.items()}
GROUP_NAMES = {group: GROUP_LABELS[group].sv for group in (SCHOOL, SOCIAL_SERVICES)}
YES, NO = "ja", "nej"
_BOOLEANS = {"ja": True, "nej": False, "yes": True, "no": False, "true": True, "false": False,
             "x": True, "1": True, "0": False}

_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_TASK_FILL = PatternFill("solid", fgColor="DDEBF7")
_MAX_ROWS = 2000  # how far down the drop-down lists reach in a blank template

_GUIDE = [
    ("Kartläggningsmall för resursanvändning", "Mapping template for resource use"),
    ("", ""),
    ("1. Typfall: namnge fallet och beskriv var tiderna kommer ifrån.",
     "1. Typfall: name the case and say where the times come from."),
    ("2. Organisationer: en rad per skola, socialtjänst eller annan organisation. "
     "Grupp: Skola, Socialtjänst eller annat namn.",
     "2. Organisationer: one row per school, social services or other organisation. "
     "Group: Skola (school), Socialtjänst (social services) or another name."),
    ("3. Yrkesgrupper: månadskostnad inklusive personalomkostnader (PO).",
     "3. Yrkesgrupper: monthly cost including employer contributions."),
    ("4. Steg: utredningens steg och hur många veckor de tar.",
     "4. Steg: the steps of the investigation and how many weeks they take."),
    ("5. Kartläggning: vad görs, vem är involverad och uppskattad tid per person. "
     "En rad per person; fyll i uppgiftens kolumner på första raden och lämna "
     "Uppgift-id och Vad görs? tomma på raderna under för fler personer i samma uppgift.",
     "5. Kartläggning: what is done, who is involved and the time per person. One row per "
     "person; fill in the task's columns on its first row and leave Task id and What is done? "
     "empty on the rows below for more people in the same task."),
    ("Tid anges i minuter per person och tillfälle, eller som andel av heltid under ett antal "
     "veckor. Antal tillfällen multiplicerar minuterna: fyra möten på en timme är 4 tillfällen "
     "och 60 minuter (4 timmar per person). Andel av heltid räknas inte om med tillfällena. "
     "Osäker tid: ange lägsta och högsta tid per tillfälle bredvid den troligaste.",
     "Give time in minutes per person and occasion, or as a share of full time for a number "
     "of weeks. The number of occasions multiplies the minutes: four one-hour meetings are "
     "4 occasions and 60 minutes (4 hours per person). A share of full time is not multiplied "
     "by the occasions. Uncertain time: give the lowest and highest time per occasion next to "
     "the most likely."),
    ("En uppgift med ett samverkanstillfälle (samma id i alla organisationer som deltar) "
     "räknas som samverkan.",
     "A task with an exchange occasion (the same id in every organisation taking part) "
     "counts as collaboration."),
    ("6. Samverkanstillfällen (valfritt): en rad per samverkanstillfälle med id som i "
     "Kartläggning och det namn som visas i resultat och rapporter. Ett tillfälle utan rad "
     "visas med sitt id.",
     "6. Samverkanstillfällen (optional): one row per exchange occasion with its id as in "
     "Kartläggning and the name shown in results and reports. An occasion without a row is "
     "shown by its id."),
]


# ---------------------------------------------------------------------------- writing


def _header(sheet: Worksheet, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.fill = _HEADER_FILL
        cell.font = _HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "A2"


def _list_validation(sheet: Worksheet, formula: str, cell_range: str, title: str) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.errorTitle = title
    validation.error = "Välj ett värde i listan / choose a value from the list"
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(cell_range)


def _column_range(columns: Sequence[Column], key: str) -> str:
    letter = get_column_letter(next(i for i, c in enumerate(columns, 1) if c.key == key))
    return f"{letter}2:{letter}{_MAX_ROWS}"


def _id_list(sheet_name: str) -> str:
    return f"'{sheet_name}'!$A$2:$A${_MAX_ROWS}"


def _quoted_list(values: Sequence[str]) -> str:
    return '"' + ",".join(values) + '"'


def _cell_value(value: Any) -> Any:
    return None if value is None or value == "" else value


def write_template(path: str | Path, case: Case | None = None) -> None:
    """Write the template: blank (`case=None`) or filled with a case, labelled in Swedish."""
    data = case_to_data(case) if case is not None else None
    book = Workbook()
    guide = book.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    guide.column_dimensions["A"].width = 90
    guide.column_dimensions["B"].width = 90
    for row, (sv, en) in enumerate(_GUIDE, start=1):
        guide.cell(row=row, column=1, value=sv or None).alignment = Alignment(wrap_text=True)
        guide.cell(row=row, column=2, value=en or None).alignment = Alignment(wrap_text=True)
    guide["A1"].font = Font(bold=True, size=14)
    guide["B1"].font = Font(bold=True, size=14)

    _write_case_sheet(book.create_sheet(CASE_SHEET), data)
    _write_rows(book.create_sheet(ORGS_SHEET), ORG_COLUMNS,
                [{**o, "group": GROUP_NAMES.get(o["group"], o["group"])}
                 for o in (data or {}).get("organisations", [])])
    roles = book.create_sheet(ROLES_SHEET)
    _write_rows(roles, ROLE_COLUMNS, (data or {}).get("roles", []))
    for (cell,) in roles.iter_rows(min_row=2, max_row=_MAX_ROWS, min_col=3, max_col=3):
        cell.number_format = "#,##0"
    _write_rows(book.create_sheet(STEPS_SHEET), STEP_COLUMNS,
                [{k: v for k, v in s.items() if k != "tasks"}
                 for s in (data or {}).get("steps", [])])
    _write_mapping_sheet(book.create_sheet(MAPPING_SHEET), data)
    # Every occasion the case uses is listed with its name, so that one named by its id
    # alone can be given a name here.
    _write_rows(book.create_sheet(EXCHANGES_SHEET), EXCHANGE_COLUMNS,
                [{"id": e.id, "name": e.name} for e in case.named_exchanges]
                if case is not None else [])

    orgs_sheet = book[ORGS_SHEET]
    _list_validation(orgs_sheet, _quoted_list(list(GROUP_NAMES.values())),
                     _column_range(ORG_COLUMNS, "group"), "Grupp / group")
    mapping = book[MAPPING_SHEET]
    _list_validation(mapping, _id_list(STEPS_SHEET), _column_range(MAPPING_COLUMNS, "step"),
                     "Steg / step")
    _list_validation(mapping, _id_list(ORGS_SHEET), _column_range(MAPPING_COLUMNS, "org"),
                     "Organisation")
    _list_validation(mapping, _id_list(ROLES_SHEET), _column_range(MAPPING_COLUMNS, "role"),
                     "Yrkesgrupp / role")
    _list_validation(mapping, _quoted_list(list(CATEGORY_NAMES.values())),
                     _column_range(MAPPING_COLUMNS, "category"), "Kategori / category")
    _list_validation(mapping, _quoted_list([YES, NO]),
                     _column_range(MAPPING_COLUMNS, "child_present"), "Ja eller nej / yes or no")
    book.active = book.sheetnames.index(MAPPING_SHEET if case is None else CASE_SHEET)
    book.save(path)


def _write_case_sheet(sheet: Worksheet, data: dict[str, Any] | None) -> None:
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 80
    for cell in (sheet.cell(row=1, column=1, value="Uppgift / Field"),
                 sheet.cell(row=1, column=2, value="Värde / Value")):
        cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
    values: dict[str, Any] = {"currency": "SEK", "hours_per_month": DEFAULT_HOURS_PER_MONTH}
    if data is not None:
        values = dict(data)
        conventions = data.get("cost_conventions", {})
        values.update(conventions)
    for row, field in enumerate(CASE_FIELDS, start=2):
        sheet.cell(row=row, column=1, value=field.header).alignment = Alignment(wrap_text=True)
        value_cell = set_cell(sheet, row, 2, _cell_value(values.get(field.key)))
        value_cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[3].height = 120


def _write_rows(sheet: Worksheet, columns: Sequence[Column], rows: list[dict[str, Any]]) -> None:
    _header(sheet, columns)
    for row, item in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            set_cell(sheet, row, index, _cell_value(item.get(column.key)))


def _write_mapping_sheet(sheet: Worksheet, data: dict[str, Any] | None) -> None:
    _header(sheet, MAPPING_COLUMNS)
    row = 2
    for step in (data or {}).get("steps", []):
        for task in step["tasks"]:
            for position, participant in enumerate(task["participants"]):
                values: dict[str, Any] = {}
                if position == 0:
                    values = {
                        "step": step["id"], "org": task["org"], "id": task["id"],
                        "name": task["name"],
                        "category": CATEGORY_NAMES[Category(task["category"])],
                        "child_present": YES if task.get("child_present") else NO,
                        "exchange": task.get("exchange"),
                        "occasions": task.get("occasions"),
                        "note": task.get("note"),
                    }
                values["role"] = participant["role"]
                values["people"] = participant.get("people")
                minutes = participant.get("minutes")
                if isinstance(minutes, dict):
                    values.update(minutes=minutes["likely"], minutes_low=minutes["low"],
                                  minutes_high=minutes["high"])
                else:
                    values["minutes"] = minutes
                values["fte"] = participant.get("fte")
                values["weeks"] = participant.get("weeks")
                for index, column in enumerate(MAPPING_COLUMNS, start=1):
                    cell = set_cell(sheet, row, index, _cell_value(values.get(column.key)))
                    if position == 0 and index <= len(TASK_COLUMNS):
                        cell.fill = _TASK_FILL
                row += 1


# ---------------------------------------------------------------------------- reading


class _Reader:
    """Turns the workbook into a case-file document, remembering where each value came from."""

    def __init__(self, path: Path) -> None:
        self.file = str(path)
        self.problems = ProblemCollector()
        self.places: dict[KeyPath, Place] = {}

    def place(self, sheet: str, row: int | None = None, column: Column | None = None,
              index: int | None = None) -> Place:
        name = None
        if column is not None and index is not None:
            name = f"{get_column_letter(index)} ({column.sv})"
        return Place(file=self.file, sheet=sheet, row=row, column=name)

    def locate(self, path: KeyPath) -> Place:
        # The nearest recorded ancestor: a whole task or participant when no cell is recorded.
        for end in range(len(path), -1, -1):
            if path[:end] in self.places:
                return self.places[path[:end]]
        return Place(file=self.file)

    def columns(self, sheet: _Sheet, expected: Sequence[Column]) -> dict[str, int]:
        """Which column holds each field, found by its Swedish or English header."""
        found: dict[str, int] = {}
        for index, header in enumerate(sheet.header, start=1):
            if not isinstance(header, str):
                continue
            text = header.strip().casefold()
            for column in expected:
                names = {column.header, column.sv, column.en, *column.aliases}
                if text in {name.casefold() for name in names}:
                    found.setdefault(column.key, index)
        for column in expected:
            if column.key not in found:
                self.problems.add(
                    Place(file=self.file, sheet=sheet.title, row=1),
                    f"kolumnen '{column.sv}' saknas i rubrikraden",
                    f"the column '{column.en}' is missing from the header row",
                )
        return found


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _as_id(value: Any) -> Any:
    # Ids typed as numbers in Excel (a step called 1) are still ids.
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _boolean(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return bool(value)
    return _BOOLEANS.get(str(value).strip().casefold(), value)


def _category(value: Any) -> Any:
    if value is None:
        return None
    found = category_named(value)
    return value if found is None else found.value


def _group(value: Any) -> Any:
    return group_named(value) or _as_id(value)


def _refuse_padded_identity_numbers(reader: _Reader, title: str, row: int,
                                    cells: Sequence[Any]) -> None:
    """A whole number is checked as Excel shows it: 501012389 formatted `0000000000` is on the
    screen, and so to the person, the identity number 0501012389."""
    for cell in cells:
        value = cell.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            continue
        shown = displayed_whole_number(value, getattr(cell, "number_format", None) or "General")
        if holds_identity_number(shown):
            raise CaseFileError.single(
                PROBLEM_SV, PROBLEM_EN,
                Place(file=reader.file, sheet=title, row=row,
                      column=get_column_letter(cell.column) if getattr(cell, "column", None)
                      else None))


@dataclass(frozen=True)
class _Sheet:
    """One sheet as read: its header row's values and its non-empty rows below the header."""

    title: str
    header: list[Any]
    rows: list[tuple[int, list[Any]]]


def _load_sheet(reader: _Reader, sheet: Any) -> _Sheet:
    header: list[Any] = []
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in sheet_rows(
            sheet, max_rows=MAX_TEMPLATE_ROWS, max_columns=MAX_TEMPLATE_COLUMNS,
            place=lambda row: Place(file=reader.file, sheet=sheet.title, row=row),
            error=CaseFileError):
        if number == 1:
            header = [cell.value for cell in cells]
            continue
        values = [_text(cell.value) for cell in cells]
        _refuse_padded_identity_numbers(reader, sheet.title, number, cells)
        if any(v is not None for v in values):
            rows.append((number, values))
    return _Sheet(sheet.title, header, rows)


def _rows(sheet: _Sheet) -> list[tuple[int, list[Any]]]:
    """Non-empty rows below the header, with their row numbers."""
    return sheet.rows


def _read_table(reader: _Reader, sheet: _Sheet, columns: Sequence[Column], list_key: str,
                convert: dict[str, Any]) -> list[dict[str, Any]]:
    where = reader.columns(sheet, columns)
    items: list[dict[str, Any]] = []
    for number, values in _rows(sheet):
        item: dict[str, Any] = {}
        index = len(items)
        reader.places[(list_key, index)] = reader.place(sheet.title, number)
        for column in columns:
            if column.key not in where:
                continue
            col = where[column.key]
            value = values[col - 1] if col - 1 < len(values) else None
            reader.places[(list_key, index, column.key)] = reader.place(
                sheet.title, number, column, col)
            if value is not None:
                item[column.key] = convert.get(column.key, lambda v: v)(value)
        items.append(item)
    return items


def _read_case_sheet(reader: _Reader, sheet: _Sheet) -> dict[str, Any]:
    data: dict[str, Any] = {}
    labels = {f.header.casefold(): f for f in CASE_FIELDS}
    labels.update({f.sv.casefold(): f for f in CASE_FIELDS})
    for number, row in sheet.rows:
        label, value = (row + [None, None])[:2]
        if not isinstance(label, str):
            continue
        field = labels.get(label.casefold())
        if field is None:
            continue
        place = Place(file=reader.file, sheet=sheet.title, row=number, column=f"B ({field.sv})")
        if field.key in {"overhead_share", "productive_share"}:
            reader.places[("cost_conventions", field.key)] = place
            if value is not None:
                data.setdefault("cost_conventions", {})[field.key] = value
        else:
            reader.places[(field.key,)] = place
            if value is not None:
                data[field.key] = str(value) if field.key in {"name", "description"} else value
    return data


def _read_mapping(reader: _Reader, sheet: _Sheet, steps: list[dict[str, Any]]) -> None:
    where = reader.columns(sheet, MAPPING_COLUMNS)
    if reader.problems:
        return
    step_index = {s.get("id"): i for i, s in enumerate(steps)}
    for step in steps:
        step["tasks"] = []
    current: tuple[int, int] | None = None  # (step index, task index) of the open task
    generated = 0

    def cell(values: list[Any], key: str) -> Any:
        col = where[key]
        return values[col - 1] if col - 1 < len(values) else None

    def at(number: int, key: str) -> Place:
        column = next(c for c in MAPPING_COLUMNS if c.key == key)
        return reader.place(sheet.title, number, column, where[key])

    for number, values in _rows(sheet):
        task_id, name = _as_id(cell(values, "id")), cell(values, "name")
        starts_task = task_id is not None or name is not None or current is None
        if starts_task:
            step_id = _as_id(cell(values, "step"))
            if step_id not in step_index:
                if step_id is None:
                    sv, en = "steg saknas", "the step is missing"
                else:
                    sv, en = (f"okänt steg '{quote(step_id)}'",
                              f"unknown step '{quote(step_id)}'")
                reader.problems.add(at(number, "step"), sv, en)
                current = None
                continue
            s = step_index[step_id]
            if task_id is None:
                generated += 1
                task_id = f"{step_id}-{cell(values, 'org') or 'uppgift'}-{generated}"
            task: dict[str, Any] = {"id": task_id, "participants": []}
            for key in ("org", "name", "category", "child_present", "exchange", "occasions",
                        "note"):
                value = cell(values, key)
                if key == "category":
                    value = _category(value)
                elif key == "child_present":
                    value = _boolean(value)
                elif key in {"org", "exchange"}:
                    value = _as_id(value)
                if value is not None:
                    task[key] = value
            tasks = steps[s]["tasks"]
            t = len(tasks)
            tasks.append(task)
            current = (s, t)
            base: KeyPath = ("steps", s, "tasks", t)
            reader.places[base] = reader.place(sheet.title, number)
            for column in TASK_COLUMNS:
                reader.places[(*base, column.key)] = at(number, column.key)
        else:
            for key in ("step", "org", "category", "exchange", "occasions", "note"):
                if cell(values, key) is not None:
                    reader.problems.add(
                        at(number, key),
                        "uppgiftens kolumner fylls bara i på uppgiftens första rad "
                        "(ange Uppgift-id eller Vad görs? för att börja en ny uppgift)",
                        "a task's columns are only filled on its first row (give a task id or "
                        "What is done? to start a new task)",
                    )
        assert current is not None
        s, t = current
        task = steps[s]["tasks"][t]
        p = len(task["participants"])
        path: KeyPath = ("steps", s, "tasks", t, "participants", p)
        reader.places[path] = reader.place(sheet.title, number)
        participant: dict[str, Any] = {}
        for column in PARTICIPANT_COLUMNS:
            reader.places[(*path, column.key)] = at(number, column.key)
            value = cell(values, column.key)
            if value is not None:
                participant[column.key] = _as_id(value) if column.key == "role" else value
        low, high = participant.pop("minutes_low", None), participant.pop("minutes_high", None)
        if (low is None) != (high is None):
            missing = "minutes_high" if high is None else "minutes_low"
            reader.problems.add(
                at(number, missing),
                "ange både lägsta och högsta tid, eller ingen av dem",
                "give both the lowest and the highest time, or neither",
            )
        elif low is not None:
            likely = participant.get("minutes")
            participant["minutes"] = {"low": low, "likely": likely, "high": high}
            for key in ("low", "likely", "high"):
                source = {"low": "minutes_low", "likely": "minutes", "high": "minutes_high"}[key]
                reader.places[(*path, "minutes", key)] = at(number, source)
        task["participants"].append(participant)


def _without_default_names(case: Case) -> Case:
    # A name that only repeats the id made readable (as the template writes for an occasion
    # without a name) names nothing: the case reads as if the row were absent.
    return replace(case, exchanges=tuple(e for e in case.exchanges
                                         if e.name != readable_id(e.id)))


def read_template(path: str | Path) -> Case:
    """Read a filled-in template; raise CaseFileError naming sheet, row and column of each
    problem."""
    path = Path(path)
    reader = _Reader(path)
    book = open_workbook(path, place=Place(file=str(path)), error=CaseFileError)
    try:
        missing = [name for name in SHEETS[1:] if name not in book.sheetnames]
        optional = [name for name in OPTIONAL_SHEETS if name in book.sheetnames]
        for name in missing:
            reader.problems.add(Place(file=str(path), sheet=name), "bladet saknas i arbetsboken",
                                "the sheet is missing from the workbook")
        reader.problems.raise_if_any(CaseFileError)
        # Only the sheets the template defines are read; the guide and any others are not.
        sheets = {name: _load_sheet(reader, book[name]) for name in (*SHEETS[1:], *optional)}
    finally:
        book.close()

    data: dict[str, Any] = {"format": FORMAT}
    data.update(_read_case_sheet(reader, sheets[CASE_SHEET]))
    data["organisations"] = _read_table(reader, sheets[ORGS_SHEET], ORG_COLUMNS,
                                        "organisations", {"id": _as_id, "group": _group})
    data["roles"] = _read_table(reader, sheets[ROLES_SHEET], ROLE_COLUMNS, "roles",
                                {"id": _as_id})
    steps = _read_table(reader, sheets[STEPS_SHEET], STEP_COLUMNS, "steps", {"id": _as_id})
    data["steps"] = steps
    _read_mapping(reader, sheets[MAPPING_SHEET], steps)
    if EXCHANGES_SHEET in sheets:
        data["exchanges"] = _read_table(reader, sheets[EXCHANGES_SHEET], EXCHANGE_COLUMNS,
                                        "exchanges", {"id": _as_id})
    for key, sheet in (("organisations", ORGS_SHEET), ("roles", ROLES_SHEET),
                       ("steps", STEPS_SHEET)):
        reader.places.setdefault((key,), Place(file=str(path), sheet=sheet))
    reader.places.setdefault((), Place(file=str(path), sheet=CASE_SHEET))

    # Before the layout's problems, which may quote a cell: a number refuses the file first.
    refuse_identity_numbers_in_case(data, reader.locate)
    if reader.problems:
        # Problems of layout come first, but the rules of the case file are still checked so
        # that the person filling in the form sees everything at once.
        try:
            case_from_data(data, source=str(path), locate=reader.locate)
        except CaseFileError as error:
            reader.problems.extend(error.problems)
        reader.problems.raise_if_any(CaseFileError)
    case = case_from_data(data, source=str(path), locate=reader.locate)
    return _without_default_names(case)
