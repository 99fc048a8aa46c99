"""Bounds on what a case may hold, checked by the case-file reader so that every way in (YAML,
JSON, the Excel template, the web editor, restore) refuses the same things with the same words:
ids unsafe in a page address, texts a database cannot store, absurd numbers; and the one reading
of cases per year that the pages and the command line share."""

from __future__ import annotations

import math
from typing import Any

import pytest
from openpyxl import load_workbook

from samverkan.errors import CaseFileError
from samverkan.formats.case_bounds import CasesPerYearError, parse_cases_per_year
from samverkan.formats.case_file import case_from_data, parse_case_text
from samverkan.formats.excel_template import read_template, write_template


def _case() -> dict[str, Any]:
    return {
        "format": "samverkan/case@1", "name": "Lucas",
        "organisations": [{"id": "a", "name": "Skola A", "group": "school"}],
        "roles": [{"id": "r", "name": "Rektor", "monthly_cost": 49_500}],
        "steps": [{"id": "s1", "name": "Anmälan", "weeks": 2, "tasks": [
            {"id": "t1", "org": "a", "name": "Möte",
             "participants": [{"role": "r", "minutes": 60}]}]}],
    }


def _refusal(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(CaseFileError) as caught:
        case_from_data(data)
    return [(p.place.key or "", p.sv, p.en) for p in caught.value.problems]


def _task(data: dict[str, Any]) -> dict[str, Any]:
    return data["steps"][0]["tasks"][0]


# --- ids --------------------------------------------------------------------------------------

@pytest.mark.parametrize("unsafe", ["s1/edit", "a\\b", "..", ".", "t\x00", "t\n1"])
def test_an_id_that_cannot_be_part_of_a_page_address_is_refused(unsafe):
    data = _case()
    _task(data)["id"] = unsafe
    [(key, sv, en)] = _refusal(data)
    assert key == "steps[0].tasks[0].id"
    assert "id" in sv and "an id may not contain" in en


def test_a_step_id_with_a_slash_is_refused_and_one_with_a_space_is_not():
    data = _case()
    data["steps"][0]["id"] = "steg 1/2"
    [(key, _sv, en)] = _refusal(data)
    assert key == "steps[0].id" and "/" in en
    data["steps"][0]["id"] = "steg 1 av 2"
    assert case_from_data(data).steps[0].id == "steg 1 av 2"


def test_an_id_over_a_hundred_characters_is_refused():
    data = _case()
    data["organisations"][0]["id"] = "a" * 101
    _task(data)["org"] = "a" * 101
    [(key, sv, en)] = _refusal(data)
    assert key == "organisations[0].id" and "100" in sv and "at most 100 characters" in en


# --- texts ------------------------------------------------------------------------------------

def test_a_name_with_a_nul_byte_is_refused():
    data = _case()
    data["name"] = "Lu\x00cas"
    [(key, sv, en)] = _refusal(data)
    assert key == "name" and "NUL" in sv and "control characters" in en


def test_a_name_over_three_hundred_characters_is_refused_and_three_hundred_is_kept():
    data = _case()
    data["roles"][0]["name"] = "x" * 301
    [(key, sv, en)] = _refusal(data)
    assert key == "roles[0].name"
    assert "301 tecken" in sv and "gränsen är 300" in sv and "the limit is 300" in en
    data["roles"][0]["name"] = "x" * 300
    assert case_from_data(data).roles[0].name == "x" * 300


def test_a_description_keeps_its_line_breaks_and_tabs():
    data = _case()
    data["description"] = "Rad ett\n\tRad två"
    assert case_from_data(data).description == "Rad ett\n\tRad två"


def test_a_lone_surrogate_is_refused_as_text_that_is_not_unicode():
    [(key, sv, en)] = _refusal({**_case(), "description": "a\ud800"})
    assert key == "description" and "Unicode" in sv and "not valid Unicode" in en


# --- numbers ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("where", "value", "en"), [
    (("steps", 0, "weeks"), 1e308, "must be between 0 and 520 weeks"),
    (("steps", 0, "weeks"), 521, "must be between 0 and 520 weeks"),
    (("roles", 0, "monthly_cost"), 1e12, "must be between 0 and 10 000 000 kronor"),
    (("hours_per_month",), 745, "must be between 0 and 744 hours"),
    (("cases_per_year",), 1e308, "must be between 0 and 1 000 000 cases"),
])
def test_an_absurd_number_is_refused_with_the_range_allowed(where, value, en):
    data = _case()
    target = data
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
    [(_key, sv, said)] = _refusal(data)
    assert said == en and "mellan 0 och" in sv


def test_absurd_minutes_people_and_shares_of_full_time_are_refused_with_their_ranges():
    data = _case()
    _task(data)["participants"] = [
        {"role": "r", "minutes": 2_000_000},
        {"role": "r", "minutes": {"low": 1, "likely": 2, "high": 1e300}},
        {"role": "r", "minutes": 5, "people": 1e9},
        {"role": "r", "fte": 1e6, "weeks": 4},
    ]
    said = {key: en for key, _sv, en in _refusal(data)}
    at = "steps[0].tasks[0].participants"
    assert said == {
        f"{at}[0].minutes": "must be between 0 and 1 000 000 minutes",
        f"{at}[1].minutes.high": "must be between 0 and 1 000 000 minutes",
        f"{at}[2].people": "must be between 0 and 10 000 people",
        f"{at}[3].fte": "must be between 0 and 100 share of full time",
    }


@pytest.mark.parametrize("text", [".nan", ".inf", "-.inf"])
def test_nan_and_infinity_are_still_refused(text):
    yaml = f"""format: samverkan/case@1
name: X
organisations: [{{id: a, name: A, group: school}}]
roles: [{{id: r, name: R, monthly_cost: 1}}]
steps: [{{id: s1, name: S, weeks: {text}, tasks: [{{id: t, org: a, name: T,
  participants: [{{role: r, minutes: 1}}]}}]}}]
"""
    with pytest.raises(CaseFileError) as caught:
        parse_case_text(yaml)
    [problem] = caught.value.problems
    assert problem.place.key == "steps[0].weeks"
    assert problem.en in {"must be a finite number", "must be between 0 and 520 weeks",
                          "must not be negative"}


def test_the_largest_allowed_numbers_cost_a_finite_total():
    from samverkan.model import compute
    data = _case()
    data["steps"][0]["weeks"] = 520
    data["roles"][0]["monthly_cost"] = 10_000_000
    _task(data)["participants"] = [{"role": "r", "minutes": 1_000_000, "people": 10_000}]
    total = compute(case_from_data(data)).total.cost
    # 10⁶ minutes × 10⁴ people × 10⁷ kr / 165 h / 60 min.
    assert total == pytest.approx(1e6 * 1e4 * 1e7 / 165 / 60)
    assert math.isfinite(total)


def test_the_excel_template_refuses_the_same_things_at_their_cells(tmp_path):
    case = case_from_data(_case())
    path = tmp_path / "case.xlsx"
    write_template(path, case)
    book = load_workbook(path)
    book["Steg"]["A2"] = "s1/2"
    book["Steg"]["C2"] = 1e308
    book["Kartläggning"]["A2"] = "s1/2"
    book.save(path)
    with pytest.raises(CaseFileError) as caught:
        read_template(path)
    said = {(p.place.sheet, p.place.row, p.en) for p in caught.value.problems}
    assert ("Steg", 2, "must be between 0 and 520 weeks") in said
    assert any(sheet == "Steg" and "an id may not contain /" in en for sheet, _r, en in said)


# --- cases per year ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("", 0.0), ("  ", 0.0), (None, 0.0), ("0", 0.0), ("40", 40.0), ("2,5", 2.5),
    ("1 000", 1000.0), ("1\u202f000", 1000.0), ("1000000", 1_000_000.0), (12, 12.0),
])
def test_cases_per_year_reads_numbers_and_zero_or_empty_means_no_annual_figures(text, expected):
    assert parse_cases_per_year(text) == expected


@pytest.mark.parametrize("text", ["inf", "nan", "-1", "1e308", "1000001", "noll", "Infinity",
                                  float("inf"), float("nan"), -3.0])
def test_cases_per_year_refuses_what_is_not_a_number_of_cases(text):
    with pytest.raises(CasesPerYearError) as caught:
        parse_cases_per_year(text)
    [problem] = caught.value.problems
    assert "från 0 till 1 000 000" in problem.sv
    assert problem.en.startswith("give a number of cases per year from 0 to 1 000 000")


def test_the_readme_names_every_bound_in_both_languages():
    from pathlib import Path

    from samverkan.formats import case_bounds
    from samverkan.formats.limits import thousands
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    swedish, english = readme.split("# Samverkan (English)")
    figures = {f"0–{thousands(int(high))}" for high, _sv, _en in
               case_bounds.NUMBER_RANGES.values()}
    figures |= {str(case_bounds.MAX_ID_CHARS), str(case_bounds.MAX_NAME_CHARS),
                thousands(case_bounds.MAX_DESCRIPTION_CHARS),
                thousands(case_bounds.MAX_NOTE_CHARS)}
    for figure in figures:
        assert figure in swedish and figure in english, figure


def test_a_bad_number_of_cases_per_year_is_an_option_error() -> None:
    """One kind of mistake, one class: a page's or command's value, not an unreadable case."""
    import pytest as _pytest

    from samverkan.errors import CaseFileError, OptionError
    from samverkan.formats.case_bounds import parse_cases_per_year

    with _pytest.raises(OptionError) as error:
        parse_cases_per_year("-3")
    assert not isinstance(error.value, CaseFileError)
