"""Salary equivalents: a cost as a share of a role's annual cost (seed 000, chapter 4).

"The total corresponds to about 15 % of a principal's salary" — a way to make a sum of kronor
tangible for readers who think in posts rather than money.
"""

from __future__ import annotations

from samverkan.model.case import MONTHS_PER_YEAR, Case

__all__ = ["salary_equivalents"]


def salary_equivalents(case: Case, cost: float) -> dict[str, float]:
    """For each role of the case, `cost` as a share of that role's annual cost incl. PO."""
    return {
        role.id: cost / (role.monthly_cost * MONTHS_PER_YEAR) if role.monthly_cost else 0.0
        for role in case.roles
    }
