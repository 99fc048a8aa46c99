"""Every view of one log, suppressed together: what the command line, the pages and every
download call, so that no combination of them reveals more than each one alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from samverkan.followup.comparison import UnitComparison, compare_units
from samverkan.followup.indicators import By, IndicatorTable, Period, compute_indicators
from samverkan.followup.suppression import THRESHOLD, Audit, SuppressedTable, View, suppress_family
from samverkan.formats.eventlog import EventLog

__all__ = ["VIEWS", "all_views", "suppressed_views", "compare_log"]

# Everything the product offers for a log: both breakdowns, every period length.
VIEWS: tuple[View, ...] = tuple((by, period) for by in By for period in Period)


def all_views(log: EventLog, *, as_of: dt.date | None = None) -> dict[View, IndicatorTable]:
    """The indicator table of every view, all on the same day."""
    if as_of is None:
        as_of = log.span()[1]
    return {(by, period): compute_indicators(log, by=by, period=period, as_of=as_of)
            for by, period in VIEWS}


def suppressed_views(log: EventLog, *, as_of: dt.date | None = None,
                     threshold: int = THRESHOLD,
                     audit: Audit | None = None, seconds: float | None = None,
                     progress: Callable[[Audit], None] | None = None,
                     ) -> dict[View, SuppressedTable]:
    """Every view as it may be shown, hidden with one pattern for the whole family.

    No time limit by default: the command line waits as long as the user does."""
    return suppress_family(all_views(log, as_of=as_of), threshold=threshold, audit=audit,
                           seconds=seconds, progress=progress)


def compare_log(log: EventLog, *, by: By = By.unit, period: Period = Period.quarter,
                as_of: dt.date | None = None,
                progress: Callable[[Audit], None] | None = None) -> UnitComparison:
    """One view of the log, compared across units, hidden as the whole family requires."""
    suppressed = suppressed_views(log, as_of=as_of, progress=progress)[(by, period)]
    return compare_units(suppressed.source, suppressed=suppressed)
