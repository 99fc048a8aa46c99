"""The checks every event log passes before it is kept, written as SQL over the raw text.

The raw table holds one VARCHAR column per column found in the file and a BIGINT `row` (the row
as the person sees it: the spreadsheet row, or the line of the CSV file, or the event's order in
an XES file). The checks run in DuckDB so that a log of millions of events is checked in seconds;
each check lists at most `MAX_LISTED` places and then says how many more there are, because a
list of a million identical problems helps nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import duckdb

from samverkan.errors import Place, Problem
from samverkan.formats.eventlog_schema import COLUMNS, EVENTS, OUTCOMES, REPORTERS, REQUIRED_COLUMNS
from samverkan.formats.sql_text import identifier, literal_list

__all__ = [
    "MAX_LISTED", "ONCE_PER_CASE", "normalised_view_sql", "row_problems",
    "case_problems",
]

MAX_LISTED = 50

# Events that happen at most once in a case: a case is one report and its handling.
ONCE_PER_CASE: tuple[str, ...] = (
    "report_received",
    "preassessment_decided",
    "investigation_opened",
    "investigation_closed",
)

# ISO 8601 as people and systems write it: a date, or a date and time, with an optional offset.
_TIMESTAMP = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?)?$"
_DATE = r"\d{4}-\d{2}-\d{2}"
# The offset is dropped: the local date and time as written decide which calendar day it was.
_OFFSET = r"(\d{2}:\d{2}(:\d{2}(\.\d+)?)?)\s*(Z|[+-]\d{2}(:?\d{2})?)$"


def _trimmed(source: str) -> str:
    # trim() copies every string; most cells have no space at all, so they skip it.
    name = identifier(source)
    return f"NULLIF(CASE WHEN contains({name}, ' ') THEN trim({name}) ELSE {name} END, '')"


def normalised_view_sql(raw: str, sources: Mapping[str, str]) -> str:
    """A view over `raw` with every contract column trimmed (empty → NULL) and `ts` parsed.

    `sources` gives, for each contract column the file has, the column of `raw` holding it.
    """
    cells = [
        f"{_trimmed(sources[column])} AS {identifier(column)}" if column in sources
        else f"NULL::VARCHAR AS {identifier(column)}"
        for column in COLUMNS
    ]
    # A plain date is by far the most common form: it skips the general pattern and the offset.
    parsed = (
        f"CASE WHEN regexp_full_match(\"timestamp\", '{_DATE}') "
        "THEN TRY_CAST(\"timestamp\" AS DATE)::TIMESTAMP "
        f"WHEN regexp_matches(\"timestamp\", '{_TIMESTAMP}') THEN TRY_CAST("
        f"replace(regexp_replace(\"timestamp\", '{_OFFSET}', '\\1'), 'T', ' ') AS TIMESTAMP) END"
    )
    return f"SELECT *, {parsed} AS ts FROM (SELECT row, {', '.join(cells)} FROM {raw})"


@dataclass(frozen=True)
class _RowCheck:
    column: str
    where: str
    sv: Callable[[str | None], str]
    en: Callable[[str | None], str]


def _short(value: str | None) -> str:
    text = value or ""
    return text if len(text) <= 60 else text[:57] + "…"


_EVENTS_WITH_OUTCOME = tuple(OUTCOMES)


def _unknown_outcome_check(event: str, allowed: tuple[str, ...]) -> _RowCheck:
    names = ", ".join(allowed)
    return _RowCheck(
        "outcome",
        f"event = '{event}' AND outcome IS NOT NULL AND outcome NOT IN {literal_list(allowed)}",
        lambda v: f"okänt utfall '{_short(v)}'; tillåtna: {names}",
        lambda v: f"unknown outcome '{_short(v)}'; allowed: {names}",
    )

_ROW_CHECKS: tuple[_RowCheck, ...] = (
    *(
        _RowCheck(
            column,
            f"{identifier(column)} IS NULL",
            lambda _v: "värde saknas",
            lambda _v: "value missing",
        )
        for column in REQUIRED_COLUMNS
    ),
    _RowCheck(
        "event",
        f"event IS NOT NULL AND event NOT IN {literal_list(EVENTS)}",
        lambda v: f"okänd händelse '{_short(v)}'; tillåtna: {', '.join(EVENTS)}",
        lambda v: f"unknown event '{_short(v)}'; allowed: {', '.join(EVENTS)}",
    ),
    _RowCheck(
        "timestamp",
        '"timestamp" IS NOT NULL AND ts IS NULL',
        lambda v: f"'{_short(v)}' är ingen giltig tidpunkt; skriv ÅÅÅÅ-MM-DD eller "
        "ÅÅÅÅ-MM-DDTHH:MM:SS",
        lambda v: f"'{_short(v)}' is not a valid date or time; write YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM:SS",
    ),
    _RowCheck(
        "reporter",
        f"reporter IS NOT NULL AND reporter NOT IN {literal_list(REPORTERS)}",
        lambda v: f"okänd anmälartyp '{_short(v)}'; tillåtna: {', '.join(REPORTERS)}",
        lambda v: f"unknown reporter type '{_short(v)}'; allowed: {', '.join(REPORTERS)}",
    ),
    _RowCheck(
        "outcome",
        f"event IN {literal_list(_EVENTS_WITH_OUTCOME)} AND outcome IS NULL",
        lambda _v: "utfall saknas; händelsen kräver ett utfall",
        lambda _v: "outcome missing; this event needs one",
    ),
    *(_unknown_outcome_check(event, allowed) for event, allowed in OUTCOMES.items()),
    _RowCheck(
        "outcome",
        f"event IN {literal_list(EVENTS)} AND event NOT IN {literal_list(_EVENTS_WITH_OUTCOME)} "
        "AND outcome IS NOT NULL",
        lambda _v: "ska vara tomt: bara förhandsbedömning och avslutad utredning har utfall",
        lambda _v: "must be empty: only a pre-assessment and a closed investigation have one",
    ),
)


def _more(count: int, place: Place) -> Problem:
    return Problem(
        place,
        f"… och {count} fler rader med samma fel",
        f"… and {count} more rows with the same problem",
    )


def row_problems(
    connection: duckdb.DuckDBPyConnection, view: str, place: Callable[[int, str], Place]
) -> list[Problem]:
    """Problems in single rows: missing values, unknown names, bad timestamps, outcomes."""
    problems: list[Problem] = []
    for check in _ROW_CHECKS:
        column = identifier(check.column)
        found = connection.execute(
            f"SELECT row, {column} FROM {view} WHERE {check.where} "
            f"ORDER BY row LIMIT {MAX_LISTED + 1}"
        ).fetchall()
        for row, value in found[:MAX_LISTED]:
            problems.append(Problem(place(row, check.column), check.sv(value), check.en(value)))
        if len(found) > MAX_LISTED:
            (total,) = connection.execute(
                f"SELECT count(*) FROM {view} WHERE {check.where}"
            ).fetchone() or (0,)
            problems.append(_more(total - MAX_LISTED, place(found[MAX_LISTED][0], check.column)))
    return problems


@dataclass(frozen=True)
class _CaseCheck:
    column: str
    cases: str  # selects the offending case_id from the summaries
    rows: str  # given $cases, selects (case_id, rows: list of row numbers) for each of them
    sv: str
    en: str


# Two passes over the log summarise every case; each check then reads the small summaries, and
# only the few cases it lists go back to the rows.
_ONCE_FLAGS = ",\n".join(
    f"      min(ts) FILTER (event = '{e}') <> max(ts) FILTER (event = '{e}') AS twice_{i}"
    for i, e in enumerate(ONCE_PER_CASE)
)
_SUMMARIES_SQL = (
    f"""
    CREATE OR REPLACE TEMP TABLE case_summary AS
    SELECT case_id,
      min(unit) <> max(unit) AS two_units,
      min(reporter) <> max(reporter) AS two_reporters,
      min(ts) FILTER (event = 'report_received') AS received,
      min(ts) FILTER (event = 'preassessment_decided') AS decided,
      min(ts) FILTER (event = 'investigation_opened') AS opened,
      min(ts) FILTER (event = 'investigation_closed') AS closed,
{_ONCE_FLAGS}
    FROM {{v}} WHERE case_id IS NOT NULL GROUP BY case_id
    """,
    """
    CREATE OR REPLACE TEMP TABLE duplicate_cases AS
    SELECT DISTINCT case_id FROM {v}
    WHERE case_id IS NOT NULL AND event IS NOT NULL AND ts IS NOT NULL
    GROUP BY case_id, event, ts HAVING count(*) > 1
    """,
)


def _rows_of(where: str, window: str = "true") -> str:
    return (
        "SELECT case_id, list(row ORDER BY row) FROM ("
        f"  SELECT case_id, row, {window} AS keep FROM {{v}} "
        f"  WHERE list_contains($cases, case_id) AND {where}"
        ") WHERE keep GROUP BY case_id"
    )


def _first_rows(first: str, second: str) -> str:
    return (
        f"SELECT case_id, [min(row) FILTER (event = '{first}'), "
        f"min(row) FILTER (event = '{second}')] FROM {{v}} "
        "WHERE list_contains($cases, case_id) GROUP BY case_id"
    )


_CASE_CHECKS: tuple[_CaseCheck, ...] = (
    _CaseCheck(
        "event",
        "SELECT case_id FROM duplicate_cases",
        _rows_of("ts IS NOT NULL", "count(*) OVER (PARTITION BY case_id, event, ts) > 1"),
        "samma händelse med samma tidpunkt finns flera gånger (rader {rows})",
        "the same event at the same time appears more than once (rows {rows})",
    ),
    _CaseCheck(
        "event",
        "SELECT case_id FROM case_summary WHERE "
        + " OR ".join(f"twice_{i}" for i in range(len(ONCE_PER_CASE))),
        _rows_of(
            f"event IN {literal_list(ONCE_PER_CASE)}",
            "min(ts) OVER (PARTITION BY case_id, event) "
            "<> max(ts) OVER (PARTITION BY case_id, event)",
        ),
        "händelsen får bara förekomma en gång per ärende (rader {rows})",
        "this event may occur only once per case (rows {rows})",
    ),
    _CaseCheck(
        "unit",
        "SELECT case_id FROM case_summary WHERE two_units",
        _rows_of("true"),
        "ärendet ligger på flera enheter (rader {rows}); ett ärende hör till en enhet",
        "the case is in more than one unit (rows {rows}); a case belongs to one unit",
    ),
    _CaseCheck(
        "reporter",
        "SELECT case_id FROM case_summary WHERE two_reporters",
        _rows_of("reporter IS NOT NULL"),
        "ärendet har flera anmälartyper (rader {rows})",
        "the case has more than one reporter type (rows {rows})",
    ),
    _CaseCheck(
        "timestamp",
        "SELECT case_id FROM case_summary WHERE closed < opened",
        _first_rows("investigation_closed", "investigation_opened"),
        "utredningen avslutas innan den inleds (avslut och start på rader {rows})",
        "the investigation is closed before it was opened (close and open on rows {rows})",
    ),
    _CaseCheck(
        "event",
        "SELECT case_id FROM case_summary WHERE closed IS NOT NULL AND opened IS NULL",
        _rows_of("event = 'investigation_closed'"),
        "utredningen avslutas men inleds aldrig i loggen (rad {rows})",
        "the investigation is closed but never opened in the log (row {rows})",
    ),
    _CaseCheck(
        "timestamp",
        "SELECT case_id FROM case_summary WHERE decided < received",
        _first_rows("preassessment_decided", "report_received"),
        "förhandsbedömningen är beslutad innan anmälan kom in "
        "(beslut och anmälan på rader {rows})",
        "the pre-assessment is decided before the report was received "
        "(decision and report on rows {rows})",
    ),
)


def case_problems(
    connection: duckdb.DuckDBPyConnection, view: str, place: Callable[[int, str], Place]
) -> list[Problem]:
    """Problems across the rows of a case: duplicates, order of events, unit and reporter."""
    for sql in _SUMMARIES_SQL:
        connection.execute(sql.format(v=view))
    problems: list[Problem] = []
    for check in _CASE_CHECKS:
        (total,) = connection.execute(f"SELECT count(*) FROM ({check.cases})").fetchone() or (0,)
        if not total:
            continue
        cases = [c for (c,) in connection.execute(
            f"SELECT case_id FROM ({check.cases}) ORDER BY case_id LIMIT {MAX_LISTED}"
        ).fetchall()]
        found = connection.execute(
            f"SELECT * FROM ({check.rows.format(v=view)}) AS found(case_id, rows) "
            "ORDER BY rows[1]",
            {"cases": cases},
        ).fetchall()
        for case_id, rows in found:
            listed = ", ".join(str(r) for r in rows)
            problems.append(
                Problem(
                    _with_key(place(rows[0], check.column), case_id),
                    check.sv.format(rows=listed),
                    check.en.format(rows=listed),
                )
            )
        if total > MAX_LISTED:
            problems.append(
                Problem(
                    place(found[-1][1][0], check.column),
                    f"… och {total - MAX_LISTED} fler ärenden med samma fel",
                    f"… and {total - MAX_LISTED} more cases with the same problem",
                )
            )
    connection.execute("DROP TABLE case_summary")
    connection.execute("DROP TABLE duplicate_cases")
    return problems


def _with_key(place: Place, case_id: str) -> Place:
    return Place(place.file, place.sheet, place.row, place.column, f"case_id {_short(case_id)}")
