"""The `economics:` section of a case file: read into the model, written back, and every
problem reported at its key."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from samverkan.errors import CaseFileError
from samverkan.formats.case_file import case_from_data, case_to_data
from samverkan.formats.case_io import load_case
from samverkan.model import Investment, ThreePoint

INVEST = Path(__file__).parent.parent / "fixtures" / "cases" / "small-invest.yaml"


@pytest.fixture
def data() -> dict[str, Any]:
    loaded = yaml.safe_load(INVEST.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return copy.deepcopy(loaded)


def problems(data: Any) -> dict[str, tuple[str, str]]:
    with pytest.raises(CaseFileError) as info:
        case_from_data(data, source="fall.yaml")
    return {p.place.key or "": (p.sv, p.en) for p in info.value.problems}


def test_the_section_is_read_as_written() -> None:
    economics = load_case(INVEST).economics
    assert economics is not None
    assert economics.outcome.assumption == "Barnet har det minst lika bra som i dag"
    post, course, days = economics.investments
    assert post == Investment("Halvtid socialsekreterare", "soc", 1, 2, role="c", fte=0.5)
    assert (course.kronor, course.from_year, course.to_year) == (30_000, 1, 1)
    assert (days.people, days.days, days.role) == (4, 2, "c")
    hvb, support = economics.avoided
    assert hvb.cases_share == ThreePoint(0.0, 0.05, 0.1)
    assert (hvb.units, hvb.years_after, hvb.for_years) == (90, 1, 2)
    assert support.cases_share == ThreePoint.exact(0.1)


def test_the_section_is_written_back_unchanged() -> None:
    case = load_case(INVEST)
    assert case_from_data(case_to_data(case)) == case


def test_a_case_without_the_section_has_none() -> None:
    case = load_case(INVEST.parent / "small-alt.yaml")
    assert case.economics is None and "economics" not in case_to_data(case)


def test_unknown_organisations_and_roles_are_named_at_their_key(data: dict[str, Any]) -> None:
    data["economics"]["investments"][0]["org"] = "skola_x"
    data["economics"]["investments"][2]["role"] = "vaktmastare"
    data["economics"]["avoided"][1]["org"] = "okand"
    found = problems(data)
    assert found["economics.investments[0].org"] == (
        "okänd organisation 'skola_x'", "unknown organisation 'skola_x'")
    assert found["economics.investments[2].role"][1] == "unknown role 'vaktmastare'"
    assert "economics.avoided[1].org" in found


def test_an_investment_needs_exactly_one_amount_and_its_years(data: dict[str, Any]) -> None:
    investments = data["economics"]["investments"]
    investments[0]["kronor"] = 5  # with an fte too
    del investments[1]["kronor"]  # none at all
    investments[2]["from_year"] = 2  # year and from_year both
    investments.append({"name": "Baklänges", "org": "soc", "kronor": 1, "from_year": 3,
                        "to_year": 2})
    investments.append({"name": "Utan år", "org": "soc", "kronor": 1})
    investments.append({"name": "Utan lön", "org": "soc", "fte": 1, "year": 1})
    found = problems(data)
    assert "one amount a year" in found["economics.investments[0].kronor"][1]
    assert "economics.investments[1].kronor" in found
    assert "economics.investments[2].year" in found
    assert found["economics.investments[3].to_year"][1] == "the last year comes before the first"
    assert "economics.investments[4].year" in found
    assert "role" in found["economics.investments[5].role"][1]


def test_numbers_out_of_range_and_shares_out_of_order(data: dict[str, Any]) -> None:
    data["economics"]["avoided"][0]["cases_share"] = {"low": 0.2, "likely": 0.1, "high": 0.3}
    data["economics"]["avoided"][1]["cases_share"] = -2
    data["economics"]["avoided"][1]["units"] = -1
    data["economics"]["investments"][1]["kronor"] = 1e12
    data["economics"]["investments"][1]["year"] = 51
    found = problems(data)
    assert "low ≤ likely ≤ high" in found["economics.avoided[0].cases_share"][1]
    assert found["economics.avoided[1].cases_share"][1] == "must be at least -1"
    assert found["economics.avoided[1].units"][1] == "must not be negative"
    assert "kronor" in found["economics.investments[1].kronor"][1]
    assert found["economics.investments[1].year"][1] == "must be at most 50"


def test_the_outcome_condition_is_required_and_unknown_keys_refused(
        data: dict[str, Any]) -> None:
    del data["economics"]["outcome"]
    data["economics"]["avoided"][0]["share"] = 0.1
    data["steps"][0]["tasks"][0]["org"] = "ingen"  # a reference problem reported as well
    found = problems(data)
    assert found["economics.outcome"][1] == "value is missing"
    assert found["economics.avoided[0].share"][1] == "unknown key"
    assert "steps[0].tasks[0].org" in found


def test_an_identity_number_in_the_section_is_refused_unshown(data: dict[str, Any]) -> None:
    # A test number Skatteverket publishes for testing, never a real person's.
    data["economics"]["outcome"]["source"] = "Samtal med 19121212-1212"
    with pytest.raises(CaseFileError) as info:
        case_from_data(data)
    assert info.value.problems[0].place.key == "economics.outcome.source"
    assert "1212" not in info.value.message("sv")
