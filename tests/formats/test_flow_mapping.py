"""The mapping from a log's paths to a case's steps: the shipped one fits Lucas, and every
problem of a bad one is listed with its key, in Swedish and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan.errors import FlowMappingError
from samverkan.formats.case_io import load_case
from samverkan.formats.flow_mapping import (
    DEFAULT_MAPPING,
    check_against,
    default_mapping_for,
    load_mapping,
    parse_mapping_text,
)
from samverkan.model import Case
from samverkan.model.flow import PATHS
from tests.conftest import EXAMPLES


def test_the_shipped_mapping_fits_both_lucas_cases():
    for name in ("lucas.yaml", "lucas-samverkan.yaml"):
        mapping = default_mapping_for(load_case(EXAMPLES / name))
        assert set(mapping.paths) == set(PATHS)
        assert mapping.paths["not_opened"] == ("s1", "s2")
        assert [s.id for s in mapping.spans] == ["forhandsbedomning", "utredning"]


def test_every_problem_is_listed_with_its_key_in_both_languages():
    text = """
format: samverkan/flow-mapping@9
colour: blue
spans:
  - {id: a, from: investigation_closed, to: report_received, steps: [s1]}
  - {id: a, from: nothing, to: investigation_closed, steps: [s1, s1]}
paths:
  not_opened: [s1]
  closed_intervention: s1
  somewhere: [s1]
"""
    with pytest.raises(FlowMappingError) as caught:
        parse_mapping_text(text, source="koppling.yaml")
    sv, en = caught.value.message("sv"), caught.value.message("en")
    for key in ("format", "colour", "spans[0].to", "spans[1].id", "spans[1].from",
                "spans[1].steps", "paths.closed_intervention", "paths.somewhere",
                "paths.extended", "paths.open", "paths.closed_no_intervention"):
        assert f"nyckel {key}:" in sv, key
        assert f"key {key}:" in en, key
    assert "fil koppling.yaml" in sv and "file koppling.yaml" in en
    assert "samma steg står två gånger" in sv and "the same step is listed twice" in en


def test_a_mapping_naming_steps_the_case_lacks_is_refused_naming_them(tmp_path: Path):
    path = tmp_path / "koppling.yaml"
    path.write_text(DEFAULT_MAPPING.read_text(encoding="utf-8").replace("s6]", "s7]"),
                    encoding="utf-8")
    mapping = load_mapping(path)
    with pytest.raises(FlowMappingError) as caught:
        check_against(mapping, load_case(EXAMPLES / "lucas.yaml"), source=path.name)
    assert "har inget steg 's7'" in caught.value.message("sv")
    assert "has no step 's7'" in caught.value.message("en")
    assert "nyckel spans[1].steps" in caught.value.message("sv")


def test_a_case_of_other_steps_is_told_to_give_a_mapping():
    lucas = load_case(EXAMPLES / "lucas.yaml")
    other = Case(name="Annat", organisations=lucas.organisations, roles=lucas.roles,
                 steps=tuple(s.__class__(f"x{i}", s.name, s.weeks, s.tasks)
                             for i, s in enumerate(lucas.steps)))
    with pytest.raises(FlowMappingError) as caught:
        default_mapping_for(other)
    assert "--mapping" in caught.value.message("sv") and "--mapping" in caught.value.message("en")


def test_a_file_that_is_not_yaml_or_missing_is_said_plainly(tmp_path: Path):
    with pytest.raises(FlowMappingError, match="okänd filtyp"):
        load_mapping(tmp_path / "koppling.txt")
    with pytest.raises(FlowMappingError, match="finns inte"):
        load_mapping(tmp_path / "saknas.yaml")
    bad = tmp_path / "trasig.yaml"
    bad.write_text("paths: [\n", encoding="utf-8")
    with pytest.raises(FlowMappingError, match="YAML"):
        load_mapping(bad)
