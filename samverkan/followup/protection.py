"""A log's small-count protection as data that can be kept with the log.

Working out which figures to hide for the whole family of views takes seconds on a large log,
and the answer never changes for a stored log: it is worked out once (`protect`), kept as plain
JSON-ready data — the day the views are computed for and every figure hidden for another's
sake — and every page and download is built from it (`protected_views`). The primary
suppression ("<5", a share on fewer than five cases) is recomputed from the log, which is cheap
and the same every time; only the secondary pattern, the costly part, is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from samverkan.followup.family import all_views
from samverkan.followup.indicators import By, Period
from samverkan.followup.suppression import (
    PROTECTION_SECONDS,
    THRESHOLD,
    Audit,
    Shown,
    Status,
    SuppressedTable,
    View,
    primary_cells,
    suppress_family,
)
from samverkan.formats.eventlog import EventLog

__all__ = ["VERSION", "protect", "protected_views", "progress_data"]

# Raised whenever the way figures are chosen changes, so that kept patterns are worked out again.
VERSION: Final = 4


def _name(view: View) -> str:
    return f"{view[0].value}/{view[1].value}"


def protect(log: EventLog, *, as_of: dt.date | None = None, threshold: int = THRESHOLD,
            seconds: float | None = PROTECTION_SECONDS,
            progress: Callable[[Audit], None] | None = None) -> dict[str, Any]:
    """The log's protection, worked out over every view at once, as JSON-ready data.

    Raises `ProtectionTooSlowError` past `seconds`; `progress` is told the audit after every
    round (see `progress_data`)."""
    tables = all_views(log, as_of=as_of)
    views = suppress_family(tables, threshold=threshold, seconds=seconds, progress=progress)
    day = next(iter(tables.values())).as_of
    return {
        "version": VERSION,
        "as_of": day.isoformat(),
        "threshold": threshold,
        "views": {
            _name(view): sorted([*place, shown.status.value]
                                for place, shown in suppressed.cells.items()
                                if shown.status is Status.SECONDARY)
            for view, suppressed in views.items()
        },
    }


def progress_data(audit: Audit) -> dict[str, Any]:
    """How far the protection has come, as JSON-ready data: what the command line's progress
    bar and the web page's progress region both show."""
    return {"rounds": audit.rounds, "programs": audit.programs, "open": audit.open,
            "seconds": round(audit.seconds, 1)}


def protected_views(log: EventLog, data: Any) -> dict[View, SuppressedTable] | None:
    """Every view as it may be shown, from kept data; None when the data does not fit the log
    (kept by an older version, or for other figures), so that it is worked out again."""
    try:
        if data.get("version") != VERSION:
            return None
        as_of = dt.date.fromisoformat(data["as_of"])
        threshold = int(data["threshold"])
        tables = all_views(log, as_of=as_of)
        found: dict[View, SuppressedTable] = {}
        for view, table in tables.items():
            cells: dict[tuple[str, str, str], Shown] = primary_cells(table, threshold)
            for period, indicator, group, status in data["views"][_name(view)]:
                place = (period, indicator, group)
                if place not in cells:
                    return None
                cells[place] = Shown(Status(status))
            found[view] = SuppressedTable(table, cells, threshold)
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    if set(found) != {(by, period) for by in By for period in Period}:
        return None
    return found
