"""A whole number as Excel shows it under its cell's number format.

Excel keeps 0501012389 as the number 501012389 and shows the zero only because the cell is
formatted `0000000000` (or `000000-0000`). What a person sees is what a file holds for them, so
whatever checks a cell's text — above all the identity-number guard — must read the padded
form. Only digit placeholders and literal text are rendered; a format with decimals, exponents,
percentages, fractions, thousands separators or dates is left alone, as none of them can turn a
whole number into a longer run of digits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = ["displayed_text", "displayed_whole_number"]

_UNHANDLED = frozenset(".eE%/,@")
_DATE_CODES = frozenset("yYmMdDhHsS")


def _first_section(number_format: str) -> str:
    """The format's part for positive numbers (sections are split by `;` outside quotes)."""
    quoted = False
    for index, char in enumerate(number_format):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            return number_format[:index]
    return number_format


def _tokens(section: str) -> list[tuple[str, str]] | None:
    """('digit', placeholder) and ('text', literal) in order; None when not a plain format."""
    tokens: list[tuple[str, str]] = []
    index = 0
    while index < len(section):
        char = section[index]
        if char == '"':
            end = section.find('"', index + 1)
            end = len(section) if end < 0 else end
            tokens.append(("text", section[index + 1:end]))
            index = end + 1
            continue
        if char == "\\" and index + 1 < len(section):
            tokens.append(("text", section[index + 1]))
            index += 2
            continue
        if char == "[":  # a colour or a condition: shown as nothing
            end = section.find("]", index)
            index = len(section) if end < 0 else end + 1
            continue
        if char in "_*":  # padding to the width of the next character, or a fill
            tokens.append(("text", " " if char == "_" else ""))
            index += 2
            continue
        if char in "0#?":
            tokens.append(("digit", char))
        elif char in _UNHANDLED or char in _DATE_CODES:
            return None
        else:
            tokens.append(("text", char))
        index += 1
    return tokens


def displayed_whole_number(value: int, number_format: str) -> str:
    """`value` as Excel displays it under `number_format`; plain digits when the format is
    General or anything but digit placeholders and literal text.

    >>> displayed_whole_number(501012389, "0000000000")
    '0501012389'
    >>> displayed_whole_number(501012389, '000000"-"0000')
    '050101-2389'
    >>> displayed_whole_number(42, "General")
    '42'
    """
    plain = str(value)
    if not number_format or number_format in ("General", "0", "@"):
        return plain
    tokens = _tokens(_first_section(number_format))
    if tokens is None or not any(kind == "digit" for kind, _ in tokens):
        return plain
    sign, digits = ("-", plain[1:]) if value < 0 else ("", plain)
    slots = [i for i, (kind, _) in enumerate(tokens) if kind == "digit"]
    shown = [text if kind == "text" else "" for kind, text in tokens]
    # Placeholders take the digits from the right; the leftmost one takes all that are left.
    remaining = digits
    for position, slot in enumerate(reversed(slots)):
        placeholder = tokens[slot][1]
        if position == len(slots) - 1:
            taken, remaining = remaining, ""
        else:
            taken, remaining = remaining[-1:], remaining[:-1]
        if taken:
            shown[slot] = taken
        else:
            shown[slot] = {"0": "0", "?": " ", "#": ""}[placeholder]
    return sign + "".join(shown)


def displayed_text(cell: Any) -> str | None:
    """A cell as Excel shows it: a whole number with its number format's zero padding, so that
    501012389 formatted `0000000000` reads 0501012389 as it does on the screen."""
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return displayed_whole_number(value, getattr(cell, "number_format", None) or "General")
    return str(value)
