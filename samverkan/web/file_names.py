"""The name of an uploaded file as the product may show and store it.

A file's name is the user's text, reached by a route no form field checks: it can hold control
and bidi characters and be of any length. Before it is shown on a page or written into a
version's summary and the audit trail it is cleaned, shortened, and dropped altogether if it
holds an identity number (the upload forms refuse such a name; this is the last guard).
"""

from __future__ import annotations

import unicodedata
from typing import Final

from samverkan.formats.identity_numbers import holds_identity_number

__all__ = ["MAX_SHOWN_FILE_NAME", "shown_file_name"]

# Long enough to recognise a file, short enough to sit in a history line beside its text.
MAX_SHOWN_FILE_NAME: Final = 80


def shown_file_name(name: str) -> str:
    """`name` without control, format or bidi characters, spaces collapsed, at most
    `MAX_SHOWN_FILE_NAME` characters; "" when nothing is left or it holds an identity number."""
    if holds_identity_number(name):
        return ""
    kept = "".join(
        " " if char.isspace() else char
        for char in name
        if char.isspace() or unicodedata.category(char)[0] != "C"
    )
    text = " ".join(kept.split())
    if len(text) > MAX_SHOWN_FILE_NAME:
        text = text[: MAX_SHOWN_FILE_NAME - 1].rstrip() + "…"
    return text
