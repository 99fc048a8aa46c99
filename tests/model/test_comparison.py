"""Comparing two ways of working: differences, the gain and the same-process warning."""

from __future__ import annotations

from dataclasses import replace

from pytest import approx

from samverkan.model import Case, Step, compare, compute


def test_differences_and_gain(small: Case, small_alt: Case) -> None:
    comparison = compare(compute(small), compute(small_alt))
    # Social services write 50 minutes less (−200 kr); school A meets 30 minutes longer (+150 kr).
    assert comparison.by_organisation["soc"].cost == approx(-200)
    assert comparison.by_organisation["sa"].cost == approx(150)
    assert comparison.by_organisation["sb"].cost == 0
    assert comparison.by_group["school"].cost == approx(75)
    assert comparison.total.cost == approx(-125)
    assert comparison.gain == approx(125)
    assert comparison.by_step["s1"]["soc"].cost == approx(-200)
    assert comparison.by_step["s2"]["sa"].cost == approx(150)
    assert comparison.by_role["c"].minutes == approx(-50)
    assert comparison.same_process and comparison.warnings == ()


def test_collaboration_share_rises_with_more_collaboration(small: Case, small_alt: Case) -> None:
    comparison = compare(compute(small), compute(small_alt))
    assert (comparison.total.alternative.collaboration_share
            > comparison.total.baseline.collaboration_share)


def test_warns_when_the_steps_differ(small: Case) -> None:
    other = replace(small, steps=(*small.steps, Step("s3", "Uppföljning", 2)))
    comparison = compare(compute(small), compute(other))
    assert not comparison.same_process
    assert [w.code for w in comparison.warnings] == ["steps"]
    assert "samma process" in comparison.warnings[0].sv


def test_warns_when_the_cost_basis_differs(small: Case) -> None:
    dearer = replace(small, roles=tuple(replace(r, monthly_cost=r.monthly_cost * 1.1)
                                        for r in small.roles))
    codes = [w.code for w in compare(compute(small), compute(dearer)).warnings]
    assert codes == ["cost_basis"]


def test_lucas_variant_is_the_same_process_with_more_collaboration(
    lucas: Case, lucas_samverkan: Case
) -> None:
    comparison = compare(compute(lucas), compute(lucas_samverkan))
    assert comparison.same_process and comparison.warnings == ()
    assert comparison.total.alternative.collaboration_share > 0.04
    assert comparison.gain > 0
    # Social services invest in step 1 (the early consultation) and save later.
    assert comparison.by_step["s1"]["soc"].cost > 0
    assert comparison.by_organisation["soc"].cost < 0
