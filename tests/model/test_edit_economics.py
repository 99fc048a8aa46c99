"""Editing the investment case line by line: the outcome condition, investments and avoided
interventions, each refused in the user's words when it cannot be costed."""

from __future__ import annotations

import pytest

from samverkan.errors import CaseEditError
from samverkan.model import (
    AvoidedIntervention,
    Case,
    Investment,
    Price,
    PriceList,
    ThreePoint,
    edit,
    element_state,
)
from tests.model.test_edit import small_case

PRICES = PriceList((Price("hvb", "HVB-placering", "dygn", 5000.0, 2024),), name="test")


def with_outcome() -> Case:
    return edit.set_outcome(small_case(), assumption="  Barnet har det minst lika bra. ",
                            source="Seed 003")


def post(**changes: object) -> Investment:
    fields: dict[str, object] = {"name": "Skolsocionom", "org": "soc", "from_year": 1,
                                 "to_year": 3, "role": "kurator", "fte": 1.0}
    fields.update(changes)
    return Investment(**fields)  # type: ignore[arg-type]


def test_the_outcome_condition_starts_the_investment_case_and_is_trimmed() -> None:
    case = with_outcome()
    assert case.economics is not None
    assert case.economics.outcome.assumption == "Barnet har det minst lika bra."
    assert case.economics.investments == () and case.economics.avoided == ()
    again = edit.set_outcome(case, assumption="Annat", source="")
    assert again.economics is not None and again.economics.outcome.assumption == "Annat"


def test_an_outcome_condition_without_assumption_is_refused() -> None:
    with pytest.raises(CaseEditError) as caught:
        edit.set_outcome(small_case(), assumption="   ", source="x")
    assert "utfallet för barnet" in caught.value.problems[0].sv
    assert "outcome for the child" in caught.value.problems[0].en


def test_lines_need_an_outcome_condition_first() -> None:
    with pytest.raises(CaseEditError, match="assumption"):
        edit.add_investment(small_case(), post())


def test_investments_are_added_changed_and_removed_by_their_place() -> None:
    case = edit.add_investment(with_outcome(), post())
    case = edit.add_investment(case, post(name="Utbildning", role="rektor", fte=None,
                                          days=2.0, people=3.0, from_year=1, to_year=1))
    assert case.economics is not None
    assert [i.name for i in case.economics.investments] == ["Skolsocionom", "Utbildning"]
    case = edit.replace_investment(case, 0, post(kronor=10_000.0, role=None, fte=None))
    assert case.economics is not None and case.economics.investments[0].kronor == 10_000.0
    case = edit.remove_investment(case, 0)
    assert case.economics is not None
    assert [i.name for i in case.economics.investments] == ["Utbildning"]
    with pytest.raises(CaseEditError, match="no longer"):
        edit.remove_investment(case, 1)


@pytest.mark.parametrize(("changes", "english"), [
    ({"name": " "}, "needs a name"),
    ({"org": "gone"}, "paying organisation"),
    ({"kronor": 5.0}, "one amount"),
    ({"fte": None}, "one amount"),
    ({"role": None}, "choose a role"),
    ({"role": "gone"}, "choose a role"),
    ({"fte": None, "kronor": 5.0, "role": "kurator"}, "only used with"),
    ({"fte": None, "kronor": 5.0, "role": None, "covers_case_time": True}, "Only a post"),
    ({"from_year": 3, "to_year": 2}, "last year"),
    ({"from_year": 0}, "count from 1"),
    ({"people": 0.0}, "greater than zero"),
])
def test_an_investment_that_cannot_be_costed_is_refused(changes: dict[str, object],
                                                        english: str) -> None:
    with pytest.raises(CaseEditError) as caught:
        edit.add_investment(with_outcome(), post(**changes))
    assert any(english in p.en for p in caught.value.problems)
    assert all(p.sv and p.en for p in caught.value.problems)


def avoided(**changes: object) -> AvoidedIntervention:
    fields: dict[str, object] = {"intervention": "hvb", "org": "soc",
                                 "cases_share": ThreePoint(0.01, 0.02, 0.05), "units": 30.0,
                                 "years_after": 1, "for_years": 2}
    fields.update(changes)
    return AvoidedIntervention(**fields)  # type: ignore[arg-type]


def test_avoided_interventions_are_added_changed_and_removed() -> None:
    case = edit.add_avoided(with_outcome(), avoided(), PRICES)
    case = edit.replace_avoided(case, 0, avoided(units=10.0), PRICES)
    assert case.economics is not None and case.economics.avoided[0].units == 10.0
    case = edit.remove_avoided(case, 0)
    assert case.economics is not None and case.economics.avoided == ()


@pytest.mark.parametrize(("changes", "english"), [
    ({"intervention": "okand"}, "not in the price list"),
    ({"org": "gone"}, "would have paid"),
    ({"cases_share": ThreePoint(0.1, 0.05, 0.2)}, "low ≤ likely ≤ high"),
    ({"cases_share": ThreePoint(0.1, 0.5, 1.5)}, "low ≤ likely ≤ high"),
    ({"units": -1.0}, "cannot be negative"),
    ({"for_years": 0}, "at least one year"),
])
def test_an_avoided_intervention_that_cannot_be_costed_is_refused(
        changes: dict[str, object], english: str) -> None:
    with pytest.raises(CaseEditError) as caught:
        edit.add_avoided(with_outcome(), avoided(**changes), PRICES)
    assert any(english in p.en for p in caught.value.problems)


def test_the_investment_case_is_one_element_whose_fingerprint_follows_it() -> None:
    case = with_outcome()
    ref = edit.ECONOMICS
    before = edit.fingerprint(case, ref)
    assert edit.element_value(case, ref) == case.economics == element_state(case, ref)
    assert edit.fingerprint(edit.add_investment(case, post()), ref) != before
    assert edit.fingerprint(edit.rename_role(case, "rektor", "Biträdande rektor"),
                            ref) == before


def test_the_history_says_what_changed_in_the_investment_case_in_words() -> None:
    from samverkan.model import case_changes

    start = small_case()
    started = with_outcome()
    one = edit.add_investment(started, post())
    changed = edit.replace_investment(one, 0, post(to_year=5))
    saved = edit.add_avoided(changed, avoided(), PRICES)
    renamed = edit.set_outcome(saved, assumption="Annat antagande", source="Seed 003")

    def said(before: Case, after: Case, lang: str = "sv") -> list[str]:
        return [c.describe(lang) for c in case_changes(before, after)]

    assert said(start, started) == ["Investeringskalkylen: påbörjad"]
    assert said(started, one) == ["Investeringskalkylen: investeringen ”Skolsocionom” tillagd"]
    assert said(one, changed, "en") == ["The investment case: investment “Skolsocionom” changed"]
    assert said(changed, saved) == [
        "Investeringskalkylen: en undviken insats för Socialtjänsten tillagd"]
    assert said(saved, renamed) == ["Investeringskalkylen: nytt utfallsvillkor"]
    assert said(one, edit.remove_investment(one, 0)) == [
        "Investeringskalkylen: investeringen ”Skolsocionom” borttagen"]
