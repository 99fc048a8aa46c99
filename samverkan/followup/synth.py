"""Synthetic event logs for demonstrations, tests and benchmarks — no real child behind them.

Each unit has its own habits (how fast it decides pre-assessments, how often it opens an
investigation, holds report meetings and gives feedback, how long investigations take), so that
a comparison between units has something to show. Reports come in evenly over `years` from
`start`; events after the end of that window are not written, as in a real extract taken on a
given day, so the newest cases are still open.

Everything is drawn with numpy at once and turned into text by DuckDB, so a log of ten million
events takes seconds.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np

from samverkan.formats.eventlog import EventLog
from samverkan.formats.eventlog_schema import EVENTS, OUTCOMES, REPORTERS

__all__ = ["UNIT_NAMES", "synthetic_log"]

UNIT_NAMES = ("Norr", "Söder", "Öster", "Väster", "Centrum", "Hamnen", "Skogen", "Dalen")
_REPORTER_SHARES = (0.32, 0.08, 0.25, 0.15, 0.20)  # school, preschool, police, health, other
_SCHOOLS = 40


def _unit_names(units: int) -> list[str]:
    return [UNIT_NAMES[i] if i < len(UNIT_NAMES) else f"Enhet {i + 1}" for i in range(units)]


def synthetic_log(
    *,
    cases: int,
    units: int = 8,
    seed: int = 0,
    start: dt.date = dt.date(2024, 1, 1),
    years: float = 2.0,
) -> EventLog:
    """A plausible, pseudonymised event log of `cases` reports handled by `units` units."""
    if cases < 1 or units < 1:
        raise ValueError("cases and units must be at least 1")
    rng = np.random.default_rng(seed)
    span = int(round(365.25 * years))
    n = cases

    unit = rng.integers(0, units, n)
    # Habits per unit, spread so that units differ visibly but plausibly.
    habit = rng.random((5, units))
    pre_mean = 6.0 + 12.0 * habit[0]  # mean days to pre-assessment
    open_share = 0.25 + 0.25 * habit[1]
    meeting_share = 0.2 + 0.6 * habit[2]
    feedback_share = 0.3 + 0.6 * habit[3]
    inv_median = 85.0 + 60.0 * habit[4]  # median investigation days

    received = rng.integers(0, span, n)
    reporter = rng.choice(len(REPORTERS), n, p=_REPORTER_SHARES)
    school = np.where(reporter == 0, rng.integers(1, _SCHOOLS + 1, n), 0)
    decided = received + np.rint(rng.gamma(2.0, pre_mean[unit] / 2.0)).astype(np.int64)
    opened_flag = rng.random(n) < open_share[unit]
    already_open = ~opened_flag & (rng.random(n) < 0.05)
    meeting_flag = (reporter == 0) & (rng.random(n) < meeting_share[unit])
    meeting = received + rng.integers(1, 10, n)
    feedback_flag = rng.random(n) < feedback_share[unit]
    feedback = decided + rng.integers(0, 8, n)
    opened = decided + rng.integers(0, 3, n)
    duration = np.rint(inv_median[unit] * rng.lognormal(0.0, 0.3, n)).astype(np.int64)
    closed = opened + duration
    extended_flag = opened_flag & (duration > 120) & (rng.random(n) < 0.7)
    extended = opened + 110
    intervention_flag = opened_flag & (rng.random(n) < 0.2)
    intervention = opened + (rng.random(n) * duration).astype(np.int64)
    close_outcome = (rng.random(n) < 0.55).astype(np.int64)  # 0 intervention, 1 no_intervention
    evaluation_flag = opened_flag & (rng.random(n) < 0.3)
    evaluation = closed + rng.integers(1, 15, n)
    pre_outcome = np.where(opened_flag, 0, np.where(already_open, 2, 1))

    # (event, case mask, day, outcome index or -1)
    index = {name: i for i, name in enumerate(EVENTS)}
    parts = [
        ("report_received", np.ones(n, bool), received, None),
        ("report_meeting_held", meeting_flag, meeting, None),
        ("preassessment_decided", np.ones(n, bool), decided, pre_outcome),
        ("feedback_to_reporter", feedback_flag, feedback, None),
        ("investigation_opened", opened_flag, opened, None),
        ("investigation_extended", extended_flag, extended, None),
        ("intervention_during_investigation", intervention_flag, intervention, None),
        ("investigation_closed", opened_flag, closed, close_outcome),
        ("evaluation_with_reporter", evaluation_flag, evaluation, None),
    ]
    case_ids, events, days, outcomes = [], [], [], []
    for name, mask, day, outcome in parts:
        keep = mask & (day < span)  # the extract is taken on the last day of the window
        case_ids.append(np.flatnonzero(keep))
        events.append(np.full(int(keep.sum()), index[name], dtype=np.int64))
        days.append(day[keep])
        outcomes.append(np.full(int(keep.sum()), -1) if outcome is None else outcome[keep])
    case_index = np.concatenate(case_ids)
    columns = {
        "case_index": case_index,
        "unit_index": unit[case_index],
        "event_index": np.concatenate(events),
        "day": np.concatenate(days),
        "outcome_index": np.concatenate(outcomes),
        "reporter_index": reporter[case_index],
        "school_number": school[case_index],
    }
    return _to_event_log(columns, _unit_names(units), start, cases)


def _to_event_log(
    columns: dict[str, np.ndarray], unit_names: list[str], start: dt.date, cases: int
) -> EventLog:
    connection = duckdb.connect()
    connection.register("drawn", columns)
    width = len(str(cases))
    outcome_names = {
        index: list(OUTCOMES[name])
        for index, name in enumerate(EVENTS) if name in OUTCOMES
    }
    outcome_sql = " ".join(
        f"WHEN event_index = {i} THEN {names!r}[outcome_index + 1]"
        for i, names in outcome_names.items()
    )
    connection.execute(
        f"""
        CREATE TABLE events AS
        SELECT row_number() OVER (ORDER BY case_index, day, event_index) + 1 AS row,
               'c' || lpad(case_index::VARCHAR, {width}, '0') AS case_id,
               $units[unit_index + 1] AS unit,
               $events[event_index + 1] AS event,
               (DATE '{start.isoformat()}' + day::INTEGER)::TIMESTAMP AS ts,
               $reporters[reporter_index + 1] AS reporter,
               CASE WHEN school_number > 0
                    THEN 'skola-' || lpad(school_number::VARCHAR, 2, '0') END AS school,
               CASE {outcome_sql} END AS outcome
        FROM drawn
        """,
        {"units": unit_names, "events": list(EVENTS), "reporters": list(REPORTERS)},
    )
    connection.unregister("drawn")
    return EventLog(connection, source="synthetic")
