"""What a case may hold: ids safe in a web address, texts a database column holds, numbers in a
sane range, and the one reading of "cases per year" shared by the pages and the command line.

An id becomes part of the address of its page (`/cases/7/tasks/<id>/`), so it may not hold a
`/` or `\\` (a browser reads both as a separator), be `.` or `..` (a browser resolves them away),
or hold control characters. Every text is stored in a database column or a JSON document: NUL
and other control characters, and lone surrogates, are refused because PostgreSQL and UTF-8
refuse them, and a name longer than its column (300 characters) would fail only when saved.
Each number has an upper bound far above any real case, so that `weeks: 1e308` is refused with
the range rather than breaking the timeline or turning every total into infinity.
"""

from __future__ import annotations

import math
import unicodedata

from samverkan.errors import OptionError, Place
from samverkan.formats.limits import thousands

__all__ = [
    "MAX_ID_CHARS",
    "MAX_NAME_CHARS",
    "MAX_NOTE_CHARS",
    "MAX_DESCRIPTION_CHARS",
    "NUMBER_RANGES",
    "MAX_CASES_PER_YEAR",
    "CasesPerYearError",
    "id_problem",
    "text_problem",
    "range_text",
    "parse_cases_per_year",
]

MAX_ID_CHARS = 100
MAX_NAME_CHARS = 300  # the name columns of the database
MAX_NOTE_CHARS = 2_000
MAX_DESCRIPTION_CHARS = 20_000

# The largest value each number of a case may take, with what it counts, in Swedish and English.
# A step of ten years, a task of about ten years of one person's full time, ten thousand people
# in one task, ten million kronor a month, and hours per month within the month's 744 hours.
NUMBER_RANGES: dict[str, tuple[float, str, str]] = {
    "weeks": (520, "veckor", "weeks"),
    "minutes": (1_000_000, "minuter", "minutes"),
    "low": (1_000_000, "minuter", "minutes"),
    "likely": (1_000_000, "minuter", "minutes"),
    "high": (1_000_000, "minuter", "minutes"),
    "people": (10_000, "personer", "people"),
    "fte": (100, "andel av heltid", "share of full time"),
    "occasions": (10_000, "tillfällen", "occasions"),
    "monthly_cost": (10_000_000, "kronor", "kronor"),
    "hours_per_month": (744, "timmar", "hours"),
    "cases_per_year": (1_000_000, "ärenden", "cases"),
    "overhead_share": (10, "(andel)", "(share)"),
    "kronor": (10_000_000_000, "kronor", "kronor"),
    "units": (10_000_000, "enheter", "units"),
    "days": (10_000, "dagar", "days"),
}
MAX_CASES_PER_YEAR = 1_000_000

_URL_SEPARATORS = frozenset("/\\")


def _unsafe_characters(text: str) -> bool:
    """Control characters other than tab and line breaks, or lone surrogates."""
    return any(
        (unicodedata.category(c) == "Cc" and c not in "\t\n\r") or unicodedata.category(c) == "Cs"
        for c in text
    )


def id_problem(value: str) -> tuple[str, str] | None:
    """What makes `value` unusable as an id, in Swedish and English; None when it is fine."""
    if len(value) > MAX_ID_CHARS:
        return (f"ett id får vara högst {MAX_ID_CHARS} tecken långt",
                f"an id may be at most {MAX_ID_CHARS} characters long")
    if any(c in _URL_SEPARATORS for c in value) or value in {".", ".."}:
        return ("ett id får inte innehålla / eller \\ eller vara . eller .. (det blir en del av "
                "sidans adress)",
                "an id may not contain / or \\ or be . or .. (it becomes part of the page's "
                "address)")
    if any(unicodedata.category(c) in {"Cc", "Cs"} for c in value):
        return ("ett id får inte innehålla styrtecken (som tabb, radbrytning eller NUL)",
                "an id may not contain control characters (such as tab, line break or NUL)")
    return None


def text_problem(value: str, limit: int) -> tuple[str, str] | None:
    """What makes `value` unusable as a stored text of at most `limit` characters."""
    if len(value) > limit:
        return (f"texten är {thousands(len(value))} tecken lång; gränsen är {thousands(limit)}",
                f"the text is {thousands(len(value))} characters long; the limit is "
                f"{thousands(limit)}")
    if _unsafe_characters(value):
        return ("texten innehåller styrtecken (som NUL) som inte kan sparas",
                "the text holds control characters (such as NUL) that cannot be stored")
    return None


def range_text(key: str) -> tuple[str, str] | None:
    """'between 0 and 520 weeks' for a bounded number's key, in Swedish and English."""
    if key not in NUMBER_RANGES:
        return None
    high, sv_unit, en_unit = NUMBER_RANGES[key]
    return (f"ska vara mellan 0 och {thousands(int(high))} {sv_unit}",
            f"must be between 0 and {thousands(int(high))} {en_unit}")


class CasesPerYearError(OptionError):
    """A number of cases per year that cannot be used: an option of a command or a page."""

    title_sv = "Antalet ärenden per år kan inte användas"
    title_en = "The number of cases per year cannot be used"


def parse_cases_per_year(text: str | float | None, *, place: Place | None = None) -> float:
    """Cases per year as typed on a page or the command line; 0 means no annual figures.

    Empty or 0 gives 0.0: no annual figures. Otherwise a number from 0 to 1 000 000, with a
    decimal point or comma; anything else (text, a negative number, infinity, NaN, 1e308)
    raises `CasesPerYearError` saying what is allowed.
    """
    allowed_sv = (f"ange ett antal ärenden per år från 0 till {thousands(MAX_CASES_PER_YEAR)} "
                  "(0 eller tomt: inga siffror per år)")
    allowed_en = (f"give a number of cases per year from 0 to {thousands(MAX_CASES_PER_YEAR)} "
                  "(0 or empty: no figures per year)")
    if text is None:
        return 0.0
    if isinstance(text, str):
        cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if not cleaned:
            return 0.0
        try:
            value = float(cleaned.replace(",", "."))
        except ValueError:
            raise CasesPerYearError.single(allowed_sv, allowed_en, place) from None
    else:
        value = float(text)
    if not math.isfinite(value) or not 0 <= value <= MAX_CASES_PER_YEAR:
        raise CasesPerYearError.single(allowed_sv, allowed_en, place)
    # A whole number stays whole, so that a page shows 40 rather than 40.0.
    return int(value) if value.is_integer() else value
