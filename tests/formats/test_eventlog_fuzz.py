"""Fuzzed event-log importer: any CSV or XES ends in a checked log or the importer's own error.

`bench/fuzz_importers.py --kinds eventlog` runs the same idea at a much larger scale.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.errors import EventLogError
from samverkan.formats.eventlog import read_event_log
from samverkan.formats.eventlog_schema import COLUMNS, EVENTS

HAND = (Path(__file__).parent.parent / "fixtures" / "eventlogs" / "hand.csv").read_text()

cells = st.one_of(
    st.sampled_from([*EVENTS, "2024-01-31", "2024-02-30", "2024-03-01T10:00+01:00", "Norr",
                     "school", "opened", "", "201701012393", "1701012394", '"', ";", "\n"]),
    st.text(max_size=8),
)


def _ends_well(path: Path) -> None:
    try:
        log = read_event_log(path)
    except EventLogError as error:
        assert error.problems and all(p.sv and p.en for p in error.problems)
    else:
        assert log.count() > 0
        list(log.rows())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(st.sampled_from([*COLUMNS, "x", ""]), min_size=1, max_size=8),
       rows=st.lists(st.lists(cells, min_size=0, max_size=8), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_any_csv_ends_in_a_log_or_a_clear_error(header: list[str], rows: list[list[str]],
                                                delimiter: str):
    text = "\n".join(delimiter.join(r) for r in [header, *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_text(text, encoding="utf-8")
        _ends_well(path)


@settings(max_examples=150, deadline=None)
@given(position=st.integers(0, len(HAND) - 1), insert=st.text(max_size=6),
       cut=st.integers(0, 6))
def test_a_mutated_valid_log_ends_well(position: int, insert: str, cut: int):
    text = HAND[:position] + insert + HAND[position + cut:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_text(text, encoding="utf-8")
        _ends_well(path)


@settings(max_examples=100, deadline=None)
@given(values=st.lists(cells, min_size=4, max_size=4), cut=st.integers(0, 200))
def test_any_xes_ends_well(values: list[str], cut: int):
    from xml.sax.saxutils import quoteattr

    case, event, time, unit = (quoteattr(v) for v in values)
    text = ('<log xmlns="http://www.xes-standard.org/"><trace>'
            f'<string key="concept:name" value={case}/><event>'
            f'<string key="concept:name" value={event}/><date key="time:timestamp" value={time}/>'
            f'<string key="unit" value={unit}/></event></trace></log>')
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.xes"
        path.write_text(text[: len(text) - cut], encoding="utf-8")
        _ends_well(path)
