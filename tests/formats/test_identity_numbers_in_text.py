"""Free text that is stored — a case's names, description and notes, any name typed — refuses
an identity number in any written form, before anything is kept, and never repeats it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from samverkan.errors import CaseFileError, IdentityNumberInTextError, Place, Problem
from samverkan.formats.case_file import case_from_data, format_key_path
from samverkan.formats.identity_numbers import (
    holds_identity_number,
    redacted,
    refuse_identity_numbers,
)

LUCAS = Path(__file__).parents[2] / "samverkan" / "examples" / "lucas.yaml"
FORMS = ["19121212-1212", "121212 1212", "121212\u00a01212", "121212\u20131212",
         "1212\u00ad12-1212", "\uff11\uff12\uff11\uff12\uff11\uff12\uff0d\uff11\uff12\uff11\uff12"]


def _lucas() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(LUCAS.read_text(encoding="utf-8"))
    return data


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


PATHS: list[tuple[str | int, ...]] = [
    ("name",), ("description",), ("organisations", 0, "name"), ("roles", 1, "name"),
    ("steps", 0, "name"), ("steps", 0, "tasks", 0, "name"), ("steps", 0, "tasks", 0, "note"),
    ("steps", 1, "id"),
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("written", FORMS)
def test_a_number_anywhere_in_a_case_is_refused_at_its_place(
    path: tuple[str | int, ...], written: str
):
    data = _lucas()
    _set(data, path, f"Barn {written} Väster")
    with pytest.raises(CaseFileError) as caught:
        case_from_data(data)
    assert [p.place.key for p in caught.value.problems] == [format_key_path(path)]
    assert not holds_identity_number(str(caught.value))


def test_the_place_of_a_number_is_its_key_path():
    data = _lucas()
    data["steps"][0]["tasks"][0]["note"] = "121212-1212"
    with pytest.raises(CaseFileError) as caught:
        case_from_data(data)
    assert [p.place.key for p in caught.value.problems] == ["steps[0].tasks[0].note"]


def test_a_key_holding_a_number_is_refused_and_not_named():
    data = _lucas()
    data["steps"][0]["19121212-1212"] = 1
    with pytest.raises(CaseFileError) as caught:
        case_from_data(data)
    assert [p.place.key for p in caught.value.problems] == ["steps[0]"]
    assert "nyckel" in caught.value.problems[0].sv
    assert "1212" not in str(caught.value)


def test_look_alikes_in_a_case_are_kept():
    data = _lucas()
    data["description"] = "Ärende 121212-1213, telefon 070-123 45 67, 2024-01-01 12:00"
    assert case_from_data(data).description == data["description"]


def test_refuse_names_the_fields_and_not_the_value():
    with pytest.raises(IdentityNumberInTextError) as caught:
        refuse_identity_numbers({"namn / name": "Barn 121212-1212", "fil / file": "ok.csv",
                                 "yrkesgrupper / roles": [{"name": "x 19121212 1212"}]})
    assert [p.place.key for p in caught.value.problems] == ["namn / name",
                                                             "yrkesgrupper / roles"]
    assert "1212" not in str(caught.value)
    refuse_identity_numbers({"namn / name": "Barn 121212-1213 Väster"})  # a look-alike passes


def test_redacted_keeps_the_rest_of_the_text():
    assert redacted("Barn 121212\u00a01212 Väster") == "Barn […] Väster"
    assert redacted("x 1212\u00ad12-1212 och 19121212 - 1212.") == "x […] och […]."
    assert redacted("Ärende 121212-1213") == "Ärende 121212-1213"


def test_no_error_can_carry_a_number_whatever_its_maker_wrote():
    # The last net: a message built carelessly anywhere is cut before it is shown.
    error = CaseFileError([Problem(Place(file="Lucas 19121212-1212.yaml", key="a"),
                                   "okänt steg '121212 1212'", "unknown step '121212 1212'")])
    for text in (str(error), error.message("sv"), error.message("en")):
        assert not holds_identity_number(text) and "1212" not in text
    assert "okänt steg '[…]'" in error.message("sv")


@pytest.mark.parametrize(("value", "number_format"), [
    (501012389, "0000000000"),  # the repro: shown as 0501012389
    (501012389, "000000-0000"),
    ("121212 1212", "General"),
])
def test_the_excel_template_is_read_as_excel_shows_it(
    small: Any, tmp_path: Path, value: object, number_format: str
):
    from openpyxl import load_workbook

    from samverkan.formats.excel_template import ROLES_SHEET, read_template, write_template

    path = tmp_path / "fall.xlsx"
    write_template(path, small)
    book = load_workbook(path)
    cell = book[ROLES_SHEET]["B2"]  # the first role's name
    cell.value = value
    cell.number_format = number_format
    book.save(path)
    with pytest.raises(CaseFileError) as caught:
        read_template(path)
    assert [(p.place.sheet, p.place.row) for p in caught.value.problems] == [(ROLES_SHEET, 2)]
    assert not holds_identity_number(str(caught.value)) and "1212" not in str(caught.value)


def test_the_same_template_number_without_padding_is_not_a_number(small: Any, tmp_path: Path):
    from openpyxl import load_workbook

    from samverkan.formats.excel_template import ROLES_SHEET, read_template, write_template

    path = tmp_path / "fall.xlsx"
    write_template(path, small)
    book = load_workbook(path)
    book[ROLES_SHEET]["B2"].value = 501012389
    book.save(path)
    with pytest.raises(CaseFileError) as caught:  # a number is no name, but no identity number
        read_template(path)
    assert "personnummer" not in str(caught.value)
