"""The Lucas reconstruction reproduces the published figures (DOMAIN.md, seed 000 ch. 4–5)."""

from __future__ import annotations

import pytest

from samverkan.model import Case, compute, exchange_occasions, salary_equivalents


def within(value: float, published: float, tolerance: float = 0.05) -> bool:
    return abs(value - published) <= tolerance * published


def test_costs_within_five_percent_of_the_published_ones(lucas: Case) -> None:
    result = compute(lucas)
    assert within(result.groups["social_services"].figures.cost, 27_000)
    assert within(result.groups["school"].figures.cost, 117_000)
    assert within(result.total.cost, 144_000)


def test_collaboration_shares_round_to_the_published_percentages(lucas: Case) -> None:
    result = compute(lucas)
    assert round(result.groups["social_services"].figures.collaboration_share * 100) == 6
    assert round(result.groups["school"].figures.collaboration_share * 100) == 2
    assert round(result.total.collaboration_share * 100) == 3


def test_three_exchange_occasions(lucas: Case) -> None:
    occasions = exchange_occasions(compute(lucas))
    assert [o.id for o in occasions] == ["anmalningsmote", "referentsamtal", "avslut"]
    assert all(set(o.organisations) == {"skola_a", "skola_b", "soc"} for o in occasions)


def test_resurspedagog_is_at_least_forty_percent_of_school_a(lucas: Case) -> None:
    school_a = compute(lucas).organisations["skola_a"]
    assert school_a.by_role["resurspedagog"].cost / school_a.figures.cost >= 0.40


@pytest.mark.parametrize(("role", "published"), [
    ("rektor", 0.15), ("specialpedagog", 0.23), ("resurspedagog", 0.37),
])
def test_salary_equivalents_near_the_published_ones(lucas: Case, role: str,
                                                     published: float) -> None:
    share = salary_equivalents(lucas, compute(lucas).total.cost)[role]
    assert abs(share - published) < 0.01


def test_description_says_it_is_a_reconstruction(lucas: Case) -> None:
    assert "REKONSTRUKTION" in lucas.description
