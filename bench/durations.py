"""How long cases take from their first to their last event, and the monthly medians per unit.

These are the throughput figures process-mining tools give first, measured by `followup.py`
against PM4Py and a hand-written query on the product's checked event log (the product's own
indicators, in `samverkan.followup.indicators`, answer the legal questions). Timestamps are
sorted by DuckDB inside each case, so the order of the rows in the file does not matter (an
unsorted export is the usual case).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from samverkan.formats.eventlog import EventLog

__all__ = ["DURATIONS_TABLE", "CaseDurations", "case_durations", "monthly_median_durations"]

DURATIONS_TABLE = "case_duration"  # kept in the log's own database once worked out

_DURATIONS_SQL = """
SELECT case_id, any_value(unit) AS unit, min(ts) AS first_ts,
       epoch(max(ts) - min(ts)) / 86400.0 AS days
FROM events GROUP BY case_id
"""


@dataclass(frozen=True)
class CaseDurations:
    case_ids: np.ndarray
    units: np.ndarray
    days: np.ndarray  # first to last event, in days (fractions for timed events)


def _per_case(log: EventLog) -> str:
    # A checked log never changes, so the per-case figures are worked out once and kept beside
    # the events for every later question about durations.
    log.connection.execute(f"CREATE TABLE IF NOT EXISTS {DURATIONS_TABLE} AS {_DURATIONS_SQL}")
    return DURATIONS_TABLE


def case_durations(log: EventLog) -> CaseDurations:
    """Each case's duration from its first to its last event."""
    # Only the columns kept: turning every case's first timestamp into numpy costs a third more.
    columns = log.connection.execute(
        f"SELECT case_id, unit, days FROM {_per_case(log)}"
    ).fetchnumpy()
    return CaseDurations(columns["case_id"], columns["unit"], columns["days"])


def monthly_median_durations(log: EventLog) -> list[tuple[str, str, float]]:
    """(unit, month of the case's first event, median duration in days), sorted."""
    rows = log.connection.execute(
        f"SELECT unit, strftime(first_ts, '%Y-%m') AS start_month, median(days) "
        f"FROM {_per_case(log)} GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    return [(str(unit), str(month), float(days)) for unit, month, days in rows]
