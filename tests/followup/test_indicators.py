"""Every indicator of a small hand-made log, computed by hand (see the comments).

The log (tests/fixtures/eventlogs/hand.csv) is unsorted on purpose. It is taken out on
2024-07-10. Norr's cases all come in during the first quarter of 2024:
  a1 school: in 01-02, meeting, decided 01-16 (14 days: in time), feedback 01-20 (18 days),
     opened 01-16, intervention, closed 05-16 (= due date: in time, 121 days), evaluation
  a2 school: in 01-10, decided 01-25 (15 days: late), opened 01-31 → due 05-31, extended,
     closed 06-15 (136 days: over four months, extended)
  a3 police: in 02-01, decided 02-05 (4 days), not opened, feedback
  a4 school: in 03-30, never decided; due 04-13 has passed → late
  a5 health: in 03-01, decided 03-03 (2 days), opened 03-03 → due 07-03 passed, still open → late
  a6 police: in 03-20, decided 03-22 (2 days), opened 03-22 → due 07-22: not yet due
Söder's cases test calendar months: b1 opened 2023-10-31 → due 2024-02-29 (leap year), closed
that day; b2 opened 2022-10-31 → due 2023-02-28, closed 03-01 (late); b3 opened 2023-01-31 →
due 2023-05-31, closed that day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.followup.indicators import TOTAL, By, Period, compute_indicators
from samverkan.formats.eventlog import read_event_log
from tests.conftest import EVENTLOGS

AS_OF = dt.date(2024, 7, 10)


@pytest.fixture(scope="module")
def quarters():
    return compute_indicators(
        read_event_log(EVENTLOGS / "hand.csv"), period=Period.quarter, as_of=AS_OF
    )


def _value(table, indicator, group="Norr", period="2024-Q1"):
    return table.cell(period, indicator, group).value


@pytest.mark.parametrize(("indicator", "expected"), [
    ("reports_received", 6),
    ("preassessment_within_14_days", 4 / 6),  # a1, a3, a5, a6 of six (a4 overdue counts)
    ("preassessment_not_yet_due", 0),
    ("preassessment_days_median", 4),  # 2, 2, 4, 14, 15
    ("preassessment_days_p90", 14.6),  # 14 + 0.6 × (15 − 14)
    ("share_opened", 4 / 5),  # a1, a2, a5, a6 of five decided
    ("reporter_reports", 3),  # a1, a2, a4
    ("report_meeting_share", 1 / 3),
    ("feedback_share", 1 / 3),  # a3's feedback went to the police, not a school
    ("feedback_days_median", 18),
    ("investigations_opened", 4),
    ("investigation_within_4_months", 1 / 3),  # a1 of a1, a2, a5 (a6 not yet due)
    ("investigation_extended_share", 1 / 3),  # a2
    ("investigation_late_share", 1 / 3),  # a5, still open after its due date
    ("investigation_not_yet_due", 1),  # a6
    ("investigation_days_median", 128.5),  # 121 and 136
    ("investigation_days_p90", 134.5),
    ("intervention_share", 1 / 4),
    ("evaluation_share", 1 / 2),  # a1 of the two closed
])
def test_every_indicator_of_norr_in_the_first_quarter(quarters, indicator, expected):
    assert _value(quarters, indicator) == pytest.approx(expected)
    # Söder has no case in that quarter, so the municipality equals Norr.
    assert _value(quarters, indicator, TOTAL) == pytest.approx(expected)


def test_investigations_closed_count_in_the_quarter_of_closing(quarters):
    assert _value(quarters, "investigations_closed", period="2024-Q2") == 2  # a1, a2
    assert _value(quarters, "investigations_closed", "Söder", "2024-Q1") == 1  # b1


@pytest.mark.parametrize(("period", "on_time"), [
    ("2023-Q4", 1.0),  # b1: 31 Oct + 4 months = 29 Feb 2024, closed that day
    ("2022-Q4", 0.0),  # b2: 31 Oct + 4 months = 28 Feb 2023, closed 1 March
    ("2023-Q1", 1.0),  # b3: 31 Jan + 4 months = 31 May, closed that day
])
def test_four_calendar_months_end_on_the_last_day_of_short_months(quarters, period, on_time):
    assert _value(quarters, "investigation_within_4_months", "Söder", period) == on_time


def test_an_earlier_extract_counts_open_cases_as_not_yet_due():
    table = compute_indicators(
        read_event_log(EVENTLOGS / "hand.csv"), period=Period.year, as_of=dt.date(2024, 4, 1)
    )
    # On 1 April a4 (due 13 April) is not yet due; every investigation of 2024 is within time.
    assert _value(table, "preassessment_not_yet_due", period="2024") == 1
    assert _value(table, "preassessment_within_14_days", period="2024") == pytest.approx(4 / 5)
    assert _value(table, "investigation_not_yet_due", period="2024") == 4
    assert table.cell("2024", "investigation_within_4_months", "Norr").base == 0


def test_by_reporter_type_each_type_has_its_own_meeting_and_feedback_shares():
    table = compute_indicators(
        read_event_log(EVENTLOGS / "hand.csv"), by=By.reporter, period=Period.year, as_of=AS_OF
    )
    assert table.groups == ("health", "other", "police", "school")
    assert _value(table, "reports_received", "police", "2024") == 2  # a3, a6
    assert _value(table, "feedback_share", "police", "2024") == pytest.approx(1 / 2)  # a3
    assert _value(table, "reports_received", "school", "2024") == 3


def test_months_and_years_are_labelled_as_periods():
    log = read_event_log(EVENTLOGS / "hand.csv")
    months = compute_indicators(log, period=Period.month, as_of=AS_OF)
    assert {"2024-01", "2024-02", "2024-03", "2022-10"} <= set(months.periods)
    years = compute_indicators(log, period=Period.year, as_of=AS_OF)
    assert years.periods == ("2022", "2023", "2024")
