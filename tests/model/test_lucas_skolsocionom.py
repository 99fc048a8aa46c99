"""The third Lucas variant: a social worker of social services placed at the school (seed 003)."""

from __future__ import annotations

import pytest

from samverkan.formats.case_io import load_case
from samverkan.model import Case, compute
from samverkan.model.comparison import compare
from tests.conftest import EXAMPLES

VARIANT = EXAMPLES / "lucas-skolsocionom.yaml"


@pytest.fixture(scope="module")
def skolsocionom() -> Case:
    return load_case(VARIANT)


def test_the_variant_is_the_same_process_as_lucas(lucas: Case, skolsocionom: Case) -> None:
    comparison = compare(compute(lucas), compute(skolsocionom))
    assert comparison.warnings == ()
    assert [(s.id, s.name, s.weeks) for s in skolsocionom.steps] == \
        [(s.id, s.name, s.weeks) for s in lucas.steps]


def test_the_social_worker_at_school_belongs_to_social_services(skolsocionom: Case) -> None:
    roles = {r.id: r for r in skolsocionom.roles}
    # The same salary basis as the social worker of the other examples.
    assert roles["skolsocionom"].monthly_cost == roles["socialsekreterare"].monthly_cost
    orgs = {t.org for t in skolsocionom.tasks
            if any(p.role == "skolsocionom" for p in t.participants)}
    assert orgs == {"soc"}


def test_social_services_change_by_the_minutes_the_description_lists(
    lucas: Case, skolsocionom: Case
) -> None:
    # Minutes per social-services task, counted by hand from the description: new EHT and
    # consultations (+120 +60 +60), briefing the intake and the investigator (+30 +90),
    # shorter intake, preparations and documentation (−15 −45 −45 −145 −120 −30 −120).
    minutes = 120 + 60 + 60 + 30 + 90 - 15 - 45 - 45 - 145 - 120 - 30 - 120
    per_minute = 52_000 / lucas.hours_per_month / 60
    comparison = compare(compute(lucas), compute(skolsocionom))
    assert comparison.by_organisation["soc"].minutes == pytest.approx(minutes)
    assert comparison.by_organisation["soc"].cost == pytest.approx(minutes * per_minute)


def test_the_variant_collaborates_more_and_costs_less(lucas: Case, skolsocionom: Case) -> None:
    comparison = compare(compute(lucas), compute(skolsocionom))
    assert comparison.total.alternative.collaboration_share > \
        comparison.total.baseline.collaboration_share
    assert comparison.gain > 0
    # Social services spend more in step 1 (the social worker at the school) and save later.
    assert comparison.by_step["s1"]["soc"].cost > 0


def test_the_description_says_it_is_constructed_and_cites_its_source(skolsocionom: Case) -> None:
    assert "DETTA ÄR ETT KONSTRUERAT ALTERNATIV" in skolsocionom.description
    assert "seed 003" in skolsocionom.description
    for exchange in skolsocionom.named_exchanges:
        assert exchange.name != exchange.id
