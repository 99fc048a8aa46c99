"""Durations from first to last event per case, and the monthly medians per unit, by hand."""

from __future__ import annotations

import numpy as np
from pytest import approx

from samverkan.followup.durations import case_durations, monthly_median_durations
from samverkan.formats.eventlog import event_log_from_rows

# case, unit, event, timestamp — out of order on purpose, as exports often are.
ROWS = [
    ("a", "Norr", "preassessment_decided", "2024-01-15", "not_opened"),
    ("a", "Norr", "report_received", "2024-01-05", ""),
    ("b", "Norr", "report_received", "2024-01-20", ""),
    ("b", "Norr", "preassessment_decided", "2024-01-21T12:00:00", "not_opened"),
    ("c", "Norr", "report_received", "2024-02-01", ""),
    ("c", "Norr", "preassessment_decided", "2024-02-29", "not_opened"),  # a leap day
    ("d", "Söder", "report_received", "2024-01-31", ""),
    ("d", "Söder", "preassessment_decided", "2024-01-31", "not_opened"),
]


def _log():
    columns = list(zip(*ROWS, strict=True))
    names = ["case_id", "unit", "event", "timestamp", "outcome"]
    return event_log_from_rows({n: np.array(c, dtype=object) for n, c in zip(names, columns,
                                                                              strict=True)})


def test_each_case_runs_from_its_first_to_its_last_event():
    durations = case_durations(_log())
    days = dict(zip(durations.case_ids, durations.days, strict=True))
    assert days == {"a": 10.0, "b": approx(1.5), "c": 28.0, "d": 0.0}
    assert dict(zip(durations.case_ids, durations.units, strict=True))["d"] == "Söder"


def test_monthly_medians_by_the_month_of_the_first_event_and_stable_when_asked_again():
    log = _log()
    expected = [("Norr", "2024-01", approx((10.0 + 1.5) / 2)), ("Norr", "2024-02", 28.0),
                ("Söder", "2024-01", 0.0)]
    assert monthly_median_durations(log) == expected
    # Asked again, and after the per-case durations, the answer is the same.
    case_durations(log)
    assert monthly_median_durations(log) == expected
