"""Identity numbers written in groups of digits, as read aloud or copied from a grouped form:
"12 12 12-12 12", "1912 1212 1212". Found in every such split with a valid check digit, taken
out by `redacted`; a wrong check digit, and ordinary grouped numbers, pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.errors import IdentityNumberError
from samverkan.formats.eventlog import read_event_log
from samverkan.formats.identity_numbers import holds_identity_number, redacted

_SKATTEVERKET = ["191212121212", "201701012393", "191401682396", "202601612381"]
_SEPARATORS = [" ", "-", ".", "\u00a0", "\u2013", " - ", "/"]


def _groups(draw: st.DrawFn, digits: str) -> list[str]:
    """`digits` cut into groups of two or four, the serial's four digits whole groups."""
    groups: list[str] = []
    date, serial = digits[:-4], digits[-4:]
    at = 0
    while at < len(date):
        size = 4 if len(date) - at >= 4 and draw(st.booleans()) else 2
        groups.append(date[at:at + size])
        at += size
    groups += [serial] if draw(st.booleans()) else [serial[:2], serial[2:]]
    return groups


@st.composite
def _grouped(draw: st.DrawFn, *, valid: bool) -> str:
    number = draw(st.sampled_from(_SKATTEVERKET))
    if not valid:
        number = number[:-1] + str((int(number[-1]) + draw(st.integers(1, 9))) % 10)
    digits = number if draw(st.booleans()) else number[2:]
    groups = _groups(draw, digits)
    if len(groups) < 3:  # two groups are the ordinary date and serial, tested elsewhere
        groups = [*[digits[i:i + 2] for i in range(0, len(digits) - 4, 2)], digits[-4:]]
    text = groups[0]
    for group in groups[1:]:
        text += draw(st.sampled_from(_SEPARATORS)) + group
    around = st.text(alphabet="abcåäö XYZ,;:()", max_size=8)
    return draw(around) + text + draw(around)


@pytest.mark.parametrize("text", ["12 12 12-12 12", "1912 1212 1212", "Samtal 19 12 12 12 12 12",
                                  "20 17 01 01 23 93", "2017 0101 2393", "1701 01 23 93"])
def test_the_reported_grouped_forms_are_found_and_taken_out(text: str) -> None:
    assert holds_identity_number(text)
    assert not holds_identity_number(redacted(text))
    assert "[…]" in redacted(text)


@pytest.mark.parametrize("text", ["12 12", "12 12 12", "070 123 45 67", "2024-01-15 10:30:00",
                                  "12 12 12-12 13", "1 2 3 4 5 6 7 8 9 0", "10 000 000 kr",
                                  "v. 12 13 14 15 16"])
def test_ordinary_grouped_numbers_pass(text: str) -> None:
    assert not holds_identity_number(text)
    assert redacted(text) == text


@settings(max_examples=300, deadline=None)
@given(_grouped(valid=True))
def test_any_grouping_of_a_valid_number_is_found(text: str) -> None:
    assert holds_identity_number(text), ascii(text)
    assert not holds_identity_number(redacted(text)), ascii(text)


@settings(max_examples=300, deadline=None)
@given(_grouped(valid=False))
def test_the_same_groupings_with_a_wrong_check_digit_pass(text: str) -> None:
    assert not holds_identity_number(text), ascii(text)


@pytest.mark.parametrize("text", ["12 12 12-12 12", "1912 1212 1212"])
def test_an_event_log_with_a_grouped_number_is_refused(tmp_path: Path, text: str) -> None:
    """DuckDB's pre-filter lets grouped digits through to the exact check."""
    row = {"case_id": "c1", "unit": text, "event": "report_received",
           "timestamp": "2024-01-01", "reporter": "school", "school": "skola-1", "outcome": ""}
    path = tmp_path / "log.csv"
    path.write_text(",".join(row) + "\n" + ",".join(row.values()) + "\n", encoding="utf-8")
    with pytest.raises(IdentityNumberError) as caught:
        read_event_log(path)
    (problem,) = caught.value.problems
    assert (problem.place.row, problem.place.column) == (2, "unit")
