"""One test per kind of problem in a case file, each asserting the place it names."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from samverkan.errors import CaseFileError
from samverkan.formats.case_file import case_from_data, parse_case_text
from samverkan.formats.case_io import load_case

SMALL = Path(__file__).parent.parent / "fixtures" / "cases" / "small.yaml"


@pytest.fixture
def data() -> dict[str, Any]:
    loaded = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return copy.deepcopy(loaded)


def problems(data: Any) -> dict[str, tuple[str, str]]:
    """Key path → (Swedish, English) of every problem reported."""
    with pytest.raises(CaseFileError) as info:
        case_from_data(data, source="fall.yaml")
    assert all(p.place.file == "fall.yaml" for p in info.value.problems)
    return {p.place.key or "": (p.sv, p.en) for p in info.value.problems}


def test_unknown_role(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][0]["participants"][1]["role"] = "vaktmastare"
    found = problems(data)
    assert found["steps[0].tasks[0].participants[1].role"] == (
        "okänd yrkesgrupp 'vaktmastare'", "unknown role 'vaktmastare'")


def test_unknown_organisation(data: dict[str, Any]) -> None:
    data["steps"][1]["tasks"][3]["org"] = "skola_x"
    assert "okänd organisation 'skola_x'" in problems(data)["steps[1].tasks[3].org"][0]


def test_duplicate_ids_in_a_list(data: dict[str, Any]) -> None:
    data["roles"][2]["id"] = "a"
    found = problems(data)
    assert "roles[0].id" in found and "roles[2].id" in found
    assert "occurs more than once" in found["roles[2].id"][1]


def test_duplicate_task_ids_across_steps(data: dict[str, Any]) -> None:
    data["steps"][1]["tasks"][0]["id"] = "t1"
    found = problems(data)
    assert {"steps[0].tasks[0].id", "steps[1].tasks[0].id"} <= set(found)


def test_negative_minutes(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][2]["participants"][0]["minutes"] = -5
    assert problems(data)["steps[0].tasks[2].participants[0].minutes"] == (
        "får inte vara negativt", "must not be negative")


def test_minutes_that_are_not_a_number(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][2]["participants"][0]["minutes"] = "en timme"
    sv, en = problems(data)["steps[0].tasks[2].participants[0].minutes"]
    assert "tal" in sv and "number" in en


def test_missing_weeks_on_a_step(data: dict[str, Any]) -> None:
    del data["steps"][1]["weeks"]
    assert problems(data)["steps[1].weeks"] == ("värde saknas", "value is missing")


def test_both_minutes_and_fte(data: dict[str, Any]) -> None:
    data["steps"][1]["tasks"][3]["participants"][0]["minutes"] = 60
    assert "not both" in problems(data)["steps[1].tasks[3].participants[0].fte"][1]


def test_fte_without_weeks(data: dict[str, Any]) -> None:
    del data["steps"][1]["tasks"][3]["participants"][0]["weeks"]
    assert "weeks" in problems(data)["steps[1].tasks[3].participants[0].weeks"][1]


def test_no_time_at_all(data: dict[str, Any]) -> None:
    del data["steps"][0]["tasks"][2]["participants"][0]["minutes"]
    assert "time is missing" in problems(data)["steps[0].tasks[2].participants[0].minutes"][1]


def test_organisation_with_no_tasks_yet_is_accepted(data: dict[str, Any]) -> None:
    # A case is built one element at a time: an organisation comes before its tasks.
    data["organisations"].append({"id": "bup", "name": "BUP", "group": "health"})
    assert case_from_data(data).organisation("bup").name == "BUP"


def test_an_empty_case_is_accepted() -> None:
    case = case_from_data({"format": "samverkan/case@1", "name": "Sara"})
    assert (case.organisations, case.roles, case.steps) == ((), (), ())


def test_exchange_on_a_task_of_another_category(data: dict[str, Any]) -> None:
    data["steps"][1]["tasks"][0]["category"] = "internal"
    assert "collaboration" in problems(data)["steps[1].tasks[0].category"][1]


def test_collaboration_without_an_exchange(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][0]["category"] = "collaboration"
    assert "exchange" in problems(data)["steps[0].tasks[0].exchange"][1]


def test_unknown_key(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][0]["minuter"] = 5
    assert problems(data)["steps[0].tasks[0].minuter"] == ("okänd nyckel", "unknown key")


def test_unknown_category(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][0]["category"] = "fika"
    sv, en = problems(data)["steps[0].tasks[0].category"]
    assert "direct_child" in sv and "one of" in en


def test_wrong_format_tag(data: dict[str, Any]) -> None:
    data["format"] = "samverkan/case@9"
    assert "format" in problems(data)


def test_three_point_estimate_out_of_order(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][2]["participants"][0]["minutes"] = {
        "low": 90, "likely": 60, "high": 120}
    sv, en = problems(data)["steps[0].tasks[2].participants[0].minutes"]
    assert "low ≤ likely ≤ high" in en


def test_every_problem_is_listed_at_once(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][0]["participants"][0]["role"] = "x"
    data["steps"][0]["tasks"][1]["org"] = "y"
    data["steps"][0]["weeks"] = -1
    assert len(problems(data)) == 3


def test_not_a_mapping() -> None:
    assert "" in problems(["a", "list"])


def test_yaml_syntax_error_names_the_line() -> None:
    with pytest.raises(CaseFileError) as info:
        parse_case_text("format: x\nname: [unclosed\n", source="trasig.yaml")
    (problem,) = info.value.problems
    assert problem.place.file == "trasig.yaml" and problem.place.row is not None
    assert "YAML" in problem.en


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="does not exist"):
        load_case(tmp_path / "saknas.yaml")
    other = tmp_path / "fall.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"\.yaml, \.yml, \.json or \.xlsx"):
        load_case(other)


def test_message_is_in_swedish_and_english(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][0]["participants"][0]["role"] = "x"
    with pytest.raises(CaseFileError) as info:
        case_from_data(data, source="fall.yaml")
    assert "Typfallet kan inte läsas" in info.value.message("sv")
    assert "nyckel steps[0].tasks[0].participants[0].role" in info.value.message("sv")
    assert "key steps[0].tasks[0].participants[0].role" in info.value.message("en")


def test_infinite_minutes(data: dict[str, Any]) -> None:
    data["steps"][0]["tasks"][2]["participants"][0]["minutes"] = float("inf")
    assert problems(data)["steps[0].tasks[2].participants[0].minutes"][1] == (
        "must be a finite number")


def test_one_message_for_an_unknown_file_type_whatever_reads_it(tmp_path: Path) -> None:
    """Cases, event logs and reports say the same words, listing the endings each knows."""
    from samverkan.errors import CaseFileError, EventLogError, OptionError
    from samverkan.formats.case_io import SUFFIXES, load_case
    from samverkan.formats.eventlog import SUFFIXES as LOG_SUFFIXES
    from samverkan.formats.eventlog import read_event_log

    doc = tmp_path / "typfall.docx"
    doc.write_text("x", encoding="utf-8")
    with pytest.raises(CaseFileError) as case_error:
        load_case(doc)
    with pytest.raises(EventLogError) as log_error:
        read_event_log(doc)
    report_error = OptionError.unknown_file_type(doc, (".html", ".pdf", ".xlsx"))
    for error, suffixes in ((case_error.value, SUFFIXES), (log_error.value, LOG_SUFFIXES),
                            (report_error, (".html", ".pdf", ".xlsx"))):
        (problem,) = error.problems
        listed = ", ".join(suffixes[:-1])
        assert problem.sv == f"okänd filtyp '.docx': använd {listed} eller {suffixes[-1]}"
        assert problem.en == f"unknown file type '.docx': use {listed} or {suffixes[-1]}"
