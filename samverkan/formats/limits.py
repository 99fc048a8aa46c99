"""The hard limits on what the product reads, and the short form of a value quoted in a message.

Each limit keeps a single file from holding a server worker for long or filling its memory;
each is far above what a real case or a municipality's event log needs, and each is named in
the README. A file beyond a limit is refused whole with a message that states the limit.
"""

from __future__ import annotations

import reprlib
from typing import Any

__all__ = [
    "MAX_UPLOAD_BYTES",
    "MAX_CASE_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_WORKBOOK_CELLS",
    "MAX_NESTING",
    "MAX_EXPANDED_NODES",
    "MAX_TASKS",
    "MAX_LIST_ITEMS",
    "MAX_TEMPLATE_ROWS",
    "MAX_TEMPLATE_COLUMNS",
    "MAX_EVENT_ROWS",
    "MAX_EVENT_COLUMNS",
    "MAX_FILE_NAME_BYTES",
    "MAX_QUOTED_CHARS",
    "quote",
    "thousands",
]

# Any uploaded file (case or event log).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A case file in YAML or JSON: the largest shipped case is a few kilobytes.
MAX_CASE_FILE_BYTES = 2 * 1024 * 1024
# What an Excel file (a zip archive) may unpack to in all; a workbook within the cell limit
# below unpacks to a few tens of megabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# Cells holding something, in all the sheets of an Excel file read. openpyxl reads some tens of
# thousands of cells a second, so this keeps an Excel file within seconds: the Excel template
# needs a few thousand, an Excel event log seven per event (a larger log goes in as CSV, which
# is read a hundred times faster).
MAX_WORKBOOK_CELLS = 150_000
# Lists inside lists inside mappings: a case file needs six levels.
MAX_NESTING = 40
# A YAML document as it reads once every alias is written out; a case with the largest number
# of tasks allowed, each with a few people, stays far below it.
MAX_EXPANDED_NODES = 200_000
# Tasks in one case, and items in any other list of a case (organisations, roles, steps,
# people in a task).
MAX_TASKS = 2_000
MAX_LIST_ITEMS = 2_000
# Rows and columns of one sheet of the Excel case template.
MAX_TEMPLATE_ROWS = 10_000
MAX_TEMPLATE_COLUMNS = 100
# Rows (events) and columns of an event log.
MAX_EVENT_ROWS = 1_000_000
MAX_EVENT_COLUMNS = 100
# A file name, as most file systems allow.
MAX_FILE_NAME_BYTES = 255
# A value of the user's shown back in a message.
MAX_QUOTED_CHARS = 40


def quote(value: Any, limit: int = MAX_QUOTED_CHARS) -> str:
    """A value as a message may show it: at most `limit` characters, cut with an ellipsis.

    A message repeats what the user wrote so that it can be found; a long value (or one a file
    made long on purpose) would only make the message unreadable and the error page huge.
    """
    # reprlib stops early in a large list or mapping: the whole would never be shown anyway.
    text = value if isinstance(value, str) else reprlib.repr(value) if isinstance(
        value, list | dict | tuple | set) else str(value)
    text = " ".join(text[: limit * 4].split())  # one line, however the value was laid out
    return text if len(text) <= limit else text[: limit - 1] + "…"


def thousands(number: int) -> str:
    """A whole number with a space between thousands, as Swedish (and SI) writes it."""
    return f"{number:,}".replace(",", " ")
