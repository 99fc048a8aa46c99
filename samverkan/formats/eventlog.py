"""Event logs in and out: CSV, Excel and XES, checked whole before anything is kept.

`read_event_log` is the one way in. Every reader puts the file's text, untouched, into a DuckDB
table; then, in this order, the columns are checked, the identity-number guard looks at every
cell of every column, and the rows and cases are checked. Only a log with no problem at all
becomes an `EventLog`; otherwise one `EventLogError` lists every problem with its row and column.

The log lives in an in-memory DuckDB database (`EventLog.connection`, table `events`) so that
the follow-up indicators run as SQL over it without a copy into Python objects.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
from openpyxl import Workbook

from samverkan.errors import EventLogError, IdentityNumberError, Place, Problem, ProblemCollector
from samverkan.formats.eventlog_checks import (
    MAX_LISTED,
    case_problems,
    normalised_view_sql,
    row_problems,
)
from samverkan.formats.eventlog_schema import COLUMNS, EVENTS, REQUIRED_COLUMNS
from samverkan.formats.eventlog_xes import XES_NAME, XES_TIME, read_xes, write_xes
from samverkan.formats.excel_cells import append_row
from samverkan.formats.excel_display import displayed_text
from samverkan.formats.identity_numbers import (
    PROBLEM_EN,
    PROBLEM_SV,
    holds_identity_number,
    identity_number_places,
)
from samverkan.formats.limits import MAX_EVENT_COLUMNS, MAX_EVENT_ROWS, thousands
from samverkan.formats.sql_text import identifier, literal
from samverkan.formats.workbook_reading import open_workbook, sheet_rows

__all__ = [
    "EventLog",
    "Progress",
    "SUFFIXES",
    "read_event_log",
    "event_log_from_rows",
    "write_event_log",
]

Progress = Callable[[int, int], None]
SUFFIXES = (".csv", ".xlsx", ".xes")
EXCEL_MAX_ROWS = 1_048_576

_EVENT_ORDER = "CASE event " + " ".join(
    f"WHEN '{name}' THEN {i}" for i, name in enumerate(EVENTS)
) + " END"


# The contract's columns, timestamps as dates where the time is midnight, in a stable order.
_ROWS_SQL = (
    "SELECT case_id, unit, event, "
    "CASE WHEN ts = date_trunc('day', ts) THEN strftime(ts, '%Y-%m-%d') "
    "ELSE strftime(ts, '%Y-%m-%dT%H:%M:%S') END AS timestamp, reporter, school, outcome "
    f"FROM events ORDER BY case_id, ts, {_EVENT_ORDER}, row"
)


# CSV has no "text" type: a spreadsheet program opening it runs a field that begins with `=`,
# `+`, `-`, `@`, a tab or a carriage return as a formula. As OWASP advises, such a field is
# written with an apostrophe before it, which the program shows as text; so is a field that
# already begins with an apostrophe, so that reading takes exactly one off and every text comes
# back as it was. A field from elsewhere that begins with an apostrophe and anything else is
# read as it is.
_CSV_GUARDED = r"^['=+\-@\t\r]"


def _csv_guard(column: str) -> str:
    return (f"CASE WHEN regexp_matches({column}, {literal(_CSV_GUARDED)}) "
            f"THEN '''' || {column} ELSE {column} END AS {column}")


def _csv_unguard(column: str) -> str:
    return (f"CASE WHEN starts_with({column}, '''') AND regexp_matches(substr({column}, 2), "
            f"{literal(_CSV_GUARDED)}) THEN substr({column}, 2) ELSE {column} END "
            f"AS {column}")


_CSV_ROWS_SQL = f"SELECT {', '.join(_csv_guard(c) for c in COLUMNS)} FROM ({_ROWS_SQL})"


@dataclass
class EventLog:
    """A checked event log: table `events` (row, case_id, unit, event, ts, reporter, school,
    outcome) in its own in-memory DuckDB database."""

    connection: duckdb.DuckDBPyConnection
    source: str = ""

    def count(self, what: str = "events") -> int:
        """Number of events, cases or units."""
        expression = {
            "events": "count(*)",
            "cases": "count(DISTINCT case_id)",
            "units": "count(DISTINCT unit)",
        }[what]
        (value,) = self.connection.execute(f"SELECT {expression} FROM events").fetchone() or (0,)
        return int(value)

    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last calendar day of the log."""
        first, last = self.connection.execute(
            "SELECT min(ts)::DATE, max(ts)::DATE FROM events"
        ).fetchone() or (None, None)
        assert first is not None and last is not None  # a checked log is never empty
        return first, last

    def rows(self) -> Iterator[tuple[str | None, ...]]:
        """The events in contract column order, sorted by case, time and the usual order."""
        cursor = self.connection.execute(_ROWS_SQL)
        while batch := cursor.fetchmany(10_000):
            yield from batch

    def close(self) -> None:
        self.connection.close()


def read_event_log(path: Path | str, *, progress: Progress | None = None) -> EventLog:
    """Read and check an event log (.csv, .xlsx or .xes); raise EventLogError if anything is
    wrong, IdentityNumberError if it holds an identity number."""
    path = Path(path)
    if holds_identity_number(path.name):
        # Every other message names the file: this one must not.
        raise IdentityNumberError([Problem(
            Place(), f"filnamnet {PROBLEM_SV}; byt namn på filen",
            f"the file name {PROBLEM_EN}; rename the file")])
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise EventLogError.unknown_file_type(path, SUFFIXES)
    if not path.is_file():
        raise EventLogError.single(
            "filen finns inte", "the file does not exist", Place(file=path.name)
        )
    connection = duckdb.connect()
    failed = False
    try:
        if suffix == ".csv":
            layout = _load_csv(connection, path)
        elif suffix == ".xlsx":
            layout = _load_rows(connection, *_excel_rows(path, progress))
        else:
            layout = _load_rows(connection, *_xes_rows(path, progress))
        _refuse_too_many_rows(connection, path.name)
        _check_and_keep(connection, layout, unknown_allowed=suffix == ".xes")
    except duckdb.Error:
        # The database's own words can quote a cell (and so a number): they never leave here,
        # not even as the cause of the error raised below.
        failed = True
    except BaseException:
        connection.close()
        raise
    if failed:
        connection.close()
        raise EventLogError.single(
            "loggen kunde inte kontrolleras; ingenting har sparats. Kontrollera att filen är "
            "en händelselogg med kolumnerna i beskrivningen",
            "the log could not be checked; nothing was kept. Check that the file is an event "
            "log with the columns described",
            Place(file=path.name),
        )
    return EventLog(connection, source=path.name)


def event_log_from_rows(
    columns: dict[str, np.ndarray], *, source: str = ""
) -> EventLog:
    """An event log from columns of text (numpy object arrays), checked like a file: every
    check and the identity-number guard, with no way around them."""
    connection = duckdb.connect()
    try:
        names = list(columns)
        n = len(next(iter(columns.values())))
        data = {"row": np.arange(1, n + 1, dtype=np.int64)}
        data.update({_raw(i): values for i, values in enumerate(columns.values())})
        connection.register("raw_input", data)
        connection.execute("CREATE TABLE raw AS SELECT * FROM raw_input")
        connection.unregister("raw_input")
        layout = _layout(names, lambda row, column: Place(file=source or None, row=row,
                                                          column=column))
        _check_and_keep(connection, layout, unknown_allowed=False)
    except BaseException:
        connection.close()
        raise
    return EventLog(connection, source=source)


def write_event_log(log: EventLog, path: Path | str) -> None:
    """Write the log as .csv, .xlsx or .xes, chosen by the file name."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        # Opened once here so that a folder that does not exist or a file that may not be
        # written fails with Python's OSError, which names the reason; DuckDB's error does not.
        path.open("w", encoding="utf-8").close()
        # DuckDB writes the file itself: ten million rows in seconds, quoted where needed.
        log.connection.execute(
            f"COPY ({_CSV_ROWS_SQL}) TO {literal(str(path))} (HEADER, DELIMITER ',')"
        )
    elif suffix == ".xes":
        with path.open("w", encoding="utf-8") as stream:
            write_xes(log.rows(), stream)
    elif suffix == ".xlsx":
        if log.count() >= EXCEL_MAX_ROWS:
            raise EventLogError.single(
                f"loggen har {log.count()} händelser; Excel rymmer högst {EXCEL_MAX_ROWS - 1}. "
                "Använd .csv eller .xes",
                f"the log has {log.count()} events; Excel holds at most {EXCEL_MAX_ROWS - 1}. "
                "Use .csv or .xes",
                Place(file=path.name),
            )
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Händelser")
        append_row(sheet, COLUMNS)
        for row in log.rows():
            append_row(sheet, row)
        workbook.save(path)
    else:
        raise EventLogError.unknown_file_type(path, SUFFIXES)


# --- readers: each leaves table `raw` (row BIGINT, then c0, c1, … VARCHAR in file order) ----
#
# The file's own column names never become names in the database: a column called `row`, an
# empty XES key, or two keys differing only in case could otherwise collide with each other or
# with the table's own columns. `_Layout` keeps what the file calls each column.


def _raw(index: int) -> str:
    return f"c{index}"


@dataclass(frozen=True)
class _Layout:
    """The columns a reader found: the file's names, which of them are the contract's, and
    where a problem is, in words that never repeat a name the file chose."""

    names: list[str]
    contract: dict[str, int]
    describe: Callable[[int, str | None], Place]

    def raw_columns(self) -> dict[str, str]:
        """Contract column → its column in table `raw`."""
        return {name: _raw(index) for name, index in self.contract.items()}

    def place(self, row: int, index: int | None) -> Place:
        return self.describe(row, self.label(index))

    def label(self, index: int | None) -> str | None:
        if index is None:
            return None
        name = self.names[index]
        return name if self.contract.get(name) == index else str(index + 1)


def _layout(names: list[str], describe: Callable[[int, str | None], Place]) -> _Layout:
    contract: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in COLUMNS and name not in contract:
            contract[name] = index
    return _Layout(names, contract, describe)


_HEADER_BYTES = 65_536  # the part of a CSV file read to find its encoding and header


def _sniff(path: Path) -> tuple[str, str, list[str]]:
    """Encoding, delimiter and header of a CSV file."""
    with path.open("rb") as stream:
        head = stream.read(_HEADER_BYTES)
    if len(head) == _HEADER_BYTES and b"\n" not in head and b"\r" not in head:
        # A header this long is no header of a log, and the columns read from a cut line
        # would only give misleading messages.
        raise EventLogError.single(
            f"rubrikraden är längre än {_HEADER_BYTES // 1024} kB; kontrollera att filen är "
            "en händelselogg i CSV med en rubrikrad",
            f"the header row is longer than {_HEADER_BYTES // 1024} kB; check that the file is "
            "an event log in CSV with a header row",
            Place(file=path.name, row=1))
    try:
        text = head.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:
            # Swedish Excel saves CSV in Windows-1252; latin-1 reads its letters å, ä and ö.
            text, encoding = head.decode("latin-1"), "latin-1"
        else:  # cut in the middle of a character at the end of the sample
            text, encoding = head[: error.start].decode("utf-8-sig"), "utf-8"
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = max(",;\t|", key=first_line.count) if first_line else ","
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    return encoding, delimiter, header


def _load_csv(connection: duckdb.DuckDBPyConnection, path: Path) -> _Layout:
    encoding, delimiter, header = _sniff(path)

    def describe(row: int, column: str | None) -> Place:
        return Place(file=path.name, row=row, column=column)

    layout = _layout(_header_columns(header, Place(file=path.name, row=1)), describe)
    names = {_raw(i): "VARCHAR" for i in range(len(layout.names))}
    try:
        connection.execute(
            "CREATE TABLE raw_file AS SELECT * FROM read_csv(?, header = true, "
            "auto_detect = false, delim = ?, quote = '\"', escape = '\"', strict_mode = true, "
            f"null_padding = false, encoding = ?, columns = {names!r})",
            [str(path), delimiter, encoding],
        )
    except duckdb.Error as error:
        found = _csv_structure_problems(path, encoding, delimiter, len(names), str(error))
        raise EventLogError(found) from None
    # A table keeps the file's order in rowid; the header is line 1.
    unguarded = ", ".join(_csv_unguard(name) for name in names)
    connection.execute(
        f"CREATE VIEW raw AS SELECT rowid + 2 AS row, {unguarded} FROM raw_file")
    return layout


def _csv_structure_problems(
    path: Path, encoding: str, delimiter: str, width: int, message: str
) -> list[Problem]:
    """Rows with the wrong number of fields, found by Python's csv module for exact lines."""
    problems = ProblemCollector()
    with path.open(encoding=encoding, errors="replace", newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            next(reader, None)
            for record in reader:
                if record and len(record) != width:
                    problems.add(
                        Place(file=path.name, row=reader.line_num),
                        f"raden har {len(record)} fält men rubrikraden {width}",
                        f"the row has {len(record)} fields but the header {width}",
                    )
                    if len(problems.problems) >= MAX_LISTED:
                        break
        except csv.Error as error:
            problems.add(
                Place(file=path.name, row=reader.line_num),
                f"filen kan inte läsas som CSV: {error}",
                f"the file cannot be read as CSV: {error}",
            )
    if not problems:
        line = re.search(r"Line: (\d+)", message)
        problems.add(
            Place(file=path.name, row=int(line.group(1)) if line else None),
            "filen kan inte läsas som CSV (citattecken eller teckenkodning)",
            "the file cannot be read as CSV (quotes or character encoding)",
        )
    return problems.problems


def _refuse_too_many_rows(connection: duckdb.DuckDBPyConnection, file: str) -> None:
    (count,) = connection.execute("SELECT count(*) FROM raw").fetchone() or (0,)
    if count > MAX_EVENT_ROWS:
        limit = thousands(MAX_EVENT_ROWS)
        raise EventLogError.single(
            f"loggen har {thousands(count)} rader; gränsen är {limit} händelser i en logg. "
            "Dela upp loggen per år eller enhet",
            f"the log has {thousands(count)} rows; the limit is {limit} events in one log. "
            "Split the log by year or unit",
            Place(file=file))


def _header_columns(header: list[str], place: Place) -> list[str]:
    """The header's names, trimmed and lower-cased; problems name a column by its position,
    never by a name the file chose."""
    if len(header) > MAX_EVENT_COLUMNS:
        raise EventLogError.single(
            f"rubrikraden har {thousands(len(header))} kolumner; gränsen är "
            f"{MAX_EVENT_COLUMNS}",
            f"the header row has {thousands(len(header))} columns; the limit is "
            f"{MAX_EVENT_COLUMNS}",
            place)
    numbered = [
        Problem(Place(place.file, place.sheet, place.row, str(index)), PROBLEM_SV, PROBLEM_EN)
        for index, name in enumerate(header, start=1) if holds_identity_number(name)
    ]
    if numbered:
        raise IdentityNumberError(numbered)
    columns = [name.strip().lower() for name in header]
    problems = ProblemCollector()
    seen: set[str] = set()
    for index, name in enumerate(columns, start=1):
        at = Place(place.file, place.sheet, place.row, str(index))
        if not name:
            problems.add(at, "kolumnen saknar rubrik", "the column has no header")
        elif name in seen:
            problems.add(at, "kolumnen har samma rubrik som en kolumn före den",
                         "the column has the same header as a column before it")
        seen.add(name)
    problems.raise_if_any(EventLogError)
    return columns


def _excel_rows(
    path: Path, progress: Progress | None
) -> tuple[list[str], Iterator[tuple[int, list[str | None]]], Callable[[int, str | None], Place]]:
    workbook = open_workbook(path, place=Place(file=path.name), error=EventLogError)
    try:
        _refuse_numbers_around_the_log(workbook, path.name)
    except BaseException:
        workbook.close()
        raise
    sheet = workbook.worksheets[0]

    # The sheet is named by its position: its name is the file's own words, never repeated.
    def describe(row: int, column: str | None) -> Place:
        return Place(file=path.name, sheet="1", row=row, column=column)

    # Only the rows and cells the file holds are read (see workbook_reading): a sheet that
    # claims a million rows costs nothing until it holds them.
    held = _held_rows(sheet, lambda row: Place(file=path.name, sheet="1", row=row))
    first = next(held, None)
    if first is not None and first[0] != 1:  # no header row: the first row held is data
        held = itertools.chain([first], held)
        first = None
    header = [displayed_text(c) or "" for c in (first[1] if first is not None else ())]
    while header and not header[-1]:
        header.pop()
    columns = _header_columns(header, Place(file=path.name, sheet="1", row=1))
    width = len(columns)
    total = sheet.max_row or 0

    def rows() -> Iterator[tuple[int, list[str | None]]]:
        for number, row in held:
            texts = [displayed_text(c) for c in row[:width]]
            outside = [displayed_text(c) for c in row[width:]]
            if any(t not in (None, "") for t in outside):
                if any(holds_identity_number(t) for t in outside):
                    raise IdentityNumberError([Problem(describe(number, None), PROBLEM_SV,
                                                       PROBLEM_EN)])
                raise EventLogError.single(
                    "värden utanför kolumnerna med rubrik",
                    "values outside the columns that have a header",
                    describe(number, None),
                )
            if any(t is not None for t in texts):
                yield number, texts + [None] * (width - len(texts))
            if progress is not None and number % 10_000 == 0:
                progress(number, total)
        workbook.close()

    return columns, rows(), describe


def _refuse_numbers_around_the_log(workbook: Any, file: str) -> None:
    """The log is the first sheet; the other sheets, every sheet's name and the workbook's
    properties are kept nowhere, but a number in them still refuses the file, as anywhere."""
    problems: list[Problem] = []
    for position, sheet in enumerate(workbook.worksheets, start=1):
        if holds_identity_number(sheet.title):
            problems.append(Problem(
                Place(file=file), f"bladnamnet på blad {position} {PROBLEM_SV}",
                f"the name of sheet {position} {PROBLEM_EN}"))
    properties = workbook.properties
    if any(holds_identity_number(getattr(properties, name, None)) for name in (
            "title", "subject", "creator", "keywords", "description", "lastModifiedBy",
            "category", "identifier")):
        problems.append(Problem(Place(file=file), f"arbetsbokens egenskaper {PROBLEM_SV}",
                                f"the workbook's properties {PROBLEM_EN}"))
    if problems:
        raise IdentityNumberError(problems)
    for position, sheet in enumerate(workbook.worksheets[1:], start=2):
        for _, row in _held_rows(sheet, _sheet_place(file, position)):
            for cell in row:
                if holds_identity_number(displayed_text(cell)):
                    problems.append(Problem(
                        Place(file=file, row=getattr(cell, "row", None)),
                        f"blad {position} {PROBLEM_SV}", f"sheet {position} {PROBLEM_EN}"))
                    break
            if len(problems) >= MAX_LISTED:
                break
    if problems:
        raise IdentityNumberError(problems)


def _sheet_place(file: str, position: int) -> Callable[[int | None], Place]:
    return lambda row: Place(file=file, sheet=str(position), row=row)


def _held_rows(
    sheet: Any, place: Callable[[int | None], Place]
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    return sheet_rows(sheet, max_rows=MAX_EVENT_ROWS, max_columns=MAX_EVENT_COLUMNS,
                      place=place, error=EventLogError,
                      hint=("; spara en större logg som CSV", "; save a larger log as CSV"))


def _xes_rows(
    path: Path, progress: Progress | None
) -> tuple[list[str], Iterator[tuple[int, list[str | None]]], Callable[[int, str | None], Place]]:
    def describe(row: int, column: str | None) -> Place:
        # An attribute outside the contract has no name that could be shown safely, nor a
        # position: the event is named, not the attribute.
        return Place(file=path.name, row=row, column=column if column in COLUMNS else None)

    log = read_xes(path, progress)
    if log.numbered:
        raise IdentityNumberError([
            Problem(Place(file=path.name, row=event or None), f"ett XES-attribut {PROBLEM_SV}",
                    f"an XES attribute {PROBLEM_EN}")
            for event in log.numbered[:MAX_LISTED]
        ])
    # The contract's columns first, under the contract's names: the case is the trace's name,
    # the event the event's name, the time its timestamp. Every other key follows, kept only
    # for the guard; its name is the file's and is never taken for a contract column.
    sources = {"event": XES_NAME, "timestamp": XES_TIME}
    keys = [sources.get(c, c) for c in COLUMNS if c != "case_id"]
    seen = set(keys)
    for event in log.events:
        for key in event.attributes:
            if key not in seen:
                seen.add(key)
                keys.append(key)
    names = [*COLUMNS, *keys[len(COLUMNS) - 1:]]

    def rows() -> Iterator[tuple[int, list[str | None]]]:
        for number, event in enumerate(log.events, start=1):
            yield number, [event.case, *(event.attributes.get(k) for k in keys)]

    return names, rows(), describe


def _load_rows(
    connection: duckdb.DuckDBPyConnection,
    columns: list[str],
    rows: Iterable[tuple[int, list[str | None]]],
    describe: Callable[[int, str | None], Place],
) -> _Layout:
    numbers: list[int] = []
    values: list[list[str | None]] = [[] for _ in columns]
    for number, texts in rows:
        numbers.append(number)
        for column, text in zip(values, texts, strict=True):
            column.append(text)
    data: dict[str, np.ndarray] = {"row": np.array(numbers, dtype=np.int64)}
    for index, column in enumerate(values):
        data[_raw(index)] = np.array(column, dtype=object)
    connection.register("raw_input", data)
    select = ", ".join(f"{_raw(i)}::VARCHAR AS {_raw(i)}" for i in range(len(columns)))
    connection.execute(
        f"CREATE TABLE raw AS SELECT row::BIGINT AS row{', ' if select else ''}{select} "
        "FROM raw_input")
    connection.unregister("raw_input")
    return _layout(columns, describe)


# --- the checks, in the order that keeps identity numbers out of every message ---------------


def _check_and_keep(
    connection: duckdb.DuckDBPyConnection, layout: _Layout, *, unknown_allowed: bool
) -> None:
    problems = ProblemCollector()
    head = layout.place(1, None)
    for column in REQUIRED_COLUMNS:
        if column not in layout.contract:
            problems.add(
                Place(head.file, head.sheet, 1, column),
                f"kolumnen '{column}' saknas; obligatoriska: {', '.join(REQUIRED_COLUMNS)}",
                f"column '{column}' is missing; required: {', '.join(REQUIRED_COLUMNS)}",
            )
    if not unknown_allowed:
        for index, name in enumerate(layout.names):
            if layout.contract.get(name) != index:
                problems.add(
                    Place(head.file, head.sheet, 1, str(index + 1)),
                    f"okänd kolumn; tillåtna kolumner: {', '.join(COLUMNS)}",
                    f"unknown column; allowed columns: {', '.join(COLUMNS)}",
                )
    # The guard looks at every column, known or not, before any message could quote a value.
    raw_names = [_raw(i) for i in range(len(layout.names))]
    found = identity_number_places(connection, "raw", raw_names)
    if found:
        raise IdentityNumberError(_identity_problems(
            [(row, int(column[1:])) for row, column in found], layout))
    problems.raise_if_any(EventLogError)

    (count,) = connection.execute("SELECT count(*) FROM raw").fetchone() or (0,)
    if not count:
        raise EventLogError.single(
            "loggen innehåller inga händelser", "the log holds no events", Place(head.file)
        )
    # Parsed once into a table: every check below reads it, and it becomes the log.
    connection.execute(
        f"CREATE TABLE checked AS {normalised_view_sql('raw', layout.raw_columns())}")

    def place(row: int, column: str) -> Place:
        return layout.place(row, layout.contract.get(column))

    found_problems = row_problems(connection, "checked", place)
    found_problems += case_problems(connection, "checked", place)
    problems.extend(sorted(found_problems, key=lambda p: p.place.sort_key()))
    problems.raise_if_any(EventLogError)
    connection.execute("ALTER TABLE checked DROP COLUMN \"timestamp\"")
    connection.execute("ALTER TABLE checked RENAME TO events")
    # The raw text is dropped: from here on only the checked, typed events exist.
    for name, kind in connection.execute(
        "SELECT view_name, 'VIEW' FROM duckdb_views() WHERE NOT internal "
        "UNION ALL SELECT table_name, 'TABLE' FROM duckdb_tables() WHERE table_name <> 'events'"
    ).fetchall():
        connection.execute(f"DROP {kind} {identifier(name)}")


def _identity_problems(found: list[tuple[int, int]], layout: _Layout) -> list[Problem]:
    problems = []
    for row, column in found[:MAX_LISTED]:
        place = layout.place(row, column)
        # An XES attribute outside the contract is named by nothing but its event.
        unnamed = place.column is None
        problems.append(Problem(place, f"ett attribut {PROBLEM_SV}" if unnamed else PROBLEM_SV,
                                f"an attribute {PROBLEM_EN}" if unnamed else PROBLEM_EN))
    if len(found) > MAX_LISTED:
        problems.append(
            Problem(
                layout.place(found[MAX_LISTED][0], found[MAX_LISTED][1]),
                f"… och {len(found) - MAX_LISTED} fler celler med nummer",
                f"… and {len(found) - MAX_LISTED} more cells with numbers",
            )
        )
    return problems
