"""Small-count suppression: primary, secondary, and a brute-force proof that no hidden count
can be worked out from what is shown."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.followup.comparison import compare_units, spread
from samverkan.followup.indicators import (
    TOTAL,
    By,
    Cell,
    Indicator,
    IndicatorTable,
    Kind,
    Period,
)
from samverkan.followup.suppression import Status, suppress

COUNT = Indicator("reports_received", Kind.COUNT, "Anmälningar", "Reports", "reports")
SHARE = Indicator("feedback_share", Kind.SHARE, "Återkoppling", "Feedback", "reports")
DAYS = Indicator("preassessment_days_median", Kind.DAYS, "Dagar", "Days", "reports")


def _table(counts: dict[str, int], shares: dict[str, tuple[int, int]] | None = None,
           days: dict[str, tuple[float, int]] | None = None) -> IndicatorTable:
    cells = {("2024", COUNT.id, g): Cell(float(n), n, n) for g, n in counts.items()}
    cells[("2024", COUNT.id, TOTAL)] = Cell(float(sum(counts.values())), sum(counts.values()))
    for g, (part, base) in (shares or {}).items():
        cells[("2024", SHARE.id, g)] = Cell(part / base if base else None, base, part)
        # The share's base is the count of reports from schools, kept alongside as the
        # indicators would (the family's sums read it from there).
        cells[("2024", "reporter_reports", g)] = Cell(float(base), base, base)
    for g, (value, base) in (days or {}).items():
        cells[("2024", DAYS.id, g)] = Cell(value, base)
        cells[("2024", "share_opened", g)] = Cell(None, base, 0)
    return IndicatorTable(By.unit, Period.year, dt.date(2024, 12, 31), tuple(counts),
                          ("2024",), (COUNT, SHARE, DAYS), cells)


def _statuses(table: IndicatorTable, indicator: str = COUNT.id) -> dict[str, Status]:
    shown = suppress(table)
    return {g: shown.cell("2024", indicator, g).status for g in (*table.groups, TOTAL)}


def test_counts_of_one_to_four_are_shown_as_small_and_zero_and_five_are_shown():
    statuses = _statuses(_table({"A": 0, "B": 1, "C": 4, "D": 5, "E": 30}))
    assert statuses["A"] is Status.VALUE
    assert statuses["B"] is Status.SMALL and statuses["C"] is Status.SMALL
    assert statuses["D"] is Status.VALUE and statuses[TOTAL] is Status.VALUE


def test_a_single_small_count_takes_the_smallest_other_count_with_it():
    # Without it, A = 25 − 10 − 12 = 3 could be worked out from the total.
    statuses = _statuses(_table({"A": 3, "B": 10, "C": 12}))
    assert statuses == {"A": Status.SMALL, "B": Status.SECONDARY, "C": Status.VALUE,
                        TOTAL: Status.VALUE}


def test_two_small_counts_whose_sum_gives_them_away_are_protected():
    # 1 + 1 = 22 − 20: both would be known; C goes too.
    statuses = _statuses(_table({"A": 1, "B": 1, "C": 20}))
    assert statuses["C"] is Status.SECONDARY


def test_two_small_counts_with_an_ambiguous_sum_need_nothing_more():
    statuses = _statuses(_table({"A": 2, "B": 3, "C": 20}))
    assert statuses["C"] is Status.VALUE


def test_when_only_small_counts_remain_the_total_is_hidden():
    # 4 + 4 = 8 can only be split one way.
    statuses = _statuses(_table({"A": 4, "B": 4}))
    assert statuses[TOTAL] is Status.SECONDARY


def test_shares_on_fewer_than_five_cases_are_hidden_with_a_partner():
    table = _table({"A": 3, "B": 10, "C": 20},
                   shares={"A": (1, 3), "B": (5, 10), "C": (10, 20), TOTAL: (16, 33)})
    statuses = _statuses(table, SHARE.id)
    assert statuses == {"A": Status.HIDDEN, "B": Status.SECONDARY, "C": Status.VALUE,
                        TOTAL: Status.VALUE}


def test_days_on_fewer_than_five_cases_are_hidden():
    table = _table({"A": 10, "B": 10}, days={"A": (12.0, 4), "B": (9.0, 5), TOTAL: (10.0, 9)})
    statuses = _statuses(table, DAYS.id)
    # B's base (5, shown as n) and the total's (9) would give A's 4 away: B goes too.
    assert statuses == {"A": Status.HIDDEN, "B": Status.SECONDARY, TOTAL: Status.VALUE}


def _possible_values(counts: dict[str, int], statuses: dict[str, Status]) -> dict[str, set[int]]:
    """Every value a hidden count could have, given the shown counts and symbols."""
    total = sum(counts.values())
    hidden = [g for g in counts if statuses[g] is not Status.VALUE]
    remainder = total - sum(counts[g] for g in counts if statuses[g] is Status.VALUE)
    # "<5" is 1–4; ".." may be anything, a zero or a "<5" hidden further included.
    ranges = [range(1, 5) if statuses[g] is Status.SMALL else range(0, remainder + 1)
              for g in hidden]
    possible: dict[str, set[int]] = {g: set() for g in hidden}
    for combo in itertools.product(*ranges):
        if sum(combo) == remainder:
            for g, value in zip(hidden, combo, strict=True):
                possible[g].add(value)
    return possible


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=5))
def test_no_hidden_count_can_be_worked_out(values: list[int]):
    counts = {f"U{i}": v for i, v in enumerate(values)}
    statuses = _statuses(_table(counts))
    if statuses[TOTAL] is not Status.VALUE:
        return  # without the total there is no sum to work from
    for group, options in _possible_values(counts, statuses).items():
        assert len(options) > 1, (counts, statuses, group)


def test_the_spread_uses_shown_values_only():
    table = _table({"A": 3, "B": 10, "C": 20},
                   shares={"A": (3, 3), "B": (5, 10), "C": (5, 20), TOTAL: (13, 33)})
    comparison = compare_units(table)
    # A is hidden and B hidden with it: one unit left, so no spread.
    assert comparison.spread("2024", SHARE.id) is None
    found = spread([0.5, 0.25])
    assert found is not None
    assert (found.minimum, found.maximum) == (0.25, 0.5)
    assert found.cv == 0.125 / 0.375


def test_a_family_that_cannot_be_protected_in_time_is_refused_not_shown():
    import pytest

    from samverkan.errors import ProtectionTooSlowError
    from samverkan.followup.family import all_views
    from samverkan.followup.suppression import suppress_family
    from samverkan.formats.eventlog import read_event_log
    from tests.conftest import EVENTLOGS

    views = all_views(read_event_log(EVENTLOGS / "hand.csv"))
    assert suppress_family(views, seconds=60)  # in time: every view
    with pytest.raises(ProtectionTooSlowError) as refused:
        suppress_family(views, seconds=0.0)
    assert "på 0 sekunder" in refused.value.problems[0].sv
    assert "in 0 seconds" in refused.value.problems[0].en
