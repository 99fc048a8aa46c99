"""The identity-number guard: an event log must never hold a personal identity number.

A Swedish personal identity number (personnummer) or coordination number (samordningsnummer,
the day plus 60) is 10 or 12 digits — `YYMMDD-NNNC`, `YYMMDD+NNNC`, `YYMMDDNNNC`,
`YYYYMMDD-NNNC` or `YYYYMMDDNNNC` — with a valid date and a valid Luhn check digit. Any such
value anywhere in a log, alone in a cell or inside a longer text, refuses the whole import. The
problems name the row and the column but never the value: repeating the number in an error
message, a log file or a screen would leak exactly what the guard exists to keep out.

Numbers that merely look like one — a pseudonym of ten digits whose check digit fails, or a
date that does not exist — pass, so that numeric pseudonyms keep working.

Every event-log reader in `samverkan.formats.eventlog` calls `identity_number_places` on the raw
text of every column before it looks at anything else; it is the one way in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb
from personnummer.personnummer import Personnummer, PersonnummerException

from samverkan.formats.eventlog_checks import quoted

__all__ = ["CANDIDATE_PATTERN", "is_identity_number", "identity_number_places"]

# Digits not glued to other digits: 12 (with a plausible century) or 10, separator optional.
# The same pattern runs inside DuckDB as a cheap pre-filter and in Python for the exact check.
CANDIDATE_PATTERN = r"(?:^|[^0-9])((?:18|19|20)?[0-9]{6}[-+]?[0-9]{4})(?:[^0-9]|$)"
_CANDIDATE = re.compile(r"(?<![0-9])((?:18|19|20)?[0-9]{6}[-+]?[0-9]{4})(?![0-9])")


def is_identity_number(text: str) -> bool:
    """True when `text` is, as a whole, a valid identity or coordination number."""
    try:
        Personnummer(text)
    except (PersonnummerException, ValueError):
        return False
    return True


def _holds_identity_number(value: str) -> bool:
    for match in _CANDIDATE.finditer(value):
        candidate = match.group(1)
        if is_identity_number(candidate):
            return True
        # A 12-digit run is also read as its 10-digit tail, so that "19" + a valid 10-digit
        # number with a wrong century is not let through.
        digits = candidate.replace("-", "").replace("+", "")
        if len(digits) == 12 and is_identity_number(digits[2:]):
            return True
    return False


def identity_number_places(
    connection: duckdb.DuckDBPyConnection, table: str, columns: Iterable[str]
) -> list[tuple[int, str]]:
    """(row, column) of every cell of `table` that holds an identity number, in row order.

    `table` has a BIGINT column `row` and VARCHAR columns `columns`. DuckDB keeps only the cells
    that hold a run of ten or twelve digits; each distinct such value is then checked exactly.
    """
    places: list[tuple[int, str]] = []
    for column in columns:
        name = quoted(column)
        # A cell shorter than ten characters cannot hold ten digits; the length is far cheaper
        # to read than the pattern is to run.
        suspects = connection.execute(
            f"SELECT DISTINCT {name} FROM {table} "
            f"WHERE length({name}) >= 10 AND regexp_matches({name}, ?)",
            [CANDIDATE_PATTERN],
        ).fetchall()
        flagged = [value for (value,) in suspects if _holds_identity_number(value)]
        if not flagged:
            continue
        rows = connection.execute(
            f"SELECT row FROM {table} WHERE list_contains(?, {name}) ORDER BY row",
            [flagged],
        ).fetchall()
        places.extend((row, column) for (row,) in rows)
    places.sort()
    return places
