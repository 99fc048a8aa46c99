"""The tornado: a planted dominant task comes first, and each bar moves one thing alone."""

from __future__ import annotations

import pytest

from samverkan.formats.case_file import load_case
from samverkan.model import compute, tornado
from tests.conftest import CASES


def test_the_planted_dominant_task_is_ranked_first():
    case = load_case(CASES / "tornado.yaml")
    bars = tornado(case)
    assert (bars[0].kind, bars[0].id) == ("task", "dominant")
    # Socialsekreterare at 4 kr a minute: 120 → 60 and → 900 minutes.
    total = compute(case).total.cost
    assert bars[0].low_total == pytest.approx(total - 60 * 4)
    assert bars[0].high_total == pytest.approx(total + 780 * 4)
    assert [b.swing for b in bars] == sorted((b.swing for b in bars), reverse=True)


def test_a_role_cost_bar_is_ten_percent_of_what_the_role_carries():
    case = load_case(CASES / "tornado.yaml")
    bar = next(b for b in tornado(case) if b.kind == "role_cost" and b.id == "a")
    teacher_cost = 60 * 39000 / 130 / 60  # the teacher's 60 minutes at 5 kr
    assert bar.swing == pytest.approx(2 * 0.10 * teacher_cost)


def test_exact_tasks_have_no_bar(small):
    assert all(b.kind == "role_cost" for b in tornado(small))
