"""The identity-number guard: no personal identity number is ever stored, shown or logged.

A Swedish personal identity number (personnummer) or coordination number (samordningsnummer,
the day plus 60) is 10 or 12 digits — `YYMMDD-NNNC`, `YYMMDD+NNNC`, `YYMMDDNNNC`,
`YYYYMMDD-NNNC` or `YYYYMMDDNNNC` — with a valid date and a valid Luhn check digit. People and
systems write it in many more ways than that: with a space, a no-break space, an en dash or a
dot between date and serial, with a soft hyphen or a zero-width space somewhere inside, with
full-width or Arabic-Indic digits. Every text is therefore normalised before it is checked
(`normalised`): NFKC, every decimal digit as its ASCII digit, format and control characters
removed, spaces, dashes, dots, slashes and underscores read as `-`.

Any such number anywhere — alone or inside a longer text, in a cell, a header, a sheet name, an
XES key, a file name or a name typed into a form — refuses the whole input. Problems name the
place but never the value: repeating the number in an error message, a log file or a screen
would leak exactly what the guard exists to keep out.

Numbers that merely look like one — a pseudonym of ten digits whose check digit fails, or a
date that does not exist — pass, so that numeric pseudonyms keep working.

Three ways in, one check behind them all (`holds_identity_number`):
- `identity_number_places` for the cells of an event log held in DuckDB;
- `identity_number_paths` for a parsed document (a case file, any nested data);
- `refuse_identity_numbers` for the free-text fields of anything about to be stored.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

import duckdb
from personnummer.personnummer import Personnummer, PersonnummerException

from samverkan.errors import IdentityNumberInTextError, Place, Problem
from samverkan.formats.sql_text import identifier

__all__ = [
    "PREFILTER_PATTERN",
    "PROBLEM_SV",
    "PROBLEM_EN",
    "normalised",
    "is_identity_number",
    "holds_identity_number",
    "identity_number_places",
    "identity_number_paths",
    "refuse_identity_numbers",
    "redacted",
]

PROBLEM_SV: Final = "innehåller ett personnummer eller samordningsnummer (värdet visas inte)"
PROBLEM_EN: Final = "holds a personal identity or coordination number (the value is not shown)"

# Characters read as the separator between date and serial, besides every space and dash.
_SEPARATORS: Final = frozenset("._/\u00b7\u2027\u2022\u2219\u2212\u30fb")
# Characters that carry no digit and no separation: removed before the check.
_INVISIBLE: Final = frozenset({"Cf", "Cc", "Mn", "Me"})


class _Normalisation(dict[int, str | None]):
    """`str.translate` table built as characters are met: each is classified once."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        result: str | None
        if category == "Nd":
            result = str(unicodedata.decimal(char))
        elif char.isspace() or category == "Pd" or char in _SEPARATORS:
            result = "-"
        elif category in _INVISIBLE:
            result = None
        else:
            result = char
        self[code] = result
        return result


_TABLE: Final = _Normalisation()


def normalised(text: str) -> str:
    """`text` as the guard reads it: NFKC, ASCII digits, separators as `-`, no invisibles."""
    if text.isascii() and text.isprintable():
        # The common case, and the one DuckDB's pre-filter passes on: no table needed.
        return re.sub(r"[ ._/]", "-", text)
    return unicodedata.normalize("NFKC", text).translate(_TABLE)


# Digits not glued to other digits: 12 (with a plausible century) or 10, with up to three
# separators between date and serial ("191212 - 1212").
_CANDIDATE = re.compile(r"(?<![0-9])((?:18|19|20)?[0-9]{6})([-+]{0,3})([0-9]{4})(?![0-9])")

# A number read aloud or copied from a grouped form: pairs or groups of four digits with a
# separator between every group ("12 12 12-12 12", "1912 1212 1212"). Three or more groups;
# two are the date and serial `_CANDIDATE` finds. Groups of three ("070 123 45 67", a phone
# number) are not read this way.
_GROUPED = re.compile(
    r"(?<![0-9])[0-9]{2}(?:[0-9]{2})?(?:-{1,3}[0-9]{2}(?:[0-9]{2})?){2,}(?![0-9])"
)
_GROUP = re.compile(r"[0-9]+")


def _grouped_spans(text: str) -> list[tuple[int, int]]:
    """Spans in normalised `text` of consecutive digit groups that together are a valid number,
    the serial's four digits being whole groups at the end."""
    spans: list[tuple[int, int]] = []
    for run in _GROUPED.finditer(text):
        groups = [(g.start(), g.end(), g.group()) for g in _GROUP.finditer(run.group())]
        offset = run.start()
        for first in range(len(groups)):
            digits = ""
            for last in range(first, len(groups)):
                digits += groups[last][2]
                if len(digits) > 12:
                    break
                if len(digits) not in (10, 12) or last == first:
                    continue
                serial = "".join(g[2] for g in groups[last - (2 if len(groups[last][2]) == 2
                                                                  else 1) + 1:last + 1])
                if len(serial) == 4 and _valid(digits[:-4], "-", digits[-4:]):
                    spans.append((offset + groups[first][0], offset + groups[last][1]))
    return spans


# DuckDB's cheap pre-filter, a superset of what `holds_identity_number` flags: any character
# outside printable ASCII (which needs the full normalisation), or the candidate pattern over
# printable ASCII with the ASCII separators. RE2 has no look-behind, hence the alternatives.
PREFILTER_PATTERN: Final = (
    r"[^ -~]|(?:^|[^0-9])(?:18|19|20)?[0-9]{6}[-+ ._/]{0,3}[0-9]{4}(?:[^0-9]|$)"
    r"|(?:^|[^0-9])[0-9]{2}(?:[0-9]{2})?(?:[ ._/-]{1,3}[0-9]{2}(?:[0-9]{2})?){2,}(?:[^0-9]|$)"
)


def is_identity_number(text: str) -> bool:
    """True when `text` is, as a whole, a valid identity or coordination number as written."""
    try:
        Personnummer(text)
    except (PersonnummerException, ValueError):
        return False
    return True


@functools.lru_cache(maxsize=65_536)
def _valid(date: str, sign: str, serial: str) -> bool:
    if len(date) == 8:
        if is_identity_number(date + serial):
            return True
        # Also read as its 10-digit tail, so that a valid number behind a wrong century is
        # not let through.
        date = date[2:]
    # Ten digits leave the century open: a `+` (over a hundred years old) or a `-` decide which
    # year a 29 February falls in, so either reading that is valid counts.
    signs = (sign,) if sign == "+" else ("-", "+")
    return any(is_identity_number(f"{date}{s}{serial}") for s in signs)


def holds_identity_number(value: object) -> bool:
    """True when `value` (text, or a whole number) holds an identity number anywhere."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if not value.is_integer():
            return False
        text = str(int(value))
    elif isinstance(value, str):
        if len(value) < 10:  # ten digits take at least ten characters, in any script
            return False
        text = normalised(value)
    else:
        return False
    for match in _CANDIDATE.finditer(text):
        date, separators, serial = match.groups()
        if _valid(date, "+" if "+" in separators else "-", serial):
            return True
    return bool(_grouped_spans(text))


def identity_number_places(
    connection: duckdb.DuckDBPyConnection, table: str, columns: Iterable[str]
) -> list[tuple[int, str]]:
    """(row, column) of every cell of `table` that holds an identity number, in row order.

    `table` has a BIGINT column `row` and VARCHAR columns `columns`. DuckDB keeps only the cells
    that could hold one; each distinct such value is then checked exactly in Python.
    """
    places: list[tuple[int, str]] = []
    for column in columns:
        name = identifier(column)
        # A cell shorter than ten bytes cannot hold ten digits; the length is far cheaper
        # to read than the pattern is to run.
        suspects = connection.execute(
            f"SELECT DISTINCT {name} FROM {table} "
            f"WHERE strlen({name}) >= 10 AND regexp_matches({name}, ?)",
            [PREFILTER_PATTERN],
        ).fetchall()
        flagged = [value for (value,) in suspects if holds_identity_number(value)]
        if not flagged:
            continue
        rows = connection.execute(
            f"SELECT row FROM {table} WHERE list_contains(?, {name}) ORDER BY row",
            [flagged],
        ).fetchall()
        places.extend((row, column) for (row,) in rows)
    places.sort()
    return places


KeyPath = tuple[str | int, ...]


def identity_number_paths(data: object, at: KeyPath = ()) -> list[tuple[KeyPath, bool]]:
    """Where a parsed document holds an identity number: (key path, whether it is in a key).

    For a number in a key, the path is that of the mapping holding the key: the key itself
    must never be shown.
    """
    found: list[tuple[KeyPath, bool]] = []
    if isinstance(data, Mapping):
        for key, value in data.items():
            if holds_identity_number(key):
                found.append((at, True))
                continue
            found.extend(identity_number_paths(value, (*at, str(key))))
    elif isinstance(data, list | tuple):
        for index, item in enumerate(data):
            found.extend(identity_number_paths(item, (*at, index)))
    elif holds_identity_number(data):
        found.append((at, False))
    return found


def refuse_identity_numbers(fields: Mapping[str, object] | Iterable[tuple[str, object]]) -> None:
    """Raise IdentityNumberInTextError naming every field whose text holds an identity number.

    `fields` maps what the user calls a field ("namn / name") to what is about to be stored in
    it; nested values (lists, mappings) are searched whole. Call it before anything is written.
    """
    items = fields.items() if isinstance(fields, Mapping) else fields
    problems = [
        Problem(Place(key=label), PROBLEM_SV, PROBLEM_EN)
        for label, value in items
        if identity_number_paths(value)
    ]
    if problems:
        raise IdentityNumberInTextError(problems)


def redacted(text: str, marker: str = "[…]") -> str:
    """`text` with every identity number in it replaced by `marker`, the rest kept as written.

    For giving a person back what they typed without the number: each character is normalised
    on its own, so that a match in the normalised text maps back to the characters written.
    """
    if not holds_identity_number(text):
        return text
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for out in unicodedata.normalize("NFKC", char).translate(_TABLE):
            chars.append(out)
            origin.append(index)
    normal = "".join(chars)
    found = [
        (match.start(), match.end())
        for match in _CANDIDATE.finditer(normal)
        if _valid(match.group(1), "+" if "+" in match.group(2) else "-", match.group(3))
    ] + _grouped_spans(normal)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):  # overlapping finds become one
        if spans and origin[start] < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], origin[end - 1] + 1))
        else:
            spans.append((origin[start], origin[end - 1] + 1))
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces += [text[last:start], marker]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
